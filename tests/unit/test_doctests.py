"""The examples in docstrings (``>>>``) run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import incidentkit

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(incidentkit.__path__, "incidentkit.")
    if info.name != "incidentkit.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    if name == "incidentkit.strategies":
        pytest.importorskip("hypothesis")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"

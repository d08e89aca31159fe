"""The interop docs: generated tables are current and complete (their examples run
in test_docs.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from _paths import ROOT
from incidentkit.interop import _docs

DOCS = ROOT / "docs"
PAGES = sorted(_docs.TABLES)


@pytest.mark.parametrize("page", PAGES)
def test_generated_tables_are_current(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert _docs.render(page, text) == text, "run: python -m incidentkit.interop._docs docs"


def test_tables_mention_every_mapping_value() -> None:
    from incidentkit.interop import acled, ucdp

    tables = _docs.acled_tables()
    for sub in acled.SUB_EVENT_TYPES.values():
        assert f"| {sub.label} |" in tables
    assert all(f"| {code} |" in _docs.ucdp_tables() for code in ucdp.TYPE_OF_VIOLENCE)


def test_update_rewrites_a_stale_page(tmp_path: Path) -> None:
    for page in PAGES:
        text = (DOCS / page).read_text(encoding="utf-8")
        stale = re.sub(r"(?s)(BEGIN generated[^\n]*\n).*?(<!-- END)", r"\1\n\2", text)
        (tmp_path / page).write_text(stale, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "incidentkit.interop._docs", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.count("updated") == len(PAGES)
    for page in PAGES:
        assert (tmp_path / page).read_text(encoding="utf-8") == (DOCS / page).read_text(
            encoding="utf-8"
        )
    with pytest.raises(ValueError, match="no generated section"):
        _docs.render("acled.md", "no markers")


def test_import_incidentkit_does_not_import_interop() -> None:
    code = "import sys, incidentkit; print(any('interop' in m for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_interop_public_names() -> None:
    import incidentkit.interop as interop
    from incidentkit.interop import acled, geojson, ucdp

    for module in (interop, acled, ucdp, geojson):
        assert module.__all__ == sorted(module.__all__, key=lambda n: (not n.isupper(), n))
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"


def test_interop_country_table_covers_exactly_the_core_codes() -> None:
    from incidentkit._countries import COUNTRY_CODES
    from incidentkit.interop import _countries

    assert set(_countries.NAME) == set(COUNTRY_CODES)

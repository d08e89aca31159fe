"""The public surface: what ``import incidentkit`` offers."""

from __future__ import annotations

import subprocess
import sys

import incidentkit


def test_all_names_exist_and_are_sorted_uniquely() -> None:
    assert len(set(incidentkit.__all__)) == len(incidentkit.__all__)
    for name in incidentkit.__all__:
        assert hasattr(incidentkit, name), name


def test_every_public_class_is_exported() -> None:
    import inspect

    public_modules = ["actors", "codec", "defection", "errors", "evidence", "incident"]
    public_modules += ["location", "quantity", "time"]
    for module_name in public_modules:
        module = __import__(f"incidentkit.{module_name}", fromlist=["__all__"])
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) and not name.startswith("_"):
                assert name in incidentkit.__all__, f"{module_name}.{name}"


def test_version_is_set() -> None:
    assert incidentkit.__version__.count(".") == 2


def test_import_does_not_import_hypothesis_or_orjson_eagerly() -> None:
    code = "import sys, incidentkit; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_records_have_docstrings_and_field_descriptions() -> None:
    import attrs

    from incidentkit._fields import Model, constraints_of

    for name in incidentkit.__all__:
        obj = getattr(incidentkit, name)
        if isinstance(obj, type) and issubclass(obj, Model):
            assert obj.__doc__, name
            for attribute in attrs.fields(obj):
                assert constraints_of(attribute).description, f"{name}.{attribute.name}"

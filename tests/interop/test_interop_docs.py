"""The interop docs: generated tables are complete (tests/unit/test_docgen.py checks
that the pages are current; their examples run in test_docs.py)."""

from __future__ import annotations

import subprocess
import sys

from incidentkit.interop import _docs


def test_tables_mention_every_mapping_value() -> None:
    from incidentkit.interop import acled, ucdp

    tables = _docs.acled_tables()
    for sub in acled.SUB_EVENT_TYPES.values():
        assert f"| {sub.label} |" in tables
    assert all(f"| {code} |" in _docs.ucdp_tables() for code in ucdp.TYPE_OF_VIOLENCE)


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

"""What the fuzzers call: one function per entry point, taking raw bytes.

Each target feeds the bytes to a public reader the way a hostile file or caller
would and lets only the documented exception through as "expected":
:class:`incidentkit.ValidationError` (the ``validate`` readers not even that: they
report problems, never raise). Anything else propagates, and the fuzzer records
it as a crash. The targets work without atheris, so a crash file can be replayed
(``python fuzz/run.py --replay TARGET FILE``) and kept as a regression test.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

import incidentkit as ik  # noqa: E402
from incidentkit import codec  # noqa: E402

#: Zone arguments tried by the targets that take one: real zones, and names that
#: must be refused without touching the file system.
ZONES = ("UTC", "Asia/Kabul", "America/St_Johns", "Nowhere/Zone", "/etc/passwd", "../x", "x" * 300)
CLASSES = (ik.Incident, ik.Defection, ik.Actor, ik.Count, ik.Location, ik.Time, ik.Source)

#: Exceptions known to escape code being fixed under another issue, so that the
#: short CI run stays green meanwhile: (target, exception type name, text in the
#: message), each with an xfail(strict=True) regression test in tests/unit/
#: test_fuzz_regressions.py. Empty: every escape found so far is fixed.
KNOWN: tuple[tuple[str, str, str], ...] = ()


def known(target: str, exc: BaseException) -> bool:
    """Whether ``exc`` from ``target`` is a listed, not yet fixed escape."""
    name = type(exc).__name__
    return any(
        t in (target, "*") and n == name and text in str(exc)
        for t, n, text in KNOWN
        if not isinstance(exc, ik.ValidationError)
    )


def _pick(data: bytes, options: tuple[object, ...]) -> object:
    return options[data[0] % len(options)] if data else options[0]


def loads(data: bytes) -> None:
    """``loads`` for a record class picked by the first byte, with orjson present
    or not (the second byte); both must agree."""
    cls = _pick(data, CLASSES)
    text = data[2:]
    outcomes = []
    for backend in (codec._orjson(), None):
        saved = codec.orjson
        codec.orjson = backend
        try:
            outcomes.append(("ok", ik.loads(text, cls)))  # type: ignore[call-overload]
        except ik.ValidationError as exc:
            outcomes.append(("refused", [p.path for p in exc.errors]))
        finally:
            codec.orjson = saved
    if outcomes[0] != outcomes[1]:
        raise AssertionError(f"the JSON backends disagree: {outcomes}")
    if outcomes[0][0] == "ok":
        record = outcomes[0][1]
        if ik.loads(ik.dumps(record), cls) != record:  # type: ignore[call-overload]
            raise AssertionError("loads(dumps(x)) != x")


def jsonl(data: bytes) -> None:
    reader = ik.iter_jsonl(io.BytesIO(data), _pick(data, CLASSES), on_error="collect")  # type: ignore[call-overload]
    for _ in reader:
        pass


def validate(data: bytes) -> None:
    """The ``validate`` command's reader: problems, never an exception."""
    from incidentkit._filecheck import check_stream

    for _ in check_stream(io.BytesIO(data), None, max_bytes=1 << 16):
        pass


def values(data: bytes) -> None:
    """The count of JSON values taken without parsing (the document limit) against
    a parse: exact for every JSON text, in bytes and in text, and for anything else
    an answer, never an exception."""
    import json

    from incidentkit._jsonsize import holds_more_than

    try:
        text = data.decode("utf-8")
        value = json.loads(text)
    except (ValueError, RecursionError):
        holds_more_than(data, 0)
        holds_more_than(data.decode("utf-8", "replace"), 0)
        return
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    for source in (data, text):
        if holds_more_than(source, count) or not holds_more_than(source, count - 1):
            raise AssertionError(f"the value count is not {count}")


def _csv(data: bytes, fmt: str) -> None:
    if fmt == "acled":
        from incidentkit.interop.acled import read_acled_csv as read
    else:
        from incidentkit.interop.ucdp import read_ucdp_csv as read
    tz = str(_pick(data, ZONES))
    try:
        for _ in read(io.BytesIO(data[1:]), tz=tz, on_error="collect"):
            pass
    except ik.ValidationError:  # a file that cannot be read any further
        pass


def acled(data: bytes) -> None:
    _csv(data, "acled")


def ucdp(data: bytes) -> None:
    _csv(data, "ucdp")


def api(data: bytes) -> None:
    """``read_acled_json`` / ``read_ucdp_json`` (picked by the first byte) on the
    rest, read as an API response from a file."""
    from incidentkit.interop.acled import read_acled_json
    from incidentkit.interop.ucdp import read_ucdp_json

    read: Any = _pick(data, (read_acled_json, read_ucdp_json))
    try:
        for _ in read(io.BytesIO(data[1:]), on_error="collect"):
            pass
    except ik.ValidationError:  # not a response that can be read at all
        pass


def _text(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").split("\x00")


def time(data: bytes) -> None:
    """``resolve_time(phrase, reference=..., tz=...)``: PHRASE \\0 REFERENCE \\0 ZONE."""
    from incidentkit.timephrases import resolve_time

    phrase, *rest = _text(data)
    zone = rest[1] if len(rest) > 1 else str(_pick(data, ZONES))
    try:
        reference = ik.Time.from_edtf(rest[0] if rest else "2021-03-11", tz="UTC")
    except ik.ValidationError:
        reference = ik.Time.from_edtf("2021-03-11T12:00:00Z", tz="UTC")
    with contextlib.suppress(ik.ValidationError):
        resolve_time(phrase, reference=reference, tz=zone, dayfirst=len(data) % 2 == 0)


def edtf(data: bytes) -> None:
    """``Time.from_edtf(text, tz=...)``: TEXT \\0 ZONE."""
    text, *rest = _text(data)
    zone = rest[0] if rest else str(_pick(data, ZONES))
    try:
        value = ik.Time.from_edtf(text, tz=zone)
    except ik.ValidationError:
        return
    try:
        again = ik.Time.from_edtf(value.to_edtf(), tz=value.tz)
    except ik.ValidationError:  # to_edtf may refuse what EDTF cannot say
        return
    if again != value:
        raise AssertionError(f"from_edtf(to_edtf(x)) != x for {text!r}")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "loads": loads,
    "jsonl": jsonl,
    "validate": validate,
    "values": values,
    "acled": acled,
    "ucdp": ucdp,
    "api": api,
    "time": time,
    "edtf": edtf,
}


def call(target: str, data: bytes) -> None:
    """Run ``target`` on ``data``: ValidationError (where expected) and known
    escapes pass; anything else is raised."""
    try:
        TARGETS[target](data)
    except ik.ValidationError:
        if target == "validate":
            raise
    except Exception as exc:
        if not known(target, exc):
            raise


def seeds(target: str) -> list[bytes]:
    """Starting inputs for ``target``, from the test data and the examples."""
    from incidentkit import examples

    data = ROOT / "tests" / "data"
    records = [ik.dumps(r).encode() for r in examples.RECORDS]
    if target in ("loads", "jsonl", "validate", "values"):
        pretty = [ik.dumps(r, indent=True).encode() for r in examples.RECORDS]
        return [
            b"\x00\x00" + records[0],
            b"\x01\x00" + records[-1],
            b"\n".join(records),
            b"[" + b",".join(pretty) + b"]",
            *pretty,
        ]
    if target in ("acled", "ucdp"):
        return [b"\x00" + (data / f"{target}.csv").read_bytes()]
    if target == "api":
        pages = []
        for first, name, key in ((b"\x00", "acled", "data"), (b"\x01", "ucdp", "Result")):
            with open(data / f"{name}.csv", newline="", encoding="utf-8") as file:
                rows = list(csv.DictReader(file))[:3]
            pages.append(first + json.dumps({key: rows}).encode())
        return pages
    if target == "time":
        phrases = [
            "three months ago",
            "on Thursday afternoon at about 1pm",
            "yesterday\x009999-12-31\x00UTC",
            "early March\x002021-03-11T18:00:00+04:30\x00Asia/Kabul",
            "11/03/2021 at 13:00 UTC",
            "in recent weeks",
            "last night",
            "2 hours ago",
        ]
        return [p.encode() for p in phrases]
    return [
        t.encode()
        for t in ("2021-03-11", "2021-03~", "2021-03-11T13:00:00+04:30", "2021/2022", "1984?")
    ]

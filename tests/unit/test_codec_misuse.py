"""The codec's answers to misuse and hostile input: a TypeError for a wrong
``cls`` (a programming error), a ValidationError with a path for anything in the
data, and patterns that stay linear up to the document limit."""

from __future__ import annotations

import time
from typing import Any

import attrs
import pytest

import incidentkit as ik
from incidentkit import examples
from incidentkit._fields import Model, compile_pattern


@pytest.mark.parametrize("cls", [int, None, str, dict, list, "Incident", object, list[int]])
def test_a_cls_that_is_not_a_record_class_is_a_type_error(cls: Any) -> None:
    for call in (
        lambda: ik.loads("1", cls),
        lambda: ik.loads("{", cls),  # before the text is even looked at
        lambda: ik.from_dict({}, cls),
        lambda: ik.iter_jsonl([], cls),
    ):
        with pytest.raises(TypeError, match="record class"):
            call()


def test_record_classes_and_the_actor_union_are_accepted() -> None:
    assert ik.loads(ik.dumps(examples.INCIDENT), ik.Incident) == examples.INCIDENT
    actor = examples.INCIDENT.actors[0]
    assert ik.from_dict(ik.to_dict(actor), ik.Actor) == actor
    assert ik.from_dict({"lat": 1, "lon": 2}, ik.Point) == ik.Point(lat=1, lon=2)


@pytest.mark.parametrize("key", [None, 1, b"x", 1.5, (1, 2)])
def test_non_string_keys_are_validation_errors(key: Any) -> None:
    data = {**ik.to_dict(examples.INCIDENT), key: 1}
    with pytest.raises(ik.ValidationError) as info:
        ik.from_dict(data, ik.Incident)
    assert info.value.errors[0].path == "$"
    assert "keys must be strings" in info.value.errors[0].message


def test_a_key_with_a_newline_stays_on_one_line() -> None:
    data = {**ik.to_dict(examples.INCIDENT), "a\nb": 1}
    with pytest.raises(ik.ValidationError) as info:
        ik.from_dict(data, ik.Incident)
    assert info.value.paths == ['$["a\\nb"]']
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("best", [10**5000, -(10**5000), 2**64], ids=["huge", "-huge", "2^64"])
def test_huge_integers_are_validation_errors(best: int) -> None:
    with pytest.raises(ik.ValidationError) as info:
        ik.Count(best=best)
    assert info.value.paths == ["$.best"]
    with pytest.raises(ik.ValidationError):
        ik.from_dict({"best": best}, ik.Count)


def test_duplicate_keys_are_refused_at_any_depth() -> None:
    text = ik.dumps(examples.INCIDENT)
    with pytest.raises(ik.ValidationError, match="duplicate key 'id'"):
        ik.loads('{"id": "x",' + text[1:], ik.Incident)
    nested = text.replace('"where":{', '"where":{"precision":"exact",', 1)
    assert nested != text
    with pytest.raises(ik.ValidationError, match="duplicate key"):
        ik.loads(nested, ik.Incident)
    with pytest.raises(ik.ValidationError, match="line 2"):
        list(ik.iter_jsonl([text, '{"a": 1, "a": 1}'], ik.Incident))


def _model_patterns() -> list[tuple[str, Any, int | None]]:
    """(where, constraints, max_length) for every declared pattern."""
    import incidentkit

    found = []
    for name in incidentkit.__all__:
        cls = getattr(incidentkit, name)
        if isinstance(cls, type) and issubclass(cls, Model):
            for field in attrs.fields(cls):
                meta = field.metadata.get("incidentkit")
                pattern = getattr(meta, "pattern", None)
                if pattern is not None:
                    found.append((f"{cls.__name__}.{field.name}", meta, meta.max_length))
    return found


def test_every_pattern_is_found() -> None:
    assert len(_model_patterns()) >= 8


@pytest.mark.slow
@pytest.mark.parametrize(("where", "meta", "max_length"), _model_patterns())
def test_every_pattern_is_linear_up_to_the_document_limit(
    where: str, meta: Any, max_length: int | None
) -> None:
    """Pathological inputs (long runs of what the pattern's repetitions accept,
    with a failing end) of 1/16 and all of 8 MiB: the field's checks (length,
    then pattern, as the codec runs them) take time that grows at most linearly,
    within 2 s per MB. A pattern on a field with a maximum length never sees a
    longer value; one without must be linear itself."""
    from incidentkit._checks import _constraint_checks

    checks = _constraint_checks(meta)
    regex = compile_pattern(meta.pattern)
    limit = 8 * 1024 * 1024
    pieces = ["a", "A", "0", "-", ".", "a-", "a.", "/a", "%20", "ab-", "/", "_", "+", "\\", "["]
    for piece in pieces:
        timings = []
        for size in (limit // 16, limit):
            text = "a" + piece * (size // len(piece)) + "\n!"
            best = float("inf")
            for _ in range(3):  # the best of three: the machine may be busy
                start = time.perf_counter()
                messages = [check(text) for check in checks]
                if max_length is None:
                    regex.search(text)
                best = min(best, time.perf_counter() - start)
            timings.append(best)
            assert any(messages), (where, piece)
        small, large = timings
        assert large < max(small * 16 * 3, 0.05), (where, piece, timings)
        assert large < 2 * limit / 1e6, (where, piece, timings)


def test_patterns_never_run_on_over_long_values() -> None:
    """A value over its max_length is reported for its length only, quickly."""
    url = "https://example.org/" + "a" * 30_000_000
    start = time.perf_counter()
    with pytest.raises(ik.ValidationError) as info:
        ik.from_dict({"id": "s", "publisher": "p", "url": url}, ik.Source)
    assert time.perf_counter() - start < 2
    assert [p.message for p in info.value.errors if p.path == "$.url"] == [
        f"is {len(url)} characters long; at most 2048"
    ]

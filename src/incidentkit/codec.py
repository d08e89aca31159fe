"""Reading and writing records: dicts, JSON text and JSON Lines.

Everything goes through one cattrs converter, built on first use. Its hooks are
strict (a JSON string is never coerced into a number, nor a number into a
string), forbid unknown keys, and keep detailed error paths, which are turned into
:class:`~incidentkit.ValidationError` problems at this one boundary. orjson is
used when installed; the standard library's json otherwise, with identical output.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import os
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar, overload

import attrs

from . import _compiled
from ._caches import on_clear
from ._checks import not_a_member
from ._fields import DATETIME_PATTERN, DocEnum, Model, compile_pattern, is_tag, json_type_name
from ._jsonsize import check_value_count
from ._typetree import ConstNode, JsonNode, TupleNode, UnionNode, type_node, union_node
from .errors import Problem, ValidationError, join_path

if TYPE_CHECKING:  # cattrs is imported when the converter is first built
    import cattrs
    from typing_extensions import TypeForm

_UNLOADED: Any = object()
#: The orjson module, looked for when JSON is first read or written (None where it
#: is not installed): importing it, or the standard json module, with incidentkit
#: would add a tenth to ``import incidentkit``. The tests set it to None.
orjson: Any = _UNLOADED


def _orjson() -> Any:
    return orjson if orjson is not _UNLOADED else _optional("orjson")


#: The msgspec module (the ``fast`` extra), looked for when a record is first read
#: from JSON (None where it is not installed). The tests set it to None.
msgspec: Any = _UNLOADED


def _msgspec() -> Any:
    return msgspec if msgspec is not _UNLOADED else _optional("msgspec")


def _optional(name: str) -> Any:
    """The optional module ``name`` (None where it is not installed), imported once
    and kept in this module's global of the same name."""
    try:
        module: Any = importlib.import_module(name)
    except ImportError:  # pragma: no cover - depends on the environment
        module = None
    globals()[name] = module
    return module


__all__ = [
    "DEFAULT_MAX_BYTES",
    "JsonLinesReader",
    "dumpb",
    "dumps",
    "from_dict",
    "iter_jsonl",
    "loads",
    "to_dict",
    "write_jsonl",
]

T = TypeVar("T")

#: Re-raise what a compiled fast path raises other than its "invalid" signal, instead
#: of falling back to the converter quietly (the tests set this, through the
#: ``INCIDENTKIT_DEBUG_FAST_PATHS`` environment variable).
DEBUG_FAST_PATHS = bool(os.environ.get("INCIDENTKIT_DEBUG_FAST_PATHS"))

#: Largest JSON document (or JSON Lines line) read by default: 64 MiB.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_RFC3339 = compile_pattern(DATETIME_PATTERN)


# ---------------------------------------------------------------- converter


@cache
def converter() -> cattrs.Converter:
    """The converter behind every entry point, configured once on first use (and
    cattrs imported then: ``import incidentkit`` does not need it)."""
    import cattrs

    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=True)
    for cls, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (float, _structure_float),
        (bool, _structure_bool),
        (datetime, _structure_datetime),
        (DocEnum, _structure_enum),
    ):
        conv.register_structure_hook(cls, hook)
    conv.register_unstructure_hook(DocEnum, _unstructure_enum)
    conv.register_unstructure_hook(datetime, _unstructure_datetime)
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_tuple, lambda t: _tuple_hook(conv, t))
    conv.register_unstructure_hook_factory(_is_tuple, lambda t: _untuple_hook(conv, t))
    conv.register_structure_hook_factory(_is_json_object, lambda t: _structure_object)
    conv.register_structure_hook_factory(_is_model, lambda t: _model_hook(conv, t))
    conv.register_unstructure_hook_factory(_is_model, lambda t: _unmodel_hook(conv, t))
    conv.register_structure_hook_factory(
        _is_record_union, lambda t: functools.partial(_structure_union, conv, union_node(t))
    )
    return conv


def _unstructure_enum(member: DocEnum) -> str:
    return member._value_


def _unstructure_datetime(value: datetime) -> str:
    return value.isoformat()


def _structure_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected string, got {json_type_name(value)}")


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # JSON has one number type: 40.0 is the integer 40 to JSON Schema and JavaScript.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise TypeError(f"expected integer, got {json_type_name(value)}")


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise TypeError(f"expected number, got {json_type_name(value)}")


def _structure_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected boolean, got {json_type_name(value)}")


def _structure_datetime(value: Any, _: Any) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected an RFC 3339 date-time string, got {json_type_name(value)}")
    if not _RFC3339.match(value):
        raise ValueError(
            f"{value[:40]!r} is not an RFC 3339 date-time with a UTC offset "
            "(e.g. 2021-03-11T13:00:00+04:30)"
        )
    try:
        return _parse_rfc3339(value)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{value!r} is not a valid date-time ({exc})") from None


def _parse_rfc3339(text: str) -> datetime:
    """An RFC 3339 date-time (``text`` matches :data:`_RFC3339`), with a fixed
    :class:`datetime.timezone` for its offset (``timezone.utc`` for a zero one).

    ``datetime.fromisoformat`` reads every such text (in C) from Python 3.11 on,
    except a lower-case ``t`` or ``z``; those, and anything it refuses (a day beyond
    the end of its month, or any "Z" before 3.11), go to the slower reader below,
    which gives the error."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return _parse_rfc3339_slowly(text)


#: The tzinfo for each UTC offset text ("+04:30", "Z") the slow reader has seen.
_OFFSETS: dict[str, tzinfo] = {}


def _parse_rfc3339_slowly(text: str) -> datetime:
    offset = "Z" if text[-1] in "Zz" else text[-6:]
    zone = _OFFSETS.get(offset) or _OFFSETS.setdefault(offset, _offset_zone(offset))
    fraction = text[20 : len(text) - len(offset)]  # the digits after "ss."
    return datetime(
        int(text[0:4]),
        int(text[5:7]),
        int(text[8:10]),
        int(text[11:13]),
        int(text[14:16]),
        int(text[17:19]),
        int(fraction[:6].ljust(6, "0")) if fraction else 0,
        zone,
    )


def _offset_zone(offset: str) -> tzinfo:
    if offset == "Z" or offset[1:] == "00:00":
        return timezone.utc
    hours, minutes = int(offset[1:3]), int(offset[4:6])
    seconds = (hours * 60 + minutes) * 60
    return timezone(timedelta(seconds=-seconds if offset[0] == "-" else seconds))


def _structure_enum(value: Any, cls: type[DocEnum]) -> DocEnum:
    try:
        return cls._value2member_map_[value]  # type: ignore[return-value]
    except (KeyError, TypeError):
        pass
    raise ValueError(not_a_member(cls, value))


def _is_literal(tp: Any) -> bool:
    return _is_hashable(tp) and isinstance(type_node(tp), ConstNode)


def _literal_hook(tp: Any) -> Callable[[Any, Any], Any]:
    node = type_node(tp)
    assert isinstance(node, ConstNode)
    constant = node.value

    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value == constant:
            return value
        raise ValueError(f"must be {constant!r}")

    return hook


def _is_hashable(tp: Any) -> bool:
    try:
        hash(tp)
    except TypeError:
        return False
    return True


def _is_tuple(tp: Any) -> bool:
    return _is_hashable(tp) and isinstance(type_node(tp), TupleNode)


def _item_type(tp: Any) -> Any:
    node = type_node(tp)
    assert isinstance(node, TupleNode)
    return node.item_type


def _tuple_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    from cattrs.errors import IterableValidationError, IterableValidationNote

    item_type = _item_type(tp)
    item_hook = conv.get_structure_hook(item_type)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected array, got {json_type_name(value)}")
        items = []
        errors = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected, reported with a path
                exc.__notes__ = [  # type: ignore[attr-defined]
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"@ index {index}", index, item_type),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError("invalid items", errors, tp)
        return tuple(items)

    return hook


def _untuple_hook(conv: cattrs.Converter, tp: Any) -> Callable[[Any], list[Any]]:
    item_hook = conv.get_unstructure_hook(_item_type(tp))
    return lambda value: [item_hook(item) for item in value]


def _is_json_object(tp: Any) -> bool:
    return _is_hashable(tp) and isinstance(type_node(tp), JsonNode)


def _structure_object(value: Any, _: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected object, got {json_type_name(value)}")
    return dict(value)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Model) and attrs.has(tp)


def _model_hook(conv: cattrs.Converter, cls: type[Any]) -> Callable[[Any, Any], Any]:
    from cattrs.gen import make_dict_structure_fn

    generated = make_dict_structure_fn(cls, conv)
    tags = [a.name for a in attrs.fields(cls) if is_tag(a)]

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected object, got {json_type_name(value)}")
        # The tag has a default for Python callers, but on the wire it is required.
        missing = [
            Problem(join_path("$", n), "required key missing") for n in tags if n not in value
        ]
        if not missing:
            return generated(value, cls)
        try:
            generated(value, cls)
        except Exception as exc:  # noqa: BLE001 - reported together with the missing tag
            missing.extend(_problems(exc, "$"))
        raise ValidationError(missing)

    return hook


def _unmodel_hook(conv: cattrs.Converter, cls: type[Any]) -> Callable[[Any], Any]:
    from cattrs.gen import make_dict_unstructure_fn, override

    tags: dict[str, Any] = {
        a.name: override(omit_if_default=False) for a in attrs.fields(cls) if is_tag(a)
    }
    return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **tags)


def _is_record_union(tp: Any) -> bool:
    """Whether ``tp`` is a union of record classes told apart by a tag (``Actor``)."""
    return _is_hashable(tp) and isinstance(type_node(tp), UnionNode)


def _structure_union(conv: cattrs.Converter, node: UnionNode, value: Any, _: Any) -> Any:
    """A member of a tagged union of records, chosen by its tag."""
    if not isinstance(value, dict):
        raise TypeError(f"expected object, got {json_type_name(value)}")
    tags = node.by_tag()
    listed = ", ".join(repr(tag) for tag in tags)
    path = f"$.{node.tag}"
    if node.tag not in value:
        raise ValidationError(f"required key missing (one of {listed})", path)
    tag = value[node.tag]
    cls = tags.get(tag) if isinstance(tag, str) else None
    if cls is None:
        raise ValidationError(f"must be one of {listed}", path)
    return conv.structure(value, cls)


# ---------------------------------------------------------------- errors


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    """Flatten a (nested) cattrs error into problems with ``$``-paths."""
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(exc, ValidationError):
        for problem in exc.errors:
            yield problem.under(path)
    elif isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            key = note.index if isinstance(note, IterableValidationNote) else note.name
            yield from _problems(inner, join_path(path, key))
        for inner in without:
            yield from _problems(inner, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        extra: set[Any] = set(exc.extra_fields)  # not only strings, whatever cattrs says
        for key in sorted(extra, key=lambda k: (not isinstance(k, str), repr(k))):
            if isinstance(key, str):
                yield Problem(join_path(path, key), "unknown key")
            else:
                yield Problem(path, f"keys must be strings, got {type(key).__name__} {key!r:.40}")
    elif isinstance(exc, KeyError):
        yield Problem(path, "required key missing")
    elif isinstance(exc, RecursionError):
        yield Problem(path, "input is nested too deeply")
    else:
        yield Problem(path, str(exc) or type(exc).__name__)


# ---------------------------------------------------------------- dicts


@overload
def from_dict(data: Any, cls: type[T]) -> T: ...
@overload
def from_dict(data: Any, cls: TypeForm[T]) -> T: ...
def from_dict(data: Any, cls: Any) -> Any:
    """Build a record of type ``cls`` (or the :data:`Actor` union) from plain data.

    Raises :class:`ValidationError` listing every problem with its path, and
    :class:`TypeError` when ``cls`` is not a record class or the Actor union (a
    programming error, not bad data).
    """
    _check_cls(cls)
    return _structure(data, cls)


def _structure(data: Any, cls: Any) -> Any:
    """:func:`from_dict` for a ``cls`` that :func:`_check_cls` has accepted."""
    fast = _fast_structure(cls)
    if fast is not None:
        try:
            return fast(data)
        except (_compiled.Invalid, KeyError, ValidationError, RecursionError):
            pass  # not valid (a KeyError: a required key missing): the converter says
        except Exception:
            if DEBUG_FAST_PATHS:  # a bug in the compiled function: show it
                raise
            # Still correct (the converter decides), but slower; tests turn this up.
    try:
        return converter().structure(data, cls)
    except ValidationError:
        raise
    except RecursionError:
        raise ValidationError("input is nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - every failure becomes one error type
        raise ValidationError(list(_problems(exc, "$"))) from None


#: The classes :func:`_check_cls` has accepted.
_RECORD_CLASSES: set[Any] = set()


def _check_cls(cls: Any) -> None:
    """Refuse, with a TypeError, a ``cls`` that is not a record class or the Actor
    union: ``loads(text, int)`` is a mistake in the calling code, not in the data."""
    try:
        if cls in _RECORD_CLASSES:
            return
    except TypeError:  # unhashable: certainly not a record class
        pass
    else:
        if _is_model(cls) or _is_any_record_union(cls):
            _RECORD_CLASSES.add(cls)
            return
    raise TypeError(
        f"cls must be an incidentkit record class (such as incidentkit.Incident) or a "
        f"tagged union of them (such as incidentkit.Actor), got {cls!r:.80}"
    )


def _is_any_record_union(cls: Any) -> bool:
    try:
        return _is_record_union(cls)
    except Exception:  # noqa: BLE001 - whatever it is, it is not a union of records
        return False


def to_dict(obj: Any) -> dict[str, Any]:
    """The wire form of a record as plain dicts, lists, strings and numbers."""
    write = _FAST_UNSTRUCTURE.get(type(obj))
    if write is None:
        if not _is_model(type(obj)):
            raise TypeError(f"to_dict expects an incidentkit record, got {type(obj).__name__}")
        write = _FAST_UNSTRUCTURE[type(obj)] = _unstructure_function(type(obj))
    return write(obj)


# ---------------------------------------------------------------- fast paths

#: What the converter's hooks do, for the compiled functions (see ``_compiled``).
_STRUCTURE_HOOKS: dict[Any, str] = {
    _structure_str: _compiled.RECHECKED,
    _structure_int: _compiled.RECHECKED,
    _structure_bool: _compiled.RECHECKED,
    _structure_float: _compiled.TO_FLOAT,
    _structure_enum: _compiled.ENUM_MEMBER,
    _structure_datetime: _compiled.AWARE_DATETIME,
    _structure_object: _compiled.JSON_OBJECT,
}


#: The separators of the plainest RFC 3339 date-time, ``2021-03-11T13:00:00+04:30``,
#: at every third character from the fifth (``value[4:23:3]``).
_PLAIN_SHAPES = ("--T::+:", "--T::-:")


def _read_datetime(value: Any) -> datetime:
    """What :func:`_structure_datetime` returns, for the compiled functions: one call,
    and :class:`_compiled.Invalid` for anything it would refuse.

    The plainest form (25 characters, no fraction, an offset) skips the pattern:
    there ``datetime.fromisoformat`` (digits only, in C) accepts exactly what the
    pattern and it accept together, once the hour is below 24 (newer Pythons read
    24:00 as the next day) and the offset's minutes below 60 (which older ones do
    not test). Anything it refuses goes the full way, which decides."""
    if type(value) is str:
        if (
            len(value) == 25
            and value[4:23:3] in _PLAIN_SHAPES
            and value[11:13] < "24"
            and value[23] < "6"
        ):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                pass  # the full test below decides
        if not _RFC3339.match(value):
            raise _compiled.Invalid
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            try:
                return _parse_rfc3339_slowly(value)
            except (ValueError, OverflowError):
                pass
    raise _compiled.Invalid


#: Readers the compiled functions call instead of a hook of the given kind (one call
#: where the guarded hook makes two; same result, :class:`_compiled.Invalid` for
#: what the hook refuses).
_READERS: dict[str, Callable[[Any], Any]] = {_compiled.AWARE_DATETIME: _read_datetime}
_UNSTRUCTURE_HOOKS: dict[Any, str] = {
    _unstructure_enum: _compiled.ENUM_VALUE,
    _unstructure_datetime: _compiled.ISOFORMAT,
}
_FAST_STRUCTURE: dict[Any, Callable[[Any], Any] | None] = {}
_FAST_UNSTRUCTURE: dict[type, Callable[[Any], dict[str, Any]]] = {}
_FAST_JSON: dict[type, Callable[[Any], dict[str, Any]]] = {}
#: Per record class, a compiled function writing a record with orjson (its
#: ``_FAST_JSON`` dict, handed to ``orjson.dumps``): built with that one, and used
#: only while ``orjson`` is loaded (the tests set it to None).
_FAST_BYTES: dict[type, Callable[[Any], bytes]] = {}


@on_clear
def _forget_fast_paths() -> None:
    for table in (_FAST_STRUCTURE, _FAST_UNSTRUCTURE, _FAST_JSON, _FAST_BYTES, _FAST_TEXT):
        table.clear()
    converter.cache_clear()


def _fast_structure(cls: Any) -> Callable[[Any], Any] | None:
    """The compiled structure function for a record class or a tagged union of
    them (built on first use), or None for other types."""
    try:
        return _FAST_STRUCTURE[cls]
    except KeyError:
        pass
    except TypeError:  # unhashable: not a type we compile
        return None
    fast = None
    if _compiled.root_node(cls) is not None:
        try:
            fast = _compiled.compile_structure(converter(), cls, _STRUCTURE_HOOKS, _READERS)
        except NotImplementedError:  # something the compiler leaves to the converter
            fast = None
    _FAST_STRUCTURE[cls] = fast
    return fast


def _unstructure_function(cls: type, for_json: bool = False) -> Callable[[Any], dict[str, Any]]:
    """The compiled unstructure function of a record class (or the converter's)."""
    try:
        return _compiled.compile_unstructure(
            converter(), cls, _UNSTRUCTURE_HOOKS, for_json=for_json
        )
    except NotImplementedError:  # something the compiler leaves to the converter
        hook: Callable[[Any], dict[str, Any]] = converter().get_unstructure_hook(cls)
        return hook


# ---------------------------------------------------------------- JSON text


def dumps(obj: Any, *, indent: bool = False) -> str:
    """A record as JSON text: compact, or with two-space indentation."""
    # The common case in as few steps as it takes: a record whose orjson writer is
    # built, written compactly (``dumps`` of a small record is mostly overhead).
    write = _FAST_BYTES.get(type(obj))
    if write is not None and orjson is not None and not indent:
        text: str = write(obj).decode()
        return text
    return encode_json(_json_ready(obj), indent)


def dumpb(obj: Any, *, indent: bool = False) -> bytes:
    """A record as UTF-8 JSON bytes, the same as ``dumps(obj).encode()``: for files,
    sockets and hashes, without decoding the writer's bytes to text and back."""
    write = _FAST_BYTES.get(type(obj))
    if write is not None and orjson is not None and not indent:
        written: bytes = write(obj)
        return written
    data = _json_ready(obj)
    fast = _orjson()
    if fast is not None:
        return fast.dumps(data, option=fast.OPT_INDENT_2 if indent else 0)  # type: ignore[no-any-return]
    return _write(data, "\n" if indent else "").encode()


def _json_ready(obj: Any) -> Any:
    """What :func:`to_dict` gives, as far as the JSON writers can tell: enum members,
    tuples of plain values and datetimes are left for them to write."""
    write = _FAST_JSON.get(type(obj))
    if write is None:
        cls = type(obj)
        if not _is_model(cls):
            to_dict(obj)  # raises the TypeError it raises for anything else
        write = _FAST_JSON[cls] = _json_functions(cls)
    return write(obj)


def _json_functions(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The compiled ``for_json`` function of a record class (or the converter's
    unstructure hook); with orjson loaded, also its orjson writer, kept in
    ``_FAST_BYTES`` for :func:`dumpb` and :func:`dumps`."""
    fast = _orjson()
    if fast is None:
        return _unstructure_function(cls, for_json=True)
    try:
        ready, written = _compiled.compile_json(converter(), cls, _UNSTRUCTURE_HOOKS, fast.dumps)
    except NotImplementedError:  # something the compiler leaves to the converter
        return _unstructure_function(cls, for_json=True)
    _FAST_BYTES[cls] = written
    return ready


@overload
def loads(data: str | bytes, cls: type[T], *, max_bytes: int = DEFAULT_MAX_BYTES) -> T: ...
@overload
def loads(data: str | bytes, cls: TypeForm[T], *, max_bytes: int = DEFAULT_MAX_BYTES) -> T: ...
def loads(data: str | bytes, cls: Any, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """Parse JSON text (str or UTF-8 bytes) into a record of type ``cls``.

    The text must be I-JSON (RFC 7493): duplicate keys, NaN, infinities and
    integers beyond 64 bits are refused like any other invalid JSON.
    """
    _check_cls(cls)
    _check_text(data, max_bytes)
    record = _read_text(data, cls)
    if record is not None:
        return record
    return _structure(_decode_checked(data), cls)


def _read_text(data: str | bytes | bytearray, cls: Any) -> Any:
    """The record of class ``cls`` that the msgspec path reads from ``data`` (text
    whose size and value count are checked), or None where the other paths must
    read it: msgspec missing, a short text, or anything the path cannot prove."""
    if msgspec is None or len(data) < _MSGSPEC_FROM:
        return None
    read = _fast_text(cls)
    if read is None:
        return None
    try:
        return read(data.encode("utf-8") if isinstance(data, str) else bytes(data))
    except UnicodeEncodeError:
        return None  # a lone surrogate: the reference refuses it
    except Exception:
        if DEBUG_FAST_PATHS:  # a bug in the msgspec path: show it
            raise
        return None


#: Shorter texts skip the msgspec path: for a record of a few fields, its fixed costs
#: (finding the thread's reader, the quote count, a call per object) outweigh what it
#: saves (a Time of 73 bytes: 3% slower; a minimal incident of 164 bytes: a fifth
#: faster; the seeded corpus, 3 kB: about a third).
_MSGSPEC_FROM = 128

#: The msgspec readers of record classes (see :mod:`incidentkit._msgspec_decode`),
#: None for a class it cannot read or where msgspec is not installed.
_FAST_TEXT: dict[Any, Callable[[bytes], Any] | None] = {}


def _fast_text(cls: Any) -> Callable[[bytes], Any] | None:
    """A function reading a record of class ``cls`` from JSON text with msgspec
    (the record, or None where the other paths must read it), or None."""
    try:
        return _FAST_TEXT[cls]
    except (KeyError, TypeError):
        pass
    read = None
    if isinstance(cls, type) and _msgspec() is not None and _is_model(cls):
        from . import _msgspec_decode

        try:
            read = _msgspec_decode.decoder(cls, _read_datetime)
        except _msgspec_decode.Unsupported:
            read = None
    with contextlib.suppress(TypeError):  # unhashable: not a record class
        _FAST_TEXT[cls] = read
    return read


def _check_text(data: Any, max_bytes: int) -> None:
    """Refuse what is not JSON text, or is larger than ``max_bytes`` or holds more
    values than it allows, before parsing it."""
    if not isinstance(data, (str, bytes, bytearray)):
        raise ValidationError(f"expected JSON text, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise ValidationError(f"input is larger than {max_bytes} bytes")
    check_value_count(data, max_bytes)


def _decode(data: str | bytes | bytearray, max_bytes: int) -> Any:
    """Parse JSON text as I-JSON (RFC 7493) asks: duplicate keys, NaN and
    infinities, numbers that overflow a double, integers beyond 64 bits and lone
    surrogates are refused.

    The reference is the standard library's scanner with hooks for each of those.
    orjson, when installed, reads the texts where it is certain to give the same
    result (see :func:`_fast_decode`), and the reference reads the rest, so both
    backends read every text alike.
    """
    _check_text(data, max_bytes)
    return _decode_checked(data)


def _decode_checked(data: str | bytes | bytearray) -> Any:
    """:func:`_decode` for text whose size and value count are checked."""
    fast = _orjson()
    if fast is not None:
        value = _fast_decode(fast, data)
        if value is not _UNDECIDED:
            return value
    try:
        if isinstance(data, str):
            text = data
            if not text.isascii():
                text.encode("utf-8")  # raises for lone surrogates, as bytes would
        else:
            text = bytes(data).decode("utf-8")
        value = (_DECODE or _reference_decoder())(text)
        # A surrogate escape: paired? (One character is found in a blink, where the
        # three-character searches take 4 us for a 3 kB text; most texts hold none.)
        if "\\" in text and ("\\ud" in text or "\\uD" in text):
            _no_lone_surrogates(value)
        return value
    except RecursionError:
        raise ValidationError("invalid JSON: nested too deeply") from None
    except _Refused as exc:
        raise ValidationError(f"invalid JSON: {exc}") from None
    except UnicodeEncodeError:
        raise ValidationError("invalid JSON: the text holds a lone surrogate") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise ValidationError(f"invalid JSON: {exc}") from None


_INT_MIN = -(2**63)
_INT_MAX = 2**64 - 1
_UNDECIDED: Any = object()
#: Texts with this many brackets or more go to the reference parser: it refuses
#: nesting that orjson reads (from about 900 levels), and records have far fewer.
_FAST_MAX_CONTAINERS = 500
#: Every byte to a space but digits, to "0": a run of 19 zeros is a number that may
#: not fit in 64 bits (orjson would read it as a float).
_DIGIT_TABLE = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))
_LONG_NUMBER = b"0" * 19


def _fast_decode(fast: Any, data: str | bytes | bytearray) -> Any:
    """The value of ``data`` read by orjson, or ``_UNDECIDED`` when the reference
    parser must read it: orjson failed, or the text may hold what orjson reads
    differently (a number of 19 digits or more, deep nesting, an escaped colon)
    or keeps silently (a duplicate key).

    Text that orjson writes back byte for byte from the value it read (compact
    JSON, as orjson and most writers of JSON Lines write it) is proven: a dropped
    duplicate key, a number read as something else or an escape would each make
    the writing differ. Other text is checked by counting colons: the text has one
    per key plus those inside strings; orjson's compact writing of the value has
    one per key it kept plus the same ones inside strings (it never escapes a
    colon, and without ``\u003a`` in the text no colon was escaped there either).
    So the counts are equal exactly when no key was dropped.
    """
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if len(raw) >= _FAST_MAX_CONTAINERS and (
            raw.count(b"[") + raw.count(b"{") >= _FAST_MAX_CONTAINERS
        ):
            return _UNDECIDED
        value = fast.loads(raw)
        written = fast.dumps(value)
        if written == raw:
            return value
        if b"\\u003" in raw or _LONG_NUMBER in raw.translate(_DIGIT_TABLE):
            return _UNDECIDED
        if raw.count(b":") != written.count(b":"):
            return _UNDECIDED  # a duplicate key: the reference says which
        return value
    except Exception:  # noqa: BLE001 - invalid, or unusual: the reference decides
        return _UNDECIDED


#: The reference decoder's ``decode``, made on first use.
_DECODE: Callable[[str], Any] | None = None


def _reference_decoder() -> Callable[[str], Any]:
    """``decode`` of the standard library's decoder with the I-JSON hooks, made once
    (``json.loads`` with hooks makes a decoder and its scanner on every call)."""
    global _DECODE
    if _DECODE is None:
        import json

        _DECODE = json.JSONDecoder(
            object_pairs_hook=_unique_keys,
            parse_constant=_reject,
            parse_int=_int64,
            parse_float=_finite,
        ).decode
    return _DECODE


class _Refused(ValueError):
    """A JSON value I-JSON refuses (a duplicate key, a number out of range)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _Refused(f"duplicate key {key!r:.60}")
    return obj


def _int64(text: str) -> int:
    if len(text) > 18:  # (shorter ones always fit: skip the comparisons)
        if len(text) > 21:
            raise _Refused(f"integer of {len(text)} digits is beyond 64 bits")
        if not _INT_MIN <= int(text) <= _INT_MAX:
            raise _Refused(f"integer {text} is beyond 64 bits")
    return int(text)


def _finite(text: str) -> float:
    value = float(text)
    if value - value != 0.0:  # inf - inf is nan
        raise _Refused(f"number {text[:40]} overflows a double")
    return value


def _reject(name: str) -> Any:
    raise _Refused(f"{name} is not valid JSON")


def _no_lone_surrogates(value: Any) -> None:
    """Raise :class:`_Refused` if any string or key in ``value`` holds a lone
    surrogate (a walk with a stack: the value may be deeply nested)."""
    from ._checks import _SURROGATE

    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise _Refused(f"string {item[:20]!r} holds a lone surrogate")
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def encode_json(data: Any, indent: bool) -> str:
    """Plain data as JSON text, compact or indented, the same with either writer."""
    fast = _orjson()
    if fast is not None:
        text: str = fast.dumps(data, option=fast.OPT_INDENT_2 if indent else 0).decode()
        return text
    return _write(data, "\n" if indent else "")


def _write(value: Any, newline: str) -> str:
    """Standard-library JSON writer whose output matches orjson's byte for byte."""
    import json

    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, (bool, int)):
        return json.dumps(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime):  # as orjson writes it (whole-minute offsets)
        return json.dumps(value.isoformat())
    inner = newline + "  " if newline else ""
    if isinstance(value, dict):
        if not value:
            return "{}"
        sep = ": " if newline else ":"
        items = [
            f"{json.dumps(k, ensure_ascii=False)}{sep}{_write(v, inner)}" for k, v in value.items()
        ]
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if not value:
        return "[]"
    items = [_write(v, inner) for v in value]
    return "[" + inner + ("," + inner).join(items) + newline + "]"


def _float_text(value: float) -> str:
    """orjson's float format: Python's shortest repr, but with the exponent
    unpadded, and decimal notation for exponent -5."""
    text = repr(value)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    power = int(exponent)
    if power == -5:
        sign = "-" if mantissa.startswith("-") else ""
        return f"{sign}0.0000{mantissa.lstrip('-').replace('.', '')}"
    return f"{mantissa}e{power:+d}" if power > 0 else f"{mantissa}e{power}"


# ---------------------------------------------------------------- JSON Lines


class JsonLinesReader(Iterator[T]):
    """Iterates the records of a JSON Lines source, one line at a time.

    With ``on_error="raise"`` the first bad line raises its ValidationError (its
    problems carry the line number); with ``"collect"`` bad lines are skipped and
    their errors gathered in :attr:`errors`, so one bad line loses no good ones.
    Blank lines are skipped.
    """

    @overload
    def __init__(
        self,
        source: Iterable[str | bytes],
        cls: type[T],
        on_error: Literal["raise", "collect"] = "raise",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None: ...
    @overload
    def __init__(
        self,
        source: Iterable[str | bytes],
        cls: TypeForm[T],
        on_error: Literal["raise", "collect"] = "raise",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None: ...
    def __init__(
        self,
        source: Iterable[str | bytes],
        cls: Any,
        on_error: Literal["raise", "collect"] = "raise",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if on_error not in ("raise", "collect"):
            raise ValueError("on_error must be 'raise' or 'collect'")
        _check_cls(cls)
        self._lines = enumerate(source, start=1)
        self._cls: type[T] = cls  # or a union that TypeForm[T] names
        self._on_error = on_error
        self._max_bytes = max_bytes
        self.errors: list[ValidationError] = []
        #: Lines read so far (including blank and bad ones).
        self.line_number = 0

    def __iter__(self) -> JsonLinesReader[T]:
        return self

    def __next__(self) -> T:
        for number, line in self._lines:
            self.line_number = number
            if number == 1:
                line = _strip_bom(line)
            if not line.strip():
                continue
            # Without its line break, so a syntax error's column is on this line.
            line = line.rstrip("\r\n") if isinstance(line, str) else line.rstrip(b"\r\n")
            try:
                return loads(line, self._cls, max_bytes=self._max_bytes)
            except ValidationError as exc:
                located = exc.at_line(number)
                if self._on_error == "raise":
                    raise located from None
                self.errors.append(located)
        raise StopIteration


def _strip_bom(line: str | bytes) -> str | bytes:
    if isinstance(line, str):
        return line.removeprefix("\ufeff")
    return line.removeprefix(b"\xef\xbb\xbf")


@overload
def iter_jsonl(
    source: Iterable[str | bytes] | IO[str] | IO[bytes],
    cls: type[T],
    *,
    on_error: Literal["raise", "collect"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> JsonLinesReader[T]: ...
@overload
def iter_jsonl(
    source: Iterable[str | bytes] | IO[str] | IO[bytes],
    cls: TypeForm[T],
    *,
    on_error: Literal["raise", "collect"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> JsonLinesReader[T]: ...
def iter_jsonl(
    source: Iterable[str | bytes] | IO[str] | IO[bytes],
    cls: Any,
    *,
    on_error: Literal["raise", "collect"] = "raise",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> JsonLinesReader[Any]:
    """Stream records of type ``cls`` (a record class, or a union such as
    :data:`Actor`) from JSON Lines (a file or any iterable of lines); see
    :class:`JsonLinesReader` for ``on_error``."""
    return JsonLinesReader(source, cls, on_error, max_bytes)


def write_jsonl(objs: Iterable[Any], file: IO[str] | IO[bytes] | str | os.PathLike[str]) -> int:
    """Write records as JSON Lines to a text or binary file, or to a path;
    returns how many.

    A path is written atomically: the records go to a temporary file that replaces
    the path only once all of them are written, so a bad record or an interrupt
    leaves any previous file untouched.
    """
    if isinstance(file, (str, os.PathLike)):
        from ._atomic import atomic_output

        with atomic_output(file, "wb") as handle:
            return write_jsonl(objs, handle)
    binary = not isinstance(file, io.TextIOBase) and "b" in getattr(file, "mode", "b")
    count = 0
    for obj in objs:
        if binary:
            typing.cast(IO[bytes], file).write(dumpb(obj) + b"\n")
        else:
            typing.cast(IO[str], file).write(encode_json(_json_ready(obj), False) + "\n")
        count += 1
    return count

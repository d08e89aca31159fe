"""Atomic file output: a file is either its old self or completely new.

Every writer that takes a path (the command line, :func:`incidentkit.write_jsonl`
given a path, :func:`incidentkit.write_schemas`) goes through :func:`atomic_output`.
It writes to a temporary file in the target's directory (so the final rename never
crosses a file system), flushes it to disk, and renames it over the target only when
the body of the ``with`` block finished without an exception. A failure, a
``KeyboardInterrupt`` or any other exception removes the temporary file and leaves
the previous target untouched.

The temporary file is named ``.NAME.PID.XXXX.tmp``. A process killed with SIGKILL
cannot clean up after itself; the next write to the same target removes such files
whose process is no longer running.

Before anything is opened for writing, the output is compared with the inputs
(:func:`check_distinct`): the same file reached by another name, a hard link or a
symbolic link is refused with :class:`SameFileError`, because writing it would
destroy the input being read.

Targets that exist but are not regular files (``/dev/null``, a FIFO, a terminal)
cannot be replaced by a rename and are written directly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Literal, overload

__all__ = ["SameFileError", "atomic_output", "check_distinct", "same_file"]

StrPath = str | os.PathLike[str]


class SameFileError(ValueError):
    """The output path names a file that is also an input."""

    def __init__(self, output: StrPath, source: StrPath) -> None:
        self.output = os.fspath(output)
        self.source = os.fspath(source)
        super().__init__(
            f"output {self.output} is the same file as input {self.source}; "
            "refusing to overwrite the input"
        )


def same_file(a: StrPath, b: StrPath) -> bool:
    """True when both paths exist and are the same file (by device and inode, so
    hard and symbolic links count); False if either cannot be examined."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_distinct(output: StrPath, inputs: Iterable[StrPath | None]) -> None:
    """Raise :class:`SameFileError` if ``output`` is the same file as any input.

    ``"-"`` (standard input or output) and None are skipped.
    """
    if os.fspath(output) == "-":
        return
    for source in inputs:
        if source is None or os.fspath(source) == "-":
            continue
        if same_file(output, source) or _same_name(output, source):
            raise SameFileError(output, source)


def _same_name(a: StrPath, b: StrPath) -> bool:
    """Both names resolve to one path (for an output that does not exist yet but
    would be created where the input will appear, e.g. a dangling link)."""
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


@overload
def atomic_output(
    path: StrPath,
    mode: Literal["wb"] = "wb",
    *,
    inputs: Iterable[StrPath | None] = (),
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
@overload
def atomic_output(
    path: StrPath,
    mode: Literal["w"],
    *,
    inputs: Iterable[StrPath | None] = (),
) -> contextlib.AbstractContextManager[IO[str]]: ...
def atomic_output(
    path: StrPath,
    mode: Literal["wb", "w"] = "wb",
    *,
    inputs: Iterable[StrPath | None] = (),
) -> contextlib.AbstractContextManager[IO[bytes]] | contextlib.AbstractContextManager[IO[str]]:
    """A context manager giving a file to write ``path``'s new content to.

    ``mode`` is ``"wb"`` (bytes) or ``"w"`` (UTF-8 text, ``\\n`` line ends). The
    content replaces ``path`` only if the block completes; otherwise ``path`` is
    unchanged and no temporary file remains. ``inputs`` are refused as outputs
    (see :func:`check_distinct`) before anything is created.
    """
    if mode not in ("wb", "w"):
        raise ValueError("mode must be 'wb' or 'w'")
    check_distinct(path, inputs)
    return _atomic(os.fspath(path), mode)  # type: ignore[return-value]


@contextlib.contextmanager
def _atomic(path: str, mode: str) -> Iterator[IO[bytes] | IO[str]]:
    # A link is followed, so the file it points to is replaced and the link kept.
    target = os.path.realpath(path)
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(21, "Is a directory", path)
        # /dev/null, a FIFO, a terminal: nothing to replace, nothing to protect.
        with open(target, mode, **_text_options(mode)) as direct:  # type: ignore[call-overload]
            yield direct
        return
    permissions = stat.S_IMODE(existing.st_mode) if existing is not None else _default_mode()
    directory = os.path.dirname(target) or "."
    fd, temp_name = _create_temp(directory, os.path.basename(target), permissions)
    try:
        with os.fdopen(fd, mode, **_text_options(mode)) as handle:  # type: ignore[call-overload]
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
        temp_name = ""
        _sync_directory(directory)
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def _text_options(mode: str) -> dict[str, str]:
    return {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}


def _default_mode() -> int:
    """What ``open(path, "w")`` would give a new file: 0o666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _create_temp(directory: str, name: str, permissions: int) -> tuple[int, str]:
    """A new hidden file ``.NAME.PID.XXXX.tmp`` in ``directory``, after removing
    those that processes no longer running left behind (killed with SIGKILL, the
    one way to end a run without its clean-up)."""
    _remove_stale(directory, name)
    fd, temp_name = tempfile.mkstemp(
        dir=directory, prefix=f".{name}.{os.getpid()}.", suffix=".tmp"
    )
    with contextlib.suppress(OSError):  # e.g. file systems without modes
        os.fchmod(fd, permissions)
    return fd, temp_name


def _remove_stale(directory: str, name: str) -> None:
    prefix = f".{name}."
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    for entry in entries:
        if not (entry.startswith(prefix) and entry.endswith(".tmp")):
            continue
        pid = entry[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, entry))


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError, OverflowError):  # alive but not ours, or unknowable
        return True
    return True


def _sync_directory(directory: str) -> None:
    """Make the rename durable (best effort: not every platform can open a
    directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)

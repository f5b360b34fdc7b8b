"""Reading response files defensively and writing files so that a save cannot half-happen."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node

from ehcjourney import yamlfile
from ehcjourney.errors import CannotRunError, ResponseFileError, WriteError
from ehcjourney.problems import Problem

# A real response is a few kilobytes, and even a very long one stays under 50 KB. A file over
# this size is refused before it is parsed: at this size the worst case (one long flow list of
# one-letter words) still reads in well under a second and 100 MB.
MAX_FILE_BYTES = 250_000

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
RESPONSE_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES

# Text typed at a terminal in a C locale reaches Python with undecodable bytes as lone
# surrogates, which no UTF-8 file can hold; they are written as U+FFFD instead.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_CHARACTER = "\ufffd"
# JSON text holds a surrogate only as a \u escape; without one there is nothing to look for.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

# Held while a file is being written, so that ending the process at once can wait for it.
_saving = threading.Lock()


class UnreadableFileError(ResponseFileError):
    """A file that cannot be read as YAML or JSON at all."""

    def __init__(self, path: Path, problem: Problem) -> None:
        super().__init__(f"{path}: {problem.describe()}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Document:
    """A file's text, the plain data read from it and, for YAML, the nodes it was built from."""

    path: Path
    text: str
    data: Any
    # Kept so that finding a problem's line does not read the file a second time.
    root: Node | None = field(default=None, repr=False, compare=False)

    @property
    def is_yaml(self) -> bool:
        """Whether the file was read as YAML (anything not named `.json` is)."""
        return not is_json(self.path)

    @functools.cached_property
    def _lines(self) -> yamlfile.LineFinder:
        return yamlfile.LineFinder(self.text, self.root)

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """Return the line where the value at `path` is written, for YAML files."""
        return self._lines.line_of(path) if self.is_yaml else None


def is_json(path: Path) -> bool:
    """Whether a file is read and written as JSON, by its name."""
    return path.suffix.lower() in JSON_SUFFIXES


def read_document(path: Path) -> Document:
    """Read a YAML or JSON file, or raise UnreadableFileError saying plainly why not."""
    text = read_text(path)
    if is_json(path):
        return Document(path=path, text=text, data=_parse_json(path, text))
    root = _compose_yaml(path, text)
    return Document(path=path, text=text, data=_plain_yaml(path, root), root=root)


def read_text(path: Path) -> str:
    """Read a small UTF-8 text file; refuse one that is missing, too large, binary or not UTF-8."""
    raw = _read_bytes(path)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        message = f"the file holds binary data (a zero byte at byte {nul + 1}), not text"
        raise UnreadableFileError(path, Problem(message, line=line))

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        found = raw[error.start : error.start + 1].hex()
        problem = Problem(
            f"the file is not UTF-8 text (byte 0x{found}); save it as UTF-8 and try again",
            line=line,
        )
        raise UnreadableFileError(path, problem) from None


def _too_large(path: Path) -> UnreadableFileError:
    limit = f"{MAX_FILE_BYTES // 1000} KB"
    message = f"the file is larger than {limit}, the limit for a response; it was not read"
    return UnreadableFileError(path, Problem(message))


def _read_bytes(path: Path) -> bytes:
    try:
        # Opening without blocking, so that a named pipe with no writer cannot hang the run.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:
            # The size is known before reading for an ordinary file; a device is read only up
            # to the limit.
            info = os.fstat(stream.fileno())
            if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
                raise CannotRunError(f"{path}: is a pipe, not a file; save it to a file first.")
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
                raise _too_large(path)
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise CannotRunError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise CannotRunError(f"{path}: is a folder, not a file.") from None
    except OSError as error:
        raise CannotRunError(f"{path}: cannot be read ({_reason(error)}).") from None

    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(path)
    return raw


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _compose_yaml(path: Path, text: str) -> Node | None:
    try:
        return yamlfile.compose(text)
    except yaml.MarkedYAMLError as error:
        problem = _yaml_problem(error)
    except yaml.reader.ReaderError as error:
        problem = _unacceptable_character(text, error)
    except yaml.YAMLError as error:
        problem = Problem(f"not valid YAML: {str(error).splitlines()[0]}")
    raise UnreadableFileError(path, problem)


def _plain_yaml(path: Path, root: Node | None) -> Any:
    try:
        return yamlfile.plain_data(root)
    except yaml.MarkedYAMLError as error:
        raise UnreadableFileError(path, _yaml_problem(error)) from None


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    what = error.problem or error.context or "unreadable"
    if isinstance(error, yamlfile.RefusedError):
        return Problem(what, line=line)
    if isinstance(error, yaml.composer.ComposerError) and "another document" in str(error):
        return Problem("the file holds more than one YAML document (---); keep one", line=line)
    return Problem(f"not valid YAML: {what}{_yaml_hint(what)}", line=line)


# What people editing a response by hand most often did, by the parser's words for it.
_YAML_HINTS = {
    "mapping values are not allowed": "an answer holding ': ' must be put in quotes",
    "cannot start any token": "indent with spaces, not tabs, and quote answers that start "
    "with a special character such as @ or `",
    "did not find expected key": "check the indentation: each answer must line up with the "
    "ones around it",
    "did not find expected ',' or ']'": "a list written in [ ] must close with ]; put "
    "entries holding commas in quotes",
}


def _yaml_hint(what: str) -> str:
    hints = [hint for words, hint in _YAML_HINTS.items() if words in what]
    return f" (likely fix: {hints[0]})" if hints else ""


def _unacceptable_character(text: str, error: yaml.reader.ReaderError) -> Problem:
    # libyaml counts the position in bytes of UTF-8.
    line = text.encode("utf-8", "surrogatepass")[: error.position].count(b"\n") + 1
    character = error.character if isinstance(error.character, int) else 0
    return Problem(
        f"the file holds a control character (U+{character:04X}) that YAML does not allow; "
        "remove it",
        line=line,
    )


class _DuplicateJsonKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateJsonKeyError(key)
        result[key] = value
    return result


def _parse_json(path: Path, text: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        problem = Problem(f"not valid JSON: {error.msg}", line=error.lineno)
    except _DuplicateJsonKeyError as error:
        problem = Problem(f"'{_shortened(error.key)}' is given twice in one object; keep one")
    except ValueError:
        problem = Problem("the file holds a number far too long to be part of a response")
    except RecursionError:
        problem = Problem("the data is nested far too deeply to be a response")
    else:
        if not _SURROGATE_ESCAPE.search(text) or not _has_lone_surrogate(data):
            return data
        problem = Problem(
            "the file holds a \\u escape for half a character (a lone surrogate); remove it"
        )
    raise UnreadableFileError(path, problem)


def _shortened(text: str, most: int = 40) -> str:
    # Keys come from the file: a hostile one could fill the screen.
    return text if len(text) <= most else text[: most - 3] + "..."


def _has_lone_surrogate(data: Any) -> bool:
    # JSON's \ud800 escapes are the only way into a string that cannot be printed or saved.
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            return True
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def serialise(data: Any, path: Path) -> str:
    """Turn plain data into the text of a YAML or JSON file, chosen by the file's name."""
    data = _writable(data)
    if is_json(path):
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return yamlfile.dump(data)


def _writable(data: Any) -> Any:
    """Return the data with any lone surrogate in its text replaced by U+FFFD."""
    if isinstance(data, str):
        return _LONE_SURROGATE.sub(REPLACEMENT_CHARACTER, data)
    if isinstance(data, dict):
        return {_writable(key): _writable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_writable(value) for value in data]
    return data


def write_text(path: Path, text: str, *, overwrite: bool) -> None:
    """Write a file whole or not at all: a temporary file, synced, then renamed into place.

    Without `overwrite`, an existing file at `path` is left alone and FileExistsError raised.
    A failure raises WriteError with one sentence saying why; `path` is then as it was.
    """
    if path.is_dir():
        raise _write_error(path, IsADirectoryError(errno.EISDIR, "Is a directory"))

    with _saving, _interruptions_held():
        temporary = _write_temporary(path, text)
        try:
            _move_into_place(temporary, path, overwrite=overwrite)
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()


def stop_saving(timeout: float) -> None:
    """Wait up to `timeout` seconds for a save in progress, and let no other begin.

    For ending the process at once without leaving a file half-renamed or a temporary behind.
    """
    _saving.acquire(timeout=timeout)


def _move_into_place(temporary: Path, path: Path, *, overwrite: bool) -> None:
    try:
        if overwrite:
            temporary.replace(path)
        else:
            _link_without_replacing(temporary, path)
        _sync_folder(path.parent)
    except FileExistsError:
        raise
    except OSError as error:
        raise _write_error(path, error) from None


@contextlib.contextmanager
def _interruptions_held() -> Iterator[None]:
    """Hold back Ctrl-C, hang-up and termination until the save is over.

    Stopping halfway would leave the temporary file behind; the signal is acted on as soon as
    the file is whole. A save takes milliseconds, so nobody waits for their Ctrl-C.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_temporary(path: Path, text: str) -> Path:
    content = text.encode("utf-8")  # fails, if it must, before any file is made
    mode = _mode_for(path)
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _write_error(path, error) from None

    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            if hasattr(os, "fchmod"):  # not on Windows, where files have no such modes
                os.fchmod(stream.fileno(), mode)
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _write_error(path, error) from None
    return temporary


def _mode_for(path: Path) -> int:
    """The permissions the file gets: those of the file it replaces, or the usual ones."""
    # mkstemp makes files readable by their owner only; a saved response should be like any
    # other file the person makes.
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # The umask can only be read by setting it, so it is read once and put straight back.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _link_without_replacing(source: Path, target: Path) -> None:
    # A hard link fails if the target exists, so no check-then-write race can clobber a file.
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
            raise
        # Shortcoming: where hard links are not supported (some network and FAT file
        # systems), a file made between this check and the rename would be replaced.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        source.replace(target)


def _sync_folder(folder: Path) -> None:
    # Syncing the folder makes the rename itself durable; not every system allows it.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _write_error(path: Path, error: OSError) -> WriteError:
    folder = path.parent
    if not folder.exists():
        return WriteError(f"Cannot save to {path}: the folder {folder} does not exist.")
    if not folder.is_dir():
        return WriteError(f"Cannot save to {path}: {folder} is a file, not a folder.")
    if path.is_dir():
        return WriteError(f"Cannot save to {path}: a folder of that name is already there.")
    return WriteError(f"Cannot save to {path}: {_reason(error)}.")

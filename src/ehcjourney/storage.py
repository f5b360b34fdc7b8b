"""Reading response files defensively and writing files so that a save cannot half-happen."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ehcjourney import yamlfile
from ehcjourney.errors import CannotRunError, ResponseFileError, WriteError
from ehcjourney.problems import Problem

# A real response is a few kilobytes; anything this large is refused before it is parsed.
MAX_FILE_BYTES = 1_000_000

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
RESPONSE_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES


class UnreadableFileError(ResponseFileError):
    """A file that cannot be read as YAML or JSON at all."""

    def __init__(self, path: Path, problem: Problem) -> None:
        super().__init__(f"{path}: {problem.describe()}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Document:
    """A file's text and the plain data read from it."""

    path: Path
    text: str
    data: Any

    @property
    def is_yaml(self) -> bool:
        """Whether the file was read as YAML (anything not named `.json` is)."""
        return not is_json(self.path)

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """Return the line where the value at `path` is written, for YAML files."""
        return yamlfile.line_of(self.text, path) if self.is_yaml else None


def is_json(path: Path) -> bool:
    """Whether a file is read and written as JSON, by its name."""
    return path.suffix.lower() in JSON_SUFFIXES


def read_document(path: Path) -> Document:
    """Read a YAML or JSON file, or raise UnreadableFileError saying plainly why not."""
    text = read_text(path)
    data = _parse_json(path, text) if is_json(path) else _parse_yaml(path, text)
    return Document(path=path, text=text, data=data)


def read_text(path: Path) -> str:
    """Read a small UTF-8 text file; refuse one that is missing, too large, binary or not UTF-8."""
    raw = _read_bytes(path)
    if b"\x00" in raw:
        raise UnreadableFileError(path, Problem("the file holds binary data, not text"))

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


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise CannotRunError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise CannotRunError(f"{path}: is a folder, not a file.") from None
    except OSError as error:
        raise CannotRunError(f"{path}: cannot be read ({error.strerror}).") from None

    if len(raw) > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES // 1_000_000} MB"
        message = f"the file is larger than {limit}, the limit for a response; it was not read"
        raise UnreadableFileError(path, Problem(message))
    return raw


def _parse_yaml(path: Path, text: str) -> Any:
    try:
        return yamlfile.load(text)
    except yaml.MarkedYAMLError as error:
        raise UnreadableFileError(path, _yaml_problem(error)) from None
    except yaml.YAMLError as error:
        raise UnreadableFileError(path, Problem(f"not valid YAML: {error}")) from None


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else None
    what = error.problem or error.context or "unreadable"
    if isinstance(error, yamlfile.DuplicateKeyError | yamlfile.AliasError):
        return Problem(what, line=line)
    if isinstance(error, yaml.constructor.ConstructorError) and "tag" in what:
        return Problem(f"{what}; response files hold only plain text and lists", line=line)
    if isinstance(error, yaml.composer.ComposerError) and "another document" in str(error):
        return Problem("the file holds more than one YAML document (---); keep one", line=line)
    return Problem(f"not valid YAML: {what}", line=line)


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
        return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        problem = Problem(f"not valid JSON: {error.msg}", line=error.lineno)
    except _DuplicateJsonKeyError as error:
        problem = Problem(f"'{error.key}' is given twice in one object; keep one")
    except RecursionError:
        problem = Problem("the data is nested far too deeply to be a response")
    raise UnreadableFileError(path, problem)


def serialise(data: Any, path: Path) -> str:
    """Turn plain data into the text of a YAML or JSON file, chosen by the file's name."""
    if is_json(path):
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return yamlfile.dump(data)


def write_text(path: Path, text: str, *, overwrite: bool) -> None:
    """Write a file whole or not at all: a temporary file, synced, then renamed into place.

    Without `overwrite`, an existing file at `path` is left alone and FileExistsError raised.
    """
    temporary = _write_temporary(path, text)
    try:
        if overwrite:
            temporary.replace(path)
        else:
            _link_without_replacing(temporary, path)
        _sync_folder(path.parent)
    except OSError as error:
        if isinstance(error, FileExistsError):
            raise
        raise _write_error(path, error) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _write_temporary(path: Path, text: str) -> Path:
    folder = path.parent
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _write_error(path, error) from None

    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _write_error(path, error) from None
    return temporary


def _link_without_replacing(source: Path, target: Path) -> None:
    # A hard link fails if the target exists, so no check-then-write race can clobber a file.
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
            raise
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
    if path.is_dir():
        return WriteError(f"Cannot save to {path}: a folder of that name is already there.")
    reason = error.strerror or str(error)
    return WriteError(f"Cannot save to {path}: {reason.lower()}.")

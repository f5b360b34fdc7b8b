"""Drafts: the answers so far, saved after every answer so that nothing typed is lost.

Also reading a draft, or an earlier response, back as the answers to start from.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ehcjourney import storage
from ehcjourney.answers import Answers
from ehcjourney.definition import Definition
from ehcjourney.errors import CannotRunError, ResponseFileError, WriteError
from ehcjourney.questions import ChoiceQuestion, ListQuestion, Question, build_questions
from ehcjourney.validation import DRAFT_KEY

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

DRAFT_SUFFIX = ".draft.yaml"
DEFAULT_DRAFT = Path("ehcjourney" + DRAFT_SUFFIX)
NUMBERED_NAMES = 20  # how many names a draft tries in another folder before giving up


def draft_path_for(output: Path | None) -> Path:
    """Return where the draft for a response saved to `output` is kept.

    A response that is not plain `.yaml` keeps its suffix in the draft's name
    (`out.json.draft.yaml`), so resuming the draft alone still saves to the right file.
    """
    if output is None:
        return DEFAULT_DRAFT
    if output.suffix == ".yaml":
        return output.with_name(output.stem + DRAFT_SUFFIX)
    return output.with_name(output.name + DRAFT_SUFFIX)


def output_for_draft(draft: Path) -> Path | None:
    """Return the response file a draft was started for, or None when it had no set name."""
    if draft.name == DEFAULT_DRAFT.name or not draft.name.endswith(DRAFT_SUFFIX):
        return None
    response = draft.with_name(draft.name.removesuffix(DRAFT_SUFFIX))
    if response.suffix.lower() in storage.RESPONSE_SUFFIXES:
        return response
    return response.with_name(response.name + ".yaml")


def fallback_folders() -> Iterator[Path]:
    """Yield the folders a draft moves to when its own folder cannot be written."""
    with contextlib.suppress(RuntimeError):  # no home folder can be found
        yield Path.home()
    yield Path(tempfile.gettempdir())


class Draft:
    """The draft file of one `fill`, rewritten whole after each answer.

    When the draft cannot be written where it belongs (a read-only folder, a full disk), it
    moves to the home folder or the temporary folder, and `notify` tells the person where.
    """

    def __init__(self, path: Path, notify: Callable[[str], None] | None = None) -> None:
        self.path = path
        self.notify = notify or _ignore

    def save(self, answers: Answers) -> None:
        """Write the answers so far; the previous draft stays whole if this write fails."""
        text = storage.serialise(answers.as_draft(), self.path)
        try:
            storage.write_text(self.path, text, overwrite=True)
        except WriteError as error:
            moved_to = _save_elsewhere(self.path, text)
            if moved_to is None:
                raise WriteError(
                    f"{error.message} No other folder could hold a draft either."
                ) from None
            self.path = moved_to
            self.notify(f"{error.message} Your answers are kept in {moved_to} instead.")

    def remove(self) -> None:
        """Delete the draft once its answers are safely saved as a response."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            self.notify(f"The draft {self.path} could not be deleted ({reason}); delete it.")

    def exists(self) -> bool:
        """Whether a draft is on disk."""
        return self.path.is_file()


def lock_path_for(draft: Path) -> Path:
    """Return the hidden lock file beside a draft: `.out.draft.yaml.lock`."""
    return draft.with_name(f".{draft.name}.lock")


@contextlib.contextmanager
def held_alone(draft: Path) -> Iterator[None]:
    """Within the block, no other `fill` can use this draft; a second one is refused."""
    if fcntl is None:
        # Shortcoming: without fcntl (Windows), two fills of one draft are not kept apart.
        yield
        return

    lock = lock_path_for(draft)
    descriptor = _take_lock(lock, draft)
    if descriptor is None:
        yield
        return
    try:
        yield
    finally:
        # Removed while still locked: a run that opened it just before finds it gone.
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(descriptor)


def _take_lock(lock: Path, draft: Path) -> int | None:
    """Lock the lock file, making sure it is still the one in the folder once locked."""
    assert fcntl is not None
    while True:
        try:
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            # Shortcoming: where no lock file can be made (a read-only folder, whose draft
            # moves elsewhere), two fills of one draft are not kept apart.
            return None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            raise CannotRunError(
                f"Another ehcjourney fill is already using the draft {draft}.",
                hint="Finish or stop that one first, then run this again.",
            ) from None
        # The run before may have removed the file between our opening and locking it.
        if _same_file(descriptor, lock):
            return descriptor
        os.close(descriptor)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        found = path.stat()
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (found.st_dev, found.st_ino) == (held.st_dev, held.st_ino)


def _save_elsewhere(path: Path, text: str) -> Path | None:
    """Write a draft under a new name in a fallback folder; return where, or None."""
    for folder in fallback_folders():
        for candidate in _names_in(folder, path.name):
            try:
                storage.write_text(candidate, text, overwrite=False)
            except FileExistsError:
                continue  # another draft of the same name: never replace it
            except WriteError:
                break
            return candidate
    return None


def _names_in(folder: Path, name: str) -> Iterator[Path]:
    stem = name.removesuffix(DRAFT_SUFFIX)
    yield folder / name
    for number in range(2, NUMBERED_NAMES + 1):
        yield folder / f"{stem}-{number}{DRAFT_SUFFIX}"


def _ignore(message: str) -> None:
    """Drop a notice nobody asked to see."""


def read_answers(
    path: Path, definition: Definition, *, resuming: bool
) -> tuple[dict[str, Any], list[str]]:
    """Return the answers in a draft or response that fit, and the questions the rest were for."""
    data = storage.read_document(path).data
    if not isinstance(data, dict):
        raise ResponseFileError(f"{path}: does not hold the answers of a response.")
    found = data.get("questionnaire")
    if found != definition.id:
        answers_to = "answers another form" if found is not None else "does not say what it answers"
        raise ResponseFileError(
            f"{path}: {answers_to}; this form is '{definition.id}'.",
            hint="Pick the matching definition with --questions.",
        )
    if resuming and data.get(DRAFT_KEY) not in (True, "true"):
        # Resuming rewrites the file as a draft, which would replace a finished response.
        raise CannotRunError(
            f"{path}: is not a draft.",
            hint=f"To start from a saved response, run: ehcjourney fill --from {path}",
        )
    return _usable_answers(data, build_questions(definition))


def _usable_answers(
    data: dict[str, Any], questions: list[Question]
) -> tuple[dict[str, Any], list[str]]:
    """Copy each answer that fits its question; name the questions whose answer did not."""
    document: dict[str, Any] = {}
    unusable: list[str] = []
    for question in questions:
        value = _value_at(data, question.path)
        if value is None or value == "" or value == []:
            continue
        if _fits(question, value):
            _put(document, question.path, value)
        else:
            unusable.append(question.name)
    return document, unusable


def _value_at(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for step in path:
        if not isinstance(node, dict):
            return None
        node = node.get(step)
    return node


def _put(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    *parents, last = path
    for step in parents:
        document = document.setdefault(step, {})
    document[last] = value


def _fits(question: Question, value: Any) -> bool:
    """Whether a value read from a file can be offered as the question's answer."""
    if isinstance(question, ListQuestion):
        return (
            isinstance(value, list)
            and len(value) <= question.most
            and all(isinstance(entry, str) and entry.strip() for entry in value)
        )
    if not isinstance(value, str) or not value.strip():
        return False
    return not isinstance(question, ChoiceQuestion) or question.index_of(value) is not None

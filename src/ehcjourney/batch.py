"""Checking many response files: finding them, checking each, and reporting for people or scripts.

Files are found, read, checked and reported one at a time, and folders are listed one at a
time, so the memory a run takes does not grow with the number of files it checks.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from ehcjourney import storage
from ehcjourney.completeness import incomplete_answers
from ehcjourney.console import make_console, one_line
from ehcjourney.definition import Definition
from ehcjourney.errors import CannotRunError
from ehcjourney.problems import Problem
from ehcjourney.response import Response
from ehcjourney.shell import command_line
from ehcjourney.validation import check

# Below this many files a run is over before a progress bar would be worth drawing.
PROGRESS_FROM_FILES = 50


@dataclass(frozen=True)
class BatchOptions:
    """How `validate` checks files and reports them."""

    as_json: bool = False
    quiet: bool = False
    strict: bool = False


@dataclass
class FileReport:
    """The result of checking one file."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    response: Response | None = None
    is_draft: bool = False
    unanswered: int = 0

    @property
    def valid(self) -> bool:
        """Whether the file holds a complete, correct response with nothing reported."""
        return self.response is not None and not self.problems

    @property
    def is_unfinished_draft(self) -> bool:
        """Whether the file is a draft whose only fault is the questions still unanswered."""
        return self.is_draft and not self.problems

    def draft_note(self) -> str:
        """Say how much of a draft is left and how to finish it."""
        left = (
            f"{self.unanswered} questions still unanswered"
            if self.unanswered
            else "every question answered but not yet saved"
        )
        finish = command_line("ehcjourney", "fill", "--resume", self.path)
        return f"a draft with {left}; finish it with: {finish}"


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield each file named, and each response file inside each folder named, in order.

    Every path is checked before any is yielded, so a typo stops the run before it starts.
    """
    paths = list(paths)
    missing = [str(path) for path in paths if not _exists(path)]
    if missing:
        raise CannotRunError(f"No such file or folder: {', '.join(missing)}.")

    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _exists(path: Path) -> bool:
    # A name the system cannot even look up (too long, a loop of links) is not there to check.
    try:
        return path.exists()
    except OSError:
        return False


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the response files under a folder, sorted, holding one folder's names at a time."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        # Shortcoming: a folder that cannot be listed is skipped without a word, as rglob does.
        return

    for entry in entries:
        # Links to folders are not followed, so a link back up cannot loop forever.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(folder / entry.name)
        elif _is_response_name(entry.name) and _is_file_or_unreadable(entry):
            yield folder / entry.name


def _is_file_or_unreadable(entry: os.DirEntry[str]) -> bool:
    """Whether to check an entry: a file, or a link that cannot be followed (it is reported)."""
    try:
        return entry.is_file()
    except OSError:
        return True


def _is_response_name(name: str) -> bool:
    return name.lower().endswith(storage.RESPONSE_SUFFIXES)


def check_file(path: Path, definition: Definition, *, strict: bool = False) -> FileReport:
    """Read and check one file; every failure becomes a problem in the report.

    With `strict`, a response that is valid but incomplete is reported as a problem too.
    """
    try:
        document = storage.read_document(path)
    except storage.UnreadableFileError as error:
        return FileReport(path, [error.problem])
    except CannotRunError as error:
        return FileReport(path, [Problem(error.message.removeprefix(f"{path}: "))])

    result = check(document.data, definition, document.line_of)
    report = FileReport(path, result.problems, result.response, result.is_draft, result.unanswered)
    if strict and result.response is not None:
        report.problems = incomplete_answers(result.response, definition, document.line_of)
    return report


@dataclass
class Tally:
    """How many files of each kind a run found."""

    valid: int = 0
    invalid: int = 0
    drafts: int = 0

    def add(self, report: FileReport) -> None:
        """Count one file's result."""
        if report.valid:
            self.valid += 1
        elif report.is_unfinished_draft:
            self.drafts += 1
        else:
            self.invalid += 1

    @property
    def total(self) -> int:
        """How many files were checked."""
        return self.valid + self.invalid + self.drafts

    @property
    def all_valid(self) -> bool:
        """Whether every file checked was valid."""
        return self.valid == self.total

    def summary(self) -> str:
        """Say in one sentence how many files were checked and how they fared."""
        files = "file" if self.total == 1 else "files"
        counts = f"{self.valid} valid, {self.invalid} invalid"
        if self.drafts:
            counts += f", {self.drafts} unfinished {'draft' if self.drafts == 1 else 'drafts'}"
        return f"{self.total} {files} checked: {counts}."


def validate_files(paths: list[Path], definition: Definition, options: BatchOptions) -> Tally:
    """Check every response file under `paths`, reporting each on stdout as it is checked."""
    output = make_console(soft_wrap=True)  # one line per problem, for grep and scripts
    write = _write_json if options.as_json else _text_writer(output)
    tally = Tally()
    with _progress(paths, output, enabled=not options.as_json) as advance:
        for path in find_files(paths):
            report = check_file(path, definition, strict=options.strict)
            tally.add(report)
            if not (options.quiet and report.valid):
                write(report)
            advance()

    if tally.total == 0:
        named = ", ".join(str(path) for path in paths)
        raise CannotRunError(f"No .yaml, .yml or .json files were found in {named}.")
    if not (options.as_json or options.quiet):
        _emit(output, "", "", tally.summary())
    return tally


def as_json_line(report: FileReport) -> str:
    """Return one file's result as one line of JSON: its path, validity and problems."""
    problems = report.problems
    if report.is_unfinished_draft:
        problems = [Problem(report.draft_note())]
    record: dict[str, Any] = {
        "path": str(report.path),
        "valid": report.valid,
        "problems": [
            {"field": problem.field, "line": problem.line, "message": problem.message}
            for problem in problems
        ],
    }
    # ASCII only: escapes keep control characters in paths and answers off the terminal.
    return json.dumps(record, ensure_ascii=True)


def _write_json(report: FileReport) -> None:
    sys.stdout.write(as_json_line(report) + "\n")


def _text_writer(console: Console) -> Callable[[FileReport], None]:
    return lambda report: print_report(console, report)


def print_report(console: Console, report: FileReport) -> None:
    """Print one file's result for people: its status and path, then each problem indented."""
    path = _shown_path(report.path)
    if report.valid:
        _emit(console, "valid    ", "green", path)
    elif report.is_unfinished_draft:
        _emit(console, "draft    ", "yellow", f"{path}: {report.draft_note()}")
    else:
        _emit(console, "invalid  ", "bold red", path)
        for problem in report.problems:
            _emit(console, "  ", "", problem.describe())


def _shown_path(path: Path) -> str:
    # A name that is not UTF-8 reaches Python with lone surrogates, which no terminal can show.
    text = str(path)
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _emit(console: Console, label: str, style: str, text: str) -> None:
    """Print a styled label, then untrusted text as it is; without colour, as fast as it goes."""
    # A line break inside a path or a message must not start what looks like another record.
    text = one_line(text)
    if console.color_system is None:
        # What rich would write for this line, without the cost of rendering it.
        console.file.write(label + text + "\n")
        return
    console.print(Text.assemble((label, style), Text(text)))


@contextlib.contextmanager
def _progress(paths: list[Path], output: Console, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """Show a progress bar on stderr while many files are checked, only where people watch."""
    messages = make_console(stderr=True)
    watched = output.is_terminal and messages.is_terminal and not messages.is_dumb_terminal
    total = sum(1 for _ in find_files(paths)) if enabled and watched else 0
    if total < PROGRESS_FROM_FILES:
        yield lambda: None
        return

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("Checking"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=messages, transient=True) as progress:
        task = progress.add_task("Checking", total=total)
        yield lambda: progress.advance(task)

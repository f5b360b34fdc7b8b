"""Checking many response files: finding them, checking each, and reporting for people."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.text import Text

from ehcjourney import storage
from ehcjourney.console import literal
from ehcjourney.definition import Definition
from ehcjourney.errors import CannotRunError
from ehcjourney.problems import Problem
from ehcjourney.response import Response
from ehcjourney.validation import check


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
        """Whether the file holds a complete, correct response."""
        return self.response is not None


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield each file named, and each response file inside each folder named, in order.

    Every path is checked before any is yielded, so a typo stops the run before it starts.
    """
    paths = list(paths)
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise CannotRunError(f"No such file or folder: {', '.join(missing)}.")

    for path in paths:
        if path.is_dir():
            yield from sorted(
                found
                for found in path.rglob("*")
                if found.suffix.lower() in storage.RESPONSE_SUFFIXES and found.is_file()
            )
        else:
            yield path


def check_file(path: Path, definition: Definition) -> FileReport:
    """Read and check one file; every failure becomes a problem in the report."""
    try:
        document = storage.read_document(path)
    except storage.UnreadableFileError as error:
        return FileReport(path, [error.problem])
    except CannotRunError as error:
        return FileReport(path, [Problem(error.message.removeprefix(f"{path}: "))])

    result = check(document.data, definition, document.line_of)
    return FileReport(path, result.problems, result.response, result.is_draft, result.unanswered)


@dataclass
class Tally:
    """How many files of each kind a run found."""

    valid: int = 0
    invalid: int = 0
    drafts: int = 0

    def add(self, report: FileReport) -> None:
        if report.valid:
            self.valid += 1
        elif report.is_draft and not report.problems:
            self.drafts += 1
        else:
            self.invalid += 1

    @property
    def total(self) -> int:
        return self.valid + self.invalid + self.drafts

    def summary(self) -> str:
        files = "file" if self.total == 1 else "files"
        counts = f"{self.valid} valid, {self.invalid} invalid"
        if self.drafts:
            counts += f", {self.drafts} unfinished {'draft' if self.drafts == 1 else 'drafts'}"
        return f"{self.total} {files} checked: {counts}."


def print_report(console: Console, report: FileReport) -> None:
    """Print one file's result for people: its status and path, then each problem indented."""
    if report.valid:
        console.print(Text.assemble(("valid    ", "green"), literal(str(report.path))))
        return
    if report.is_draft and not report.problems:
        line = (
            f": a draft with {report.unanswered} questions still unanswered; finish it "
            f"with: ehcjourney fill --resume {report.path}"
        )
        console.print(Text.assemble(("draft    ", "yellow"), literal(str(report.path) + line)))
        return
    console.print(Text.assemble(("invalid  ", "bold red"), literal(str(report.path))))
    for problem in report.problems:
        console.print(Text("  ") + literal(problem.describe()))

"""Checking plain data read from a file against a definition, one plain-English problem each.

The checks walk only the shape a response should have and never descend into values of the
wrong type, so a hostile file (huge lists, deep nesting) costs no more than a normal one.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ehcjourney.definition import Definition
from ehcjourney.problems import Problem, describe_value, field_name
from ehcjourney.response import Response

Path = tuple[str | int, ...]

DRAFT_KEY = "draft"
ENVELOPE_KEYS = ("questionnaire", "questionnaire_version", "local_area", "respondent", "completed")
PART_KEYS = ("journey", "top_three", "framework")
TOP_THREE_MAX = 3
MOST_UNKNOWN_KEYS = 20  # listed one by one in each mapping; the rest are counted in one problem


@dataclass
class CheckResult:
    """What checking found: the problems, the response when there were none, and draft details."""

    problems: list[Problem] = field(default_factory=list)
    response: Response | None = None
    is_draft: bool = False
    unanswered: int = 0

    @property
    def valid(self) -> bool:
        """Whether the data is a complete, correct response."""
        return self.response is not None


@dataclass(frozen=True)
class _Issue:
    path: Path
    message: str
    line_path: Path | None = None  # where to look for its line, when not at `path`

    @property
    def located_at(self) -> Path:
        """The place in the file whose line the issue is reported on."""
        return self.path if self.line_path is None else self.line_path


def check(data: Any, definition: Definition, line_of: Callable[[Path], int | None]) -> CheckResult:
    """Check plain data against a definition; `line_of` finds where a field is in the file."""
    checker = _Checker(definition)
    checker.check_document(data)
    result = CheckResult(is_draft=checker.is_draft, unanswered=len(checker.unanswered))
    if checker.is_draft or checker.issues:
        problems = [
            Problem(
                issue.message,
                field=field_name(issue.path),
                line=_line_in_file(data, issue.located_at, line_of),
            )
            for issue in checker.issues
        ]
        result.problems = sorted(problems, key=lambda problem: problem.line or 0)
        return result

    result.response = Response.model_validate(checker.cleaned)
    return result


def _line_in_file(data: Any, path: Path, line_of: Callable[[Path], int | None]) -> int | None:
    """Return the line of `path`, or of its nearest parent; None when no part of it is there."""
    # The line finder falls back to the top of the file, which would point at a line that
    # holds something else: a missing `local_area` is not on line 1.
    if path and not (isinstance(data, dict) and path[0] in data):
        return None
    return line_of(path)


def _suggestion(value: str, ids: Sequence[str]) -> str:
    """Suggest the id meant by a label typed by hand ("Strongly agree") or a near miss."""
    as_id = re.sub(r"[\s-]+", "_", value.strip().lower())
    close = [as_id] if as_id in ids else difflib.get_close_matches(as_id, ids, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _one_of(ids: Sequence[str]) -> str:
    return "use one of " + ", ".join(ids)


class _Checker:
    """Walks a response document, recording issues and building the cleaned data."""

    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        self.issues: list[_Issue] = []
        self.unanswered: list[Path] = []
        self.cleaned: dict[str, Any] = {}
        self.is_draft = False

    def report(self, path: Path, message: str, line_path: Path | None = None) -> None:
        self.issues.append(_Issue(path, message, line_path))

    def missing(self, path: Path, message: str = "missing") -> None:
        self.unanswered.append(path)
        if not self.is_draft:
            self.report(path, message)

    def check_document(self, data: Any) -> None:
        if data is None or data == "":
            self.report((), "the file holds no response (it is empty or only comments)")
            return
        if not isinstance(data, dict):
            self.report((), f"expected the keys of a response, found {describe_value(data)}")
            return

        if not any(key in data for key in (*ENVELOPE_KEYS, *PART_KEYS)):
            expected = ", ".join((*ENVELOPE_KEYS, *PART_KEYS))
            self.report((), f"this is not a response: none of its keys ({expected}) is here")
            return

        # `is True`, so that a JSON 1, which equals True, is not taken for the marker.
        self.is_draft = data.get(DRAFT_KEY) is True or data.get(DRAFT_KEY) == "true"
        if DRAFT_KEY in data and not self.is_draft:
            self.report((DRAFT_KEY,), "a finished response has no draft key; remove this line")
        self.unknown_keys((), data, (*ENVELOPE_KEYS, *PART_KEYS, DRAFT_KEY))
        if not self.envelope_matches(data):
            return
        self.check_envelope(data)
        self.check_journey(data.get("journey"))
        self.check_top_three(data.get("top_three"))
        self.check_framework(data.get("framework"))

    def unknown_keys(self, path: Path, mapping: dict[Any, Any], allowed: Sequence[str]) -> None:
        """Report the first unknown keys one by one, and count the rest in one problem."""
        unknown = [str(key) for key in mapping if key not in allowed]
        for key in unknown[:MOST_UNKNOWN_KEYS]:
            message = "unknown key"
            close = difflib.get_close_matches(key, allowed, n=1)
            message += f"; did you mean '{close[0]}'?" if close else "; " + _one_of(allowed)
            self.report((*path, key), message)

        rest = unknown[MOST_UNKNOWN_KEYS:]
        if rest:
            # Reported on the line of the first key not listed, so it sorts after those listed.
            self.report(
                path,
                f"and {len(rest):,} more unknown {'key' if len(rest) == 1 else 'keys'}, "
                "not listed one by one",
                line_path=(*path, rest[0]),
            )

    def envelope_matches(self, data: dict[Any, Any]) -> bool:
        """Check the questionnaire id and version; later checks make no sense if they differ."""
        expected = self.definition.id
        found = data.get("questionnaire")
        if found is None:
            self.missing(("questionnaire",), f"missing; it should be '{expected}'")
        elif found != expected:
            self.report(
                ("questionnaire",),
                f"{describe_value(found)} is not this questionnaire; expected '{expected}'",
            )
            return False

        found_version = data.get("questionnaire_version")
        version = _as_version(found_version)
        known = self.definition.version
        if _is_empty(found_version):
            self.missing(("questionnaire_version",), f"missing; it should be {known}")
        elif version is None:
            self.report(
                ("questionnaire_version",),
                f"{describe_value(found_version)} is not a version number; it should be {known}",
            )
        elif version > known:
            self.report(
                ("questionnaire_version",),
                f"version {version} is newer than this tool knows ({known}); "
                "update ehcjourney or use the definition it was made with (--questions)",
            )
            return False
        elif version < known:
            self.report(
                ("questionnaire_version",), f"version {version} is not supported; {known} is"
            )
            return False
        self.cleaned["questionnaire"] = expected
        self.cleaned["questionnaire_version"] = known
        return True

    def check_envelope(self, data: dict[Any, Any]) -> None:
        self.cleaned["local_area"] = self.text(("local_area",), data.get("local_area"))
        self.cleaned["completed"] = self.date(("completed",), data.get("completed"))
        self.check_respondent(data.get("respondent"))

    def check_respondent(self, value: Any) -> None:
        path: Path = ("respondent",)
        if _is_empty(value):
            return
        if not isinstance(value, dict):
            self.report(path, f"expected the keys role and name, found {describe_value(value)}")
            return

        self.unknown_keys(path, value, ("role", "name"))
        roles = [role.id for role in self.definition.respondent.roles]
        # Both are optional: left blank, they are simply not given.
        role, name = value.get("role"), value.get("name")
        self.cleaned["respondent"] = {
            "role": None if _is_blank(role) else self.choice((*path, "role"), role, roles),
            "name": None if _is_blank(name) else self.text((*path, "name"), name),
        }

    def check_journey(self, value: Any) -> None:
        path: Path = ("journey",)
        part = self.section(path, value, ("stage", "rationale"))
        if part is None:
            return
        stages = [stage.id for stage in self.definition.journey.stages]
        self.cleaned["journey"] = {
            "stage": self.choice((*path, "stage"), part.get("stage"), stages),
            "rationale": self.text((*path, "rationale"), part.get("rationale")),
        }

    def check_top_three(self, value: Any) -> None:
        path: Path = ("top_three",)
        tables = [table.id for table in self.definition.top_three.tables]
        part = self.section(path, value, tables)
        if part is None:
            return
        self.cleaned["top_three"] = {
            table: self.entries((*path, table), part.get(table)) for table in tables
        }

    def check_framework(self, value: Any) -> None:
        path: Path = ("framework",)
        characteristics = [c.id for _, c in self.definition.framework.characteristics]
        part = self.section(path, value, characteristics)
        if part is None:
            return
        answers = [answer.id for answer in self.definition.framework.answers]
        self.cleaned["framework"] = {
            key: self.choice((*path, key), part.get(key), answers) for key in characteristics
        }

    def section(self, path: Path, value: Any, keys: Sequence[str]) -> dict[Any, Any] | None:
        """Return a part's mapping after checking its keys, or None when it is absent or wrong."""
        if _is_empty(value):
            # One problem for the whole part, though each of its questions counts as unanswered.
            self.unanswered.extend((*path, key) for key in keys)
            state = "missing" if value is None else "empty"
            if not self.is_draft:
                self.report(path, f"{state}; it needs the keys {', '.join(keys)}")
            return None
        if not isinstance(value, dict):
            self.report(path, f"expected the keys {', '.join(keys)}; found {describe_value(value)}")
            return None
        self.unknown_keys(path, value, keys)
        return value

    def text(self, path: Path, value: Any, empty: str = "missing") -> str | None:
        # A key written with nothing after it (`local_area:`) is read as empty text.
        if _is_empty(value):
            self.missing(path, empty)
        elif not isinstance(value, str):
            self.report(path, f"expected text, found {describe_value(value)}")
        elif not value.strip():
            self.missing(path, "must hold text, not only spaces")
        else:
            return value
        return None

    def choice(self, path: Path, value: Any, ids: Sequence[str]) -> str | None:
        if _is_empty(value):
            self.missing(path, "missing; " + _one_of(ids))
        elif not isinstance(value, str):
            self.report(path, f"expected one of {', '.join(ids)}; found {describe_value(value)}")
        elif value not in ids:
            message = f"{describe_value(value)} is not an answer; " + _one_of(ids)
            self.report(path, message + _suggestion(value, ids))
        else:
            return value
        return None

    def entries(self, path: Path, value: Any) -> list[str] | None:
        if _is_empty(value) or value == []:
            self.missing(path, f"missing; give 1 to {TOP_THREE_MAX} entries")
            return None
        if isinstance(value, str):
            self.report(
                path,
                f"expected a list of 1 to {TOP_THREE_MAX} entries, found text; "
                "start each entry on its own line with '- '",
            )
            return None
        if not isinstance(value, list):
            self.report(
                path,
                f"expected a list of 1 to {TOP_THREE_MAX} entries, found {describe_value(value)}",
            )
            return None
        if len(value) > TOP_THREE_MAX:
            self.report(path, f"has {len(value)} entries; give at most {TOP_THREE_MAX}")
            return None

        # An entry left empty is not missing: the entries after the first are optional.
        entries = [
            self.text((*path, index), entry, empty="empty; write the entry or delete this line")
            for index, entry in enumerate(value)
        ]
        return [entry for entry in entries if entry is not None]

    def date(self, path: Path, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if _is_empty(value):
            self.missing(path, "missing; give the date as YYYY-MM-DD")
        elif isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                self.report(path, f"{describe_value(value)} is not a real date")
        else:
            self.report(path, f"{describe_value(value)} is not a date; use YYYY-MM-DD")
        return None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_version(value: Any) -> int | None:
    # YAML is read with every plain word as text, so a version arrives as "1" there.
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 6:
        return int(value)
    return None

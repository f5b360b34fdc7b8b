"""The questionnaire in brief, for people writing responses by hand; and checking a definition.

`ehcjourney questions` lists each part, each field of a response file, and the ids its
answers may use; `ehcjourney questions check` says whether a custom definition can be used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ehcjourney.definition import Definition, load_definition
from ehcjourney.errors import CannotRunError, DefinitionError
from ehcjourney.questions import (
    Choice,
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    Question,
    build_questions,
)

NAME_COLUMN = 37  # wide enough for "  framework.joined_up_commissioning" and a space
FIELD_INDENT = "  "
CHOICE_INDENT = "      "


def overview_lines(definition: Definition) -> list[str]:
    """Return the definition in brief: parts, then each field's name, label and allowed ids."""
    lines = [f"{definition.title} ({definition.id}, version {definition.version})", ""]
    lines.append("Before you start")
    part: Part | None = None
    shown: tuple[Choice, ...] = ()  # answers listed already, not repeated for the next field
    for question in build_questions(definition):
        if question.part is not None and question.part != part:
            if part is None:
                lines.append(_field("completed", "Date completed, as YYYY-MM-DD"))
            part = question.part
            lines.extend(["", part.heading])
        lines.extend(_question_lines(question, repeated=_choices(question) == shown))
        shown = _choices(question)
    return lines


def _choices(question: Question) -> tuple[Choice, ...]:
    return question.choices if isinstance(question, ChoiceQuestion) else ()


def _question_lines(question: Question, *, repeated: bool) -> Iterator[str]:
    name = ".".join(question.path)
    if not isinstance(question, ChoiceQuestion):
        yield _field(name, f"{question.name}: {_kind(question)}")
        return

    optional = "" if question.required else ", optional"
    if repeated:
        yield _field(name, f"{question.name}: one of the same ids{optional}")
        return
    yield _field(name, f"{question.name}: one of these ids{optional}")
    for choice in question.choices:
        yield _line(f"{CHOICE_INDENT}{choice.id}", choice.label)


def _kind(question: Question) -> str:
    if isinstance(question, ListQuestion):
        return f"a list of 1 to {question.most} entries"
    if isinstance(question, LongTextQuestion):
        return "text, as many lines as needed"
    return "text" if getattr(question, "required", True) else "text, optional"


def _field(name: str, description: str) -> str:
    return _line(f"{FIELD_INDENT}{name}", description)


def _line(name: str, description: str) -> str:
    # At least one space apart, however long a custom definition's ids are.
    return f"{name.ljust(NAME_COLUMN)} {description}"


@dataclass(frozen=True)
class DefinitionVerdict:
    """Whether a definition can be used, and the report to show about it."""

    usable: bool
    report: str


def check_definition(path: Path) -> DefinitionVerdict:
    """Load a definition to see whether it can be used; each problem is named with its line.

    A path that is not a file raises CannotRunError: there is nothing to judge.
    """
    if not path.exists():
        raise CannotRunError(f"{path}: no such file.")
    if path.is_dir():
        raise CannotRunError(f"{path}: is a folder, not a file.")
    try:
        definition = load_definition(path)
    except DefinitionError as error:
        return DefinitionVerdict(usable=False, report=error.message)

    count = len(build_questions(definition))
    return DefinitionVerdict(
        usable=True,
        report=f"The questionnaire definition {path} can be used: {definition.id}, "
        f"version {definition.version}, with {count} questions.",
    )

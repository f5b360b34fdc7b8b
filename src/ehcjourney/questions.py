"""The form as a sequence of questions: plain data, apart from how any prompter asks them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ehcjourney.definition import Definition

Path = tuple[str, ...]
PART_COUNT = 3


@dataclass(frozen=True)
class Part:
    """A part of the form, introduced once before its first question."""

    number: int
    title: str
    introduction: str

    @property
    def heading(self) -> str:
        """The part's number and title, as shown above its introduction."""
        return f"Part {self.number} of {PART_COUNT} · {self.title}"


@dataclass(frozen=True)
class Choice:
    """One possible answer: the id written to files, the label shown, and any description."""

    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class _Base:
    path: Path
    prompt: str
    name: str  # a short name for the review list
    progress: str
    part: Part | None


@dataclass(frozen=True)
class TextQuestion(_Base):
    """A line of text."""

    required: bool = True


@dataclass(frozen=True)
class LongTextQuestion(_Base):
    """Text over as many lines as the person needs."""


@dataclass(frozen=True)
class ListQuestion(_Base):
    """Up to `most` entries in order of importance, at least one."""

    most: int = 3


@dataclass(frozen=True)
class ChoiceQuestion(_Base):
    """One answer from a list, perhaps introduced by a theme and a statement to rate."""

    choices: tuple[Choice, ...] = ()
    required: bool = True
    context: str | None = None
    statement: str | None = None
    emphasis: str | None = None  # the words of the statement the form underlines

    def index_of(self, choice_id: Any) -> int | None:
        """Return the position of a choice by id, or None when no choice has that id."""
        ids = [choice.id for choice in self.choices]
        return ids.index(choice_id) if choice_id in ids else None


Question = TextQuestion | LongTextQuestion | ListQuestion | ChoiceQuestion


def build_questions(definition: Definition) -> list[Question]:
    """Return every question of the form, in the order it is asked."""
    return [
        *_about_you(definition),
        *_journey(definition),
        *_top_three(definition),
        *_framework(definition),
    ]


def _about_you(definition: Definition) -> Iterator[Question]:
    progress = "Before you start"
    yield TextQuestion(("local_area",), definition.local_area.prompt, "Local area", progress, None)
    roles = tuple(Choice(role.id, role.label) for role in definition.respondent.roles)
    yield ChoiceQuestion(
        ("respondent", "role"),
        definition.respondent.role_prompt,
        "Your role",
        progress,
        None,
        choices=roles,
        required=False,
    )
    yield TextQuestion(
        ("respondent", "name"),
        definition.respondent.name_prompt,
        "Your name",
        progress,
        None,
        required=False,
    )


def _journey(definition: Definition) -> Iterator[Question]:
    journey = definition.journey
    part = Part(1, journey.title, journey.introduction)
    stages = tuple(Choice(s.id, s.label, s.description) for s in journey.stages)
    yield ChoiceQuestion(
        ("journey", "stage"),
        journey.stage_question,
        "Stage",
        _progress(1, "stage"),
        part,
        choices=stages,
    )
    yield LongTextQuestion(
        ("journey", "rationale"),
        journey.rationale_question,
        "Rationale",
        _progress(1, "rationale"),
        part,
    )


def _top_three(definition: Definition) -> Iterator[Question]:
    section = definition.top_three
    part = Part(2, section.title, section.introduction)
    count = len(section.tables)
    for number, table in enumerate(section.tables, start=1):
        yield ListQuestion(
            ("top_three", table.id),
            table.question,
            _capitalise(table.label),
            _progress(2, f"table {number} of {count}"),
            part,
        )


def _framework(definition: Definition) -> Iterator[Question]:
    framework = definition.framework
    part = Part(3, framework.title, framework.introduction)
    answers = tuple(Choice(answer.id, answer.label) for answer in framework.answers)
    count = definition.characteristic_count
    theme_numbers = {theme.id: number for number, theme in enumerate(framework.themes, start=1)}
    for number, (theme, characteristic) in enumerate(framework.characteristics, start=1):
        yield ChoiceQuestion(
            ("framework", characteristic.id),
            "How far do you agree?",
            _capitalise(characteristic.label),
            _progress(3, f"characteristic {number} of {count}"),
            part,
            choices=answers,
            context=f"Theme {theme_numbers[theme.id]}: {theme.heading}",
            statement=characteristic.statement,
            emphasis=characteristic.label,
        )


def _progress(part: int, where: str) -> str:
    return f"Part {part} of {PART_COUNT} · {where}"


def _capitalise(label: str) -> str:
    return label[:1].upper() + label[1:]


def welcome(definition: Definition, how_to_answer: str) -> list[str]:
    """Return the welcome: what the form is, its parts, how long it takes and how to answer."""
    parts = [definition.journey.title, definition.top_three.title, definition.framework.title]
    return [
        f"{definition.title}.",
        "This form asks how well education, health and care services in your local area work "
        "together for children and young people with special educational needs and "
        f"disabilities (SEND). It has {PART_COUNT} parts:",
        *(f"  {number}. {title}" for number, title in enumerate(parts, start=1)),
        f"It takes {definition.duration}. At the end you can review and change every answer "
        "before saving.",
        how_to_answer,
    ]

"""A blank response to fill in with a text editor: every question above its empty answer.

The template is YAML text written line by line, since no YAML writer keeps comments. Only ids
(which the definition restricts to lower-case letters, digits and underscores) become keys;
every word of the definition goes into a comment, so no wording can break the YAML.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence

from ehcjourney import yamlfile
from ehcjourney.console import neutralise
from ehcjourney.definition import Definition
from ehcjourney.questions import (
    Choice,
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    Question,
    build_questions,
)

WIDTH = 88  # as wide as the files `fill` writes
INDENT = "  "
_COMPLETED = "The date the form was completed, as YYYY-MM-DD."


def blank_response(definition: Definition) -> str:
    """Return the text of a blank response for `definition`, its questions as comments."""
    layout = _Layout([*_introduction(definition), *_envelope(definition)])
    for question in build_questions(definition):
        layout.add(question)
    return "\n".join(layout.lines) + "\n"


class _Layout:
    """The template's lines so far, and the part, mapping and theme the next question is in."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.part: Part | None = None
        self.group: str | None = None
        self.theme: str | None = None

    def add(self, question: Question) -> None:
        """Add a question, after the headings and mapping it starts, if any."""
        if question.part is not None and question.part != self.part:
            self.start_part(question.part)
        if len(question.path) > 1 and question.path[0] != self.group:
            self.group = question.path[0]
            # A part's mapping follows its heading directly; elsewhere a blank line sets it off.
            if not self.lines[-1].startswith("#"):
                self.lines.append("")
            self.lines.append(f"{self.group}:")
        if isinstance(question, ChoiceQuestion) and question.context not in (None, self.theme):
            self.theme = question.context
            self.lines.extend(["", *_comment(str(self.theme), INDENT)])
        self.lines.extend(["", *_question(question)])

    def start_part(self, part: Part) -> None:
        """Head a part with its title and introduction; the date comes before the first part."""
        if self.part is None:
            self.lines.extend(["", *_comment(_COMPLETED, ""), "completed:"])
        self.part = part
        self.lines.extend(["", *_comment(f"{part.heading}\n\n{part.introduction}", "")])


def _introduction(definition: Definition) -> list[str]:
    return _comment(
        f"{definition.title}: a blank response, to fill in with a text editor. It takes "
        f"{definition.duration}.\n"
        "Write each answer after the colon on its line. The lines starting with # hold the "
        "questions and can stay. If an answer holds a colon, a # or a quote, write | after "
        "the colon instead, and the answer on the lines below it, indented.\n"
        "When it is done, check it with: ehcjourney validate FILE",
        "",
    )


def _envelope(definition: Definition) -> list[str]:
    # The writer quotes an id that other YAML readers would take for a number or true/false.
    envelope = {"questionnaire": definition.id, "questionnaire_version": definition.version}
    return yamlfile.dump(envelope).splitlines()


def _question(question: Question) -> Iterator[str]:
    indent = INDENT * (len(question.path) - 1)
    key = f"{indent}{question.path[-1]}:"
    if isinstance(question, ChoiceQuestion):
        yield from _choice_question(question, indent)
        yield key
    elif isinstance(question, ListQuestion):
        note = f"Up to {question.most}, the most important first; delete any line left empty."
        yield from _comment(f"{question.prompt}\n{note}", indent)
        yield key
        yield from (f"{indent}{INDENT}-" for _ in range(question.most))
    elif isinstance(question, LongTextQuestion):
        note = "For several paragraphs, write | after the colon and the text indented below it."
        yield from _comment(f"{question.prompt}\n{note}", indent)
        yield key
    else:
        yield from _comment(question.prompt, indent)
        yield key


def _choice_question(question: ChoiceQuestion, indent: str) -> Iterator[str]:
    if question.statement:
        yield from _comment(question.statement, indent)
    how = "Write" if question.required else "Leave it empty, or write"
    if any(choice.description for choice in question.choices):
        yield from _comment(f"{question.prompt}\n{how} one of these ids:", indent)
        for choice in question.choices:
            yield from _described_choice(choice, indent)
        return
    yield from _comment(f"{question.prompt}\n{how} one of: {_listed(question.choices)}", indent)


def _described_choice(choice: Choice, indent: str) -> list[str]:
    text = neutralise(f"{choice.id}: {choice.label}. {choice.description}")
    width = WIDTH - len(indent) - 2
    wrapped = textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    ")
    return [f"{indent}# {line}" for line in wrapped]


def _listed(choices: Sequence[Choice]) -> str:
    named = [f"{choice.id} ({choice.label})" for choice in choices]
    return ", ".join(named[:-1]) + f" or {named[-1]}" if len(named) > 1 else named[0]


def _comment(text: str, indent: str) -> list[str]:
    """Return text as comment lines within the width, each of its lines wrapped on its own."""
    width = WIDTH - len(indent) - 2
    lines: list[str] = []
    # YAML also ends a comment at these line separators, which would let text out of it.
    text = re.sub("[\x85\u2028\u2029]", " ", text)
    for paragraph in neutralise(text).split("\n"):
        wrapped = textwrap.wrap(paragraph, width, break_long_words=False, break_on_hyphens=False)
        lines.extend(f"{indent}# {line}" for line in wrapped or [""])
    return [line.rstrip() for line in lines]

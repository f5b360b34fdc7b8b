"""Asking the form with questionary: arrow-key menus with number shortcuts, in a terminal.

Anything longer than one line (statements, stage descriptions, long questions) is printed
with rich, which wraps at word boundaries; questionary only shows what fits on its own line.
"""

from __future__ import annotations

import re
from typing import Any

import questionary
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table

from ehcjourney.console import emphasised, literal
from ehcjourney.questions import (
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    Question,
    TextQuestion,
)
from ehcjourney.session import ReviewAction, handing_back

SKIP = "__skip__"  # the value of the "skip" entry added to optional choices
FINISH_MULTILINE = (
    "Type as many lines as you need: Enter starts a new line. To finish, press Esc and then Enter."
)
REVIEW_CHOICES = [
    questionary.Choice("Save the response", ReviewAction.SAVE, shortcut_key="1"),
    questionary.Choice("Change an answer", ReviewAction.CHANGE, shortcut_key="2"),
    questionary.Choice("Quit without saving", ReviewAction.QUIT, shortcut_key="3"),
]
UNCHANGED_REVIEW = "Your answers are unchanged, as listed above."
ROOM_TO_TYPE = 30  # columns left free after a text prompt's question, for the answer
NUMBER_KEYS = 9  # choices 1 to 9 have a number key; later ones are reached with arrow keys
MOST_SHORTCUTS = 36  # questionary refuses shortcuts on a longer menu
LIST_ITEM = re.compile(r"^(\s+\d+\.\s)(.*)$")  # "  1. Title": a numbered line of the welcome


def _needs_text(answer: str) -> bool | str:
    return True if answer.strip() else "Please type an answer."


def _menu_instruction(count: int) -> str:
    if count <= NUMBER_KEYS:
        return f"(arrow keys or 1 to {count}, then Enter)"
    if count <= MOST_SHORTCUTS:
        return f"(arrow keys, or 1 to {NUMBER_KEYS} for the first {NUMBER_KEYS}; then Enter)"
    return "(arrow keys, then Enter)"


def _shortcut(number: int) -> str | bool:
    """Return a choice's number key, or False past 9: "10" would be two keys."""
    return str(number) if number <= NUMBER_KEYS else False


class TerminalPrompter:
    """Asks each question with questionary; explanations are printed with rich to stderr."""

    how_to_answer = (
        "Choose an answer with the arrow keys or its number, then press Enter. Press Ctrl-C "
        "at any time to stop: your answers so far are kept in a draft you can resume."
    )

    def __init__(
        self, console: Console, *, input: Input | None = None, output: Output | None = None
    ) -> None:
        self.console = console
        # Passed to every questionary prompt, so tests can drive them through a pipe.
        self.streams: dict[str, Any] = {"input": input, "output": output}
        # The answers last shown on the review screen, until a question is asked.
        self.reviewed: list[tuple[str, str]] | None = None

    def show_lines(self, lines: list[str]) -> None:
        """Print the welcome: the first line as a heading, then paragraphs and numbered items."""
        for index, line in enumerate(lines):
            item = LIST_ITEM.match(line)
            if item:
                self.console.print(_hanging(item.group(1), item.group(2)))
                continue
            if index > 0:
                self.console.print()
            self.console.print(literal(line, "bold" if index == 0 else ""))

    def begin_part(self, part: Part) -> None:
        """Open a part with a rule, its numbered title and its introduction."""
        self.console.print()
        self.console.rule(style="dim")
        self.console.print(literal(part.heading, "bold"))
        self.console.print()
        self.console.print(literal(part.introduction))

    def ask(self, question: Question, default: Any) -> Any:
        """Show where the person is, then ask the question, its current answer as default."""
        self.reviewed = None
        self.console.print()
        self.console.print(literal(question.progress, "dim"))
        if isinstance(question, ChoiceQuestion):
            return self.ask_choice(question, default)
        if isinstance(question, ListQuestion):
            return self.ask_list(question, default)
        if isinstance(question, LongTextQuestion):
            return self.ask_long_text(question, default)
        return self.ask_text(question, default)

    def short_prompt(self, question: Question, room: int) -> str:
        """Return the question if it fits on one line with `room` to spare, else print it."""
        if len(question.prompt) + room <= self.console.width:
            return question.prompt
        self.console.print(literal(question.prompt, "bold"))
        return question.name

    def ask_text(self, question: TextQuestion, default: Any) -> str:
        """Ask for a line of text; a required one cannot be left empty."""
        validate = _needs_text if question.required else None
        prompt = questionary.text(
            self.short_prompt(question, ROOM_TO_TYPE),
            default=_text(default),
            validate=validate,
            **self.streams,
        )
        return str(prompt.unsafe_ask()).strip()

    def ask_long_text(self, question: LongTextQuestion, default: Any) -> str:
        """Ask for text over several lines, saying plainly how to finish it."""
        self.console.print(literal(question.prompt, "bold"))
        self.console.print(FINISH_MULTILINE)
        # Shortcoming: prompt_toolkit wraps the text being edited at the last column, even
        # inside a word; only the display is affected, the text itself is kept as typed.
        prompt = questionary.text(
            question.name,
            default=_text(default),
            multiline=True,
            instruction="\n",  # the text starts on the line below the question's name
            validate=_needs_text,
            **self.streams,
        )
        # Stopped part-way, the text typed so far is kept: it may be paragraphs long.
        with handing_back(lambda: _edited_text(prompt.application.current_buffer.text, default)):
            return str(prompt.unsafe_ask()).strip("\n")

    def ask_list(self, question: ListQuestion, default: Any) -> list[str]:
        """Ask for entries #1 to #3 in turn, until an empty one; the first is needed."""
        self.console.print(literal(question.prompt, "bold"))
        earlier = [e for e in default if isinstance(e, str)] if isinstance(default, list) else []
        self.console.print(
            f"Give 1 to {question.most} entries, the most important first. When you have no "
            "more, press Enter on an empty line."
        )
        if earlier:
            self.console.print(
                "Your current entries are filled in: press Enter to keep each. An entry left "
                "empty ends the list there."
            )

        return self.ask_entries(question.most, earlier)

    def ask_entries(self, most: int, earlier: list[str]) -> list[str]:
        """Ask each entry in turn, its current one filled in; stopped, hand back those given."""
        entries: list[str] = []
        for number in range(1, most + 1):
            prompt = questionary.text(
                f"#{number}",
                default=earlier[number - 1] if number <= len(earlier) else "",
                validate=_needs_text if number == 1 else None,
                **self.streams,
            )
            # The entries not reached were filled in with their current ones, kept by Enter.
            with handing_back(lambda: entries + earlier[len(entries) :] if entries else None):
                entry = str(prompt.unsafe_ask()).strip()
            if not entry:
                break
            entries.append(entry)
        return entries

    def ask_choice(self, question: ChoiceQuestion, default: Any) -> str | None:
        """Ask for one answer from a menu; None when an optional question is skipped."""
        self.explain_choice(question)
        labelled = [(choice.label, choice.id) for choice in question.choices]
        if not question.required:
            labelled.append(("Skip this question", SKIP))
        choices = [
            questionary.Choice(label, value, shortcut_key=_shortcut(number))
            for number, (label, value) in enumerate(labelled, start=1)
        ]
        instruction = _menu_instruction(len(choices))
        chosen = questionary.select(
            self.short_prompt(question, len(instruction) + 4),
            choices=choices,
            use_shortcuts=len(choices) <= MOST_SHORTCUTS,
            use_arrow_keys=True,
            default=default if question.index_of(default) is not None else None,
            instruction=instruction,
            **self.streams,
        ).unsafe_ask()
        return None if chosen == SKIP else str(chosen)

    def explain_choice(self, question: ChoiceQuestion) -> None:
        """Print what a menu cannot show: the theme, the statement and each choice in full."""
        if question.context:
            self.console.print(literal(question.context, "bold"))
        if question.statement:
            self.console.print(emphasised(question.statement, question.emphasis))
            self.console.print()
        described = [choice for choice in question.choices if choice.description]
        for number, choice in enumerate(described, start=1):
            self.console.print(literal(f"{number}. {choice.label}", "bold"))
            self.console.print(Padding(literal(choice.description or ""), (0, 0, 1, 3)))

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction:
        """Show every answer, numbered, and ask whether to save, change one or quit."""
        self.console.print()
        if rows == self.reviewed:
            # Listed again, the answers would push what was just said off the screen.
            self.console.print(UNCHANGED_REVIEW)
        else:
            self.show_answers(rows)
        self.reviewed = rows
        action = questionary.select(
            "What next?",
            choices=REVIEW_CHOICES,
            use_shortcuts=True,
            instruction=_menu_instruction(len(REVIEW_CHOICES)),
            **self.streams,
        ).unsafe_ask()
        return ReviewAction(action)

    def show_answers(self, rows: list[tuple[str, str]]) -> None:
        """Print every answer in a numbered table under a heading."""
        self.console.rule(literal("Review your answers", "bold"), align="left", style="dim")
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column("Number", style="dim", justify="right", no_wrap=True)
        table.add_column("Question", style="bold", max_width=max(20, self.console.width * 7 // 20))
        table.add_column("Answer", overflow="fold")
        for number, (name, answer) in enumerate(rows, start=1):
            table.add_row(str(number), literal(name), literal(answer))
        self.console.print(table)
        self.console.print()

    def pick(self, message: str, options: list[str], default: int) -> int:
        """Return the position of one of many options, chosen by arrow keys or number."""
        # Too many options for one key each: typing a number filters the menu to that entry.
        # Shortcoming: the filter matches anywhere in an entry, so a digit in an earlier
        # option's name would be picked first; the form's own names have no digits.
        width = len(str(len(options)))
        choices = [
            questionary.Choice(f"{index + 1:>{width}}. {option}", index)
            for index, option in enumerate(options)
        ]
        picked = questionary.select(
            message,
            choices=choices,
            default=choices[default],
            use_search_filter=True,
            use_jk_keys=False,
            instruction="(arrow keys or its number, then Enter)",
            **self.streams,
        ).unsafe_ask()
        return int(picked)

    def confirm(self, message: str, default: bool) -> bool:
        """Ask a yes or no question."""
        return bool(questionary.confirm(message, default=default, **self.streams).unsafe_ask())

    def ask_path(self, message: str, default: str) -> str:
        """Ask for a file name, offering `default`."""
        return str(questionary.text(message, default=default, **self.streams).unsafe_ask())

    def say(self, message: str) -> None:
        """Print a message as plain text."""
        self.console.print(literal(message))


def _edited_text(typed: str, default: Any) -> str | None:
    """Return text typed over `default`, or None when it is blank or unchanged."""
    text = typed.strip("\n")
    return text if text.strip() and text != _text(default) else None


def _hanging(marker: str, text: str) -> RenderableType:
    """Lay out a numbered item so that its wrapped lines start under its text."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(literal(marker), literal(text))
    return grid


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""

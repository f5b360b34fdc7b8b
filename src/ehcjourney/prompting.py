"""Asking the form with questionary: arrow-key menus with number shortcuts, in a terminal."""

from __future__ import annotations

from typing import Any

import questionary
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ehcjourney.console import emphasised, literal
from ehcjourney.questions import (
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    Question,
    TextQuestion,
)
from ehcjourney.session import ReviewAction

SKIP = "__skip__"  # the value of the "skip" entry added to optional choices
FINISH_MULTILINE = "Press Esc and then Enter to finish (Enter alone starts a new line)."
REVIEW_CHOICES = [
    questionary.Choice("Save the response", ReviewAction.SAVE, shortcut_key="1"),
    questionary.Choice("Change an answer", ReviewAction.CHANGE, shortcut_key="2"),
    questionary.Choice("Quit without saving", ReviewAction.QUIT, shortcut_key="3"),
]


def _needs_text(answer: str) -> bool | str:
    return True if answer.strip() else "Please type an answer."


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

    def show_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.console.print(literal(line))
        self.console.print()

    def begin_part(self, part: Part) -> None:
        self.console.print()
        self.console.rule(literal(part.heading, "bold"), align="left")
        self.console.print(literal(part.introduction))
        self.console.print()

    def ask(self, question: Question, default: Any) -> Any:
        self.console.print(literal(question.progress, "dim"))
        if isinstance(question, ChoiceQuestion):
            return self.ask_choice(question, default)
        if isinstance(question, ListQuestion):
            return self.ask_list(question, default)
        if isinstance(question, LongTextQuestion):
            return self.ask_long_text(question, default)
        return self.ask_text(question, default)

    def ask_text(self, question: TextQuestion, default: Any) -> str:
        validate = _needs_text if question.required else None
        prompt = questionary.text(
            question.prompt, default=_text(default), validate=validate, **self.streams
        )
        return str(prompt.unsafe_ask()).strip()

    def ask_long_text(self, question: LongTextQuestion, default: Any) -> str:
        self.console.print(literal(question.prompt, "bold"))
        prompt = questionary.text(
            "",
            default=_text(default),
            multiline=True,
            instruction=FINISH_MULTILINE + "\n",
            validate=_needs_text,
            **self.streams,
        )
        return str(prompt.unsafe_ask()).strip("\n")

    def ask_list(self, question: ListQuestion, default: Any) -> list[str]:
        self.console.print(literal(question.prompt, "bold"))
        self.console.print(f"Give 1 to {question.most} entries, the most important first.")
        earlier = (
            [entry for entry in default if isinstance(entry, str)]
            if isinstance(default, list)
            else []
        )
        entries: list[str] = []
        for number in range(1, question.most + 1):
            first = number == 1
            hint = None if first else "(press Enter on an empty line to finish)"
            prompt = questionary.text(
                f"#{number}",
                default=earlier[number - 1] if number <= len(earlier) else "",
                validate=_needs_text if first else None,
                instruction=hint,
                **self.streams,
            )
            entry = str(prompt.unsafe_ask()).strip()
            if not entry:
                break
            entries.append(entry)
        return entries

    def ask_choice(self, question: ChoiceQuestion, default: Any) -> str | None:
        self.explain_choice(question)
        choices = [
            questionary.Choice(choice.label, choice.id, shortcut_key=str(number))
            for number, choice in enumerate(question.choices, start=1)
        ]
        if not question.required:
            choices.append(
                questionary.Choice("Skip this question", SKIP, shortcut_key=str(len(choices) + 1))
            )
        chosen = questionary.select(
            question.prompt,
            choices=choices,
            use_shortcuts=True,
            use_arrow_keys=True,
            default=default if question.index_of(default) is not None else None,
            instruction=f"(arrow keys or 1 to {len(choices)}, then Enter)",
            **self.streams,
        ).unsafe_ask()
        return None if chosen == SKIP else str(chosen)

    def explain_choice(self, question: ChoiceQuestion) -> None:
        """Print what a menu cannot show: the theme, the statement and each choice in full."""
        if question.context:
            self.console.print(literal(question.context, "bold"))
        if question.statement:
            self.console.print(emphasised(question.statement, question.emphasis))
        described = [choice for choice in question.choices if choice.description]
        for number, choice in enumerate(described, start=1):
            self.console.print(
                Text.assemble(
                    (f"{number}. {choice.label}: ", "bold"), literal(choice.description or "")
                )
            )
        if described:
            self.console.print()

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction:
        self.console.print()
        self.console.rule("Review your answers", align="left")
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column("Question", style="bold", no_wrap=True)
        table.add_column("Answer", overflow="fold")
        for name, answer in rows:
            table.add_row(literal(name), literal(answer))
        self.console.print(table)
        self.console.print()
        action = questionary.select(
            "What next?", choices=REVIEW_CHOICES, use_shortcuts=True, **self.streams
        ).unsafe_ask()
        return ReviewAction(action)

    def pick(self, message: str, options: list[str], default: int) -> int:
        choices = [questionary.Choice(option, index) for index, option in enumerate(options)]
        picked = questionary.select(
            message, choices=choices, default=choices[default], **self.streams
        ).unsafe_ask()
        return int(picked)

    def confirm(self, message: str, default: bool) -> bool:
        return bool(questionary.confirm(message, default=default, **self.streams).unsafe_ask())

    def ask_path(self, message: str, default: str) -> str:
        return str(questionary.text(message, default=default, **self.streams).unsafe_ask())

    def say(self, message: str) -> None:
        self.console.print(literal(message))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""

"""Asking the form as plain lines of text, for screen readers, basic terminals and scripts.

Every question is written once and answered by typing a line: no colour, no cursor movement,
nothing redrawn. Input is read line by line, so a whole form can be fed from a file.
"""

from __future__ import annotations

from typing import Any, TextIO

from ehcjourney.console import neutralise
from ehcjourney.questions import (
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    Question,
    TextQuestion,
)
from ehcjourney.session import ReviewAction

REVIEW_OPTIONS = [
    ("Save the response", ReviewAction.SAVE),
    ("Change an answer", ReviewAction.CHANGE),
    ("Quit without saving", ReviewAction.QUIT),
]


class PlainPrompter:
    """Asks each question as numbered plain lines and reads each answer as a line."""

    how_to_answer = (
        "Each question is asked once. For a choice, type its number and press Enter. Where an "
        "answer already exists, press Enter on an empty line to keep it. Press Ctrl-C at any "
        "time to stop: your answers so far are kept in a draft you can resume."
    )

    def __init__(self, input: TextIO, output: TextIO) -> None:
        self.input = input
        self.output = output

    def write(self, line: str = "") -> None:
        self.output.write(neutralise(line) + "\n")
        self.output.flush()

    def read_line(self) -> str:
        """Read one answer line; raise EOFError when input has ended."""
        line = self.input.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def show_lines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)
        self.write()

    def begin_part(self, part: Part) -> None:
        self.write()
        self.write(part.heading)
        self.write(part.introduction)

    def ask(self, question: Question, default: Any) -> Any:
        self.write()
        self.write(question.progress)
        if isinstance(question, ChoiceQuestion):
            return self.ask_choice(question, default)
        if isinstance(question, ListQuestion):
            return self.ask_list(question, default)
        if isinstance(question, LongTextQuestion):
            return self.ask_long_text(question, default)
        return self.ask_text(question, default)

    def ask_text(self, question: TextQuestion, default: Any) -> str | None:
        kept = default if isinstance(default, str) and default else None
        hint = " (optional: press Enter to skip)" if not question.required and not kept else ""
        self.write(question.prompt + hint)
        self.show_current(kept)
        while True:
            answer = self.read_line().strip()
            if answer or not question.required:
                return answer or kept
            if kept:
                return kept
            self.write("An answer is needed. Type it and press Enter.")

    def ask_long_text(self, question: LongTextQuestion, default: Any) -> str:
        kept = default if isinstance(default, str) and default.strip() else None
        self.write(question.prompt)
        self.write("Type as many lines as you need, then an empty line to finish.")
        self.show_current(kept)
        while True:
            lines = self.read_until_empty()
            if any(line.strip() for line in lines):
                return "\n".join(lines)
            if kept:
                return kept
            self.write("An answer is needed. Type it, then an empty line to finish.")

    def read_until_empty(self) -> list[str]:
        lines = []
        while line := self.read_line():
            lines.append(line)
        return lines

    def ask_list(self, question: ListQuestion, default: Any) -> list[str]:
        kept = [e for e in default if isinstance(e, str)] if isinstance(default, list) else []
        self.write(question.prompt)
        self.write(
            f"Give 1 to {question.most} entries, the most important first, one a line. "
            "An empty line finishes."
        )
        if kept:
            self.write("Current entries: " + "; ".join(kept))
            self.write("Press Enter on an empty first line to keep them.")
        while True:
            entries = self.read_entries(question.most)
            if entries or kept:
                return entries or kept
            self.write("At least one entry is needed.")

    def read_entries(self, most: int) -> list[str]:
        entries: list[str] = []
        while len(entries) < most:
            self.write(f"#{len(entries) + 1}:")
            entry = self.read_line().strip()
            if not entry:
                break
            entries.append(entry)
        return entries

    def ask_choice(self, question: ChoiceQuestion, default: Any) -> str | None:
        if question.context:
            self.write(question.context)
        if question.statement:
            self.write(question.statement)
        self.write(question.prompt)
        for number, choice in enumerate(question.choices, start=1):
            detail = f": {choice.description}" if choice.description else ""
            self.write(f"{number}. {choice.label}{detail}")
        kept_index = question.index_of(default)
        ids = [choice.id for choice in question.choices]
        return self.read_choice(ids, kept_index, optional=not question.required)

    def read_choice(self, ids: list[str], kept: int | None, *, optional: bool) -> str | None:
        instruction = f"Type a number from 1 to {len(ids)}"
        if kept is not None:
            instruction += f", or press Enter to keep {kept + 1}"
        elif optional:
            instruction += ", or press Enter to skip"
        self.write(instruction + ".")
        while True:
            answer = self.read_line().strip()
            if not answer and (kept is not None or optional):
                return ids[kept] if kept is not None else None
            if answer.isdigit() and 1 <= int(answer) <= len(ids):
                return ids[int(answer) - 1]
            if answer in ids:
                return answer
            self.write(f"'{answer}' is not one of the choices. {instruction}.")

    def show_current(self, current: str | None) -> None:
        if current:
            self.write("Current answer (press Enter to keep it): " + current)

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction:
        self.write()
        self.write("Review your answers")
        for name, answer in rows:
            self.write(f"{name}: {answer}")
        self.write()
        self.write("What next?")
        labels = [label for label, _ in REVIEW_OPTIONS]
        return REVIEW_OPTIONS[self.pick_index(labels)][1]

    def pick(self, message: str, options: list[str], default: int) -> int:
        self.write(message)
        return self.pick_index(options)

    def pick_index(self, options: list[str]) -> int:
        for number, option in enumerate(options, start=1):
            self.write(f"{number}. {option}")
        self.write(f"Type a number from 1 to {len(options)}.")
        while True:
            answer = self.read_line().strip()
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return int(answer) - 1
            self.write(
                f"'{answer}' is not one of the choices. Type a number from 1 to {len(options)}."
            )

    def confirm(self, message: str, default: bool) -> bool:
        self.write(
            f"{message} Type y for yes or n for no"
            + f" (Enter means {'yes' if default else 'no'})."
        )
        while True:
            answer = self.read_line().strip().lower()
            if not answer:
                return default
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.write("Type y for yes or n for no.")

    def ask_path(self, message: str, default: str) -> str:
        self.write(f"{message} Press Enter for {default}.")
        return self.read_line().strip() or default

    def say(self, message: str) -> None:
        self.write(message)

"""Asking the form as plain lines of text, for screen readers, basic terminals and scripts.

Every question is written once and answered by typing a line: no colour, no cursor movement,
nothing redrawn. Input is read line by line, so a whole form can be fed from a file.
"""

from __future__ import annotations

from typing import Any, AnyStr, TextIO

from ehcjourney.console import neutralise
from ehcjourney.errors import InputEndedError
from ehcjourney.questions import (
    PART_COUNT,
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    Question,
    TextQuestion,
)
from ehcjourney.session import ReviewAction, handing_back

REVIEW_OPTIONS = [
    ("Save the response", ReviewAction.SAVE),
    ("Change an answer", ReviewAction.CHANGE),
    ("Quit without saving", ReviewAction.QUIT),
]
FINISH_LINES = "press Enter on an empty line to finish"
LINE_LIMIT = 100_000  # the longest line read, far above any answer, so endless input ends
INDENT = "   "


class PlainPrompter:
    """Asks each question as numbered plain lines and reads each answer as a line."""

    how_to_answer = (
        "Each question is asked once, as plain lines of text. For a choice, type its number "
        "and press Enter. Where there is already an answer, press Enter alone to keep it. "
        "To stop, press Ctrl-C: your answers so far are kept in a draft you can resume."
    )

    def __init__(self, input: TextIO, output: TextIO) -> None:
        self.input = input
        self.output = output
        self.line_number = 0
        # The answers on the review screen just shown, so a pick can refer to them.
        self.reviewed: list[tuple[str, str]] = []

    def write(self, line: str = "") -> None:
        """Write one line of text, with any control characters in it made visible."""
        self.output.write(neutralise(line) + "\n")
        self.output.flush()

    def read_line(self) -> str:
        """Read one answer line; raise EOFError when input has ended."""
        line = self.next_line()
        if not line:
            raise EOFError
        self.line_number += 1
        return line.rstrip("\r\n")

    def next_line(self) -> str:
        """Read the next line, decoding it alone so that bad bytes are blamed on their line."""
        # Every line is read through the byte buffer when there is one, never mixed with the
        # text layer above it, which would hold lines read ahead.
        buffer = getattr(self.input, "buffer", None)
        if buffer is None:
            return self.within_limit(self.input.readline(LINE_LIMIT + 1))

        encoding = getattr(self.input, "encoding", None) or "utf-8"
        data = self.within_limit(buffer.readline(LINE_LIMIT + 1))
        try:
            return str(data.decode(encoding))
        except UnicodeDecodeError:
            number = self.line_number + 1
            raise InputEndedError(
                f"Line {number} of the input is not {encoding.upper()} text."
            ) from None

    def within_limit(self, line: AnyStr) -> AnyStr:
        """Return a line read, or end the input when it is longer than any answer could be."""
        if len(line) <= LINE_LIMIT:
            return line
        raise InputEndedError(
            f"Line {self.line_number + 1} of the input is longer than {LINE_LIMIT // 1000} KB, "
            "more than any answer needs; the input was not read further."
        )

    def retry(self, message: str) -> None:
        """Say why an answer was not taken; from a file, name the line that held it."""
        if not _is_terminal(self.input):
            message = f"Line {self.line_number} of the input: {message}"
        self.write(message)

    def show_lines(self, lines: list[str]) -> None:
        """Write lines of explanation, then an empty line."""
        for line in lines:
            self.write(line)
        self.write()

    def begin_part(self, part: Part) -> None:
        """Introduce a part: its number of the three, its title and its introduction."""
        self.write()
        self.write(f"Part {part.number} of {PART_COUNT}: {part.title}")
        self.write(part.introduction)

    def ask(self, question: Question, default: Any) -> Any:
        """Ask one question after its progress; `default` is the answer it has already."""
        self.reviewed = []
        self.write()
        self.write(spoken_progress(question.progress))
        if isinstance(question, ChoiceQuestion):
            return self.ask_choice(question, default)
        if isinstance(question, ListQuestion):
            return self.ask_list(question, default)
        if isinstance(question, LongTextQuestion):
            return self.ask_long_text(question, default)
        return self.ask_text(question, default)

    def ask_text(self, question: TextQuestion, default: Any) -> str | None:
        """Ask for one line of text; Enter alone keeps an answer or skips an optional one."""
        kept = default if isinstance(default, str) and default.strip() else None
        self.write(question.prompt)
        if kept:
            self.write(f"Current answer: {kept}")
            self.write("Press Enter alone to keep it, or type a new answer and press Enter.")
        elif not question.required:
            self.write("Type your answer and press Enter, or press Enter alone to skip.")
        else:
            self.write("Type your answer and press Enter.")

        while True:
            # Shortcoming: an optional answer, once given, can be replaced but not removed here.
            answer = self.read_line().strip()
            if answer or kept or not question.required:
                return answer or kept
            self.retry("An answer is needed. Type it and press Enter.")

    def ask_long_text(self, question: LongTextQuestion, default: Any) -> str:
        """Ask for text over several lines, ended by an empty line."""
        kept = default if isinstance(default, str) and default.strip() else None
        self.write(question.prompt)
        if kept:
            self.write("Current answer:")
            self.write_indented(kept.splitlines())
            self.write(f"Press Enter alone to keep it, or type a new answer and {FINISH_LINES}.")
        else:
            self.write(f"Type as many lines as you need, then {FINISH_LINES}.")

        while True:
            # New lines replace a kept answer only once finished; stopped, the kept one stays.
            lines = self.read_until_empty(hand_back=not kept)
            if lines:
                return "\n".join(lines)
            if kept:
                return kept
            self.retry(f"An answer is needed. Type it, then {FINISH_LINES}.")

    def read_until_empty(self, *, hand_back: bool) -> list[str]:
        """Read lines up to an empty (or blank) one; stopped part-way, hand back those read."""
        # Shortcoming: an empty line ends the answer, so text of several paragraphs
        # cannot be typed here; the paragraphs of a kept answer do survive.
        lines: list[str] = []
        with handing_back(lambda: "\n".join(lines) if hand_back else None):
            while (line := self.read_line().rstrip()).strip():
                lines.append(line)
        return lines

    def ask_list(self, question: ListQuestion, default: Any) -> list[str]:
        """Ask for up to `most` entries, one a line, the most important first."""
        kept = [e for e in default if isinstance(e, str)] if isinstance(default, list) else []
        self.write(question.prompt)
        if kept:
            self.write("Current entries:")
            self.write_numbered(kept)
        self.write(
            f"Type up to {question.most} entries, the most important first, pressing Enter "
            f"after each; {FINISH_LINES}."
        )
        if kept:
            self.write(
                "Press Enter alone now to keep the current entries; any you type replace them."
            )

        while True:
            # New entries replace kept ones only once finished; stopped, the kept ones stay.
            entries = self.read_entries(question.most, hand_back=not kept)
            if entries or kept:
                return entries or kept
            self.retry("At least one entry is needed. Type it and press Enter.")

    def read_entries(self, most: int, *, hand_back: bool) -> list[str]:
        """Read entries, each announced by its number, until an empty line or `most`."""
        entries: list[str] = []
        with handing_back(lambda: entries if hand_back else None):
            while len(entries) < most:
                self.write(f"Entry {len(entries) + 1} of up to {most}:")
                entry = self.read_line().strip()
                if not entry:
                    break
                entries.append(entry)
        return entries

    def ask_choice(self, question: ChoiceQuestion, default: Any) -> str | None:
        """Ask for one of numbered choices, after the theme and statement they answer."""
        for line in (question.context, question.statement, question.prompt):
            if line:
                self.write(line)
        self.write_numbered(
            [
                f"{choice.label}: {choice.description}" if choice.description else choice.label
                for choice in question.choices
            ]
        )
        return self.read_choice(question, question.index_of(default))

    def read_choice(self, question: ChoiceQuestion, kept: int | None) -> str | None:
        """Read a choice by number, id or label; say what to type until one is given."""
        instruction = f"Type a number from 1 to {len(question.choices)} and press Enter"
        if kept is not None:
            label = question.choices[kept].label
            instruction += f", or press Enter alone to keep your answer, {label}"
        elif not question.required:
            instruction += ", or press Enter alone to skip"
        self.write(instruction + ".")

        while True:
            answer = self.read_line().strip()
            if answer:
                chosen = _find_choice(question, answer)
                if chosen is not None:
                    return chosen
                self.retry(f"{_not_a_choice(answer)} {instruction}.")
            elif kept is not None or not question.required:
                return question.choices[kept].id if kept is not None else None
            else:
                self.retry(f"An answer is needed. {instruction}.")

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction:
        """List every answer, numbered, and ask what to do next."""
        self.write()
        if rows == self.reviewed:
            # Read out again, the answers would bury what was just said.
            self.write("Your answers are unchanged, as listed above.")
        else:
            self.list_answers(rows)
        self.write()
        self.write("What next?")
        action = REVIEW_OPTIONS[self.pick_index([label for label, _ in REVIEW_OPTIONS])][1]
        self.reviewed = rows
        return action

    def list_answers(self, rows: list[tuple[str, str]]) -> None:
        """Write every answer, numbered, its further lines indented."""
        self.write("Review your answers.")
        self.write(f"There are {len(rows)} answers, numbered so that you can change one.")
        for number, (name, answer) in enumerate(rows, start=1):
            first, *rest = answer.splitlines() or [""]
            self.write(f"{number}. {name}: {first}")
            self.write_indented(rest)

    def pick(self, message: str, options: list[str], default: int) -> int:
        """Ask for one option by number; the review's answers are referred to, not listed again."""
        if self.refers_to_review(options):
            self.write(f"{message} The answers are numbered in the review above.")
            return self.read_number(len(options))
        self.write(message)
        return self.pick_index(options)

    def refers_to_review(self, options: list[str]) -> bool:
        """Whether the options are the answers of the review just shown, in the same order."""
        return options == [name for name, _ in self.reviewed]

    def pick_index(self, options: list[str]) -> int:
        """List options, numbered, and read the index of the one typed."""
        self.write_numbered(options)
        return self.read_number(len(options))

    def read_number(self, count: int) -> int:
        """Read a number from 1 to `count`, asking again until one is typed; return its index."""
        instruction = f"Type a number from 1 to {count} and press Enter."
        self.write(instruction)
        while True:
            answer = self.read_line().strip()
            if answer.isdigit() and 1 <= int(answer) <= count:
                return int(answer) - 1
            problem = _not_a_choice(answer) if answer else "An answer is needed."
            self.retry(f"{problem} {instruction}")

    def confirm(self, message: str, default: bool) -> bool:
        """Ask a yes-or-no question; Enter alone gives the default, which is said."""
        instruction = "Type y for yes or n for no, and press Enter."
        self.write(f"{message} {instruction} Enter alone means {'yes' if default else 'no'}.")
        while True:
            answer = self.read_line().strip().lower()
            if not answer:
                return default
            if answer in ("y", "yes"):
                return True
            if answer in ("n", "no"):
                return False
            self.retry(f"{_not_a_choice(answer)} {instruction}")

    def ask_path(self, message: str, default: str) -> str:
        """Ask for a file name; Enter alone takes `default`."""
        self.write(f"{message} Type a file name and press Enter, or Enter alone for {default}.")
        return self.read_line().strip() or default

    def say(self, message: str) -> None:
        """Write a message between questions."""
        self.write(message)

    def write_numbered(self, items: list[str]) -> None:
        """Write items as a numbered list: "1. Strongly agree"."""
        for number, item in enumerate(items, start=1):
            self.write(f"{number}. {item}")

    def write_indented(self, lines: list[str]) -> None:
        """Write the further lines of an answer, indented under its first."""
        for line in lines:
            self.write(INDENT + line if line else "")


def spoken_progress(progress: str) -> str:
    """Return a question's progress as it reads aloud: "Part 3 of 3, characteristic 4 of 9"."""
    # A screen reader may say the middle dot as "dot"; a comma is a pause.
    return progress.replace(" · ", ", ")


def _find_choice(question: ChoiceQuestion, answer: str) -> str | None:
    """Return the id of the choice typed as its number, id or label, or None."""
    if answer.isdigit() and 1 <= int(answer) <= len(question.choices):
        return question.choices[int(answer) - 1].id
    typed = answer.casefold()
    for choice in question.choices:
        if typed in (choice.id.casefold(), choice.label.casefold()):
            return choice.id
    return None


def _not_a_choice(answer: str) -> str:
    """Say that what was typed is not a choice, quoting it so the person hears what they typed."""
    return f"You typed {answer}, which is not one of the choices."


def _is_terminal(stream: TextIO) -> bool:
    """Whether a stream is a terminal; a closed one is not."""
    try:
        return stream.isatty()
    except ValueError:  # a closed stream
        return False

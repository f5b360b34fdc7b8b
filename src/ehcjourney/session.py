"""One sitting of `fill`: ask each question, keep a draft, review, and save the response."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from slugify import slugify

from ehcjourney import storage
from ehcjourney.answers import Answers
from ehcjourney.definition import Definition
from ehcjourney.drafts import Draft
from ehcjourney.errors import InputEndedError, WriteError
from ehcjourney.questions import (
    ChoiceQuestion,
    ListQuestion,
    Part,
    Question,
    build_questions,
    welcome,
)
from ehcjourney.validation import check

SLUG_LENGTH = 60  # the longest local area name used in a file name; the system allows 255 bytes
TOO_LONG = (
    "That answer is too long: with it, your answers would take more than "
    f"{storage.MAX_FILE_BYTES // 1000} KB (about {storage.MAX_FILE_BYTES:,} letters), "
    "the most a response file can hold. Shorten it and answer again."
)
QUIT_QUESTION = (
    "Quit without saving? Your answers and their draft will be deleted; "
    "to keep them for later, answer no and press Ctrl-C."
)


class ReviewAction(Enum):
    """What the person chose on the review screen."""

    SAVE = "save"
    CHANGE = "change"
    QUIT = "quit"


class PartialAnswer(KeyboardInterrupt):
    """A question stopped part-way, carrying the part already given and what stopped it.

    A KeyboardInterrupt, so that anything not looking for it stops as it would for Ctrl-C.
    """

    def __init__(self, answer: Any, stopped_by: BaseException) -> None:
        super().__init__(str(stopped_by))
        self.answer = answer
        self.stopped_by = stopped_by


# What can stop a question part-way: Ctrl-C (or a closed terminal), Ctrl-D, input that ends.
STOPPING = (KeyboardInterrupt, EOFError, InputEndedError)


@contextlib.contextmanager
def handing_back(so_far: Callable[[], Any]) -> Iterator[None]:
    """Within the block, a stop becomes a PartialAnswer carrying `so_far()`, unless it is empty."""
    try:
        yield
    except STOPPING as stopped:
        answer = so_far()
        if answer is None or answer == "" or answer == []:
            raise
        raise PartialAnswer(answer, stopped) from stopped


class Prompter(Protocol):
    """A way of asking questions: full-screen menus, or plain numbered lines."""

    how_to_answer: str

    def show_lines(self, lines: list[str]) -> None: ...

    def begin_part(self, part: Part) -> None: ...

    def ask(self, question: Question, default: Any) -> Any: ...

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction: ...

    def pick(self, message: str, options: list[str], default: int) -> int: ...

    def confirm(self, message: str, default: bool) -> bool: ...

    def ask_path(self, message: str, default: str) -> str: ...

    def say(self, message: str) -> None: ...


class Session:
    """Asks the form through a prompter, saving a draft after every answer."""

    def __init__(
        self,
        definition: Definition,
        prompter: Prompter,
        answers: Answers,
        draft: Draft,
        output: Path | None,
    ) -> None:
        self.definition = definition
        self.prompter = prompter
        self.answers = answers
        self.draft = draft
        self.output = output
        self.questions = build_questions(definition)

    def run(self, *, skip_answered: bool) -> Path | None:
        """Ask the form and return where the response was saved, or None if it was abandoned."""
        self.prompter.show_lines(welcome(self.definition, self.prompter.how_to_answer))
        self.ask_in_order(skip_answered=skip_answered)
        return self.review_until_done()

    def ask_in_order(self, *, skip_answered: bool) -> None:
        """Ask every question in turn, introducing each part before its first question."""
        last_answered = max(
            (i for i, q in enumerate(self.questions) if self.answers.is_answered(q)), default=-1
        )
        current_part: Part | None = None
        for index, question in enumerate(self.questions):
            # On resume, skipped optional questions before the last answer count as asked.
            if skip_answered and (
                self.answers.is_answered(question)
                or (index < last_answered and not _required(question))
            ):
                continue
            if question.part is not None and question.part != current_part:
                current_part = question.part
                self.prompter.begin_part(current_part)
            self.ask_one(question)

    def ask_one(self, question: Question) -> None:
        """Ask one question, its current answer as the default, and keep the draft up to date."""
        while True:
            try:
                answer = self.prompter.ask(question, self.answers.get(question.path))
            except PartialAnswer as partial:
                # Shortcoming: on resume, a part-answered question counts as answered and is
                # not asked again; the draft has no place to say it was cut short (drafts.py).
                self.keep(question, partial.answer)
                raise partial.stopped_by from None
            if self.keep(question, answer):
                return
            self.prompter.say(TOO_LONG)

    def keep(self, question: Question, answer: Any) -> bool:
        """Record an answer and save the draft with it; refuse one too long to be read back."""
        earlier = self.answers.get(question.path)
        self.answers.set(question.path, answer)
        if self.too_large():
            self.answers.set(question.path, earlier)
            return False

        self.draft.save(self.answers)
        return True

    def too_large(self) -> bool:
        """Whether the draft or the response, in YAML or JSON, would pass the size limit."""
        # Saved files must stay within what `show` and `--resume` agree to read.
        documents = (self.answers.as_draft(), self.answers.as_response(datetime.date.today()))
        return any(
            len(storage.serialise(document, Path(name)).encode("utf-8")) > storage.MAX_FILE_BYTES
            for document in documents
            for name in ("size.yaml", "size.json")
        )

    def review_until_done(self) -> Path | None:
        """Offer the review screen until the response is saved or the person quits."""
        while True:
            action = self.prompter.review(self.review_rows())
            if action is ReviewAction.SAVE:
                saved = self.save()
                if saved is not None:
                    return saved
            elif action is ReviewAction.CHANGE:
                self.change_one()
            elif self.prompter.confirm(QUIT_QUESTION, False):
                self.draft.remove()
                return None

    def review_rows(self) -> list[tuple[str, str]]:
        """Each question's short name and its answer as text, for the review screen."""
        return [(question.name, self.answer_text(question)) for question in self.questions]

    def answer_text(self, question: Question) -> str:
        """Return a question's answer as the review screen shows it."""
        value = self.answers.get(question.path)
        if not self.answers.is_answered(question):
            return "(no answer yet; needed to save)" if _required(question) else "(no answer)"
        if self.is_not_a_choice(question):
            return f"{value} (not one of the choices; change it)"
        if isinstance(question, ChoiceQuestion):
            index = question.index_of(value)
            return question.choices[index].label if index is not None else str(value)
        if isinstance(question, ListQuestion):
            return "\n".join(f"#{n} {entry}" for n, entry in enumerate(value, start=1))
        return str(value)

    def change_one(self) -> None:
        """Ask which question to answer again; the review screen above shows each answer."""
        names = [question.name for question in self.questions]
        index = self.prompter.pick("Which answer do you want to change?", names, 0)
        self.ask_one(self.questions[index])

    def save(self) -> Path | None:
        """Save the response; return its path, or None to go back to the review screen."""
        today = datetime.date.today()
        document = self.answers.as_response(today)
        reason = self.why_not_ready(document)
        if reason is not None:
            self.prompter.say(reason)
            return None

        target = self.output or default_output(self.answers, today)
        return self.write_response(document, target)

    def why_not_ready(self, document: dict[str, Any]) -> str | None:
        """Say why the response cannot be saved yet, or return None when it can."""
        unanswered = self.numbered_names(
            lambda question: _required(question) and not self.answers.is_answered(question)
        )
        not_choices = self.numbered_names(self.is_not_a_choice)
        if unanswered or not_choices:
            reasons = ["The form is not complete yet."]
            if unanswered:
                reasons.append(f"Still to answer: {unanswered}.")
            if not_choices:
                reasons.append(f"Not one of the choices: {not_choices}.")
            reasons.append('Choose "Change an answer" and pick each of them by its number.')
            return " ".join(reasons)

        result = check(document, self.definition, lambda _path: None)
        if result.valid:
            return None
        problems = "; ".join(problem.describe() for problem in result.problems)
        return f"Some answers cannot be saved: {problems}. Change those answers."

    def numbered_names(self, chosen: Callable[[Question], bool]) -> str:
        """Name the chosen questions with their numbers on the review screen: "5. Rationale"."""
        return ", ".join(
            f"{number}. {question.name}"
            for number, question in enumerate(self.questions, start=1)
            if chosen(question)
        )

    def is_not_a_choice(self, question: Question) -> bool:
        """Whether a choice's answer, carried over from a file, is not one of its choices."""
        value = self.answers.get(question.path)
        return (
            isinstance(question, ChoiceQuestion)
            and self.answers.is_answered(question)
            and question.index_of(value) is None
        )

    def write_response(self, document: dict[str, Any], target: Path) -> Path:
        """Write the response without replacing a file unasked; on failure, ask for another."""
        overwrite = False
        while True:
            if self.is_the_draft(target):
                # Saved over the draft, the response would be deleted with it just after.
                self.prompter.say(f"{target} is the draft that keeps your answers; name another.")
                target = self.ask_for_path(default_output(self.answers, datetime.date.today()))
                overwrite = False
                continue
            try:
                storage.write_text(target, storage.serialise(document, target), overwrite=overwrite)
            except FileExistsError:
                overwrite = self.prompter.confirm(f"{target} already exists. Replace it?", False)
                if not overwrite:
                    target = self.ask_for_path(target)
                continue
            except WriteError as error:
                self.prompter.say(f"{error.message} Your answers are kept in {self.draft.path}.")
                target, overwrite = self.ask_for_path(target), False
                continue
            self.draft.remove()
            return target

    def is_the_draft(self, target: Path) -> bool:
        """Whether a file name is the draft's, however it is written."""
        return target.resolve() == self.draft.path.resolve()

    def ask_for_path(self, target: Path) -> Path:
        """Ask for another file name until one ends in a known format."""
        while True:
            answer = self.prompter.ask_path("Save to which file?", str(target)).strip()
            path = Path(answer or str(target)).expanduser()
            if path.suffix.lower() in storage.RESPONSE_SUFFIXES:
                return path
            self.prompter.say("Name a file ending in .yaml, .yml or .json.")


def _required(question: Question) -> bool:
    return getattr(question, "required", True) is not False


def default_output(answers: Answers, today: datetime.date) -> Path:
    """Name a response after its local area and date: exampleshire-2026-12-03.yaml."""
    area = answers.get(("local_area",))
    name = slugify(area, max_length=SLUG_LENGTH) if isinstance(area, str) else ""
    return Path(f"{name or 'response'}-{today.isoformat()}.yaml")

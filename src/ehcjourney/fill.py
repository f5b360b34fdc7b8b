"""Starting `fill`: choosing how to ask, where answers come from, and what an interruption keeps."""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ehcjourney import storage
from ehcjourney.answers import Answers
from ehcjourney.console import accessible_requested, make_console, use_plain_output
from ehcjourney.definition import Definition
from ehcjourney.drafts import Draft, draft_path_for, held_alone, output_for_draft, read_answers
from ehcjourney.errors import (
    CannotRunError,
    EhcJourneyError,
    FormStoppedError,
    InputEndedError,
    InternalError,
    WriteError,
)
from ehcjourney.session import Prompter, Session
from ehcjourney.stopping import StopSignalError, stopping_on_signals


@dataclass(frozen=True)
class FillOptions:
    """What `fill` was asked to do, from the command line and the environment."""

    output: Path | None = None
    questions: Path | None = None
    resume: Path | None = None
    start_from: Path | None = None
    plain: bool = False


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal (it is missing altogether after `<&-`)."""
    return sys.stdin is not None and sys.stdin.isatty()


def wants_plain(flag: bool) -> bool:
    """Plain mode by flag, by ACCESSIBLE (unless 0 or false), in a dumb terminal or none."""
    # A dumb terminal cannot move the cursor, which full-screen menus need.
    dumb = os.environ.get("TERM", "") == "dumb"
    return flag or accessible_requested() or dumb or not stdin_is_terminal()


def run_fill(definition: Definition, options: FillOptions) -> Path | None:
    """Fill in the form; return the saved response's path, or None when it was abandoned."""
    output = _output_for(options)
    draft_path = options.resume or draft_path_for(output)
    with held_alone(draft_path):
        return _fill_alone(definition, options, output, draft_path)


def _fill_alone(
    definition: Definition, options: FillOptions, output: Path | None, draft_path: Path
) -> Path | None:
    """Fill in the form, with the draft kept from any other `fill`."""
    prompter = _make_prompter(options.plain)
    draft = Draft(draft_path, notify=prompter.say)
    ending = _Ending(draft, options, output)

    with stopping_on_signals(ending.last_words):
        try:
            answers, resuming = _starting_answers(definition, options, ending, prompter)
            ending.answers = answers
            session = Session(definition, prompter, answers, draft, output)
            return session.run(skip_answered=resuming)
        except (Exception, KeyboardInterrupt) as error:
            reported = ending.error_for(error)
            if reported is error:
                raise
            raise reported from error


def _output_for(options: FillOptions) -> Path | None:
    output = options.output
    if output is not None and output.suffix.lower() not in storage.RESPONSE_SUFFIXES:
        raise CannotRunError(f"{output}: name a file ending in .yaml, .yml or .json.")
    if output is None and options.resume is not None:
        return output_for_draft(options.resume)
    if output is not None and options.resume is not None and _same(output, options.resume):
        # Saved over the draft, the response would be deleted with it just after.
        raise CannotRunError(
            f"{output}: is the draft being resumed; the response needs a file of its own.",
            hint="Name another file with --output.",
        )
    return output


def _same(first: Path, second: Path) -> bool:
    return first.resolve() == second.resolve()


def _make_prompter(plain: bool) -> Prompter:
    if plain:
        use_plain_output()  # the messages and errors around the questions are plain text too
    screen = _conversation_stream()
    if plain:
        from ehcjourney.plain import PlainPrompter

        prompter = PlainPrompter(_standard_input(), screen)
        if not stdin_is_terminal():
            prompter.say(
                "Standard input is not a terminal, so questions are asked as plain lines and "
                "answers read line by line."
            )
        return prompter

    from prompt_toolkit.output import create_output

    from ehcjourney.prompting import TerminalPrompter

    console = make_console(file=screen)
    return TerminalPrompter(console, output=create_output(stdout=screen))


def _standard_input() -> TextIO:
    # Started with standard input closed (`<&-`), Python has no sys.stdin: it reads as ended.
    return sys.stdin if sys.stdin is not None else io.StringIO()


def _conversation_stream() -> TextIO:
    """Where questions are written: stderr, unless only stdout reaches the person's screen.

    With `fill 2> log` at a terminal, questions written to stderr would go into the log while
    the person looks at a silent screen.
    """
    stderr = sys.stderr if sys.stderr is not None else io.StringIO()
    if not stderr.isatty() and sys.stdout is not None and sys.stdout.isatty():
        return sys.stdout
    return stderr


def _starting_answers(
    definition: Definition, options: FillOptions, ending: _Ending, prompter: Prompter
) -> tuple[Answers, bool]:
    """Return the answers to start from, and whether questions already answered are skipped."""
    draft = ending.draft
    if options.resume is not None:
        return _answers_from(options.resume, definition, prompter, resuming=True), True
    if draft.exists() and _resume_draft(draft, prompter, ending.resume_command()):
        return _answers_from(draft.path, definition, prompter, resuming=True), True
    if options.start_from is not None:
        return _answers_from(options.start_from, definition, prompter, resuming=False), False
    return Answers(definition), False


def _resume_draft(draft: Draft, prompter: Prompter, command: str) -> bool:
    """Ask whether to resume the draft found; never replace it without a yes."""
    if not stdin_is_terminal():
        # Lines meant as answers must not be taken for a yes or a no.
        raise CannotRunError(
            f"A draft of this form is already in {draft.path}.",
            hint=f"To carry on with it, run: {command}; or delete it to start again.",
        )
    if prompter.confirm(f"A draft of this form was found in {draft.path}. Resume it?", True):
        return True
    if not prompter.confirm("Start again? The draft's answers will be replaced.", False):
        raise FormStoppedError(
            f"Nothing was changed; the draft is still in {draft.path}.",
            hint=f"To carry on with it, run: {command}",
        )
    return False


def _answers_from(
    path: Path, definition: Definition, prompter: Prompter, *, resuming: bool
) -> Answers:
    """Read the answers to start from, telling the person which ones could not be used."""
    document, unusable = read_answers(path, definition, resuming=resuming)
    if unusable:
        prompter.say(
            f"Some answers in {path} are not answers this form accepts, so these questions "
            f"are asked again: {', '.join(unusable)}."
        )
    return Answers(definition, document)


@dataclass
class _Ending:
    """How to tell the person where their answers are when fill ends before saving."""

    draft: Draft
    options: FillOptions
    output: Path | None
    answers: Answers | None = None  # once known: the answers the form started from and since

    def error_for(self, error: BaseException) -> EhcJourneyError:
        """Return the error to end with, whatever stopped the form."""
        self.restore_draft()
        if isinstance(error, StopSignalError):
            return self.stopped(error.reason)
        if isinstance(error, KeyboardInterrupt):
            return self.stopped("Stopped.")
        if isinstance(error, EOFError) and self.options.plain:
            reason = "The input ended before the form was saved."
            return self.stopped(reason, InputEndedError)
        if isinstance(error, EOFError):  # Ctrl-D at a full-screen prompt
            return self.stopped("Stopped.")
        if isinstance(error, InputEndedError):  # input that could not be read as answers
            return self.stopped(error.message, InputEndedError)
        if isinstance(error, WriteError):
            # The draft could not be written anywhere; the last one written is still whole.
            return self.stopped(error.message, WriteError, kept="Your earlier answers")
        if isinstance(error, EhcJourneyError):
            return error
        reason = f"Something went wrong: {str(error) or type(error).__name__}."
        return self.stopped(reason, InternalError)

    def restore_draft(self) -> None:
        """Write the draft again if it vanished (deleted by hand, say) while answers were given."""
        answers = self.answers
        if answers is None or answers.is_empty() or self.draft.exists():
            return
        with contextlib.suppress(WriteError):
            self.draft.save(answers)

    def any_answer(self) -> bool:
        """Whether there is any answer, given now or carried over, that a draft would keep."""
        return self.answers is not None and not self.answers.is_empty()

    def last_words(self, reason: str) -> str:
        """Return what to print if the process must end at once: where the answers are."""
        error = self.stopped(reason)
        return "\n".join(filter(None, [error.message, error.hint]))

    def stopped(
        self,
        reason: str,
        error: type[EhcJourneyError] = FormStoppedError,
        kept: str = "Your answers so far",
    ) -> EhcJourneyError:
        """Return an error saying why the form stopped and where its answers are kept."""
        if not self.any_answer():
            return error(f"{reason} No answer had been given yet, so there is nothing to keep.")
        if not self.draft.exists():
            lost = f"The draft {self.draft.path} could not be written again; the answers are lost."
            return error(f"{reason} {lost}")
        return error(
            f"{reason} {kept} are saved in {self.draft.path}.",
            hint="To carry on where you left off, run: " + self.resume_command(),
        )

    def resume_command(self) -> str:
        """Return the command that carries on with the draft, as it can be typed in a shell."""
        command = ["ehcjourney", "fill", "--resume", str(self.draft.path)]
        if self.output is not None:
            command += ["--output", str(self.output)]
        if self.options.questions is not None:
            command += ["--questions", str(self.options.questions)]
        return shlex.join(command)

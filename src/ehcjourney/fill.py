"""Starting `fill`: choosing how to ask, where answers come from, and what an interruption keeps."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ehcjourney import storage
from ehcjourney.answers import Answers
from ehcjourney.console import make_console
from ehcjourney.definition import Definition
from ehcjourney.drafts import Draft, draft_path_for, output_for_draft
from ehcjourney.errors import (
    CannotRunError,
    EhcJourneyError,
    FormStoppedError,
    InputEndedError,
    ResponseFileError,
)
from ehcjourney.session import Prompter, Session
from ehcjourney.validation import DRAFT_KEY


@dataclass(frozen=True)
class FillOptions:
    """What `fill` was asked to do, from the command line and the environment."""

    output: Path | None = None
    questions: Path | None = None
    resume: Path | None = None
    start_from: Path | None = None
    plain: bool = False


def wants_plain(flag: bool) -> bool:
    """Plain mode by flag, by a non-empty ACCESSIBLE (not 0 or false), or without a terminal."""
    accessible = os.environ.get("ACCESSIBLE", "").strip().lower()
    return flag or accessible not in ("", "0", "false") or not sys.stdin.isatty()


def run_fill(definition: Definition, options: FillOptions) -> Path | None:
    """Fill in the form; return the saved response's path, or None when it was abandoned."""
    if (
        options.output is not None
        and options.output.suffix.lower() not in storage.RESPONSE_SUFFIXES
    ):
        raise CannotRunError(f"{options.output}: name a file ending in .yaml, .yml or .json.")

    output = options.output
    if options.resume is not None and output is None:
        output = output_for_draft(options.resume)
    draft = Draft(options.resume or draft_path_for(output))
    prompter = _make_prompter(options.plain)

    answers, resuming = _starting_answers(definition, options, draft, prompter)
    session = Session(definition, prompter, answers, draft, output)
    try:
        return session.run(skip_answered=resuming)
    except KeyboardInterrupt:
        raise _stopped("Stopped.", draft, options) from None
    except EOFError:
        if options.plain:
            raise _stopped(
                "The input ended before the form was complete.",
                draft,
                options,
                error=InputEndedError,
            ) from None
        raise _stopped("Stopped.", draft, options) from None
    except EhcJourneyError:
        raise
    except Exception as error:  # keep the answers whatever went wrong, then report it
        raise _stopped(f"Something went wrong: {error}.", draft, options) from error


def _make_prompter(plain: bool) -> Prompter:
    console = make_console(stderr=True)
    if plain:
        from ehcjourney.plain import PlainPrompter

        if not sys.stdin.isatty():
            console.print(
                "Standard input is not a terminal, so questions are asked as plain "
                "lines and answers read line by line."
            )
        return PlainPrompter(sys.stdin, sys.stderr)

    from prompt_toolkit.output import create_output

    from ehcjourney.prompting import TerminalPrompter

    return TerminalPrompter(console, output=create_output(stdout=sys.stderr))


def _starting_answers(
    definition: Definition, options: FillOptions, draft: Draft, prompter: Prompter
) -> tuple[Answers, bool]:
    """Return the answers to start from, and whether questions already answered are skipped."""
    if options.resume is not None:
        return Answers(definition, _read_answers(options.resume, definition)), True
    if options.start_from is not None:
        return Answers(definition, _read_answers(options.start_from, definition)), False
    if draft.exists():
        if prompter.confirm(f"A draft of this form was found in {draft.path}. Resume it?", True):
            return Answers(definition, _read_answers(draft.path, definition)), True
        if not prompter.confirm("Start again? The draft's answers will be replaced.", False):
            raise FormStoppedError(f"Nothing was changed; the draft is still in {draft.path}.")
    return Answers(definition), False


def _read_answers(path: Path, definition: Definition) -> dict[str, Any]:
    """Read a draft or response to start from; its answers are checked again when saving."""
    document = storage.read_document(path)
    data = document.data
    if not isinstance(data, dict):
        raise ResponseFileError(f"{path}: does not hold the answers of a response.")
    found = data.get("questionnaire")
    if found != definition.id:
        raise ResponseFileError(
            f"{path}: is a response to {found!r}, not to {definition.id!r}.",
            hint="Pick the matching definition with --questions.",
        )
    data.pop(DRAFT_KEY, None)
    return data


def _stopped(
    reason: str, draft: Draft, options: FillOptions, error: type[EhcJourneyError] = FormStoppedError
) -> EhcJourneyError:
    if not draft.exists():
        return error(f"{reason} No answer had been given yet, so there is nothing to keep.")
    command = ["ehcjourney", "fill", "--resume", str(draft.path)]
    if options.output is not None:
        command += ["--output", str(options.output)]
    if options.questions is not None:
        command += ["--questions", str(options.questions)]
    return error(
        f"{reason} Your answers so far are saved in {draft.path}.",
        hint="To carry on where you left off, run: " + shlex.join(command),
    )

"""The errors that reach the person at the terminal, and the exit status each one means."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit statuses, documented in the README."""

    OK = 0
    PROBLEM = 1  # invalid input, or a form left incomplete
    CANNOT_RUN = 2  # the command could not start: a missing file, a broken definition
    INTERNAL = 70  # a fault in ehcjourney itself, reported without a traceback
    INTERRUPTED = 130  # the person pressed Ctrl-C; the answers so far are kept
    OUTPUT_CLOSED = 141  # whatever read the output stopped early, as `| head` does


class EhcJourneyError(Exception):
    """A failure explained to the person: what went wrong, and what to do about it."""

    exit_status = ExitStatus.PROBLEM

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CannotRunError(EhcJourneyError):
    """The command cannot start: a path that is not there, an option that does not fit."""

    exit_status = ExitStatus.CANNOT_RUN


class DefinitionError(CannotRunError):
    """A questionnaire definition that cannot be used."""


class ResponseFileError(EhcJourneyError):
    """A response file that cannot be read as a response at all."""


class WriteError(EhcJourneyError):
    """A file that could not be written."""


class InputEndedError(EhcJourneyError):
    """Standard input ended before the form was saved."""


class FormStoppedError(EhcJourneyError):
    """The person stopped `fill` with Ctrl-C or by closing the terminal."""

    exit_status = ExitStatus.INTERRUPTED


class InternalError(EhcJourneyError):
    """A fault in ehcjourney itself, not in anything the person did."""

    exit_status = ExitStatus.INTERNAL

"""Ending `fill` cleanly when its terminal is closed (SIGHUP) or it is told to stop (SIGTERM).

The draft is saved after every answer and every save is whole (see storage.write_text), so
stopping only has to get out of the prompt and say where the answers are.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from ehcjourney import storage
from ehcjourney.errors import ExitStatus

_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)
)
GRACE_SECONDS = 3.0  # how long the usual way out has before the process is ended at once
RETRY_SECONDS = 0.05

LastWords = Callable[[str], str]  # given why the form stopped, what to print on the way out


class StopSignalError(KeyboardInterrupt):
    """The terminal was closed, or the process told to stop, while the form was being filled.

    A KeyboardInterrupt, so that it leaves prompt_toolkit's event loop the way Ctrl-C does.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextlib.contextmanager
def stopping_on_signals(last_words: LastWords) -> Iterator[None]:
    """Within the block, SIGHUP and SIGTERM raise StopSignalError, and always end the process."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    handler = functools.partial(_on_stop_signal, last_words)
    previous = {number: signal.signal(number, handler) for number in _STOP_SIGNALS}
    previous_hook = sys.unraisablehook
    sys.unraisablehook = functools.partial(_quiet_lost_stop, previous_hook)
    try:
        yield
    finally:
        sys.unraisablehook = previous_hook
        for number, earlier in previous.items():
            signal.signal(number, earlier)


def _on_stop_signal(last_words: LastWords, number: int, frame: FrameType | None) -> None:
    for other in _STOP_SIGNALS:
        signal.signal(other, signal.SIG_IGN)  # one stop is enough
    hung_up = number == getattr(signal, "SIGHUP", None)
    reason = "The terminal was closed." if hung_up else "Told to stop (SIGTERM)."
    if hung_up:
        _detach_from_terminal()
    _end_soon(last_words(reason))

    if not _stop_running_prompt(reason):
        raise StopSignalError(reason)


def _stop_running_prompt(reason: str) -> bool:
    """Ask a running full-screen prompt to end with StopSignalError; whether one was running.

    An exception raised straight from a signal handler is lost when the handler happens to
    run inside one of the many weakref callbacks of prompt_toolkit's event loop.
    """
    current = sys.modules.get("prompt_toolkit.application.current")
    app: Any = current.get_app_or_none() if current is not None else None
    if app is None or not app.is_running or app.loop is None:
        return False
    app.loop.call_soon_threadsafe(_exit_prompt, app, reason)
    return True


def _exit_prompt(app: Any, reason: str) -> None:
    if not app.is_done:
        app.exit(exception=StopSignalError(reason))


def _end_soon(last_words: str) -> None:
    """Make sure the process ends even if the stop is lost on its way out of the prompt."""
    timer = threading.Timer(GRACE_SECONDS, _end_now, args=(last_words,))
    timer.daemon = True
    timer.start()


def _end_now(last_words: str) -> None:
    storage.stop_saving(timeout=GRACE_SECONDS)
    with contextlib.suppress(OSError):
        os.write(2, ("\n" + last_words + "\n").encode("utf-8", "replace"))
    os._exit(ExitStatus.INTERRUPTED)


def _quiet_lost_stop(previous_hook: Any, unraisable: Any) -> None:
    """Catch a stop lost inside a callback, which would be printed as a traceback, and retry."""
    error = unraisable.exc_value
    if not isinstance(error, StopSignalError):
        previous_hook(unraisable)
        return
    # Lost while a prompt was starting: stop the prompt as soon as it runs.
    retry = threading.Thread(target=_stop_prompt_once_running, args=(error.reason,), daemon=True)
    retry.start()


def _stop_prompt_once_running(reason: str) -> None:
    deadline = time.monotonic() + GRACE_SECONDS
    while time.monotonic() < deadline and not _stop_running_prompt(reason):
        time.sleep(RETRY_SECONDS)


def _detach_from_terminal() -> None:
    """Send output meant for the terminal that has gone to nowhere, so writing cannot fail."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        for descriptor in (1, 2):
            if os.isatty(descriptor):
                os.dup2(nowhere, descriptor)
    finally:
        os.close(nowhere)

"""Driving the real `ehcjourney` command in a pseudo-terminal, keystroke by keystroke."""

from __future__ import annotations

import os
import re
import sys
import time
from enum import Enum
from pathlib import Path

import pexpect

TIMEOUT = 15  # seconds to wait for any one screen; generous for a loaded CI machine


class Key(str, Enum):
    """Keys as a terminal sends them."""

    ENTER = "\r"
    UP = "\x1b[A"
    DOWN = "\x1b[B"
    BACKSPACE = "\x7f"
    CTRL_C = "\x03"
    CTRL_D = "\x04"
    CTRL_U = "\x15"  # clears the line being typed
    ESC_ENTER = "\x1b\r"  # finishes multi-line text


ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]|\r")


def terminal_environment(**extra: str) -> dict[str, str]:
    """An environment for a pseudo-terminal run: a known terminal, no cursor-position queries."""
    environment = dict(os.environ)
    environment.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="100", LINES="40")
    environment.pop("NO_COLOR", None)
    environment.pop("ACCESSIBLE", None)
    environment.update(extra)
    return environment


class Terminal:
    """A running `ehcjourney` in a pseudo-terminal, with helpers to wait and type."""

    def __init__(
        self,
        *args: str,
        cwd: Path,
        env: dict[str, str] | None = None,
        width: int = 100,
        height: int = 40,
    ) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "ehcjourney", *args],
            cwd=str(cwd),
            env=env or terminal_environment(),
            dimensions=(height, width),
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        self.transcript: list[str] = []

    def expect(self, text: str) -> None:
        """Wait until `text` appears on the screen (matched literally)."""
        self.child.expect_exact(text)
        self.transcript.append((self.child.before or "") + str(self.child.after))

    def type(self, text: str) -> None:
        """Type text one character at a time, as a person would."""
        for character in text:
            self.child.send(character)
            time.sleep(0.005)

    def press(self, key: Key, times: int = 1) -> None:
        """Press a key, `times` times."""
        for _ in range(times):
            self.child.send(key.value)
            time.sleep(0.05)

    def answer(self, prompt: str, text: str) -> None:
        """Wait for a prompt, type a line and press Enter."""
        self.expect(prompt)
        self.type(text)
        self.press(Key.ENTER)

    def choose(self, prompt: str, number: int) -> None:
        """Wait for a menu and pick an entry by its number key."""
        self.expect(prompt)
        self.type(str(number))
        self.press(Key.ENTER)

    def finish(self) -> int:
        """Wait for the command to end and return its exit status."""
        self.child.expect(pexpect.EOF)
        self.transcript.append(self.child.before or "")
        self.child.close()
        status = self.child.exitstatus
        return int(status if status is not None else 128 + (self.child.signalstatus or 0))

    def screen_text(self) -> str:
        """Everything shown so far, escape sequences removed."""
        return ANSI.sub("", "".join(self.transcript))

"""Where `fill` writes its questions when standard error does not reach the screen."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pexpect
import pytest

from terminal import TIMEOUT, terminal_environment

pytestmark = pytest.mark.terminal


def test_questions_reach_the_screen_when_stderr_goes_to_a_file(tmp_path: Path) -> None:
    """With `fill 2> log` at a terminal, the questions are written to the screen, not the log."""
    command = f"{shlex.quote(sys.executable)} -m ehcjourney fill 2> log.txt"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        cwd=str(tmp_path),
        env=terminal_environment(),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
    )

    child.expect_exact("Name of local area")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    assert "Name of local area" not in (tmp_path / "log.txt").read_text(encoding="utf-8")

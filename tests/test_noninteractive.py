"""`fill` without a terminal: no input, closed input, input that ends early, a draft in the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

NOTHING_KEPT = (
    "Error: The input ended before the form was saved. No answer had been given yet, so "
    "there is nothing to keep.\n"
)


def fill(folder: Path, *args: str, stdin: Any, shell_prefix: str = "") -> subprocess.Popen[str]:
    """Start `ehcjourney fill ARGS` in `folder` with the given standard input."""
    command = [sys.executable, "-m", "ehcjourney", "fill", *args]
    if shell_prefix:
        # `exec ... <&-` starts the command with standard input closed altogether.
        command = ["sh", "-c", f'exec "$@" {shell_prefix}', "sh", *command]
    environment = {
        key: value for key, value in os.environ.items() if key not in ("ACCESSIBLE", "NO_COLOR")
    }
    return subprocess.Popen(
        command,
        cwd=folder,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**environment, "COLUMNS": "300"},
    )


def finish(process: subprocess.Popen[str], typed: str | None = None) -> tuple[int, str]:
    """Feed `typed` (if any), wait at most a minute, and return the status and stderr."""
    _, stderr = process.communicate(typed, timeout=60)
    return process.returncode, stderr


@pytest.mark.parametrize(
    ("stdin", "shell_prefix"),
    [(subprocess.DEVNULL, ""), (None, "<&-")],
    ids=["dev-null", "closed"],
)
def test_no_input_ends_at_once_keeping_nothing(
    tmp_path: Path, stdin: Any, shell_prefix: str
) -> None:
    """With empty or closed standard input fill ends with status 1 and a sentence, no traceback."""
    status, stderr = finish(
        fill(tmp_path, "--output", "out.yaml", stdin=stdin, shell_prefix=shell_prefix)
    )

    assert status == 1
    assert stderr.endswith(NOTHING_KEPT)
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_piped_input_that_ends_early_keeps_the_draft(tmp_path: Path) -> None:
    """A pipe that closes mid-form says the input ended, keeps the draft and names the command."""
    status, stderr = finish(
        fill(tmp_path, "--output", "out.yaml", stdin=subprocess.PIPE), "Exampleshire\n"
    )

    assert status == 1
    assert stderr.endswith(
        "Error: The input ended before the form was saved. Your answers so far are saved in "
        "out.draft.yaml.\n"
        "To carry on where you left off, run: "
        "ehcjourney fill --resume out.draft.yaml --output out.yaml\n"
    )
    assert yaml.safe_load((tmp_path / "out.draft.yaml").read_text(encoding="utf-8")) == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
    }


def test_a_draft_in_the_way_stops_before_reading_any_line(tmp_path: Path) -> None:
    """Without a terminal, an existing draft is left alone and no typed line is taken as a yes."""
    draft = tmp_path / "out.draft.yaml"
    draft.write_text(
        "draft: true\nquestionnaire: ehc-partnership-journey\nlocal_area: Kept\n",
        encoding="utf-8",
    )

    status, stderr = finish(
        fill(tmp_path, "--output", "out.yaml", stdin=subprocess.PIPE), "y\nAnother area\n"
    )

    assert status == 2
    assert stderr.endswith(
        "Error: A draft of this form is already in out.draft.yaml.\n"
        "To carry on with it, run: ehcjourney fill --resume out.draft.yaml --output out.yaml; "
        "or delete it to start again.\n"
    )
    assert draft.read_text(encoding="utf-8") == (
        "draft: true\nquestionnaire: ehc-partnership-journey\nlocal_area: Kept\n"
    )


def test_endless_input_without_line_ends_stops_at_the_line_limit(tmp_path: Path) -> None:
    """`fill < /dev/zero` stops with status 1 at its first line, instead of reading forever."""
    with Path("/dev/zero").open("rb") as zeros:
        status, stderr = finish(fill(tmp_path, "--output", "out.yaml", stdin=zeros))

    assert status == 1
    assert stderr.endswith(
        "Error: Line 1 of the input is longer than 100 KB, more than any answer needs; the input "
        "was not read further. No answer had been given yet, so there is nothing to keep.\n"
    )
    assert list(tmp_path.iterdir()) == []

"""Two `fill` runs for the same response: the second is refused, the first's draft untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml


def start_fill(folder: Path) -> subprocess.Popen[str]:
    """Start `ehcjourney fill --output out.yaml` in `folder`, answers read from a pipe."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("ACCESSIBLE", "NO_COLOR")
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ehcjourney", "fill", "--output", "out.yaml"],
        cwd=folder,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**environment, "COLUMNS": "300"},
    )


def wait_for(process: subprocess.Popen[str], text: str) -> None:
    """Read the process's messages until a line holding `text`, failing if they end first."""
    assert process.stderr is not None
    for line in process.stderr:
        if text in line:
            return
    raise AssertionError(f"{text!r} was never shown")


def test_a_second_fill_for_the_same_output_is_refused(tmp_path: Path) -> None:
    """While one fill asks its questions, another for the same output stops with status 2."""
    first = start_fill(tmp_path)
    assert first.stdin is not None
    first.stdin.write("Exampleshire\n")
    first.stdin.flush()
    wait_for(first, "Your role")

    second = start_fill(tmp_path)
    _, refused = second.communicate("Northshire\n", timeout=60)
    first.communicate(timeout=60)  # its input ends: it stops, keeping its draft

    assert second.returncode == 2
    assert refused.endswith(
        "Error: Another ehcjourney fill is already using the draft out.draft.yaml.\n"
        "Finish or stop that one first, then run this again.\n"
    )
    assert first.returncode == 1
    assert yaml.safe_load((tmp_path / "out.draft.yaml").read_text(encoding="utf-8")) == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
    }
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.draft.yaml"]

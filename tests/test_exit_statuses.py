"""The exit statuses in the README's table, one test each, and no traceback for a fault."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLE, REPOSITORY
from invoke import invoke


def test_status_0_when_every_file_is_valid() -> None:
    """A run with nothing wrong ends with status 0."""
    assert invoke("validate", str(EXAMPLE)).exit_code == 0


def test_status_1_for_an_invalid_file(write_file: Callable[[str, str], Path]) -> None:
    """A file that is not a valid response ends with status 1."""
    broken = write_file("broken.yaml", "questionnaire: ehc-partnership-journey\n")

    assert invoke("validate", str(broken)).exit_code == 1


def test_status_2_when_the_command_cannot_run(tmp_path: Path) -> None:
    """A path that does not exist ends with status 2 before anything is checked."""
    assert invoke("validate", str(tmp_path / "absent.yaml")).exit_code == 2


def test_status_70_for_a_fault_in_the_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception is one plain message and status 70, never a traceback."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the layout fell over")

    monkeypatch.setattr("ehcjourney.render.render_response", broken)
    monkeypatch.delenv("EHCJOURNEY_DEBUG", raising=False)

    result = invoke("show", str(EXAMPLE), columns=200)

    assert result.exit_code == 70
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "Error: something unexpected went wrong (RuntimeError: the layout fell over). "
        "This is a fault in ehcjourney, not in what you did.",
        "Please report it with the command you ran; set EHCJOURNEY_DEBUG=1 to see the details.",
    ]


def test_every_status_is_in_the_readme() -> None:
    """The README's exit-status table lists each status the tool uses."""
    from ehcjourney.errors import ExitStatus

    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")

    missing = [status for status in ExitStatus if f"| {int(status)} |" not in readme]
    assert missing == []

"""The progress bar of `validate`: on stderr in a terminal, never in output that is piped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from ehcjourney.batch import PROGRESS_FROM_FILES
from responses import response_text
from terminal import TIMEOUT, Terminal, terminal_environment

BAR_LABEL = "Checking"


@pytest.fixture
def many_files(tmp_path: Path) -> Path:
    """A folder holding enough valid responses for a progress bar to be drawn."""
    folder = tmp_path / "returns"
    folder.mkdir()
    for number in range(PROGRESS_FROM_FILES):
        (folder / f"area-{number:03d}.yaml").write_text(response_text(), encoding="utf-8")
    return folder


def run_piped(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the command with stdout and stderr both piped, as a script would."""
    return subprocess.run(
        [sys.executable, "-m", "ehcjourney", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=terminal_environment(),
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_piped_output_holds_the_results_and_nothing_else(
    many_files: Path, output_format: str
) -> None:
    """Piped, stdout has one line per file (and text's summary), and stderr stays empty."""
    result = run_piped("validate", "--format", output_format, "returns", cwd=many_files.parent)

    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(lines) == PROGRESS_FROM_FILES + (output_format == "text")
    assert BAR_LABEL not in result.stdout


@pytest.mark.terminal
def test_a_terminal_shows_progress_while_files_are_checked(many_files: Path) -> None:
    """In a terminal, the bar is drawn on stderr while the files are checked."""
    terminal = Terminal("validate", "returns", cwd=many_files.parent)

    terminal.expect(BAR_LABEL)
    terminal.expect(f"{PROGRESS_FROM_FILES} files checked: {PROGRESS_FROM_FILES} valid")

    assert terminal.finish() == 0


@pytest.mark.terminal
@pytest.mark.parametrize(
    "command",
    [
        pytest.param("validate returns | cat", id="stdout-piped"),
        pytest.param("validate --format json returns", id="json"),
    ],
)
def test_no_progress_when_the_results_are_for_a_script(many_files: Path, command: str) -> None:
    """With stdout piped, or JSON asked for, no bar is drawn even with stderr on a terminal."""
    shell_command = f"{sys.executable} -m ehcjourney {command}"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", shell_command],
        cwd=str(many_files.parent),
        env=terminal_environment(),
        encoding="utf-8",
        timeout=TIMEOUT,
    )

    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    assert f"area-{PROGRESS_FROM_FILES - 1:03d}.yaml" in (child.before or "")
    assert BAR_LABEL not in (child.before or "")

"""Paths that the system itself stumbles on, and output that cannot be written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLE
from invoke import invoke


def run(
    *args: str, cwd: Path, stdout: int | None = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as a script would."""
    command = [sys.executable, "-m", "ehcjourney", *args]
    return subprocess.run(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True)


def test_a_loop_of_links_in_a_folder_is_reported_and_the_rest_checked(tmp_path: Path) -> None:
    """Links that point at each other are one unreadable file, not the end of the run."""
    folder = tmp_path / "returns"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.yaml")
    (folder / "b.yaml").symlink_to("c.yaml")
    (folder / "c.yaml").symlink_to("b.yaml")
    shutil.copy(EXAMPLE, folder / "d.yaml")

    result = invoke("validate", str(folder), columns=300)

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"valid    {folder / 'a.yaml'}"
    assert lines[1] == f"invalid  {folder / 'b.yaml'}"
    assert "too many levels of symbolic links" in lines[2].lower()
    assert f"valid    {folder / 'd.yaml'}" in lines
    assert lines[-1] == "4 files checked: 2 valid, 2 invalid."


def test_a_file_name_too_long_for_the_system_is_a_path_that_is_not_there() -> None:
    """A name longer than the system allows stops the run with status 2, no traceback."""
    result = invoke("validate", "a" * 300 + ".yaml", columns=400)

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: No such file or folder: aaaa")


def test_show_of_a_folder_says_it_takes_one_file(tmp_path: Path) -> None:
    """A folder given to show is a command that cannot run, with status 2."""
    result = invoke("show", str(tmp_path), columns=300)

    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}: is a folder; give one response file.\n"


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    """`validate folder | head -1` ends with status 141 and no error message."""
    for number in range(200):
        shutil.copy(EXAMPLE, tmp_path / f"{number:03}.yaml")
    command = [sys.executable, "-m", "ehcjourney", "validate", str(tmp_path)]

    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()

    assert first.decode().startswith("valid")
    assert (process.returncode, errors) == (141, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to fill the disk")
def test_output_to_a_full_disk_is_one_plain_message(tmp_path: Path) -> None:
    """Output that cannot be written is reported in words with status 2, not as a fault."""
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "ehcjourney", "show", str(EXAMPLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )

    assert result.returncode == 2
    assert result.stderr.startswith("Error: could not write the output (No space left on device")


def test_suggested_commands_quote_paths_and_guard_leading_dashes(tmp_path: Path) -> None:
    """A hint that names an awkward path can be pasted into a shell as it is."""
    awkward = tmp_path / "-my draft.yaml"
    awkward.write_text("draft: true\nquestionnaire: ehc-partnership-journey\n", encoding="utf-8")

    result = run("show", "./-my draft.yaml", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Finish it with: ehcjourney fill --resume './-my draft.yaml'"
    )


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """A FIFO is not read, so a pipe nobody writes to cannot hang the run."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)

    result = subprocess.run(
        [sys.executable, "-m", "ehcjourney", "validate", str(pipe)],
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 1
    assert result.stdout.splitlines()[1] == "  is a pipe, not a file; save it to a file first."


def test_a_line_break_in_a_path_cannot_forge_another_line(tmp_path: Path) -> None:
    """Each file is one line of the report, whatever its name holds."""
    folder = tmp_path / "returns"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "bad.yaml\nvalid    forged.yaml")

    result = invoke("validate", str(folder), columns=300)

    assert result.stdout.splitlines() == [
        f"valid    {folder}/bad.yaml\u240avalid    forged.yaml",
        "1 file checked: 1 valid, 0 invalid.",
    ]


def test_an_unquoted_colon_in_an_answer_gets_a_likely_fix(
    write_file: Callable[[str, str], Path],
) -> None:
    """The parser's words for a common slip come with what to do about it."""
    path = write_file("area.yaml", "local_area: Bath: north\n")

    result = invoke("validate", str(path), columns=300)

    assert result.stdout.splitlines()[1] == (
        "  line 1: not valid YAML: mapping values are not allowed in this context "
        "(likely fix: an answer holding ': ' must be put in quotes)"
    )


def test_a_width_of_zero_falls_back_to_eighty_columns() -> None:
    """COLUMNS=0 lays out at 80 columns instead of printing nothing."""
    assert invoke("show", str(EXAMPLE), columns=0).stdout == invoke("show", str(EXAMPLE)).stdout

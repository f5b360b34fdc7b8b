"""Hostile and broken files: `validate` and `show` report each plainly, quickly, and survive."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from ehcjourney.batch import check_file
from ehcjourney.definition import Definition
from hostile import CORPUS, PAYLOAD_FILE, RESPONSE, VALID, Hostile, os_system

# Safety bounds, generous on purpose: a normal run takes about a third of a second and 60 MB.
MOST_SECONDS = 2.0
MOST_MEGABYTES = 200
CASES = [pytest.param(case, id=case.id) for case in CORPUS]
ODD_BUT_VALID = [pytest.param(case, id=case.id) for case in VALID]


@dataclass(frozen=True)
class Run:
    """How a command ended, what it printed, and what it cost."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float


# Starts the command and writes its peak memory to a file. The test process cannot measure it
# itself: Linux counts the memory a process had when it forked, and pytest is large.
LAUNCHER = """\
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(folder: Path, *args: str) -> Run:
    """Run `ehcjourney ARGS` in `folder`; measure its wall time and peak memory alone."""
    peak = folder / "peak.txt"
    command = [sys.executable, "-c", LAUNCHER, str(peak), sys.executable, "-m", "ehcjourney"]
    started = time.perf_counter()
    result = subprocess.run(
        [*command, *args],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        timeout=60,  # a hang fails the test instead of stalling it
        check=False,
    )
    seconds = time.perf_counter() - started

    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    megabytes = int(peak.read_text(encoding="utf-8")) / scale
    return Run(result.returncode, result.stdout, result.stderr, seconds, megabytes)


def corpus_file(case: Hostile, tmp_path: Path) -> Path:
    """Write the case's file into a folder of its own and return its path."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return case.write(folder)


@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_found_with_its_line_and_field(
    case: Hostile, tmp_path: Path, definition: Definition
) -> None:
    """Checking the file in-process finds each expected problem, each one line long."""
    report = check_file(corpus_file(case, tmp_path), definition)

    found = [(problem.line, problem.field, problem.message) for problem in report.problems]
    assert report.response is None
    assert all("\n" not in problem.describe() for problem in report.problems)
    for expected in case.problems:
        assert any(
            (line, field) == (expected.line, expected.field) and expected.words in message
            for line, field, message in found
        ), found


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_the_file_and_exits_1_within_bounds(case: Hostile, tmp_path: Path) -> None:
    """`validate` names the file, prints one indented line a problem, exits 1, fast and small."""
    path = corpus_file(case, tmp_path)

    run = run_measured(path.parent, "validate", path.name)

    lines = run.stdout.splitlines()
    assert run.status == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert lines[0] == f"invalid  {path.name}"
    assert all(line.startswith("  ") for line in lines[1:-1])
    assert lines[-1] == "1 file checked: 0 valid, 1 invalid."
    assert run.seconds < MOST_SECONDS
    assert run.megabytes < MOST_MEGABYTES
    path.unlink()


@pytest.mark.parametrize("case", CASES)
def test_show_refuses_the_file_and_exits_1_within_bounds(case: Hostile, tmp_path: Path) -> None:
    """`show` says the file cannot be shown and why, exits 1, prints nothing on stdout."""
    path = corpus_file(case, tmp_path)

    run = run_measured(path.parent, "show", path.name)

    assert run.status == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith(f"Error: {path.name} cannot be shown:\n")
    assert run.seconds < MOST_SECONDS
    assert run.megabytes < MOST_MEGABYTES
    path.unlink()


@pytest.mark.parametrize("case", ODD_BUT_VALID)
def test_odd_but_valid_files_load_as_the_response(
    case: Hostile, tmp_path: Path, definition: Definition
) -> None:
    """A byte-order mark or Windows line ends change nothing: the file is valid and shows."""
    path = corpus_file(case, tmp_path)
    plain = tmp_path / "plain.yaml"
    plain.write_text(RESPONSE, encoding="utf-8")

    report = check_file(path, definition)
    validated = run_measured(path.parent, "validate", path.name)
    shown = run_measured(path.parent, "show", path.name)

    assert report.response == check_file(plain, definition).response
    assert report.response is not None
    assert validated.status == 0
    assert shown.status == 0
    assert "Exampleshire" in shown.stdout


def test_python_tag_never_runs_its_command(tmp_path: Path, definition: Definition) -> None:
    """The os.system tag would make a file if loaded unsafely; validate and show never run it."""
    control = tmp_path / "control"
    control.mkdir()
    yaml.unsafe_load(os_system(control))  # proves the payload works where code is run
    target = corpus_file(
        next(case for case in CORPUS if case.id == "python-tag"),
        tmp_path,
    )

    check_file(target, definition)
    run_measured(target.parent, "validate", target.name)
    run_measured(target.parent, "show", target.name)

    assert (control / PAYLOAD_FILE).exists()
    assert not (target.parent / PAYLOAD_FILE).exists()

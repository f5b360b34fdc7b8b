"""Start-up: commands that do not prompt never import the prompting libraries.

questionary and prompt_toolkit take a good part of a second to import on a slow machine; only
`fill` needs them. Each case runs the real command with `python -X importtime`, which lists
every module imported, and reads that list.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from responses import response_text

PROMPTING = ("questionary", "prompt_toolkit")


def imported_modules(arguments: list[str], cwd: Path) -> set[str]:
    """Run Python with `arguments`, and return the name of every module it imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    lines = result.stderr.splitlines()
    return {line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")}


def top_level(modules: set[str]) -> set[str]:
    """Reduce module names to their packages: `rich.console` to `rich`."""
    return {module.split(".")[0] for module in modules}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding a valid response."""
    (tmp_path / "response.yaml").write_text(response_text(), encoding="utf-8")
    return tmp_path


def test_the_module_list_is_read_correctly(folder: Path) -> None:
    """Importing questionary is seen, so the checks below can fail."""
    modules = top_level(imported_modules(["-c", "import questionary"], folder))

    assert set(PROMPTING) <= modules


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["--help"], id="help"),
        pytest.param(["--version"], id="version"),
        pytest.param(["fill", "--help"], id="fill-help"),
        pytest.param(["show", "response.yaml"], id="show"),
        pytest.param(["validate", "response.yaml"], id="validate"),
        pytest.param(["validate", "--format", "json", "response.yaml"], id="validate-json"),
        pytest.param(["template"], id="template"),
        pytest.param(["schema"], id="schema"),
        pytest.param(["questions"], id="questions"),
    ],
)
def test_commands_that_do_not_prompt_leave_the_prompting_libraries_alone(
    folder: Path, command: list[str]
) -> None:
    """Only `fill` imports questionary and prompt_toolkit."""
    modules = top_level(imported_modules(["-m", "ehcjourney", *command], folder))

    assert "ehcjourney" in modules
    assert modules.isdisjoint(PROMPTING)


@pytest.mark.parametrize(
    ("command", "left_alone"),
    [
        pytest.param(["--help"], ("rich", "pydantic", "yaml"), id="help"),
        pytest.param(["--version"], ("rich", "pydantic", "yaml"), id="version"),
        # typer itself imports pydantic to convert a command's options.
        pytest.param(["validate", "--help"], ("rich", "yaml"), id="validate-help"),
    ],
)
def test_help_and_version_import_only_the_command_line_library(
    folder: Path, command: list[str], left_alone: tuple[str, ...]
) -> None:
    """--help and --version load neither rich nor YAML, so they answer at once."""
    modules = top_level(imported_modules(["-m", "ehcjourney", *command], folder))

    assert "typer" in modules
    assert modules.isdisjoint(left_alone)

"""`--help` of every command, pinned by snapshots, and every command described in the README.

The snapshots are in `tests/snapshots/help-*.txt`, taken 80 columns wide without colour. After
changing a command's options or wording on purpose, rewrite them with

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_cli_help.py

and read the difference (`git diff tests/snapshots`) before keeping it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup

from ehcjourney.cli import app
from invoke import invoke

REPOSITORY = Path(__file__).resolve().parents[1]
SNAPSHOTS = REPOSITORY / "tests" / "snapshots"
README = REPOSITORY / "README.md"


def command_names(group: TyperGroup | None = None, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every command and subcommand of the tool, as typed after `ehcjourney`."""
    group = group or typer.main.get_group(app)
    names = []
    for name, command in group.commands.items():
        names.append(" ".join((*prefix, name)))
        if isinstance(command, TyperGroup):
            names.extend(command_names(command, (*prefix, name)))
    return names


def matches_snapshot(output: str, name: str) -> bool:
    """Compare output with its snapshot, or rewrite the snapshot when UPDATE_SNAPSHOTS is set."""
    snapshot = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(output, encoding="utf-8", newline="\n")
    if not snapshot.exists():
        pytest.fail(f"{snapshot} is missing; write it with UPDATE_SNAPSHOTS=1")
    return output == snapshot.read_text(encoding="utf-8")


def test_the_tool_has_the_commands_the_readme_and_snapshots_expect() -> None:
    """The list of commands is what the tests below cover, so none is left unpinned."""
    assert command_names() == [
        "fill",
        "show",
        "validate",
        "template",
        "schema",
        "questions",
        "questions check",
    ]


@pytest.mark.parametrize("command", ["", *command_names()], ids=lambda name: name or "ehcjourney")
def test_help_matches_its_snapshot(command: str) -> None:
    """Each command's --help, 80 columns wide, is exactly as its snapshot."""
    result = invoke(*command.split(), "--help", columns=80)

    name = "help-" + (command.replace(" ", "-") or "ehcjourney") + ".txt"
    assert result.exit_code == 0
    assert matches_snapshot(result.stdout, name), f"--help of '{command}' differs from {name}"


def readme_sections() -> dict[str, str]:
    """The README's text under each `##` (or deeper) heading, by heading; the intro is left out."""
    sections: dict[str, str] = {}
    heading = None
    for line in README.read_text(encoding="utf-8").splitlines():
        found = re.match(r"#{2,6}\s+(.*)", line)
        if found:
            heading = found.group(1).strip()
            sections[heading] = ""
        elif heading is not None:
            sections[heading] += line + "\n"
    return sections


def test_every_command_is_described_in_the_readme() -> None:
    """Each command appears as `ehcjourney COMMAND` in a section, not only in the intro."""
    sections = readme_sections()
    undescribed = [
        command
        for command in command_names()
        if not any(
            re.search(rf"\behcjourney {re.escape(command)}\b", text) for text in sections.values()
        )
    ]

    assert not undescribed, (
        f"README.md does not describe: {', '.join(undescribed)}. Write `ehcjourney COMMAND` "
        f"in the section that explains it; the sections are: {'; '.join(sections)}."
    )

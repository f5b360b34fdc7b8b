"""NO_COLOR and TERM=dumb in a real terminal: no colour, or no escape sequences at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from responses import response_text
from terminal import Key, Terminal, terminal_environment

pytestmark = pytest.mark.terminal

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
# Foreground, background, underline colour, and bright foreground and background.
COLOUR_PARAMETERS = {*range(30, 39), *range(40, 49), 58, *range(90, 98), *range(100, 108)}


def colour_codes(raw: str) -> list[str]:
    """The escape sequences in raw terminal output that set a colour."""
    return [
        match.group(0)
        for match in SGR.finditer(raw)
        if any(int(p) in COLOUR_PARAMETERS for p in re.split("[;:]", match.group(1)) if p)
    ]


def escapes(raw: str) -> list[str]:
    """Every escape character in raw terminal output."""
    return re.findall("\x1b", raw)


def run(args: list[str], folder: Path, **environment: str) -> tuple[int, str]:
    """Run the command to its end in a terminal; return its status and raw output."""
    terminal = Terminal(*args, cwd=folder, env=terminal_environment(**environment))
    status = terminal.finish()
    return status, "".join(terminal.transcript)


COMMANDS = [
    pytest.param(["--help"], 0, id="help"),
    pytest.param(["fill", "--help"], 0, id="fill-help"),
    pytest.param(["show", "response.yaml"], 0, id="show"),
    pytest.param(["validate", "response.yaml"], 0, id="validate"),
    pytest.param(["validate", "broken.yaml"], 1, id="validate-finding-problems"),
    pytest.param(["show", "missing.yaml"], 2, id="error-message"),
    pytest.param(["fill", "--no-such-option"], 2, id="usage-error"),
]


@pytest.fixture
def responses(write_file: Callable[[str, str], Path]) -> Path:
    """A folder holding a valid response and a broken one; returns the folder."""
    write_file("broken.yaml", response_text().replace("stage: developing", "stage: sideways"))
    return write_file("response.yaml", response_text()).parent


@pytest.mark.parametrize(("args", "status"), COMMANDS)
def test_no_color_leaves_out_colour(args: list[str], status: int, responses: Path) -> None:
    """With NO_COLOR set, no command writes a colour, though bold may stay."""
    found, raw = run(args, responses, NO_COLOR="1")

    assert found == status, raw
    assert colour_codes(raw) == []


@pytest.mark.parametrize(("args", "status"), COMMANDS)
def test_dumb_terminal_gets_no_escape_sequences(
    args: list[str], status: int, responses: Path
) -> None:
    """With TERM=dumb, no command writes any escape sequence."""
    found, raw = run(args, responses, TERM="dumb")

    assert found == status, raw
    assert escapes(raw) == []


def test_colour_is_seen_without_no_color(responses: Path) -> None:
    """Without NO_COLOR, the check above does find the colours `validate` uses."""
    _, raw = run(["validate", "broken.yaml"], responses)

    assert colour_codes(raw) != []


def start_fill(folder: Path, **environment: str) -> Terminal:
    """Start fill, answer the first question and stop it at the second with Ctrl-C."""
    terminal = Terminal("fill", cwd=folder, env=terminal_environment(**environment))
    terminal.answer("Name of local area", "Exampleshire")
    terminal.expect("Your role")
    terminal.press(Key.CTRL_C)
    return terminal


def test_fill_with_no_color_leaves_out_colour(tmp_path: Path) -> None:
    """With NO_COLOR set, fill's menus and its closing message carry no colour."""
    terminal = start_fill(tmp_path, NO_COLOR="1")

    assert terminal.finish() == 130
    assert colour_codes("".join(terminal.transcript)) == []


def test_fill_in_a_dumb_terminal_gets_no_escape_sequences(tmp_path: Path) -> None:
    """With TERM=dumb, fill asks in plain lines and writes no escape sequence."""
    terminal = start_fill(tmp_path, TERM="dumb")

    assert terminal.finish() == 130
    assert escapes("".join(terminal.transcript)) == []

"""Plain mode in a real terminal: text a screen reader can read, with no escape sequences."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

from terminal import Key, Terminal, terminal_environment

pytestmark = pytest.mark.terminal

BOX_DRAWING = re.compile("[\u2500-\u257f]")
PLAIN_WELCOME = "Each question is asked once, as plain lines of text."
MENUS_WELCOME = "Choose an answer with the arrow keys or its number"


def escapes_and_boxes(raw: str) -> list[str]:
    """Every escape character and box-drawing character in raw terminal output."""
    return re.findall("\x1b", raw) + BOX_DRAWING.findall(raw)


def raw_output(terminal: Terminal) -> str:
    """Everything the command wrote, exactly as the terminal received it."""
    return "".join(terminal.transcript)


def type_line(terminal: Terminal, text: str) -> None:
    """Type a line without waiting for a prompt, as someone typing several lines does."""
    terminal.type(text)
    terminal.press(Key.ENTER)


def answer_whole_form(terminal: Terminal) -> None:
    """Answer every question, making one wrong entry on the way."""
    terminal.answer("Type your answer and press Enter.", "Exampleshire")
    terminal.answer("or press Enter alone to skip.", "1")
    terminal.answer("or press Enter alone to skip.", "")
    terminal.answer("Type a number from 1 to 4 and press Enter.", "5")
    terminal.answer(
        "You typed 5, which is not one of the choices. Type a number from 1 to 4 and press Enter.",
        "2",
    )
    terminal.answer("press Enter on an empty line to finish.", "We meet monthly.")
    type_line(terminal, "")
    for _table in range(3):
        terminal.answer("Entry 1 of up to 3:", "Joint panel")
        terminal.answer("Entry 2 of up to 3:", "")
    for number in range(1, 10):
        terminal.expect(f"Part 3 of 3, characteristic {number} of 9")
        terminal.answer("Type a number from 1 to 5 and press Enter.", "2")
    terminal.answer("Type a number from 1 to 3 and press Enter.", "1")


@pytest.mark.parametrize(
    ("args", "environment"),
    [((), {"ACCESSIBLE": "1"}), (("--plain",), {})],
    ids=["ACCESSIBLE=1", "--plain"],
)
def test_whole_form_in_a_terminal_has_no_escape_sequences(
    tmp_path: Path, args: tuple[str, ...], environment: dict[str, str]
) -> None:
    """The whole form in plain mode, wrong entry included, writes no escape or box characters."""
    terminal = Terminal(
        "fill",
        "--output",
        "answers.yaml",
        *args,
        cwd=tmp_path,
        env=terminal_environment(**environment),
    )

    answer_whole_form(terminal)
    status = terminal.finish()

    assert status == 0, terminal.screen_text()
    assert (tmp_path / "answers.yaml").is_file()
    assert escapes_and_boxes(raw_output(terminal)) == []


@pytest.mark.parametrize(
    ("value", "welcome"),
    [
        ("1", PLAIN_WELCOME),
        ("yes", PLAIN_WELCOME),
        ("0", MENUS_WELCOME),
        ("false", MENUS_WELCOME),
        ("", MENUS_WELCOME),
    ],
    ids=["1-is-plain", "yes-is-plain", "0-is-not", "false-is-not", "empty-is-not"],
)
def test_accessible_switches_plain_mode(tmp_path: Path, value: str, welcome: str) -> None:
    """A non-empty ACCESSIBLE turns plain mode on; 0, false or empty leave the menus."""
    terminal = Terminal("fill", cwd=tmp_path, env=terminal_environment(ACCESSIBLE=value))

    terminal.expect(welcome)
    terminal.expect("Name of local area")
    terminal.press(Key.CTRL_C)

    assert terminal.finish() == 130


@pytest.mark.parametrize("key", [Key.CTRL_C, Key.CTRL_D], ids=["ctrl-c", "ctrl-d"])
def test_stopping_in_a_terminal_has_no_escape_sequences(tmp_path: Path, key: Key) -> None:
    """Stopping plain mode part way prints its message about the draft as plain text."""
    terminal = Terminal("fill", cwd=tmp_path, env=terminal_environment(ACCESSIBLE="1"))
    terminal.answer("Type your answer and press Enter.", "Exampleshire")
    terminal.expect("or press Enter alone to skip.")

    terminal.press(key)
    terminal.finish()

    shown = " ".join(terminal.screen_text().split())  # rich wraps messages at the width
    assert "Your answers so far are saved in ehcjourney.draft.yaml." in shown
    assert escapes_and_boxes(raw_output(terminal)) == []


def fill_from_file_at_a_terminal(folder: Path, typed: str) -> tuple[int, str]:
    """Run fill with answers redirected from a file and output to a terminal."""
    (folder / "typed.txt").write_text(typed, encoding="utf-8")
    command = f"{sys.executable} -m ehcjourney fill < typed.txt"
    child = pexpect.spawn(
        "sh", ["-c", command], cwd=str(folder), env=terminal_environment(), encoding="utf-8"
    )
    child.expect(pexpect.EOF, timeout=15)
    child.close()
    return int(child.exitstatus or 0), str(child.before)


def test_notice_of_answers_from_a_file_is_plain(tmp_path: Path) -> None:
    """With answers from a file, the notice saying so reaches the terminal as plain text."""
    status, raw = fill_from_file_at_a_terminal(tmp_path, "Exampleshire\n")

    notice, _, _ = raw.partition("EHC partnership working self-evaluation.")
    assert status == 1
    assert " ".join(notice.split()) == (
        "Standard input is not a terminal, so questions are asked as plain lines and answers "
        "read line by line."
    )
    assert escapes_and_boxes(notice) == []


def test_input_from_a_file_ending_early_at_a_terminal_is_plain(tmp_path: Path) -> None:
    """With answers from a file that ends early, the whole output stays plain text."""
    status, raw = fill_from_file_at_a_terminal(tmp_path, "Exampleshire\n")

    assert status == 1
    assert "The input ended before the form was saved." in raw
    assert escapes_and_boxes(raw) == []

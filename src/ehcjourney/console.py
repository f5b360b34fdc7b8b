"""The one place that makes consoles and turns untrusted text into text safe to print.

Results go to standard output; prompts, progress and messages go to standard error, so a
command's output can be piped or redirected without the conversation around it.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

from rich.console import Console
from rich.text import Text

# The C0 and C1 controls (Unicode's category Cc) act on the terminal, apart from the newline;
# bidirectional overrides and isolates can make a line read differently from what it holds.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_PICTURES_START = 0x2400  # U+2400 onwards draws each C0 control as a visible symbol

# Set once plain mode is chosen, so that every console made afterwards (messages, errors)
# writes plain text too: a screen reader should meet no escape sequence anywhere in the run.
_plain_output = False


def use_plain_output() -> None:
    """Make every console created from now on write text without colour or styles."""
    global _plain_output
    _plain_output = True


def make_console(
    *,
    stderr: bool = False,
    file: TextIO | None = None,
    width: int | None = None,
    soft_wrap: bool = False,
) -> Console:
    """Make a console that never reads markup or emoji codes out of the text it prints.

    It writes to `file` if given, else to stderr or stdout. Rich already honours NO_COLOR and
    TERM=dumb; COLUMNS sets the width when not a terminal.
    """
    return Console(
        stderr=stderr,
        file=file,
        width=width or _columns_from_environment(),
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=soft_wrap,
        color_system=None if _plain_output or accessible_requested() else "auto",
    )


def _columns_from_environment() -> int | None:
    # Rich would read a COLUMNS of 0 itself and print nothing at all; 80 is the usual width.
    columns = os.environ.get("COLUMNS", "")
    if not columns.isdigit():
        return None
    return int(columns) if int(columns) > 0 else 80


def neutralise(text: str) -> str:
    """Make control characters in untrusted text visible instead of acting on the terminal."""
    # Nearly all text has nothing to change. Printable text (one line, no controls or bidi
    # marks) is known at once; a search settles the rest.
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\t", "    ")
    return _UNSAFE.sub(_visible, text)


def _visible(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(_CONTROL_PICTURES_START + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def one_line(text: str) -> str:
    """Neutralise text and show its line breaks too, for output read one line per record."""
    return neutralise(text).replace("\n", chr(_CONTROL_PICTURES_START + 0x0A))


def literal(text: str, style: str = "") -> Text:
    """Return untrusted text as a rich Text: never parsed as markup, controls made visible."""
    return Text(neutralise(text), style=style)


def emphasised(text: str, words: str | None, style: str = "bold underline") -> Text:
    """Return untrusted text with the first occurrence of `words` styled, as the form does."""
    result = literal(text)
    start = result.plain.find(words) if words else -1
    if words and start >= 0:
        result.stylize(style, start, start + len(words))
    return result


def accessible_requested() -> bool:
    """Whether ACCESSIBLE is set (to anything but 0 or false), asking for plain text output.

    ACCESSIBLE is a convention among terminal tools for screen-reader users: no colour, no
    cursor movement, no box drawing.
    """
    accessible = os.environ.get("ACCESSIBLE", "").strip().lower()
    return accessible not in ("", "0", "false")

"""Commands suggested to the person, written so they can be pasted into a shell as they are."""

from __future__ import annotations

import shlex
from pathlib import Path


def command_line(*words: str | Path) -> str:
    """Join a command's words, quoting as a POSIX shell needs.

    A path that starts with a dash is written as ./-name, so it is not taken for an option.
    """
    return shlex.join(_as_word(word) for word in words)


def _as_word(word: str | Path) -> str:
    if isinstance(word, Path) and str(word).startswith("-"):
        return f"./{word}"
    return str(word)

"""One thing wrong with a file: where it is and what to do about it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Location = tuple[str | int, ...]

_SHORTEST_CUT = 40  # text longer than this is shortened when quoted in a message


@dataclass(frozen=True)
class Problem:
    """A single problem found in a file, with the field and line where it was found."""

    message: str
    field: str | None = None
    line: int | None = None

    def describe(self) -> str:
        """Return the problem as one line: line, field, then the message."""
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


def field_name(location: Sequence[str | int]) -> str | None:
    """Name a place in a document as people count: `top_three.activities[1]` is the first."""
    name = ""
    for step in location:
        name += f"[{step + 1}]" if isinstance(step, int) else f".{step}"
    return name.lstrip(".") or None


def describe_value(value: Any) -> str:
    """Name a value for a message: short text quoted, anything else by its kind."""
    if isinstance(value, str):
        shown = value if len(value) <= _SHORTEST_CUT else value[: _SHORTEST_CUT - 3] + "..."
        return repr(shown)
    kinds = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a set of keys",
        type(None): "nothing",
    }
    for kind, name in kinds.items():
        if isinstance(value, kind):
            return name
    return "a date" if isinstance(value, datetime.date) else "a value of another kind"

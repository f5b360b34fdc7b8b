"""One thing wrong with a file: where it is and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


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

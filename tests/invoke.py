"""Running the command in-process at a fixed width, with colour forced on or off."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from ehcjourney.cli import app

# Rich reads these when a console is made; each is set or removed so no test depends on the
# terminal it was started from.
_COLOUR = {
    "FORCE_COLOR": "1",
    "TERM": "xterm-256color",
    "NO_COLOR": None,
    "COLORTERM": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}
_NO_COLOUR = {
    "FORCE_COLOR": None,
    "TERM": "dumb",
    "NO_COLOR": "1",
    "COLORTERM": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
}


def invoke(*args: str, columns: int = 80, colour: bool = False) -> Result:
    """Run `ehcjourney ARGS` as if in a terminal `columns` wide, in colour or without."""
    environment = {**(_COLOUR if colour else _NO_COLOUR), "COLUMNS": str(columns)}
    return CliRunner().invoke(app, list(args), env=environment)

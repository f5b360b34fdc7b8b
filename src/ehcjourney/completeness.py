"""What `validate --strict` asks beyond validity: a response with nothing left out that may be.

A response is valid with one or two entries in a "top three" table and without the
respondent's role; a strict check reports those gaps as problems, for teams that want every
return complete.
"""

from __future__ import annotations

from collections.abc import Callable

from ehcjourney.definition import Definition
from ehcjourney.problems import Location, Problem, field_name
from ehcjourney.response import Response
from ehcjourney.validation import TOP_THREE_MAX

LineFinder = Callable[[Location], int | None]


def incomplete_answers(
    response: Response, definition: Definition, line_of: LineFinder
) -> list[Problem]:
    """Return a problem for each answer a valid response leaves out or leaves short."""
    problems: list[Problem] = []
    if response.respondent.role is None:
        roles = ", ".join(role.id for role in definition.respondent.roles)
        problems.append(
            _problem(("respondent", "role"), f"missing; --strict asks for one of {roles}", line_of)
        )

    for table in definition.top_three.tables:
        count = len(response.top_three[table.id])
        if count < TOP_THREE_MAX:
            entries = "entry" if count == 1 else "entries"
            message = f"has {count} {entries}; --strict asks for {TOP_THREE_MAX}"
            problems.append(_problem(("top_three", table.id), message, line_of))
    return sorted(problems, key=lambda problem: problem.line or 0)


def _problem(location: Location, message: str, line_of: LineFinder) -> Problem:
    return Problem(message, field=field_name(location), line=line_of(location))

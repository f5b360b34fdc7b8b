"""A response to the questionnaire, as checked data and as the document written to a file."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Respondent(_Frozen):
    """Who answered, if they said: a role id from the definition and a name."""

    role: str | None = None
    name: str | None = None


class Journey(_Frozen):
    """The stage of the journey chosen, and why."""

    stage: str
    rationale: str


class Response(_Frozen):
    """A complete response whose ids have been checked against its definition."""

    questionnaire: str
    questionnaire_version: int
    local_area: str
    respondent: Respondent = Respondent()
    completed: datetime.date
    journey: Journey
    top_three: dict[str, list[str]]
    framework: dict[str, str]

    def to_document(self) -> dict[str, Any]:
        """Return the response as plain data in the file format's order, optional parts left out."""
        document = self.model_dump(exclude_none=True)
        if not document["respondent"]:
            del document["respondent"]
        return document

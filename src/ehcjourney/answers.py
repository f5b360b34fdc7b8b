"""The answers given so far, kept in the shape of a response document."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from ehcjourney.definition import Definition
from ehcjourney.questions import ListQuestion, Path, Question
from ehcjourney.validation import DRAFT_KEY


class Answers:
    """Answers by question path, held as the nested data a response file is made of."""

    def __init__(self, definition: Definition, document: dict[str, Any] | None = None) -> None:
        self.document: dict[str, Any] = copy.deepcopy(document) if document else {}
        self.document.pop(DRAFT_KEY, None)
        self.document["questionnaire"] = definition.id
        self.document["questionnaire_version"] = definition.version

    def get(self, path: Path) -> Any:
        """Return the answer at `path`, or None when there is none."""
        node: Any = self.document
        for step in path:
            if not isinstance(node, dict) or step not in node:
                return None
            node = node[step]
        return node

    def set(self, path: Path, value: Any) -> None:
        """Record an answer; None or an empty answer removes it."""
        if value is None or value == "" or value == []:
            self.remove(path)
            return

        *parents, last = path
        node = self.document
        for step in parents:
            child = node.get(step)
            if not isinstance(child, dict):
                child = node[step] = {}
            node = child
        node[last] = value

    def remove(self, path: Path) -> None:
        """Remove an answer, and any section the removal leaves empty."""
        *parents, last = path
        parent = self.get(tuple(parents))
        if not isinstance(parent, dict):
            return

        parent.pop(last, None)
        if parents and not parent:
            self.remove(tuple(parents))

    def is_answered(self, question: Question) -> bool:
        """Whether the question has an answer of the kind it asks for."""
        value = self.get(question.path)
        if isinstance(question, ListQuestion):
            return isinstance(value, list) and any(isinstance(v, str) and v for v in value)
        return isinstance(value, str) and bool(value.strip())

    def is_empty(self) -> bool:
        """Whether no answer at all is held, only what form it is for."""
        return set(self.document) <= {"questionnaire", "questionnaire_version"}

    def as_draft(self) -> dict[str, Any]:
        """Return the answers as a draft document, marked so it is never taken for a response."""
        return {DRAFT_KEY: True, **self.document}

    def as_response(self, completed: datetime.date) -> dict[str, Any]:
        """Return the answers as a response document dated `completed`."""
        document = dict(self.document)
        document["completed"] = completed
        order = (
            "questionnaire",
            "questionnaire_version",
            "local_area",
            "respondent",
            "completed",
            "journey",
            "top_three",
            "framework",
        )
        return {key: document[key] for key in order if key in document}

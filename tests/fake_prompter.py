"""A prompter for in-process `fill` tests: answers by question path, records what it saw."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CHARACTERISTIC_IDS
from ehcjourney import fill
from ehcjourney.questions import Part, Question
from ehcjourney.session import ReviewAction

QuestionPath = tuple[str, ...]
ANSWERS: dict[QuestionPath, Any] = {
    ("local_area",): "Exampleshire",
    ("respondent", "role"): "health",
    ("respondent", "name"): "Sam Patel",
    ("journey", "stage"): "maturing",
    ("journey", "rationale"): "The board meets monthly.",
    ("top_three", "activities"): ["Joint panel"],
    ("top_three", "strengths"): ["Parent forum"],
    ("top_three", "development_areas"): ["Shared outcomes"],
    **{("framework", key): "agree" for key in CHARACTERISTIC_IDS},
}


class FakePrompter:
    """Answers each question from a table by its path, and records what it was asked."""

    how_to_answer = "Answers come from a table."

    def __init__(
        self,
        answers: dict[QuestionPath, Any],
        confirms: list[bool] | None = None,
        failure: tuple[QuestionPath, BaseException] | None = None,
        paths: list[str] | None = None,
    ) -> None:
        self.answers = answers
        self.confirms = list(confirms or [])
        self.failure = failure
        self.paths = list(paths or [])
        self.paths_asked: list[str] = []  # the default offered each time a file name was asked
        self.asked: list[tuple[QuestionPath, Any]] = []  # each path and the default offered
        self.questions_confirmed: list[str] = []
        self.said: list[str] = []

    def show_lines(self, lines: list[str]) -> None:
        """Accept the welcome."""

    def begin_part(self, part: Part) -> None:
        """Accept a part's introduction."""

    def ask(self, question: Question, default: Any) -> Any:
        """Record the question and its default; fail there if told to."""
        self.asked.append((question.path, default))
        if self.failure is not None and self.failure[0] == question.path:
            raise self.failure[1]
        return self.answers[question.path]

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction:
        """Save straight away."""
        return ReviewAction.SAVE

    def pick(self, message: str, options: list[str], default: int) -> int:
        """Never reached in these tests."""
        raise AssertionError(message)

    def confirm(self, message: str, default: bool) -> bool:
        """Record the question and give the next scripted yes or no."""
        self.questions_confirmed.append(message)
        return self.confirms.pop(0)

    def ask_path(self, message: str, default: str) -> str:
        """Give the next scripted file name."""
        self.paths_asked.append(default)
        return self.paths.pop(0)

    def say(self, message: str) -> None:
        """Record a message."""
        self.said.append(message)


def saved_response(answers: dict[QuestionPath, Any]) -> dict[str, Any]:
    """The response document that these answers are saved as today."""
    document: dict[str, Any] = {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "completed": datetime.date.today(),
    }
    for path, value in answers.items():
        node = document
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value
    return document


DRAFT_HEAD = "draft: true\nquestionnaire: ehc-partnership-journey\nquestionnaire_version: 1\n"


def use(monkeypatch: pytest.MonkeyPatch, prompter: FakePrompter) -> FakePrompter:
    """Make `fill` ask through this prompter."""
    monkeypatch.setattr(fill, "_make_prompter", lambda plain: prompter)
    return prompter


def write(path: str, text: str) -> Path:
    """Write dedented text to a file in the current folder."""
    target = Path(path)
    target.write_text(textwrap.dedent(text), encoding="utf-8")
    return target


def read_yaml(path: str) -> Any:
    """Read a file with a standard YAML reader."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))

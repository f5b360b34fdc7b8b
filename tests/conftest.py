"""Shared fixtures: the shipped definition, and a helper that writes test files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from ehcjourney.definition import Definition, load_definition

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLE = REPOSITORY / "examples" / "exampleshire.yaml"
# The characteristics of the shipped definition, in the order of the form: ids that responses
# already use, so a change here is a change to the file format.
CHARACTERISTIC_IDS = [
    "vision_and_strategy",
    "data_and_intelligence",
    "strategic_governance",
    "support_for_individuals",
    "joined_up_commissioning",
    "person_centred_pathways",
    "local_offer",
    "family_feedback",
    "demonstrating_impact",
]


@pytest.fixture(scope="session")
def definition() -> Definition:
    """The questionnaire definition that ships with the tool."""
    return load_definition()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file under the test's folder and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write

"""`fill` from a file of typed lines: the whole form, input that ends early, and resuming."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

NOTICE = (
    "Standard input is not a terminal, so questions are asked as plain lines and answers "
    "read line by line.\n"
)


def fill(typed: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `ehcjourney fill` in the typed file's folder, reading its answers from that file."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("ACCESSIBLE", "NO_COLOR")
    }
    environment["COLUMNS"] = "200"  # keep the notice on one line
    with typed.open(encoding="utf-8") as stdin:
        return subprocess.run(
            [sys.executable, "-m", "ehcjourney", "fill", *args],
            stdin=stdin,
            capture_output=True,
            text=True,
            cwd=typed.parent,
            env=environment,
            timeout=60,
            check=False,
        )


def read_yaml(path: Path) -> Any:
    """The data in a YAML file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def expected_response(completed: datetime.date) -> dict[str, Any]:
    """The response that the typed lines in these tests give."""
    return {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "respondent": {"role": "parent_carer", "name": "Sam Patel"},
        "completed": completed,
        "journey": {
            "stage": "maturing",
            "rationale": "Our board meets monthly.\nThe strategy is signed off.",
        },
        "top_three": {
            "activities": ["Co-producing the strategy", "A joint panel", "A shared dashboard"],
            "strengths": ["A trusted parent carer forum"],
            "development_areas": ["Shared outcomes", "The local offer"],
        },
        "framework": {
            "vision_and_strategy": "strongly_agree",
            "data_and_intelligence": "agree",
            "strategic_governance": "disagree",
            "support_for_individuals": "strongly_disagree",
            "joined_up_commissioning": "cannot_say",
            "person_centred_pathways": "strongly_disagree",
            "local_offer": "disagree",
            "family_feedback": "agree",
            "demonstrating_impact": "strongly_agree",
        },
    }


# Typed lines: an empty string is Enter on an empty line.
FIRST_HALF = [
    "Exampleshire",
    "4",
    "",
    "maturing",
    "Our board meets monthly.",
    "The strategy is signed off.",
    "",
]
SECOND_HALF = [
    *("Co-producing the strategy", "A joint panel", "A shared dashboard"),
    *("A trusted parent carer forum", ""),
    *("Shared outcomes", "The local offer", ""),
    *("1", "2", "3", "4", "5", "9", "4", "3", "2", "1"),
    *("2", "3", "Sam Patel"),  # change "Your name", skipped earlier
    "1",
]


def lines(typed: list[str]) -> str:
    """The typed lines as the text of a file."""
    return "\n".join(typed) + "\n"


def test_whole_form_from_a_file_of_typed_lines(write_file: Callable[[str, str], Path]) -> None:
    """Every question answered from a file, a wrong entry retried and an answer changed, saves."""
    typed = write_file("typed.txt", lines(FIRST_HALF + SECOND_HALF))
    before = datetime.date.today()

    result = fill(typed, "--output", "answers.yaml")

    saved = read_yaml(typed.parent / "answers.yaml")
    assert result.returncode == 0, result.stderr
    assert saved["completed"] in (before, datetime.date.today())
    assert saved == expected_response(saved["completed"])
    assert result.stderr.startswith(NOTICE)
    assert "Line 21 of the input: You typed 9, which is not one of the choices." in result.stderr
    assert result.stderr.endswith(
        "Saved to answers.yaml.\nTo see it laid out like the form: ehcjourney show answers.yaml\n"
    )
    assert not (typed.parent / "answers.draft.yaml").exists()


def test_input_ending_early_keeps_a_draft_that_resumes(
    write_file: Callable[[str, str], Path],
) -> None:
    """Input that ends early says so, keeps a draft, and --resume carries on from it."""
    first = write_file("first.txt", lines(FIRST_HALF))
    rest = write_file("rest.txt", lines(SECOND_HALF))
    draft = first.parent / "answers.draft.yaml"

    stopped = fill(first, "--output", "answers.yaml")

    assert stopped.returncode == 1
    assert stopped.stderr.endswith(
        "Error: The input ended before the form was saved. Your answers so far are saved in "
        "answers.draft.yaml.\n"
        "To carry on where you left off, run: "
        "ehcjourney fill --resume answers.draft.yaml --output answers.yaml\n"
    )
    assert read_yaml(draft) == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "respondent": {"role": "parent_carer"},
        "journey": {
            "stage": "maturing",
            "rationale": "Our board meets monthly.\nThe strategy is signed off.",
        },
    }

    resumed = fill(rest, "--resume", "answers.draft.yaml", "--output", "answers.yaml")

    saved = read_yaml(first.parent / "answers.yaml")
    assert resumed.returncode == 0, resumed.stderr
    assert saved == expected_response(saved["completed"])
    assert not draft.exists()


def stopped_with(message: str) -> str:
    """The end of what fill prints when it stops with `message`, keeping a draft."""
    return (
        f"Error: {message} Your answers so far are saved in answers.draft.yaml.\n"
        "To carry on where you left off, run: "
        "ehcjourney fill --resume answers.draft.yaml --output answers.yaml\n"
    )


def test_input_ending_part_way_through_a_table_keeps_its_entries(
    write_file: Callable[[str, str], Path],
) -> None:
    """Input that ends after entry 1 of a table keeps that entry in the draft."""
    typed = write_file("typed.txt", lines([*FIRST_HALF, "Co-producing the strategy"]))

    stopped = fill(typed, "--output", "answers.yaml")

    assert stopped.returncode == 1
    assert stopped.stderr.endswith(stopped_with("The input ended before the form was saved."))
    draft = read_yaml(typed.parent / "answers.draft.yaml")
    assert draft["top_three"] == {"activities": ["Co-producing the strategy"]}


def test_input_that_is_not_utf8_stops_with_its_line_and_keeps_the_draft(tmp_path: Path) -> None:
    """A line of input that is not UTF-8 ends fill with status 1, naming the line and the draft."""
    typed = tmp_path / "typed.txt"
    typed.write_bytes(lines(FIRST_HALF).encode("utf-8") + b"Caf\xe9 meetings\n")

    stopped = fill(typed, "--output", "answers.yaml")

    assert stopped.returncode == 1
    assert stopped.stderr.endswith(stopped_with("Line 8 of the input is not UTF-8 text."))
    draft = read_yaml(tmp_path / "answers.draft.yaml")
    assert draft["journey"]["rationale"] == "Our board meets monthly.\nThe strategy is signed off."

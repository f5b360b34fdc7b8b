"""`ehcjourney show`: the response laid out like the form, text shown literally, and refusals.

The layout is pinned by snapshots of the example response in `tests/snapshots/`, at 80 and 120
columns, in colour and without. After a deliberate change to the layout, rewrite them with

    UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_show.py

and read the difference (`git diff tests/snapshots`) before keeping it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE, REPOSITORY
from ehcjourney.cli import app
from invoke import invoke

SNAPSHOTS = REPOSITORY / "tests" / "snapshots"
ESCAPE = "\x1b"
SGR = re.compile(r"\x1b\[([0-9;]*)m")  # a select-graphic-rendition sequence: style and colour


def snapshot(name: str, output: str) -> str:
    """Return the snapshot to compare output with, first rewriting it when UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(output, encoding="utf-8", newline="\n")
    if not path.exists():
        pytest.fail(f"{path} is missing; write it with UPDATE_SNAPSHOTS=1")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("columns", [80, 120], ids=["80-columns", "120-columns"])
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_example_response_matches_its_snapshot(columns: int, colour: bool) -> None:
    """The example response is laid out exactly as its snapshot at this width and colour."""
    name = f"show-{columns}-{'colour' if colour else 'no-colour'}.txt"

    result = invoke("show", str(EXAMPLE), columns=columns, colour=colour)

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == snapshot(name, result.stdout)


@pytest.mark.parametrize("columns", [40, 60, 80, 100, 120, 160], ids=lambda c: f"{c}-columns")
def test_no_line_is_wider_than_the_terminal(columns: int) -> None:
    """Every line of the example fits the width it was laid out for, from 40 columns up."""
    result = invoke("show", str(EXAMPLE), columns=columns)

    widest = max(len(line) for line in result.stdout.splitlines())
    assert result.exit_code == 0, result.stderr
    assert widest <= columns


def test_without_colour_the_chosen_answers_are_marked() -> None:
    """Without colour, the chosen stage and each chosen rating still carry a visible mark."""
    stages = "│ [ ] Starting      │ [x] Developing    │ [ ] Maturing      │ [ ] Embedding    │"
    local_offer = "│ Local offer           │    ·     │    ·     │   [x]    │    ·     │    ·     │"

    result = invoke("show", str(EXAMPLE), columns=80)

    lines = result.stdout.splitlines()
    marked_ratings = [line for line in lines if "[x]" in line and line != stages]
    assert ESCAPE not in result.stdout
    assert stages in lines
    assert local_offer in lines
    assert len(marked_ratings) == 9


def test_piped_output_is_the_no_colour_layout() -> None:
    """Piped to a file without NO_COLOR, the output is exactly the no-colour snapshot."""
    piped = {"COLUMNS": "80", "TERM": "xterm-256color", "NO_COLOR": None, "FORCE_COLOR": None}

    result = CliRunner().invoke(app, ["show", str(EXAMPLE)], env=piped)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (SNAPSHOTS / "show-80-no-colour.txt").read_text(encoding="utf-8")


def test_no_color_in_a_terminal_keeps_the_marks_and_drops_the_colours() -> None:
    """With NO_COLOR in a terminal, bold may remain but no colour does, and the marks stay."""
    forced_terminal_without_colour = {
        "COLUMNS": "80",
        "TERM": "xterm-256color",
        "FORCE_COLOR": "1",
        "NO_COLOR": "1",
    }

    result = CliRunner().invoke(app, ["show", str(EXAMPLE)], env=forced_terminal_without_colour)

    parameters = {
        number
        for sequence in SGR.findall(result.stdout)
        for number in sequence.split(";")
        if number
    }
    assert result.exit_code == 0, result.stderr
    assert parameters == {"0", "1", "2"}  # reset, bold and dim: no colours
    assert SGR.sub("", result.stdout).count("[x]") == 10


def test_narrow_terminal_lists_the_framework_instead_of_a_grid() -> None:
    """Below 80 columns each characteristic is a line naming the answer chosen."""
    result = invoke("show", str(EXAMPLE), columns=60)

    lines = result.stdout.splitlines()
    assert "  Local offer: [x] Disagree" in lines
    assert "  Feedback from young people with SEND and their families:" in lines
    assert "    [x] Strongly disagree" in lines
    assert "[x] Developing" in lines


def hostile_response() -> dict[str, object]:
    """A valid response whose text holds markup, escape sequences and other control characters."""
    return {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "[bold]x[/bold]",
        "respondent": {"name": "[red]Sam[/red]"},
        "completed": "2026-11-20",
        "journey": {
            "stage": "maturing",
            "rationale": "Plain \x1b[31mred\x1b[0m, bell\a, back\rover, \u202eflip.",
        },
        "top_three": {
            "activities": ["\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"],
            "strengths": ["[link=https://evil.example]click[/link]"],
            "development_areas": [":warning: \x1b[2J"],
        },
        "framework": {
            "vision_and_strategy": "agree",
            "data_and_intelligence": "agree",
            "strategic_governance": "agree",
            "support_for_individuals": "agree",
            "joined_up_commissioning": "agree",
            "person_centred_pathways": "agree",
            "local_offer": "agree",
            "family_feedback": "agree",
            "demonstrating_impact": "agree",
        },
    }


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_text_from_a_response_is_shown_literally(
    colour: bool, write_file: Callable[[str, str], Path]
) -> None:
    """Markup prints as typed and control characters show as symbols, never acting."""
    response = write_file("hostile.json", json.dumps(hostile_response()))

    result = invoke("show", str(response), columns=200, colour=colour)

    output = result.stdout
    assert result.exit_code == 0, result.stderr
    assert "[bold]x[/bold]" in output
    assert "[red]Sam[/red]" in output
    assert "Plain ␛[31mred␛[0m, bell␇, back␍over, <U+202E>flip." in output
    assert "␛]8;;https://evil.example␛\\link␛]8;;␛\\" in output
    assert "[link=https://evil.example]click[/link]" in output
    assert ":warning: ␛[2J" in output
    for raw in ("\x1b[31m", "\x1b]8", "\x1b[2J", "\a", "\r", "\u202e"):
        assert raw not in output


def test_an_invalid_response_is_refused_with_its_problems(
    write_file: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An invalid file exits 1 and lists each problem with its line, and nothing is shown."""
    invalid = write_file(
        "invalid.yaml",
        """
        questionnaire: ehc-partnership-journey
        questionnaire_version: 1
        local_area: "   "
        completed: 2026-11-20
        journey:
          stage: maturing
          rationale: We have a strategy.
        top_three:
          activities: [One]
          strengths: [Two]
          development_areas: [Three]
        framework:
          vision_and_strategy: agree
          data_and_intelligence: agree
          strategic_governance: agree
          support_for_individuals: agree
          joined_up_commissioning: agree
          person_centred_pathways: agree
          local_offer: agreed
          family_feedback: agree
          demonstrating_impact: agree
        """,
    )
    monkeypatch.chdir(invalid.parent)

    result = invoke("show", "invalid.yaml", columns=200)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: invalid.yaml cannot be shown:\n"
        "  line 3: local_area: must hold text, not only spaces\n"
        "  line 19: framework.local_offer: 'agreed' is not an answer; "
        "use one of strongly_agree, agree, disagree, strongly_disagree, cannot_say "
        "(did you mean 'agree'?)\n"
        "Check it with: ehcjourney validate invalid.yaml\n"
    )


def test_a_draft_is_refused_as_unfinished(
    write_file: Callable[[str, str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft exits 1, saying it is unfinished and how many questions are left."""
    draft = write_file(
        "draft.yaml",
        """
        draft: true
        questionnaire: ehc-partnership-journey
        questionnaire_version: 1
        local_area: Exampleshire
        journey:
          stage: developing
        """,
    )
    monkeypatch.chdir(draft.parent)

    result = invoke("show", "draft.yaml")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: draft.yaml cannot be shown:\n"
        "  it is an unfinished draft (14 questions unanswered)\n"
        "Finish it with: ehcjourney fill --resume draft.yaml\n"
    )


def test_a_missing_file_cannot_be_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path that does not exist exits 2 with a one-line message."""
    monkeypatch.chdir(tmp_path)

    result = invoke("show", "nowhere.yaml")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: nowhere.yaml: no such file.\n"


def test_accessible_layout_has_no_boxes_and_says_the_choice_in_words() -> None:
    """With ACCESSIBLE set, show writes plain lines a screen reader can read out."""
    environment = {"ACCESSIBLE": "1", "COLUMNS": "80", "NO_COLOR": None, "TERM": "xterm"}

    result = CliRunner().invoke(app, ["show", str(EXAMPLE)], env=environment)

    lines = result.stdout.splitlines()
    assert result.exit_code == 0, result.stderr
    assert not [line for line in lines if re.search("[\u2500-\u257f]", line)]
    assert ESCAPE not in result.stdout
    assert lines[:4] == [
        "EHC partnership working self-evaluation",
        "Local area: Exampleshire",
        "Respondent: Priya Shah, SEND strategic lead (Education)",
        "Completed: 20 November 2026",
    ]
    assert "Developing (chosen)" in lines
    assert "Starting" in lines
    assert "  Local offer: Disagree" in lines
    assert any(line.startswith("Part 3 of 3: EHC partnership") for line in lines)

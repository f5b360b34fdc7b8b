"""The real `ehcjourney fill` in a pseudo-terminal, answered keystroke by keystroke."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CHARACTERISTIC_IDS
from terminal import Key, Terminal, terminal_environment

pytestmark = pytest.mark.terminal

CHARACTERISTICS = 9
TABLES = 3


@dataclass(frozen=True)
class Menu:
    """An entry of a menu, reached with the arrow keys or with its number key."""

    position: int
    by_arrows: bool = False


@dataclass(frozen=True)
class Form:
    """Everything a person types to answer the whole form, in the order it is asked."""

    local_area: str
    role: Menu  # the last entry skips the question
    name: str  # empty skips the question
    stage: Menu
    rationale: list[str]  # lines of text
    tables: list[list[str]]  # activities, strengths, areas for development
    ratings: list[Menu] = field(default_factory=lambda: [Menu(1)] * CHARACTERISTICS)


def start_fill(folder: Path, *args: str, width: int = 100) -> Terminal:
    """Start `ehcjourney fill` in a pseudo-terminal `width` columns wide."""
    environment = terminal_environment(COLUMNS=str(width), LINES="40")
    terminal = Terminal("fill", *args, cwd=folder, env=environment, width=width)
    # pexpect waits 50 ms before every write by default; Terminal already paces the keys.
    terminal.child.delaybeforesend = None
    return terminal


def choose(terminal: Terminal, menu: Menu, count: int) -> None:
    """Wait for a menu of `count` entries and pick one, as a person would."""
    terminal.expect(f"1 to {count}, then Enter)")
    if menu.by_arrows:
        terminal.press(Key.DOWN, menu.position - 1)
    else:
        terminal.type(str(menu.position))
    terminal.press(Key.ENTER)


def answer_form(terminal: Terminal, form: Form) -> None:
    """Answer every question of the form, up to the review screen."""
    terminal.answer("Name of local area", form.local_area)
    choose(terminal, form.role, 6)
    terminal.answer("Your name", form.name)

    terminal.expect("Part 1 of 3 · stage")
    choose(terminal, form.stage, 4)
    terminal.expect("Part 1 of 3 · rationale")
    terminal.expect("Rationale")
    terminal.type("\r".join(form.rationale))
    terminal.press(Key.ESC_ENTER)

    for number, entries in enumerate(form.tables, start=1):
        terminal.expect(f"Part 2 of 3 · table {number} of {TABLES}")
        for position, entry in enumerate([*entries, ""][:3], start=1):
            terminal.answer(f"#{position}", entry)

    for number, rating in enumerate(form.ratings, start=1):
        terminal.expect(f"Part 3 of 3 · characteristic {number} of {CHARACTERISTICS}")
        choose(terminal, rating, 5)
    terminal.expect("Review your answers")


def review(terminal: Terminal, action: Menu) -> None:
    """On the review screen, pick save (1), change an answer (2) or quit (3)."""
    terminal.expect("What next?")
    choose(terminal, action, 3)


def change_answer(terminal: Terminal, number: int) -> None:
    """From the review screen, choose to change the answer numbered `number` there."""
    review(terminal, Menu(2))
    terminal.expect("Which answer do you want to change?")
    terminal.type(str(number))
    terminal.press(Key.ENTER)


def save(terminal: Terminal) -> int:
    """Save from the review screen and return the exit status."""
    review(terminal, Menu(1))
    terminal.expect("Saved to")
    return terminal.finish()


def validate(path: Path) -> int:
    """Run `ehcjourney validate` on a file and return its exit status."""
    command = [sys.executable, "-m", "ehcjourney", "validate", str(path)]
    return subprocess.run(command, capture_output=True, check=False).returncode


def short_form() -> Form:
    """A form answered with the fewest keystrokes: one entry a table, number keys throughout."""
    return Form(
        local_area="Exampleshire",
        role=Menu(6),
        name="",
        stage=Menu(1),
        rationale=["Just starting."],
        tables=[["Panel"], ["Forum"], ["Outcomes"]],
    )


def short_form_document(today: datetime.date) -> dict[str, Any]:
    """The response `short_form` is saved as."""
    return {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "completed": today,
        "journey": {"stage": "starting", "rationale": "Just starting."},
        "top_three": {
            "activities": ["Panel"],
            "strengths": ["Forum"],
            "development_areas": ["Outcomes"],
        },
        "framework": {
            "vision_and_strategy": "strongly_agree",
            "data_and_intelligence": "strongly_agree",
            "strategic_governance": "strongly_agree",
            "support_for_individuals": "strongly_agree",
            "joined_up_commissioning": "strongly_agree",
            "person_centred_pathways": "strongly_agree",
            "local_offer": "strongly_agree",
            "family_feedback": "strongly_agree",
            "demonstrating_impact": "strongly_agree",
        },
    }


def read_yaml(path: Path) -> Any:
    """Read a saved YAML response with a standard YAML reader."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_fill_saves_yaml_named_after_area_and_date(tmp_path: Path) -> None:
    """Answers typed at 80 columns, one changed on review, are saved as YAML named by area."""
    form = Form(
        local_area="Exampleshire",
        role=Menu(2, by_arrows=True),
        name="Priya Shah",
        stage=Menu(3, by_arrows=True),
        rationale=["The board meets monthly.", "", "It is too early to see impact."],
        tables=[
            ["Joint panel", "Shared dashboard", "Co-produced strategy"],
            ["Trusted parent forum", "Stable leadership"],
            ["Shared outcomes"],
        ],
        ratings=[
            Menu(1),
            Menu(2, by_arrows=True),
            Menu(3),
            Menu(4, by_arrows=True),
            Menu(5),
            Menu(4),
            Menu(3, by_arrows=True),
            Menu(2),
            Menu(1, by_arrows=True),
        ],
    )
    terminal = start_fill(tmp_path, width=80)

    answer_form(terminal, form)
    change_answer(terminal, 10)  # "Use data and intelligence", answered Agree
    terminal.expect("Part 3 of 3 · characteristic 2 of 9")
    terminal.expect("then Enter)")
    terminal.press(Key.DOWN)  # from the current answer, Agree, to the next one down
    terminal.press(Key.ENTER)
    status = save(terminal)

    today = datetime.date.today()
    saved = tmp_path / f"exampleshire-{today.isoformat()}.yaml"
    assert status == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [saved.name]
    assert read_yaml(saved) == {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "respondent": {"role": "health", "name": "Priya Shah"},
        "completed": today,
        "journey": {
            "stage": "maturing",
            "rationale": "The board meets monthly.\n\nIt is too early to see impact.",
        },
        "top_three": {
            "activities": ["Joint panel", "Shared dashboard", "Co-produced strategy"],
            "strengths": ["Trusted parent forum", "Stable leadership"],
            "development_areas": ["Shared outcomes"],
        },
        "framework": {
            "vision_and_strategy": "strongly_agree",
            "data_and_intelligence": "disagree",
            "strategic_governance": "disagree",
            "support_for_individuals": "strongly_disagree",
            "joined_up_commissioning": "cannot_say",
            "person_centred_pathways": "strongly_disagree",
            "local_offer": "disagree",
            "family_feedback": "agree",
            "demonstrating_impact": "strongly_agree",
        },
    }
    assert validate(saved) == 0


def test_fill_saves_json_to_the_output_named(tmp_path: Path) -> None:
    """With --output x.json the answers, a text one changed on review, are saved as JSON."""
    form = Form(
        local_area="Exampleshire",
        role=Menu(6, by_arrows=True),
        name="",
        stage=Menu(4),
        rationale=["Partnership is business as usual."],
        tables=[["Integrated commissioning"], ["Shared outcomes", "Joint data"], ["Local offer"]],
        ratings=[Menu(2)] * CHARACTERISTICS,
    )
    terminal = start_fill(tmp_path, "--output", "x.json")

    answer_form(terminal, form)
    change_answer(terminal, 1)  # the local area: its current answer is there to edit
    terminal.answer("Name of local area", " North")
    status = save(terminal)

    saved = tmp_path / "x.json"
    assert status == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["x.json"]
    assert json.loads(saved.read_text(encoding="utf-8")) == {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire North",
        "completed": datetime.date.today().isoformat(),
        "journey": {"stage": "embedding", "rationale": "Partnership is business as usual."},
        "top_three": {
            "activities": ["Integrated commissioning"],
            "strengths": ["Shared outcomes", "Joint data"],
            "development_areas": ["Local offer"],
        },
        "framework": dict.fromkeys(
            CHARACTERISTIC_IDS,
            "agree",
        ),
    }
    assert validate(saved) == 0


def test_existing_file_kept_when_not_replaced(tmp_path: Path) -> None:
    """Declining to replace an existing file asks for another name and leaves the file alone."""
    today = datetime.date.today()
    existing = tmp_path / f"exampleshire-{today.isoformat()}.yaml"
    existing.write_text("an earlier response\n", encoding="utf-8")
    terminal = start_fill(tmp_path)

    answer_form(terminal, short_form())
    review(terminal, Menu(1))
    terminal.expect("already exists. Replace it?")
    terminal.type("n")
    terminal.expect("Save to which file?")
    terminal.press(Key.CTRL_U)
    terminal.type("second.yaml")
    terminal.press(Key.ENTER)
    terminal.expect("Saved to second.yaml.")
    status = terminal.finish()

    assert status == 0
    assert existing.read_text(encoding="utf-8") == "an earlier response\n"
    assert read_yaml(tmp_path / "second.yaml") == short_form_document(today)


def test_existing_file_replaced_when_confirmed(tmp_path: Path) -> None:
    """Confirming the question replaces an existing file with the response."""
    today = datetime.date.today()
    existing = tmp_path / f"exampleshire-{today.isoformat()}.yaml"
    existing.write_text("an earlier response\n", encoding="utf-8")
    terminal = start_fill(tmp_path)

    answer_form(terminal, short_form())
    review(terminal, Menu(1))
    terminal.expect("already exists. Replace it?")
    terminal.type("y")
    terminal.expect(f"Saved to {existing.name}.")
    status = terminal.finish()

    assert status == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [existing.name]
    assert read_yaml(existing) == short_form_document(today)


def test_quit_asks_first_and_writes_nothing(tmp_path: Path) -> None:
    """Quitting asks for confirmation; declining returns to the review, confirming saves nothing."""
    terminal = start_fill(tmp_path)

    answer_form(terminal, short_form())
    review(terminal, Menu(3))
    terminal.expect("Quit without saving? Your answers and their draft will be deleted;")
    terminal.type("n")
    review(terminal, Menu(3, by_arrows=True))
    terminal.expect("Quit without saving? Your answers and their draft will be deleted;")
    terminal.type("y")
    terminal.expect("Quit without saving.")
    status = terminal.finish()

    assert status == 0
    assert list(tmp_path.iterdir()) == []

"""A real `fill` in a pseudo-terminal, stopped at each part and resumed with nothing lost."""

from __future__ import annotations

import datetime
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CHARACTERISTIC_IDS
from terminal import Key, Terminal

pytestmark = pytest.mark.terminal

DRAFT = "out.draft.yaml"
RESUME_HINT = "To carry on where you left off, run: ehcjourney fill --resume out.draft.yaml"


@dataclass(frozen=True)
class Step:
    """One question: where its answer goes, and what to wait for and type to give it."""

    path: tuple[str, ...]
    value: Any
    script: tuple[tuple[str, str], ...]  # (text to wait for, keys to type then), in turn

    @property
    def marker(self) -> str:
        """The text that shows this question is being asked."""
        return self.script[0][0]


def rating(number: int, choice: int, answer: str) -> Step:
    """The step that rates characteristic `number` with menu entry `choice`."""
    marker = f"Part 3 of 3 · characteristic {number} of 9"
    path = ("framework", CHARACTERISTIC_IDS[number - 1])
    return Step(path, answer, ((marker, ""), ("then Enter)", f"{choice}\r")))


def entries(number: int, key: str, typed: list[str]) -> Step:
    """The step that gives table `number` of part 2 its entries, then an empty one."""
    script = [(f"Part 2 of 3 · table {number} of 3", "")]
    script += [(f"#{index}", f"{text}\r") for index, text in enumerate(typed, start=1)]
    script += [(f"#{len(typed) + 1}", "\r")]
    return Step(("top_three", key), typed, tuple(script))


STEPS = [
    Step(("local_area",), "Exampleshire", (("Name of local area", "Exampleshire\r"),)),
    Step(("respondent", "role"), "health", (("Your role", ""), ("then Enter)", "2\r"))),
    Step(("respondent", "name"), "Sam Patel", (("Your name", "Sam Patel\r"),)),
    Step(
        ("journey", "stage"),
        "maturing",
        (("Part 1 of 3 · stage", ""), ("then Enter)", "3\r")),
    ),
    Step(
        ("journey", "rationale"),
        "The board meets monthly.\nIt is too early to see impact.",
        (
            ("Part 1 of 3 · rationale", ""),
            ("Rationale", "The board meets monthly.\rIt is too early to see impact.\x1b\r"),
        ),
    ),
    entries(1, "activities", ["Joint panel", "Shared dashboard"]),
    entries(2, "strengths", ["Parent carer forum"]),
    entries(3, "development_areas", ["Shared outcomes", "Local offer"]),
    rating(1, 1, "strongly_agree"),
    rating(2, 2, "agree"),
    rating(3, 3, "disagree"),
    rating(4, 4, "strongly_disagree"),
    rating(5, 5, "cannot_say"),
    rating(6, 1, "strongly_agree"),
    rating(7, 2, "agree"),
    rating(8, 3, "disagree"),
    rating(9, 4, "strongly_disagree"),
]
REVIEW = ("Review your answers", "What next?", "then Enter)")
SAVE_ON_REVIEW = [(REVIEW[0], ""), (REVIEW[1], ""), (REVIEW[2], "1\r")]

# Where Ctrl-C is pressed: at the question of this step (or the review, after the last).
STOPS = {
    "before-part-1": 2,
    "part-1": 4,
    "part-2": 6,
    "part-3": 12,
    "review": len(STEPS),
}


def nested(pairs: list[tuple[tuple[str, ...], Any]]) -> dict[str, Any]:
    """Build the nested document that answers at these paths make."""
    document: dict[str, Any] = {}
    for path, value in pairs:
        node = document
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value
    return document


def answers_of(steps: list[Step]) -> dict[str, Any]:
    """The answers the steps give, as a response document holds them."""
    return nested([(step.path, step.value) for step in steps])


def script_of(steps: list[Step]) -> list[tuple[str, str]]:
    """Everything to wait for and type to answer the steps."""
    return [pair for step in steps for pair in step.script]


def play(terminal: Terminal, script: list[tuple[str, str]]) -> None:
    """Wait for each text in turn and type the keys that go with it."""
    for shown, keys in script:
        terminal.expect(shown)
        if keys:
            terminal.type(keys)


def stop_at(terminal: Terminal, stop: int) -> None:
    """Wait until the question at `stop` (or the review, after the last) waits for keys; Ctrl-C."""
    waits = list(REVIEW)
    if stop < len(STEPS):
        script = STEPS[stop].script
        typed_at = next(index for index, (_, keys) in enumerate(script) if keys)
        waits = [shown for shown, _ in script[: typed_at + 1]]
    for shown in waits:
        terminal.expect(shown)
    terminal.press(Key.CTRL_C)


def last_lines(terminal: Terminal, count: int) -> list[str]:
    """The last `count` lines with visible text, without control characters or trailing spaces."""
    visible = ("".join(c for c in line if c >= " ") for line in terminal.screen_text().splitlines())
    return [line.rstrip() for line in visible if line.strip()][-count:]


def read_yaml(path: Path) -> Any:
    """Read a file with a standard YAML reader."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("stop", STOPS.values(), ids=STOPS.keys())
def test_ctrl_c_keeps_every_answer_and_resume_finishes_the_form(tmp_path: Path, stop: int) -> None:
    """Ctrl-C keeps a draft of every answer given; --resume asks the rest and saves them all."""
    first = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)
    play(first, script_of(STEPS[:stop]))
    stop_at(first, stop)
    stopped_status = first.finish()

    assert stopped_status == 130
    assert last_lines(first, 2) == [
        f"Stopped. Your answers so far are saved in {DRAFT}.",
        f"{RESUME_HINT} --output out.yaml",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [DRAFT]
    assert read_yaml(tmp_path / DRAFT) == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        **answers_of(STEPS[:stop]),
    }

    second = Terminal("fill", "--resume", DRAFT, "--output", "out.yaml", cwd=tmp_path)
    (first_shown, first_keys), *rest = script_of(STEPS[stop:]) + SAVE_ON_REVIEW
    play(second, [(first_shown, "")])
    shown_before = second.screen_text()
    second.type(first_keys)
    play(second, rest)
    second.expect("Saved to out.yaml.")
    saved_status = second.finish()

    assert [step.marker for step in STEPS[:stop] if step.marker in shown_before] == []
    assert saved_status == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.yaml"]
    assert read_yaml(tmp_path / "out.yaml") == {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "completed": datetime.date.today(),
        **answers_of(STEPS),
    }


def test_starting_again_offers_the_draft_and_resumes_it(tmp_path: Path) -> None:
    """`fill` with a draft for the same output offers it, and Enter resumes where it stopped."""
    first = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)
    play(first, script_of(STEPS[:3]))
    stop_at(first, 3)
    assert first.finish() == 130

    second = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)
    second.expect(f"A draft of this form was found in {DRAFT}. Resume it?")
    second.press(Key.ENTER)
    stop_at(second, 3)
    assert "Name of local area" not in second.screen_text()
    assert second.finish() == 130
    assert read_yaml(tmp_path / DRAFT)["local_area"] == "Exampleshire"


def test_declining_the_draft_twice_leaves_it_untouched(tmp_path: Path) -> None:
    """Saying no to resuming and no to starting again stops with the draft as it was."""
    draft = tmp_path / DRAFT
    draft.write_text(
        "draft: true\nquestionnaire: ehc-partnership-journey\nlocal_area: Kept\n",
        encoding="utf-8",
    )
    before = draft.read_bytes()
    terminal = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)

    terminal.expect("Resume it?")
    terminal.type("n")
    terminal.expect("Start again? The draft's answers will be replaced.")
    terminal.type("n")
    status = terminal.finish()

    assert status == 130
    assert last_lines(terminal, 2) == [
        f"Nothing was changed; the draft is still in {DRAFT}.",
        "To carry on with it, run: ehcjourney fill --resume out.draft.yaml --output out.yaml",
    ]
    assert draft.read_bytes() == before


def test_ctrl_d_at_a_text_prompt_keeps_the_draft(tmp_path: Path) -> None:
    """Ctrl-D on an empty answer stops like Ctrl-C, naming the draft and how to resume."""
    terminal = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)
    play(terminal, script_of(STEPS[:2]))
    terminal.expect(STEPS[2].marker)
    terminal.press(Key.CTRL_D)
    status = terminal.finish()

    assert status == 130
    assert last_lines(terminal, 1) == [f"{RESUME_HINT} --output out.yaml"]
    assert read_yaml(tmp_path / DRAFT)["respondent"] == {"role": "health"}


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("SIGHUP", []),  # nothing can be shown after a hang-up: the terminal has gone
        (
            "SIGTERM",
            [
                "Told to stop (SIGTERM). Your answers so far are saved in out.draft.yaml.",
                f"{RESUME_HINT} --output out.yaml",
            ],
        ),
    ],
    ids=["hang-up", "terminate"],
)
def test_closed_terminal_keeps_the_draft_and_no_temporary_file(
    tmp_path: Path, name: str, said: list[str]
) -> None:
    """A hang-up or termination at a prompt ends cleanly: the draft kept, nothing else left."""
    terminal = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)
    play(terminal, script_of(STEPS[:4]))
    terminal.expect(STEPS[4].marker)
    terminal.child.kill(getattr(signal, name))
    status = terminal.finish()

    assert status == 130
    assert "Traceback" not in terminal.screen_text()
    assert [line for line in last_lines(terminal, 2) if line in said] == said
    assert sorted(path.name for path in tmp_path.iterdir()) == [DRAFT]
    assert read_yaml(tmp_path / DRAFT) == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        **answers_of(STEPS[:4]),
    }


@pytest.mark.parametrize(
    "given",
    [["Joint panel"], ["Joint panel", "Shared dashboard"]],
    ids=["at-entry-2", "at-entry-3"],
)
def test_ctrl_c_part_way_through_a_table_keeps_its_entries(
    tmp_path: Path, given: list[str]
) -> None:
    """Ctrl-C at a later entry keeps the entries before it in the draft and through --resume."""
    activities = STEPS[5]
    typed = [(f"#{number}", f"{entry}\r") for number, entry in enumerate(given, start=1)]
    first = Terminal("fill", "--output", "out.yaml", cwd=tmp_path)
    play(first, [*script_of(STEPS[:5]), (activities.marker, ""), *typed])
    first.expect(f"#{len(given) + 1}")
    first.press(Key.CTRL_C)
    stopped_status = first.finish()

    assert stopped_status == 130
    assert last_lines(first, 2) == [
        f"Stopped. Your answers so far are saved in {DRAFT}.",
        f"{RESUME_HINT} --output out.yaml",
    ]
    assert read_yaml(tmp_path / DRAFT) == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        **answers_of(STEPS[:5]),
        "top_three": {"activities": given},
    }

    second = Terminal("fill", "--resume", DRAFT, "--output", "out.yaml", cwd=tmp_path)
    play(second, script_of(STEPS[6:]) + SAVE_ON_REVIEW)
    second.expect("Saved to out.yaml.")

    assert second.finish() == 0
    assert activities.marker not in second.screen_text()
    saved = read_yaml(tmp_path / "out.yaml")
    assert saved["top_three"] == {
        "activities": given,
        "strengths": ["Parent carer forum"],
        "development_areas": ["Shared outcomes", "Local offer"],
    }

"""The terminal prompter's logic, driven in-process by keys sent through a pipe."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.plain_text import PlainTextOutput

from ehcjourney.console import make_console
from ehcjourney.prompting import TerminalPrompter
from ehcjourney.questions import (
    Choice,
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    TextQuestion,
)
from ehcjourney.session import PartialAnswer, ReviewAction

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
ESC_ENTER = "\x1b\r"
CLEAR_LINE = "\x15"
WIDTH = 80


@pytest.fixture(autouse=True)
def no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep rich's output free of colour codes whatever the environment asks for."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@dataclass
class Run:
    """What one call of the prompter returned and what it printed with rich."""

    result: Any
    printed: str

    @property
    def screen(self) -> str:
        """The printed text as a screen shows it: without the spaces rich leaves at line ends."""
        return "\n".join(line.rstrip() for line in self.printed.split("\n"))


def run(keys: str, call: Any) -> Run:
    """Type `keys`, then call `call(prompter)`; input ends after the keys, so nothing hangs."""
    with create_pipe_input() as keyboard:
        keyboard.send_text(keys)
        keyboard.close()
        printed = io.StringIO()
        console = make_console(width=WIDTH)
        console.file = printed
        prompter = TerminalPrompter(console, input=keyboard, output=DummyOutput())
        result = call(prompter)
    return Run(result, printed.getvalue())


def ratings() -> tuple[Choice, ...]:
    """The five answers to a characteristic."""
    return (
        Choice("strongly_agree", "Strongly agree"),
        Choice("agree", "Agree"),
        Choice("disagree", "Disagree"),
        Choice("strongly_disagree", "Strongly disagree"),
        Choice("cannot_say", "Cannot say"),
    )


def characteristic() -> ChoiceQuestion:
    """A characteristic to rate, with its theme and statement."""
    return ChoiceQuestion(
        ("framework", "local_offer"),
        "How far do you agree?",
        "Local offer",
        "Part 3 of 3 · characteristic 7 of 9",
        None,
        choices=ratings(),
        context="Theme 3: There are clear pathways of support.",
        statement="The local offer has been used strategically to plan support and services.",
        emphasis="local offer",
    )


def role() -> ChoiceQuestion:
    """The optional question about the respondent's role."""
    return ChoiceQuestion(
        ("respondent", "role"),
        "Your role (optional)",
        "Your role",
        "Before you start",
        None,
        choices=(Choice("education", "Education"), Choice("health", "Health")),
        required=False,
    )


def table() -> ListQuestion:
    """A table of up to three entries."""
    return ListQuestion(
        ("top_three", "strengths"), "What are your strengths?", "Strengths", "table 2 of 3", None
    )


def rationale() -> LongTextQuestion:
    """The multi-line question about the rationale."""
    return LongTextQuestion(
        ("journey", "rationale"), "Why this stage?", "Rationale", "Part 1 of 3 · rationale", None
    )


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("3" + ENTER, None, "disagree"),
        (DOWN + DOWN + ENTER, None, "disagree"),
        (UP + ENTER, None, "cannot_say"),
        (ENTER, "strongly_disagree", "strongly_disagree"),
        (DOWN + ENTER, "agree", "disagree"),
        ("1" + ENTER, "agree", "strongly_agree"),
    ],
    ids=[
        "number-key",
        "arrow-keys",
        "arrow-up-wraps-to-last",
        "enter-keeps-current-answer",
        "arrows-start-at-current-answer",
        "number-key-over-current-answer",
    ],
)
def test_choosing_an_answer(keys: str, default: str | None, expected: str) -> None:
    """A menu answer is chosen by number key or arrow keys, starting at the current answer."""
    assert run(keys, lambda ask: ask.ask(characteristic(), default)).result == expected


def test_characteristic_screen_shows_theme_and_statement() -> None:
    """A characteristic is introduced by its progress, its theme and its whole statement."""
    shown = run("1" + ENTER, lambda ask: ask.ask(characteristic(), None))

    assert shown.screen == textwrap.dedent(
        """
        Part 3 of 3 · characteristic 7 of 9
        Theme 3: There are clear pathways of support.
        The local offer has been used strategically to plan support and services.

        """
    )


def test_stage_descriptions_are_numbered_and_wrapped() -> None:
    """Each stage is printed in full, numbered, its wrapped description indented under it."""
    question = ChoiceQuestion(
        ("journey", "stage"),
        "At which stage do you consider your local area is on its journey to develop and "
        "embed effective EHC partnership working?",
        "Stage",
        "Part 1 of 3 · stage",
        None,
        choices=(
            Choice("starting", "Starting", "The local area is just beginning. " * 4),
            Choice("developing", "Developing", "There is a shared strategy."),
        ),
    )

    shown = run("2" + ENTER, lambda ask: ask.ask(question, None))

    assert shown.result == "developing"
    assert shown.screen == textwrap.dedent(
        """
        Part 1 of 3 · stage
        1. Starting
           The local area is just beginning. The local area is just beginning. The local
           area is just beginning. The local area is just beginning.

        2. Developing
           There is a shared strategy.

        At which stage do you consider your local area is on its journey to develop and
        embed effective EHC partnership working?
        """
    )


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("3" + ENTER, None, None),
        (UP + ENTER, None, None),
        ("2" + ENTER, None, "health"),
        (ENTER, "health", "health"),
    ],
    ids=["skip-by-number", "skip-by-arrow", "answered", "current-answer-kept"],
)
def test_optional_role(keys: str, default: str | None, expected: str | None) -> None:
    """The optional role has a last entry that skips it and returns None."""
    assert run(keys, lambda ask: ask.ask(role(), default)).result == expected


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("Exampleshire" + ENTER, None, "Exampleshire"),
        (ENTER + "Exampleshire" + ENTER, None, "Exampleshire"),
        ("  Exampleshire  " + ENTER, None, "Exampleshire"),
        (ENTER, "Exampleshire", "Exampleshire"),
        (" North" + ENTER, "Exampleshire", "Exampleshire North"),
        (CLEAR_LINE + "Northshire" + ENTER, "Exampleshire", "Northshire"),
    ],
    ids=[
        "typed",
        "empty-refused",
        "spaces-trimmed",
        "enter-keeps-current",
        "current-answer-edited",
        "current-answer-replaced",
    ],
)
def test_required_text(keys: str, default: str | None, expected: str) -> None:
    """A required line of text needs some text, and starts from the current answer."""
    question = TextQuestion(("local_area",), "Name of local area", "Local area", "Start", None)

    assert run(keys, lambda ask: ask.ask(question, default)).result == expected


def test_optional_text_may_be_left_empty() -> None:
    """An optional line of text can be skipped with Enter alone."""
    question = TextQuestion(
        ("respondent", "name"), "Your name (optional)", "Your name", "Start", None, required=False
    )

    assert run(ENTER, lambda ask: ask.ask(question, None)).result == ""


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("Trust" + ENTER + "Stability" + ENTER + ENTER, None, ["Trust", "Stability"]),
        ("A" + ENTER + "B" + ENTER + "C" + ENTER, None, ["A", "B", "C"]),
        (ENTER + "  " + ENTER + "Trust" + ENTER + ENTER, None, ["Trust"]),
        (ENTER + ENTER + ENTER, ["Trust", "Stability"], ["Trust", "Stability"]),
        (ENTER + CLEAR_LINE + ENTER, ["Trust", "Stability", "Vision"], ["Trust"]),
        (
            ENTER + ENTER + "Vision" + ENTER,
            ["Trust", "Stability"],
            ["Trust", "Stability", "Vision"],
        ),
    ],
    ids=[
        "stops-at-empty-line",
        "stops-after-three",
        "first-entry-required",
        "current-entries-kept",
        "cleared-entry-ends-the-list",
        "entry-added-to-current",
    ],
)
def test_table_entries(keys: str, default: list[str] | None, expected: list[str]) -> None:
    """A table takes one to three entries, ending at an empty line."""
    assert run(keys, lambda ask: ask.ask(table(), default)).result == expected


def test_table_explains_how_to_finish() -> None:
    """A table says how many entries to give and how to stop, and what emptying an entry does."""
    shown = run(ENTER + ENTER, lambda ask: ask.ask(table(), ["Trust"]))

    assert shown.screen == textwrap.dedent(
        """
        table 2 of 3
        What are your strengths?
        Give 1 to 3 entries, the most important first. When you have no more, press
        Enter on an empty line.
        Your current entries are filled in: press Enter to keep each. An entry left
        empty ends the list there.
        """
    )


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("Line one" + ENTER + "Line two" + ESC_ENTER, None, "Line one\nLine two"),
        ("One" + ENTER + ENTER + "Two" + ESC_ENTER, None, "One\n\nTwo"),
        (ESC_ENTER + "Written" + ESC_ENTER, None, "Written"),
        (ESC_ENTER, "Kept\nas it was", "Kept\nas it was"),
        (ENTER + "more" + ESC_ENTER, "First", "First\nmore"),
    ],
    ids=["two-lines", "blank-line-kept", "empty-refused", "current-kept", "current-extended"],
)
def test_multi_line_text(keys: str, default: str | None, expected: str) -> None:
    """Multi-line text takes Enter as a new line and finishes with Esc and then Enter."""
    assert run(keys, lambda ask: ask.ask(rationale(), default)).result == expected


def test_multi_line_text_says_how_to_finish() -> None:
    """The rationale prints its question and a plain instruction on finishing."""
    shown = run("Because" + ESC_ENTER, lambda ask: ask.ask(rationale(), None))

    assert shown.screen == textwrap.dedent(
        """
        Part 1 of 3 · rationale
        Why this stage?
        Type as many lines as you need: Enter starts a new line. To finish, press Esc
        and then Enter.
        """
    )


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("1" + ENTER, ReviewAction.SAVE),
        ("2" + ENTER, ReviewAction.CHANGE),
        (DOWN + DOWN + ENTER, ReviewAction.QUIT),
    ],
    ids=["save-by-number", "change-by-number", "quit-by-arrows"],
)
def test_review_action(keys: str, expected: ReviewAction) -> None:
    """The review screen offers save, change and quit, by number or arrow keys."""
    assert run(keys, lambda ask: ask.review([("Local area", "Exampleshire")])).result is expected


def test_review_lists_every_answer_numbered() -> None:
    """The review numbers each answer and wraps long names and answers in their columns."""
    rows = [
        ("Local area", "Exampleshire"),
        ("Strengths", "#1 Trust\n#2 Stability"),
        ("Plan, commission and deliver services in a joined-up way", "Cannot say"),
        ("Your role", "(no answer)"),
    ]

    shown = run("1" + ENTER, lambda ask: ask.review(rows))

    rule = "Review your answers " + "─" * (WIDTH - len("Review your answers "))
    assert shown.screen == "\n" + rule + textwrap.dedent(
        """
        1  Local area                    Exampleshire
        2  Strengths                     #1 Trust
                                         #2 Stability
        3  Plan, commission and deliver  Cannot say
           services in a joined-up way
        4  Your role                     (no answer)

        """
    )


def test_review_again_with_nothing_changed_does_not_list_the_answers_again() -> None:
    """Back at the review with no question asked between, the answers are not printed again."""
    rows = [("Local area", "Exampleshire")]
    said = "The form is not complete yet."

    def review_twice(ask: TerminalPrompter) -> ReviewAction:
        ask.review(rows)
        ask.say(said)
        return ask.review(rows)

    shown = run("1" + ENTER + "3" + ENTER, review_twice)

    assert shown.result is ReviewAction.QUIT
    assert shown.printed.split(said + "\n")[1] == "\nYour answers are unchanged, as listed above.\n"


def test_review_after_a_question_lists_the_answers_again() -> None:
    """Once a question has been asked again, the review lists every answer afresh."""
    rows = [("Local area", "Exampleshire")]

    def review_change_review(ask: TerminalPrompter) -> None:
        ask.review(rows)
        ask.ask(TextQuestion(("local_area",), "Area?", "Local area", "Start", None), "")
        ask.review(rows)

    shown = run("2" + ENTER + "Northshire" + ENTER + "1" + ENTER, review_change_review)

    assert shown.screen.count("1  Local area  Exampleshire") == 2


def test_review_shows_control_characters_as_symbols() -> None:
    """Escape sequences typed into an answer are shown as symbols, never sent to the terminal."""
    shown = run("1" + ENTER, lambda ask: ask.review([("Local area", "\x1b[31mRed")]))

    assert "\x1b" not in shown.printed
    assert "1  Local area  ␛[31mRed" in shown.screen


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("12" + ENTER, 0, 11),
        ("3" + ENTER, 0, 2),
        (DOWN + DOWN + ENTER, 0, 2),
        (ENTER, 8, 8),
        (DOWN + ENTER, 8, 9),
    ],
    ids=["two-digit-number", "one-digit-number", "arrow-keys", "default", "arrow-from-default"],
)
def test_pick_an_answer_to_change(keys: str, default: int, expected: int) -> None:
    """An answer to change is picked by typing its number or with the arrow keys."""
    names = [f"Question {chr(ord('a') + index)}" for index in range(17)]

    picked = run(keys, lambda ask: ask.pick("Which answer?", names, default))

    assert picked.result == expected


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [("y", False, True), ("n", True, False), (ENTER, True, True), (ENTER, False, False)],
    ids=["yes", "no", "enter-means-yes", "enter-means-no"],
)
def test_confirm(keys: str, default: bool, expected: bool) -> None:
    """A yes or no question answers y, n, or its default on Enter."""
    assert run(keys, lambda ask: ask.confirm("Replace it?", default)).result is expected


def test_welcome_indents_wrapped_items() -> None:
    """The welcome separates paragraphs and indents an item's wrapped lines under its text."""
    lines = [
        "A form.",
        "It has 2 parts:",
        "  1. " + "A long part title that goes on " * 3,
        "  2. A short one",
        "Press Ctrl-C to stop.",
    ]

    shown = run("", lambda ask: ask.show_lines(lines))

    assert shown.screen == textwrap.dedent(
        """\
        A form.

        It has 2 parts:
          1. A long part title that goes on A long part title that goes on A long part
             title that goes on
          2. A short one

        Press Ctrl-C to stop.
        """
    )


def test_part_opens_with_its_title_and_introduction() -> None:
    """A part opens with a rule, its numbered title, and its introduction."""
    part = Part(2, "Where you are now", "Please note your top three.")

    shown = run("", lambda ask: ask.begin_part(part))

    assert shown.screen == "\n" + "─" * WIDTH + textwrap.dedent(
        """
        Part 2 of 3 · Where you are now

        Please note your top three.
        """
    )


def test_keys_ending_early_raise_end_of_input() -> None:
    """When input ends before an answer is finished, EOFError reaches the caller."""
    with pytest.raises(EOFError):
        run("Half an ans", lambda ask: ask.ask(table(), None))


CTRL_C = "\x03"


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        ("Trust" + ENTER + CTRL_C, None, ["Trust"]),
        ("Trust" + ENTER + "Stab" + CTRL_C, None, ["Trust"]),
        (CLEAR_LINE + "Vision" + ENTER + CTRL_C, ["Trust", "Stability"], ["Vision", "Stability"]),
    ],
    ids=["after-entry-1", "half-typed-entry-left-out", "current-entries-not-reached-kept"],
)
def test_ctrl_c_in_a_table_hands_back_the_entries_given(
    keys: str, default: list[str] | None, expected: list[str]
) -> None:
    """Ctrl-C after an entry hands back the entries so far, with the interruption."""
    # Any KeyboardInterrupt is caught, so that a failure here cannot stop the test run.
    with pytest.raises(KeyboardInterrupt) as stopped:
        run(keys, lambda ask: ask.ask(table(), default))

    assert isinstance(stopped.value, PartialAnswer)
    assert stopped.value.answer == expected
    assert type(stopped.value.stopped_by) is KeyboardInterrupt


def test_ctrl_c_at_the_first_entry_has_nothing_to_hand_back() -> None:
    """Ctrl-C before any entry is given stops as a plain interruption."""
    with pytest.raises(KeyboardInterrupt) as stopped:
        run("Tru" + CTRL_C, lambda ask: ask.ask(table(), None))

    assert type(stopped.value) is KeyboardInterrupt


def test_ctrl_c_in_multi_line_text_hands_back_the_text_typed() -> None:
    """Ctrl-C part-way through the rationale hands back what was typed, not lose it."""
    with pytest.raises(KeyboardInterrupt) as stopped:
        run("Line one" + ENTER + "Line tw" + CTRL_C, lambda ask: ask.ask(rationale(), None))

    assert isinstance(stopped.value, PartialAnswer)
    assert stopped.value.answer == "Line one\nLine tw"


@pytest.mark.parametrize(
    ("keys", "default"),
    [
        pytest.param(CTRL_C, "Kept\nas it was", id="unchanged"),
        pytest.param(ENTER + ENTER + CTRL_C, None, id="only-empty-lines"),
    ],
)
def test_ctrl_c_in_multi_line_text_with_nothing_new_just_stops(
    keys: str, default: str | None
) -> None:
    """Ctrl-C with the text unchanged or blank stops as a plain interruption."""
    with pytest.raises(KeyboardInterrupt) as stopped:
        run(keys, lambda ask: ask.ask(rationale(), default))

    assert type(stopped.value) is KeyboardInterrupt


def long_menu(count: int) -> ChoiceQuestion:
    """An optional question with `count` choices, numbered in their labels, and Skip after."""
    return ChoiceQuestion(
        ("respondent", "role"),
        "Your role (optional)",
        "Your role",
        "Before you start",
        None,
        choices=tuple(Choice(f"role_{n}", f"Role {n}") for n in range(1, count + 1)),
        required=False,
    )


@pytest.mark.parametrize(
    ("count", "keys", "expected"),
    [
        (11, "9" + ENTER, "role_9"),
        (11, "9" + DOWN + DOWN + ENTER, "role_11"),
        (11, UP + ENTER, None),
        (40, "9" + ENTER, "role_1"),
        (40, UP + UP + ENTER, "role_40"),
    ],
    ids=[
        "ten-or-more-number-key-9",
        "ten-or-more-arrows-past-9",
        "ten-or-more-skip-last",
        "over-36-numbers-do-nothing",
        "over-36-arrows-reach-the-end",
    ],
)
def test_long_menus_are_answered_by_arrows_past_nine(
    count: int, keys: str, expected: str | None
) -> None:
    """A menu of ten or more choices opens; choices past 9 are reached with the arrow keys."""
    assert run(keys, lambda ask: ask.ask(long_menu(count), None)).result == expected


@pytest.mark.parametrize(
    ("count", "instruction"),
    [
        (5, "(arrow keys or 1 to 6, then Enter)"),
        (11, "(arrow keys, or 1 to 9 for the first 9; then Enter)"),
        (40, "(arrow keys, then Enter)"),
    ],
    ids=["up-to-nine", "ten-to-36", "over-36"],
)
def test_long_menus_say_which_keys_work(count: int, instruction: str) -> None:
    """The menu's instruction names the number keys only as far as they reach."""
    shown = io.StringIO()
    with create_pipe_input() as keyboard:
        keyboard.send_text(ENTER)
        keyboard.close()
        prompter = TerminalPrompter(
            make_console(width=WIDTH), input=keyboard, output=PlainTextOutput(shown)
        )
        prompter.ask(long_menu(count), None)

    assert instruction in shown.getvalue()

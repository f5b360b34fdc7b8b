"""Plain mode: each question as plain lines, each answer read as a line from a text stream."""

from __future__ import annotations

import io
import textwrap
from typing import Any

import pytest

from ehcjourney.errors import InputEndedError
from ehcjourney.plain import LINE_LIMIT, PlainPrompter
from ehcjourney.questions import (
    Choice,
    ChoiceQuestion,
    ListQuestion,
    LongTextQuestion,
    Part,
    TextQuestion,
)
from ehcjourney.session import PartialAnswer, ReviewAction


class TypedAtTerminal(io.StringIO):
    """Typed input that says it comes from a terminal."""

    def isatty(self) -> bool:
        return True


def prompter(typed: str, *, terminal: bool = False) -> tuple[PlainPrompter, io.StringIO]:
    """A plain prompter reading the `typed` lines, and the stream it writes to."""
    output = io.StringIO()
    source = TypedAtTerminal(typed) if terminal else io.StringIO(typed)
    return PlainPrompter(source, output), output


def rating(*, required: bool = True) -> ChoiceQuestion:
    """A characteristic to rate, as part 3 of the form asks it."""
    return ChoiceQuestion(
        ("framework", "shared_vision"),
        "How far do you agree?",
        "Shared vision",
        "Part 3 of 3 · characteristic 4 of 9",
        None,
        choices=(
            Choice("agree", "Agree"),
            Choice("disagree", "Disagree"),
            Choice("cannot_say", "Cannot say"),
        ),
        required=required,
        context="Theme 2: Leaders share a vision.",
        statement="There is a shared vision for young people with SEND.",
    )


def text_question(*, required: bool) -> TextQuestion:
    """A one-line question, required or not."""
    return TextQuestion(
        ("local_area",),
        "Name of local area",
        "Local area",
        "Before you start",
        None,
        required=required,
    )


def long_text() -> LongTextQuestion:
    """A question answered in several lines."""
    return LongTextQuestion(
        ("journey", "rationale"), "Why?", "Rationale", "Part 1 of 3 · rationale", None
    )


def top_three() -> ListQuestion:
    """A question answered by up to three entries."""
    return ListQuestion(
        ("top_three", "strengths"),
        "Your strengths?",
        "Strengths",
        "Part 2 of 3 · table 2 of 3",
        None,
    )


def test_choice_is_asked_as_numbered_plain_lines() -> None:
    """A choice prints its progress, theme, statement, numbered choices and what to type."""
    ask, output = prompter("2\n")

    answer = ask.ask(rating(), None)

    assert answer == "disagree"
    assert output.getvalue() == textwrap.dedent(
        """
        Part 3 of 3, characteristic 4 of 9
        Theme 2: Leaders share a vision.
        There is a shared vision for young people with SEND.
        How far do you agree?
        1. Agree
        2. Disagree
        3. Cannot say
        Type a number from 1 to 3 and press Enter.
        """
    )


def test_choice_descriptions_follow_their_labels() -> None:
    """A choice with a description reads as its number, label and description on one line."""
    question = ChoiceQuestion(
        ("journey", "stage"),
        "Which stage?",
        "Stage",
        "Part 1 of 3 · stage",
        None,
        choices=(
            Choice("starting", "Starting", "Just beginning."),
            Choice("embedding", "Embedding"),
        ),
    )
    ask, output = prompter("1\n")

    ask.ask(question, None)

    assert output.getvalue().splitlines()[3:5] == ["1. Starting: Just beginning.", "2. Embedding"]


@pytest.mark.parametrize(
    "typed",
    ["3", " 3 ", "cannot_say", "Cannot say", "CANNOT SAY"],
    ids=["number", "number-with-spaces", "id", "label", "label-in-capitals"],
)
def test_choice_is_answered_by_number_id_or_label(typed: str) -> None:
    """A choice can be typed as its number, its id or its label."""
    ask, _ = prompter(typed + "\n")

    assert ask.ask(rating(), None) == "cannot_say"


def test_wrong_choice_gets_one_line_and_nothing_redrawn() -> None:
    """A wrong entry is met with one line saying what to type; the question is not reprinted."""
    ask, output = prompter("7\n1\n", terminal=True)

    answer = ask.ask(rating(), None)

    assert answer == "agree"
    assert output.getvalue().splitlines()[-2:] == [
        "Type a number from 1 to 3 and press Enter.",
        "You typed 7, which is not one of the choices. Type a number from 1 to 3 and press Enter.",
    ]


@pytest.mark.parametrize(
    ("terminal", "expected"),
    [
        (True, "An answer is needed. Type a number from 1 to 3 and press Enter."),
        (
            False,
            "Line 1 of the input: An answer is needed. Type a number from 1 to 3 and press Enter.",
        ),
    ],
    ids=["at-a-terminal", "from-a-file"],
)
def test_empty_required_choice_says_what_to_type(terminal: bool, expected: str) -> None:
    """Enter alone on a required choice says what to type; from a file it names the line."""
    ask, output = prompter("\n2\n", terminal=terminal)

    answer = ask.ask(rating(), None)

    assert answer == "disagree"
    assert output.getvalue().splitlines()[-1] == expected


@pytest.mark.parametrize(
    ("required", "kept", "instruction", "expected"),
    [
        (
            True,
            "cannot_say",
            "Type a number from 1 to 3 and press Enter, "
            "or press Enter alone to keep your answer, Cannot say.",
            "cannot_say",
        ),
        (
            False,
            None,
            "Type a number from 1 to 3 and press Enter, or press Enter alone to skip.",
            None,
        ),
    ],
    ids=["keeps-the-current-answer", "skips-an-optional-question"],
)
def test_enter_alone_keeps_or_skips_a_choice(
    required: bool, kept: str | None, instruction: str, expected: str | None
) -> None:
    """Enter alone keeps the current choice, or skips an optional one, as the line says."""
    ask, output = prompter("\n")

    answer = ask.ask(rating(required=required), kept)

    assert answer == expected
    assert output.getvalue().splitlines()[-1] == instruction


@pytest.mark.parametrize(
    ("required", "kept", "typed", "instruction", "expected"),
    [
        (True, None, "Exampleshire", "Type your answer and press Enter.", "Exampleshire"),
        (
            False,
            None,
            "",
            "Type your answer and press Enter, or press Enter alone to skip.",
            None,
        ),
        (
            True,
            "Exampleshire",
            "",
            "Press Enter alone to keep it, or type a new answer and press Enter.",
            "Exampleshire",
        ),
        (
            True,
            "Exampleshire",
            "Otherbury",
            "Press Enter alone to keep it, or type a new answer and press Enter.",
            "Otherbury",
        ),
    ],
    ids=["typed", "optional-skipped", "current-kept", "current-replaced"],
)
def test_text_answer(
    required: bool, kept: str | None, typed: str, instruction: str, expected: str | None
) -> None:
    """A line of text is typed, skipped when optional, or kept by Enter alone."""
    ask, output = prompter(typed + "\n")

    answer = ask.ask(text_question(required=required), kept)

    assert answer == expected
    assert output.getvalue().splitlines()[-1] == instruction


def test_required_text_asks_again_after_enter_alone() -> None:
    """Enter alone on a required text says an answer is needed, and reads the next line."""
    ask, output = prompter("\n  \nExampleshire\n", terminal=True)

    answer = ask.ask(text_question(required=True), None)

    assert answer == "Exampleshire"
    assert output.getvalue().splitlines()[-2:] == [
        "An answer is needed. Type it and press Enter.",
        "An answer is needed. Type it and press Enter.",
    ]


def test_current_text_is_read_out_before_the_instruction() -> None:
    """A text question with an answer already says the answer, then how to keep it."""
    ask, output = prompter("\n")

    ask.ask(text_question(required=True), "Exampleshire")

    assert output.getvalue().splitlines()[-2:] == [
        "Current answer: Exampleshire",
        "Press Enter alone to keep it, or type a new answer and press Enter.",
    ]


def test_long_text_ends_at_an_empty_line() -> None:
    """Several lines are one answer, ended by an empty line that the instruction mentions."""
    ask, output = prompter("We meet monthly.\n  The strategy is signed off.\n\nNext question\n")

    answer = ask.ask(long_text(), None)

    assert answer == "We meet monthly.\n  The strategy is signed off."
    assert output.getvalue().splitlines()[-1] == (
        "Type as many lines as you need, then press Enter on an empty line to finish."
    )
    assert ask.read_line() == "Next question"


def test_long_text_ends_at_a_line_of_spaces() -> None:
    """A line holding only spaces ends the answer, as it looks empty."""
    ask, _ = prompter("One line.\n   \n")

    assert ask.ask(long_text(), None) == "One line."


def test_long_text_is_needed() -> None:
    """An empty line before any text says an answer is needed and waits for one."""
    ask, output = prompter("\nAt last.\n\n", terminal=True)

    answer = ask.ask(long_text(), None)

    assert answer == "At last."
    assert output.getvalue().splitlines()[-1] == (
        "An answer is needed. Type it, then press Enter on an empty line to finish."
    )


def test_current_long_text_is_read_out_and_kept() -> None:
    """A long answer already given is said line by line, and Enter alone keeps it whole."""
    ask, output = prompter("\n")

    answer = ask.ask(long_text(), "First paragraph.\n\nSecond paragraph.")

    assert answer == "First paragraph.\n\nSecond paragraph."
    assert output.getvalue().splitlines()[-5:] == [
        "Current answer:",
        "   First paragraph.",
        "",
        "   Second paragraph.",
        "Press Enter alone to keep it, or type a new answer and press Enter on an empty line "
        "to finish.",
    ]


def test_list_stops_after_the_most_entries() -> None:
    """Entries are read one a line, each announced, up to the most the question takes."""
    ask, output = prompter("One\nTwo\nThree\nNext question\n")

    answer = ask.ask(top_three(), None)

    assert answer == ["One", "Two", "Three"]
    assert output.getvalue().splitlines()[-4:] == [
        "Type up to 3 entries, the most important first, pressing Enter after each; "
        "press Enter on an empty line to finish.",
        "Entry 1 of up to 3:",
        "Entry 2 of up to 3:",
        "Entry 3 of up to 3:",
    ]


def test_list_needs_one_entry() -> None:
    """An empty first entry says one is needed and asks for the first entry again."""
    ask, output = prompter("\nOnly\n\n", terminal=True)

    answer = ask.ask(top_three(), None)

    assert answer == ["Only"]
    assert output.getvalue().splitlines()[-4:] == [
        "Entry 1 of up to 3:",
        "At least one entry is needed. Type it and press Enter.",
        "Entry 1 of up to 3:",
        "Entry 2 of up to 3:",
    ]


def test_current_list_is_read_out_and_kept() -> None:
    """Entries already given are said as a numbered list, and Enter alone keeps them."""
    ask, output = prompter("\n")

    answer = ask.ask(top_three(), ["Trust", "Stability"])

    assert answer == ["Trust", "Stability"]
    assert output.getvalue().splitlines()[3:8] == [
        "Current entries:",
        "1. Trust",
        "2. Stability",
        "Type up to 3 entries, the most important first, pressing Enter after each; "
        "press Enter on an empty line to finish.",
        "Press Enter alone now to keep the current entries; any you type replace them.",
    ]


def test_input_ending_mid_answer_hands_back_the_lines_so_far() -> None:
    """Input ending in the middle of a long answer hands back the lines read, not an answer."""
    ask, _ = prompter("Half an answer\nand a line more\n")

    with pytest.raises(PartialAnswer) as stopped:
        ask.ask(long_text(), None)

    assert stopped.value.answer == "Half an answer\nand a line more"
    assert isinstance(stopped.value.stopped_by, EOFError)


def test_input_ending_mid_list_hands_back_the_entries_so_far() -> None:
    """Input ending after entry 1 of a list hands back that entry, to be kept in the draft."""
    ask, _ = prompter("A trusted forum\n")

    with pytest.raises(PartialAnswer) as stopped:
        ask.ask(top_three(), None)

    assert stopped.value.answer == ["A trusted forum"]
    assert isinstance(stopped.value.stopped_by, EOFError)


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        pytest.param(top_three, ["Kept strength"], id="list"),
        pytest.param(long_text, "Kept rationale", id="long-text"),
    ],
)
def test_unfinished_new_answer_leaves_the_kept_one(question: Any, kept: Any) -> None:
    """Lines typed over a kept answer, stopped before the end, stop without replacing it."""
    ask, _ = prompter("A new start\n")

    # Any KeyboardInterrupt is caught, so that a failure here cannot stop the test run.
    with pytest.raises((EOFError, KeyboardInterrupt)) as stopped:
        ask.ask(question(), kept)

    assert type(stopped.value) is EOFError


def test_input_ending_before_a_list_stops_without_an_answer() -> None:
    """Input ending before any entry of a list stops with end of input and nothing to keep."""
    ask, _ = prompter("")

    with pytest.raises((EOFError, KeyboardInterrupt)) as stopped:
        ask.ask(top_three(), None)

    assert type(stopped.value) is EOFError


def test_input_that_is_not_utf8_names_its_line() -> None:
    """A line that is not UTF-8 ends the input with an error naming its line."""
    source = io.TextIOWrapper(io.BytesIO(b"Exampleshire\n\xff\xfe\n"), encoding="utf-8")
    ask = PlainPrompter(source, io.StringIO())
    ask.ask(text_question(required=True), None)

    with pytest.raises(InputEndedError) as stopped:
        ask.ask(rating(), None)

    assert stopped.value.message == "Line 2 of the input is not UTF-8 text."


@pytest.mark.parametrize("as_bytes", [True, False], ids=["byte-stream", "text-stream"])
def test_a_line_longer_than_any_answer_ends_the_input(as_bytes: bool) -> None:
    """A line past the limit (like `< /dev/zero`) ends the input naming its line, unread."""
    endless = "Exampleshire\n" + "\0" * (LINE_LIMIT * 3)
    source: io.TextIOBase = (
        io.TextIOWrapper(io.BytesIO(endless.encode()), encoding="utf-8")
        if as_bytes
        else io.StringIO(endless)
    )
    ask = PlainPrompter(source, io.StringIO())
    ask.ask(text_question(required=True), None)

    with pytest.raises(InputEndedError) as stopped:
        ask.ask(text_question(required=True), None)

    assert stopped.value.message == (
        "Line 2 of the input is longer than 100 KB, more than any answer needs; "
        "the input was not read further."
    )


def test_a_long_line_within_the_limit_is_an_answer() -> None:
    """A line just within the limit, its end of line included, is taken as the answer."""
    answer = "a" * (LINE_LIMIT - 1)
    ask, _ = prompter(answer + "\n")

    assert ask.ask(text_question(required=True), None) == answer


def test_input_that_is_not_utf8_mid_list_hands_back_the_entries() -> None:
    """Entries typed before a line that is not UTF-8 are handed back with the error."""
    source = io.TextIOWrapper(io.BytesIO(b"A trusted forum\n\xff\n"), encoding="utf-8")
    ask = PlainPrompter(source, io.StringIO())

    with pytest.raises(PartialAnswer) as stopped:
        ask.ask(top_three(), None)

    assert stopped.value.answer == ["A trusted forum"]
    assert isinstance(stopped.value.stopped_by, InputEndedError)
    assert stopped.value.stopped_by.message == "Line 2 of the input is not UTF-8 text."


def test_control_characters_in_text_are_shown_not_acted_on() -> None:
    """An answer holding escape sequences is written with them made visible."""
    ask, output = prompter("\n")

    ask.ask(text_question(required=True), "Evil\x1b[2Jshire")

    assert "\x1b" not in output.getvalue()
    assert "Current answer: Evil\u241b[2Jshire" in output.getvalue()


def review_rows() -> list[tuple[str, str]]:
    """Three answers for the review screen, one over several lines."""
    return [
        ("Local area", "Exampleshire"),
        ("Strengths", "#1 Trust\n#2 Stability"),
        ("Shared vision", "Agree"),
    ]


def test_review_numbers_each_answer() -> None:
    """The review numbers every answer, indents the rest of a long one, then offers what next."""
    ask, output = prompter("1\n")

    action = ask.review(review_rows())

    assert action is ReviewAction.SAVE
    assert output.getvalue() == textwrap.dedent(
        """
        Review your answers.
        There are 3 answers, numbered so that you can change one.
        1. Local area: Exampleshire
        2. Strengths: #1 Trust
           #2 Stability
        3. Shared vision: Agree

        What next?
        1. Save the response
        2. Change an answer
        3. Quit without saving
        Type a number from 1 to 3 and press Enter.
        """
    )


def test_review_again_with_nothing_changed_does_not_list_the_answers_again() -> None:
    """Back at the review with no question asked, the answers are referred to, not read out."""
    ask, output = prompter("1\n2\n2\n")
    ask.review(review_rows())
    ask.say("The form is not complete yet.")
    before = len(output.getvalue())

    action = ask.review(review_rows())
    index = ask.pick("Which answer do you want to change?", review_changes(), 0)

    assert (action, index) == (ReviewAction.CHANGE, 1)
    assert output.getvalue()[before:].splitlines()[:4] == [
        "",
        "Your answers are unchanged, as listed above.",
        "",
        "What next?",
    ]
    assert output.getvalue()[before:].endswith(
        "The answers are numbered in the review above.\n"
        "Type a number from 1 to 3 and press Enter.\n"
    )


def test_changing_an_answer_refers_to_the_review_numbers() -> None:
    """Choosing an answer to change refers to the review's numbers instead of listing again."""
    ask, output = prompter("2\n3\n")
    action = ask.review(review_rows())
    before = len(output.getvalue())

    index = ask.pick("Which answer do you want to change?", review_changes(), 0)

    assert (action, index) == (ReviewAction.CHANGE, 2)
    assert output.getvalue()[before:] == (
        "Which answer do you want to change? The answers are numbered in the review above.\n"
        "Type a number from 1 to 3 and press Enter.\n"
    )


def review_changes() -> list[str]:
    """The options the session offers when changing an answer: the name of each row."""
    return [name for name, _ in review_rows()]


def test_a_pick_without_a_review_lists_its_options() -> None:
    """A pick that does not follow the review lists its options, numbered."""
    ask, output = prompter("1\n\n1\n")
    ask.review(review_rows())
    ask.ask(text_question(required=True), "Exampleshire")
    before = len(output.getvalue())

    index = ask.pick("Which answer?", review_changes(), 0)

    assert index == 0
    assert output.getvalue()[before:].splitlines()[:4] == [
        "Which answer?",
        "1. Local area",
        "2. Strengths",
        "3. Shared vision",
    ]


@pytest.mark.parametrize(
    ("typed", "default", "expected"),
    [("y", False, True), ("No", True, False), ("", True, True), ("", False, False)],
    ids=["yes", "no", "enter-means-yes", "enter-means-no"],
)
def test_confirm(typed: str, default: bool, expected: bool) -> None:
    """A yes-or-no question takes y or n, and Enter alone means the default it names."""
    ask, output = prompter(typed + "\n")

    answer = ask.confirm("Resume it?", default)

    assert answer is expected
    word = "yes" if default else "no"
    assert output.getvalue() == (
        f"Resume it? Type y for yes or n for no, and press Enter. Enter alone means {word}.\n"
    )


def test_confirm_asks_again_after_a_wrong_entry() -> None:
    """Anything but y, n or Enter says what to type and reads the next line."""
    ask, output = prompter("maybe\nn\n", terminal=True)

    answer = ask.confirm("Replace it?", True)

    assert answer is False
    assert output.getvalue().splitlines()[-1] == (
        "You typed maybe, which is not one of the choices. "
        "Type y for yes or n for no, and press Enter."
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("", "out.yaml"), (" other.json ", "other.json")],
    ids=["default", "typed"],
)
def test_ask_path(typed: str, expected: str) -> None:
    """A file name is typed, or Enter alone takes the one offered."""
    ask, output = prompter(typed + "\n")

    assert ask.ask_path("Save to which file?", "out.yaml") == expected
    assert output.getvalue() == (
        "Save to which file? Type a file name and press Enter, or Enter alone for out.yaml.\n"
    )


def test_part_heading_reads_as_part_number_and_title() -> None:
    """A part begins with its number of the three and its title, then its introduction."""
    ask, output = prompter("")

    ask.begin_part(Part(2, "Where you are now", "Tell us more."))

    assert output.getvalue() == "\nPart 2 of 3: Where you are now\nTell us more.\n"

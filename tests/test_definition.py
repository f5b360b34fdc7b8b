"""The questionnaire definition: the form transcribed whole, checked on loading, and obeyed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPOSITORY
from ehcjourney.definition import Definition, default_definition_path, load_definition
from ehcjourney.errors import DefinitionError, ExitStatus
from invoke import invoke
from responses import response_text

FORM = REPOSITORY / "tests" / "data" / "ehc-partnership-journey-form.txt"
WriteFile = Callable[[str, str], Path]

# The definition's one deliberate change to the form's words: a slip in theme 2's heading.
CORRECTIONS = {"There are established and processes": "There are established processes"}
UNDERLINED = re.compile(r"<u>(.*?)</u>")
STAGE_CELL = re.compile(r"^“(?P<label>[^”]+)”\s*(?P<description>.*)$")
THEME_CELL = re.compile(r"^Theme \d+: (?P<heading>.*)$")
TABLE_COLUMN = re.compile(r"^#\d$")


def shipped_text() -> str:
    """The text of the definition that ships with the tool."""
    return default_definition_path().read_text(encoding="utf-8")


def test_the_shipped_definition_loads_with_the_whole_form(definition: Definition) -> None:
    """The shipped definition has the form's four stages, three tables and nine characteristics."""
    assert definition.id == "ehc-partnership-journey"
    assert definition.version == 1
    assert [stage.label for stage in definition.journey.stages] == [
        "Starting",
        "Developing",
        "Maturing",
        "Embedding",
    ]
    assert len(definition.top_three.tables) == 3
    assert [len(theme.characteristics) for theme in definition.framework.themes] == [3, 2, 2, 2]
    assert [answer.label for answer in definition.framework.answers] == [
        "Strongly agree",
        "Agree",
        "Disagree",
        "Strongly disagree",
        "Cannot say",
    ]


# Each case: what to change in the shipped text, then each problem as the text on the line it
# names and its message. Lines are found in the changed text, so a case cannot drift from the file.
BROKEN = [
    pytest.param(
        ("    - id: developing\n", "    - id: starting\n"),
        [
            (
                "    - id: starting\n      label: Developing\n",
                "journey.stages[2].id: the id 'starting' is used more than once in "
                "journey.stages; give each its own id",
            )
        ],
        id="duplicate-stage-id",
    ),
    pytest.param(
        ("        - id: local_offer\n", "        - id: vision_and_strategy\n"),
        [
            (
                "        - id: vision_and_strategy\n          label: local offer\n",
                "framework.themes[3].characteristics[2].id: the id 'vision_and_strategy' is used "
                "more than once in the framework's characteristics; give each its own id",
            )
        ],
        id="duplicate-characteristic-id",
    ),
    pytest.param(
        ("          label: local offer\n", "          label: local offers\n"),
        [
            (
                "          statement: >-\n            The local offer",
                "framework.themes[3].characteristics[2].statement: the label 'local offers' is "
                "not in the statement; the label must be the words of the statement that the "
                "form underlines, copied exactly",
            )
        ],
        id="label-not-in-statement",
    ),
    pytest.param(
        ("duration: about 20 to 30 minutes\n", "duration: about 20 to 30 minutes\ncolour: blue\n"),
        [("colour: blue\n", "colour: unknown key; remove it or check its spelling")],
        id="unknown-key",
    ),
    pytest.param(
        ("  rationale_question: >-\n", "  rationale_questions: >-\n"),
        [
            ("  title: >-\n    The EHC", "journey.rationale_question: missing"),
            (
                "  rationale_questions: >-\n",
                "journey.rationale_questions: unknown key; remove it or check its spelling",
            ),
        ],
        id="misspelt-key",
    ),
    pytest.param(
        ("        - id: local_offer\n", "        - id: Local Offer\n"),
        [
            (
                "        - id: Local Offer\n",
                "framework.themes[3].characteristics[2].id: 'Local Offer' cannot be an id; use "
                "lower-case letters, digits and _ (and - in the questionnaire's id), starting "
                "with a letter",
            )
        ],
        id="id-with-capitals",
    ),
    pytest.param(
        ("version: 1\n", "version: one\n"),
        [("version: one\n", "version: expected a whole number, found 'one'")],
        id="version-not-a-number",
    ),
    pytest.param(
        ("      label: Starting\n", "      label: '  '\n"),
        [("      label: '  '\n", "journey.stages[1].label: must hold text, not only spaces")],
        id="blank-label",
    ),
]


def line_number(text: str, lines: str) -> int:
    """The number of the line where `lines` begins in `text`."""
    assert text.count(lines) == 1, f"{lines!r} should be in the text once"
    return text[: text.index(lines)].count("\n") + 1


def broken_copy(write_file: WriteFile, change: tuple[str, str]) -> tuple[Path, str]:
    """Write the shipped definition with one change; return its path and text."""
    old, new = change
    text = shipped_text()
    assert old in text, f"the case changes {old!r}, which the definition does not hold"
    text = text.replace(old, new, 1)
    return write_file("broken.yaml", text), text


@pytest.mark.parametrize(("change", "problems"), BROKEN)
def test_a_broken_definition_names_the_line_and_field(
    change: tuple[str, str], problems: list[tuple[str, str]], write_file: WriteFile
) -> None:
    """Loading a broken definition raises DefinitionError naming each problem's line and field."""
    path, text = broken_copy(write_file, change)

    with pytest.raises(DefinitionError) as raised:
        load_definition(path)

    listing = [f"  line {line_number(text, place)}: {problem}" for place, problem in problems]
    assert raised.value.exit_status == ExitStatus.CANNOT_RUN
    assert raised.value.message.splitlines() == [
        f"The questionnaire definition {path} cannot be used:",
        *listing,
    ]


def test_a_missing_key_is_named_at_its_section(write_file: WriteFile) -> None:
    """A key left out is reported at the first line of the section that should hold it."""
    question = (
        "  rationale_question: >-\n"
        "    What is your rationale for where you think the local area is on this journey?\n"
    )
    path, text = broken_copy(write_file, (question, ""))

    with pytest.raises(DefinitionError) as raised:
        load_definition(path)

    section = line_number(text, "journey:\n") + 1
    assert raised.value.message == (
        f"The questionnaire definition {path} cannot be used:\n"
        f"  line {section}: journey.rationale_question: missing"
    )


def test_a_definition_that_is_not_yaml_names_its_line(write_file: WriteFile) -> None:
    """A definition that YAML cannot read is reported with the line where reading stopped."""
    title = "title: EHC partnership working self-evaluation\n"
    path, text = broken_copy(write_file, (title, "title: [EHC partnership working\n"))

    with pytest.raises(DefinitionError) as raised:
        load_definition(path)

    # The parser notices the unclosed bracket on the line after it.
    stopped = line_number(text, "title: [EHC") + 1
    assert raised.value.message == (
        f"The questionnaire definition {path}: line {stopped}: "
        "not valid YAML: did not find expected ',' or ']' (likely fix: a list written in [ ] "
        "must close with ]; put entries holding commas in quotes)"
    )


@pytest.mark.parametrize("command", ["validate", "show"])
def test_the_commands_exit_2_on_a_broken_definition_without_a_traceback(
    command: str, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken --questions file stops the command with status 2 and the problem in words."""
    path, text = broken_copy(write_file, ("    - id: developing\n", "    - id: starting\n"))
    repeated = line_number(text, "    - id: starting\n      label: Developing\n")
    write_file("response.yaml", response_text())
    monkeypatch.chdir(path.parent)

    result = invoke(command, "--questions", "broken.yaml", "response.yaml", columns=200)

    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr == (
        "Error: The questionnaire definition broken.yaml cannot be used:\n"
        f"  line {repeated}: journey.stages[2].id: the id 'starting' is used more than once in "
        "journey.stages; give each its own id\n"
        "Correct it, or leave out --questions to use the definition built in.\n"
    )


def test_a_definition_that_is_not_there_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A --questions file that does not exist is named, with status 2."""
    monkeypatch.chdir(tmp_path)

    result = invoke("validate", "--questions", "nowhere.yaml", "response.yaml", columns=200)

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: The questionnaire definition nowhere.yaml: no such file.\n"
        "Correct it, or leave out --questions to use the definition built in.\n"
    )


# The tenth characteristic, added to theme 4 at the end of the file.
TENTH = """\
        - id: shared_training
          label: shared training
          statement: >-
            Staff from education, health and care services take part in shared training.
"""


@pytest.fixture
def ten_characteristics(write_file: WriteFile) -> Path:
    """A copy of the shipped definition with a tenth characteristic in its last theme."""
    text = shipped_text()
    assert text.endswith("people with SEND.\n"), "the last characteristic should end the file"
    return write_file("ten.yaml", text + TENTH)


def test_validate_requires_a_characteristic_added_to_the_definition(
    ten_characteristics: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a tenth characteristic, a response without it is invalid and one with it is valid."""
    write_file("nine.yaml", response_text())
    write_file("ten-answers.yaml", response_text() + "  shared_training: agree\n")
    monkeypatch.chdir(ten_characteristics.parent)

    result = invoke("validate", "--questions", "ten.yaml", "nine.yaml", "ten-answers.yaml")

    assert result.exit_code == 1
    assert result.stdout == (
        "invalid  nine.yaml\n"
        "  line 19: framework.shared_training: missing; use one of strongly_agree, agree, "
        "disagree, strongly_disagree, cannot_say\n"
        "valid    ten-answers.yaml\n"
        "2 files checked: 1 valid, 1 invalid.\n"
    )


def test_show_lays_out_a_characteristic_added_to_the_definition(
    ten_characteristics: Path, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The framework grid shows a tenth characteristic in its theme, with its answer marked."""
    write_file("ten-answers.yaml", response_text() + "  shared_training: strongly_agree\n")
    monkeypatch.chdir(ten_characteristics.parent)

    result = invoke("show", "--questions", "ten.yaml", "ten-answers.yaml", columns=80)

    lines = result.stdout.splitlines()
    assert result.exit_code == 0, result.stderr
    assert "│ Shared training       │   [x]    │    ·     │    ·     │    ·     │    ·     │" in (
        lines
    )


def test_fill_asks_a_characteristic_added_to_the_definition(ten_characteristics: Path) -> None:
    """`fill --plain` with the longer definition asks the tenth characteristic and saves it."""
    typed = [
        *("Tenthshire", "", ""),  # local area; role and name skipped
        *("2", "We meet monthly.", ""),  # stage, then the rationale and an empty line
        *("A joint panel", "", "A trusted forum", "", "Shared outcomes", ""),
        *(["2"] * 9),  # agree with the nine characteristics of the form
        "5",  # cannot say, for the tenth
        "1",  # save
    ]
    environment = {key: value for key, value in os.environ.items() if key != "ACCESSIBLE"}

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ehcjourney",
            "fill",
            "--plain",
            *("--questions", "ten.yaml"),
            *("--output", "answers.yaml"),
        ],
        input="\n".join(typed) + "\n",
        capture_output=True,
        text=True,
        cwd=ten_characteristics.parent,
        env=environment,
        timeout=60,
        check=False,
    )

    saved = yaml.safe_load((ten_characteristics.parent / "answers.yaml").read_text("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "Staff from education, health and care services take part in shared" in result.stderr
    assert "characteristic 10 of 10" in result.stderr
    assert len(saved["framework"]) == 10
    assert saved["framework"]["shared_training"] == "cannot_say"
    assert saved["framework"]["vision_and_strategy"] == "agree"


def form_cells() -> Iterator[str]:
    """Each non-empty cell of the form, in order, as the plain text reads it."""
    for line in FORM.read_text(encoding="utf-8").splitlines():
        for cell in line.split("\t"):
            if cell.strip():
                yield cell.strip()


def without_tags(text: str) -> str:
    """The text with the underline marks taken out, its words left in."""
    return UNDERLINED.sub(r"\1", text)


def normalised(text: str) -> str:
    """The text with each run of whitespace made one space."""
    return " ".join(text.split())


def as_the_definition_writes_it(cell: str) -> list[str]:
    """A cell's text as the definition holds it: the documented transformations applied."""
    if TABLE_COLUMN.match(cell):
        return []  # "#1", "#2", "#3" number the entries; the tool writes them itself
    text = without_tags(cell)
    for slip, correction in CORRECTIONS.items():
        text = text.replace(slip, correction)
    if stage := STAGE_CELL.match(text):
        return [stage["label"], stage["description"]]
    if theme := THEME_CELL.match(text):
        return [theme["heading"]]  # the theme's number is written by the tool
    return [text]


def sentences(text: str) -> list[str]:
    """Split text into sentences at a full stop, question mark or colon followed by a space."""
    return [part for part in re.split(r"(?<=[.?:])\s+", normalised(text)) if part]


def every_text(value: Any) -> Iterator[str]:
    """Every piece of text anywhere in plain data."""
    if isinstance(value, str):
        yield normalised(value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from every_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from every_text(item)


def test_the_definition_holds_every_sentence_of_the_form(definition: Definition) -> None:
    """Each sentence of the form is, word for word, somewhere in the definition's text."""
    texts = list(every_text(definition.model_dump()))
    form_sentences = [
        sentence
        for cell in form_cells()
        for part in as_the_definition_writes_it(cell)
        for sentence in sentences(part)
    ]

    missing = [s for s in form_sentences if not any(s in text for text in texts)]
    assert len(form_sentences) > 50  # the parse found the form's text, not nothing
    assert missing == []


def test_each_label_is_the_words_the_form_underlines(definition: Definition) -> None:
    """Each characteristic's and table's label is exactly the words its row underlines."""
    underlined_rows = {
        normalised(without_tags(cell)): UNDERLINED.findall(cell)
        for cell in form_cells()
        if UNDERLINED.search(cell)
    }
    framework = definition.framework

    for _, characteristic in framework.characteristics:
        assert underlined_rows[normalised(characteristic.statement)] == [characteristic.label]
    for table in definition.top_three.tables:
        assert underlined_rows[normalised(table.question)] == [table.label]
    assert len(underlined_rows) == definition.characteristic_count + len(
        definition.top_three.tables
    )


def test_each_stage_is_the_form_s_stage_with_its_description(definition: Definition) -> None:
    """The stages are the form's, in its order, each with the description from its cell."""
    stages = [
        (match["label"], normalised(match["description"]))
        for cell in form_cells()
        if (match := STAGE_CELL.match(cell))
    ]

    assert stages == [
        (stage.label, normalised(stage.description)) for stage in definition.journey.stages
    ]

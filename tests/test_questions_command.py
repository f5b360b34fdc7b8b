"""`ehcjourney questions`: the form in brief, and `questions check` for custom definitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcjourney.definition import Definition
from invoke import invoke

SHIPPED = Path(__file__).resolve().parents[1] / "questions" / "ehc-partnership-journey.yaml"


@pytest.fixture
def in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in its own folder, so paths in the output are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def custom_definition(old: str, new: str) -> Path:
    """Write the shipped definition with one piece of text replaced, as custom.yaml."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = Path("custom.yaml")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_overview_opens_with_the_title_and_what_comes_first() -> None:
    """The definition's title, id and version, then the fields asked before the parts."""
    result = invoke("questions")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[:6] == [
        "EHC partnership working self-evaluation (ehc-partnership-journey, version 1)",
        "",
        "Before you start",
        "  local_area                          Local area: text",
        "  respondent.role                     Your role: one of these ids, optional",
        "      education                       Education",
    ]


def test_the_overview_names_every_field_and_every_id(definition: Definition) -> None:
    """Each field of a response appears by its dotted name, and each allowed id by itself."""
    lines = invoke("questions").stdout.splitlines()
    first_words = {line.split()[0] for line in lines if line.startswith("  ")}

    fields = {"local_area", "respondent.role", "respondent.name", "completed"}
    fields |= {"journey.stage", "journey.rationale"}
    fields |= {f"top_three.{table.id}" for table in definition.top_three.tables}
    fields |= {f"framework.{c.id}" for _, c in definition.framework.characteristics}
    ids = {role.id for role in definition.respondent.roles}
    ids |= {stage.id for stage in definition.journey.stages}
    ids |= {answer.id for answer in definition.framework.answers}
    assert first_words == fields | ids


def test_a_scale_shared_by_many_fields_is_listed_once(definition: Definition) -> None:
    """The framework's answers are listed under its first characteristic only."""
    lines = invoke("questions").stdout.splitlines()
    [first, *others] = [f"framework.{c.id}" for _, c in definition.framework.characteristics]
    endings = {line.split()[0]: line.rsplit(":", 1)[1] for line in lines if ": one of" in line}

    assert sum(line.split()[:1] == ["agree"] for line in lines) == 1
    assert endings[first] == " one of these ids"
    assert {endings[name] for name in others} == {" one of the same ids"}


def test_the_overview_follows_a_custom_definition(in_folder: Path) -> None:
    """--questions lists the ids of the definition given."""
    custom_definition(
        "- id: care\n      label: Social care", "- id: social_care\n      label: Care"
    )

    lines = invoke("questions", "--questions", "custom.yaml").stdout.splitlines()

    assert "      social_care                     Care" in lines


def test_check_accepts_a_usable_definition(in_folder: Path) -> None:
    """A definition that can be used is named with its id, version and number of questions."""
    custom_definition("version: 1", "version: 2")

    result = invoke("questions", "check", "custom.yaml")

    assert result.exit_code == 0
    assert result.stdout == (
        "The questionnaire definition custom.yaml can be used: ehc-partnership-journey, "
        "version 2, with 17 questions.\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "- id: health\n",
            "- id: education\n",
            "  line 19: respondent.roles[2].id: the id 'education' is used more than once",
            id="duplicate-id",
        ),
        pytest.param(
            "      label: Health\n",
            "",
            "  line 19: respondent.roles[2].label: missing",
            id="missing-label",
        ),
        pytest.param(
            "  answers:\n",
            "  answers: []\n  old_answers:\n",
            "  line 113: framework.answers: ",
            id="empty-scale",
        ),
        pytest.param(
            "duration: about",
            "colour: blue\nduration: about",
            "  line 8: colour: unknown key",
            id="unknown-key",
        ),
        pytest.param(
            "  stages:\n",
            "  stages: [\n",
            "custom.yaml: line 41: not valid YAML",
            id="broken-yaml",
        ),
    ],
)
def test_check_names_the_line_and_place_of_each_problem(
    in_folder: Path, old: str, new: str, expected: str
) -> None:
    """A broken definition is reported on stdout, each problem on a line; exit status 1."""
    custom_definition(old, new)

    result = invoke("questions", "check", "custom.yaml")

    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.startswith("The questionnaire definition custom.yaml")
    assert expected in result.stdout


@pytest.mark.parametrize(
    ("path", "message"),
    [
        pytest.param("nowhere.yaml", "Error: nowhere.yaml: no such file.\n", id="missing"),
        pytest.param(".", "Error: .: is a folder, not a file.\n", id="folder"),
    ],
)
def test_check_exits_2_when_there_is_no_file_to_check(
    in_folder: Path, path: str, message: str
) -> None:
    """A path that is not a file cannot be judged: exit status 2 and a message on stderr."""
    result = invoke("questions", "check", path)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message

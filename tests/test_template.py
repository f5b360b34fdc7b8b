"""`ehcjourney template`: a blank response to fill in with a text editor, questions as comments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ehcjourney import yamlfile
from ehcjourney.definition import Definition
from ehcjourney.questions import ChoiceQuestion, build_questions
from invoke import invoke

SHIPPED = Path(__file__).resolve().parents[1] / "questions" / "ehc-partnership-journey.yaml"


@pytest.fixture
def in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in its own folder, so paths in the output are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def comment_text(template: str) -> str:
    """All the comments of a template as one line of words, however they were wrapped."""
    lines = (line.strip() for line in template.splitlines())
    comments = [line.removeprefix("#") for line in lines if line.startswith("#")]
    return " ".join(" ".join(comments).split())


def filled_in(template: str, definition: Definition) -> str:
    """Fill a template as a person would in an editor: an answer after each empty colon."""
    answers = {
        "local_area": "Testshire",
        "completed": "2026-12-01",
        "  role": "health",
        "  name": "A. Lead",
        "  stage": "maturing",
        "  rationale": "The board meets monthly.",
        **{f"  {c.id}": "agree" for _, c in definition.framework.characteristics},
    }
    for key, answer in answers.items():
        template = re.sub(rf"^{key}:$", f"{key}: {answer}", template, count=1, flags=re.M)
    return template.replace("    -\n", "    - An entry\n")


def test_a_filled_in_template_is_a_valid_response(in_folder: Path, definition: Definition) -> None:
    """Every answer written after its colon makes a response that validates, even --strict."""
    template = invoke("template").stdout
    Path("response.yaml").write_text(filled_in(template, definition), encoding="utf-8")

    result = invoke("validate", "--strict", "response.yaml")

    assert result.stdout.splitlines()[0] == "valid    response.yaml"
    assert result.exit_code == 0


def test_the_blank_template_is_a_response_with_every_answer_missing(
    in_folder: Path, definition: Definition
) -> None:
    """Unchanged, the template reads as YAML, and validate lists every answer still to give."""
    Path("blank.yaml").write_text(invoke("template").stdout, encoding="utf-8")

    result = invoke("validate", "--format", "json", "blank.yaml")

    assert result.exit_code == 1
    fields = [problem["field"] for problem in json.loads(result.stdout)["problems"]]
    assert fields == [
        "local_area",
        "completed",
        "journey.stage",
        "journey.rationale",
        *(
            f"top_three.{table.id}[{entry}]"
            for table in definition.top_three.tables
            for entry in (1, 2, 3)
        ),
        *(f"framework.{c.id}" for _, c in definition.framework.characteristics),
    ]


def test_the_template_holds_every_key_of_a_response(definition: Definition) -> None:
    """Read as YAML, the template has each key a response needs, in the file's order."""
    data = yamlfile.load(invoke("template").stdout)

    assert list(data) == [
        "questionnaire",
        "questionnaire_version",
        "local_area",
        "respondent",
        "completed",
        "journey",
        "top_three",
        "framework",
    ]
    assert (data["questionnaire"], data["questionnaire_version"]) == (definition.id, "1")
    assert data["top_three"] == {table.id: ["", "", ""] for table in definition.top_three.tables}
    assert list(data["framework"]) == [c.id for _, c in definition.framework.characteristics]


def test_every_question_is_a_comment_in_its_own_words(definition: Definition) -> None:
    """Each question's wording, each statement, and each choice's id beside its label."""
    comments = comment_text(invoke("template").stdout)

    for question in build_questions(definition):
        assert " ".join(question.prompt.split()) in comments
        if isinstance(question, ChoiceQuestion):
            if question.statement:
                assert " ".join(question.statement.split()) in comments
            for choice in question.choices:
                assert f"{choice.id} ({choice.label})" in comments or (
                    f"{choice.id}: {choice.label}." in comments
                )


def test_output_writes_a_file_and_says_so(in_folder: Path) -> None:
    """--output writes the template to a file, and stderr says how to check it afterwards."""
    result = invoke("template", "--output", "area.yaml")

    assert result.exit_code == 0
    assert result.stdout == ""
    assert Path("area.yaml").read_text(encoding="utf-8") == invoke("template").stdout
    assert result.stderr == (
        "Wrote a blank response to area.yaml.\n"
        "Fill it in, then check it with: ehcjourney validate area.yaml\n"
    )


def test_an_existing_file_is_never_replaced_without_force(in_folder: Path) -> None:
    """A file already there is left alone, with a message naming --force; exit status 2."""
    Path("area.yaml").write_text("local_area: My answers\n", encoding="utf-8")

    result = invoke("template", "--output", "area.yaml")

    assert result.exit_code == 2
    assert Path("area.yaml").read_text(encoding="utf-8") == "local_area: My answers\n"
    assert result.stderr == (
        "Error: area.yaml is already there and was left as it was.\n"
        "Use --force to replace it, or choose another name with --output.\n"
    )


def test_force_replaces_an_existing_file(in_folder: Path) -> None:
    """With --force the file already there is replaced by the template."""
    Path("area.yaml").write_text("local_area: My answers\n", encoding="utf-8")

    result = invoke("template", "--output", "area.yaml", "--force")

    assert result.exit_code == 0
    assert Path("area.yaml").read_text(encoding="utf-8") == invoke("template").stdout


def test_a_json_name_is_refused(in_folder: Path) -> None:
    """JSON cannot hold comments, so a template is written only to a YAML name."""
    result = invoke("template", "--output", "area.json")

    assert result.exit_code == 2
    assert not Path("area.json").exists()
    assert result.stderr == (
        "Error: area.json: name a file ending in .yaml or .yml.\n"
        "A template is YAML: JSON cannot hold the comments that carry the questions.\n"
    )


def test_wording_from_a_definition_cannot_break_out_of_its_comment(in_folder: Path) -> None:
    """A label holding a new line, YAML or an escape code stays inside the comment, inert."""
    hostile = '"Health\\e[31m\\ninjected: true"'
    text = SHIPPED.read_text(encoding="utf-8").replace("label: Health\n", f"label: {hostile}\n")
    Path("custom.yaml").write_text(text, encoding="utf-8")

    template = invoke("template", "--questions", "custom.yaml").stdout

    assert "\x1b" not in template
    assert "injected" not in yamlfile.load(template)
    assert "# injected: true" in template


@pytest.mark.parametrize("separator", ["\\x85", "\\u2028", "\\u2029"], ids=["nel", "ls", "ps"])
def test_a_line_separator_in_wording_cannot_end_its_comment(
    in_folder: Path, separator: str
) -> None:
    """Characters YAML takes as line ends stay inside the comment, so the template still loads."""
    hostile = f'"Name{separator}local_area: Injected"'
    original = "prompt: Name of local area\n"
    text = SHIPPED.read_text(encoding="utf-8").replace(original, f"prompt: {hostile}\n")
    Path("custom.yaml").write_text(text, encoding="utf-8")

    template = invoke("template", "--questions", "custom.yaml").stdout

    assert yamlfile.load(template)["local_area"] in ("", None)

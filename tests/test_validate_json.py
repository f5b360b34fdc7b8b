"""`ehcjourney validate --format json`: one JSON object per file, for jq and other scripts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ehcjourney import yamlfile
from invoke import invoke
from responses import response_text

WriteFile = Callable[[str, str], Path]
STAGES = "use one of starting, developing, maturing, embedding"


@pytest.fixture
def in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in its own folder, so paths in the output are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def records(stdout: str) -> list[dict[str, Any]]:
    """Parse the output line by line: each line must be one JSON object on its own."""
    return [json.loads(line) for line in stdout.splitlines()]


def test_each_file_is_one_json_object_with_path_validity_and_problems(
    write_file: WriteFile, in_folder: Path
) -> None:
    """Valid and invalid files each give one object; problems carry field, line and message."""
    write_file("returns/north.yaml", response_text())
    write_file("returns/south.yaml", response_text().replace("stage: developing", "stage: done"))

    result = invoke("validate", "--format", "json", "returns")

    assert result.exit_code == 1
    assert records(result.stdout) == [
        {"path": "returns/north.yaml", "valid": True, "problems": []},
        {
            "path": "returns/south.yaml",
            "valid": False,
            "problems": [
                {
                    "field": "journey.stage",
                    "line": 9,
                    "message": f"'done' is not an answer; {STAGES}",
                }
            ],
        },
    ]
    assert result.stderr == ""


def test_nothing_but_the_objects_is_printed_and_a_valid_run_exits_0(
    write_file: WriteFile, in_folder: Path
) -> None:
    """No summary line follows the objects, so every line of stdout parses as JSON."""
    write_file("one.yaml", response_text())
    write_file("two.yaml", response_text())

    result = invoke("validate", "--format", "json", "one.yaml", "two.yaml")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        '{"path": "one.yaml", "valid": true, "problems": []}',
        '{"path": "two.yaml", "valid": true, "problems": []}',
    ]


def test_json_files_have_no_line_numbers(write_file: WriteFile, in_folder: Path) -> None:
    """Lines are found only in YAML; a JSON file's problem gives null for the line."""
    response = yamlfile.load(response_text())
    response["journey"]["stage"] = "done"
    write_file("response.json", json.dumps(response))

    result = invoke("validate", "--format", "json", "response.json")

    assert records(result.stdout) == [
        {
            "path": "response.json",
            "valid": False,
            "problems": [
                {
                    "field": "journey.stage",
                    "line": None,
                    "message": f"'done' is not an answer; {STAGES}",
                }
            ],
        }
    ]


def test_an_unreadable_file_is_one_problem_without_a_field(in_folder: Path) -> None:
    """A file that is not YAML at all is reported with the line where reading stopped."""
    (in_folder / "broken.yaml").write_text("local_area: [unclosed\n", encoding="utf-8")

    result = invoke("validate", "--format", "json", "broken.yaml")

    [record] = records(result.stdout)
    assert result.exit_code == 1
    assert record["path"] == "broken.yaml"
    assert record["valid"] is False
    assert [(problem["field"], problem["line"]) for problem in record["problems"]] == [(None, 2)]
    assert record["problems"][0]["message"].startswith("not valid YAML: ")


def test_a_draft_is_not_valid_and_says_how_to_finish_it(
    write_file: WriteFile, in_folder: Path
) -> None:
    """An unfinished draft is invalid for scripts, with one problem naming the fill command."""
    write_file("area.draft.yaml", "draft: true\nquestionnaire: ehc-partnership-journey\n")

    result = invoke("validate", "--format", "json", "area.draft.yaml")

    [record] = records(result.stdout)
    assert result.exit_code == 1
    assert record["valid"] is False
    [problem] = record["problems"]
    assert problem["field"] is None
    assert problem["line"] is None
    assert problem["message"].startswith("a draft with ")
    assert problem["message"].endswith(
        "questions still unanswered; finish it with: ehcjourney fill --resume area.draft.yaml"
    )


def test_control_characters_are_escaped_not_printed(write_file: WriteFile, in_folder: Path) -> None:
    """Text from a file reaches stdout as JSON escapes, never as terminal control codes."""
    text = response_text().replace("stage: developing", 'stage: "\\e[31mred\\u202e"')
    write_file("response.yaml", text)

    result = invoke("validate", "--format", "json", "response.yaml")

    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    [problem] = records(result.stdout)[0]["problems"]
    assert problem["message"] == f"'\\x1b[31mred\\u202e' is not an answer; {STAGES}"


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param(["nowhere.yaml"], id="missing-path"),
        pytest.param(["empty"], id="no-response-files"),
    ],
)
def test_a_run_that_cannot_start_exits_2_with_nothing_on_stdout(
    arguments: list[str], in_folder: Path
) -> None:
    """When no file can be checked, stdout stays empty and the reason goes to stderr."""
    (in_folder / "empty").mkdir()

    result = invoke("validate", "--format", "json", *arguments)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")

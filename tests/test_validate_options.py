"""`ehcjourney validate --quiet` and `--strict`: less to read, or more asked of each file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from invoke import invoke
from responses import response_text

WriteFile = Callable[[str, str], Path]
ROLES = "education, health, care, parent_carer, other"


@pytest.fixture
def in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in its own folder, so paths in the output are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def complete_response() -> str:
    """A response with three entries in every table and the respondent's role given."""
    text = response_text()
    for first in ("- A joint panel\n", "- A trusted forum\n", "- Shared outcomes\n"):
        text = text.replace(first, f"{first}    - A second entry\n    - A third entry\n")
    return text


def test_quiet_prints_only_the_invalid_files(write_file: WriteFile, in_folder: Path) -> None:
    """With --quiet, valid files and the summary are left out; each invalid file is listed."""
    write_file("a.yaml", response_text())
    write_file("b.yaml", response_text().replace("local_offer: disagree", "local_offer: maybe"))
    write_file("c.yaml", response_text())

    result = invoke("validate", "--quiet", "a.yaml", "b.yaml", "c.yaml")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "invalid  b.yaml",
        "  line 25: framework.local_offer: 'maybe' is not an answer; use one of strongly_agree, "
        "agree, disagree, strongly_disagree, cannot_say",
    ]


def test_quiet_prints_nothing_when_every_file_is_valid(
    write_file: WriteFile, in_folder: Path
) -> None:
    """A quiet run over valid files is silent, and its exit status says they are valid."""
    write_file("a.yaml", response_text())

    result = invoke("validate", "--quiet", "a.yaml")

    assert result.exit_code == 0
    assert result.stdout == ""


def test_quiet_json_gives_only_the_invalid_files(write_file: WriteFile, in_folder: Path) -> None:
    """--quiet also applies to JSON: only the invalid files' objects are printed."""
    write_file("a.yaml", response_text())
    write_file("b.yaml", response_text().replace("local_area: Exampleshire", "local_area: ''"))

    result = invoke("validate", "--quiet", "--format", "json", "a.yaml", "b.yaml")

    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == ["b.yaml"]


def test_strict_reports_short_tables_and_a_missing_role(
    write_file: WriteFile, in_folder: Path
) -> None:
    """A valid response with one entry per table and no role fails --strict, line by line.

    A list's line is that of its first entry; a missing role's, that of the rest of respondent.
    """
    text = response_text().replace("  role: education\n", "")
    write_file("response.yaml", text)

    result = invoke("validate", "--strict", "response.yaml")

    assert result.exit_code == 1
    assert result.stdout == (
        "invalid  response.yaml\n"
        f"  line 5: respondent.role: missing; --strict asks for one of {ROLES}\n"
        "  line 12: top_three.activities: has 1 entry; --strict asks for 3\n"
        "  line 14: top_three.strengths: has 1 entry; --strict asks for 3\n"
        "  line 16: top_three.development_areas: has 1 entry; --strict asks for 3\n"
        "1 file checked: 0 valid, 1 invalid.\n"
    )


def test_the_same_response_is_valid_without_strict(write_file: WriteFile, in_folder: Path) -> None:
    """What --strict reports is allowed otherwise: the same file is valid without it."""
    write_file("response.yaml", response_text().replace("  role: education\n", ""))

    result = invoke("validate", "response.yaml")

    assert result.exit_code == 0


def test_strict_passes_a_complete_response(write_file: WriteFile, in_folder: Path) -> None:
    """A response with every table full and a role given is valid under --strict."""
    write_file("response.yaml", complete_response())

    result = invoke("validate", "--strict", "response.yaml")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "valid    response.yaml"


def test_strict_problems_appear_in_json(write_file: WriteFile, in_folder: Path) -> None:
    """The JSON objects carry the strict problems like any other, with field and line."""
    text = complete_response().replace("    - A third entry\n", "", 1)
    write_file("response.yaml", text)

    result = invoke("validate", "--strict", "--format", "json", "response.yaml")

    assert json.loads(result.stdout) == {
        "path": "response.yaml",
        "valid": False,
        "problems": [
            {
                "field": "top_three.activities",
                "line": 13,
                "message": "has 2 entries; --strict asks for 3",
            }
        ],
    }

"""`ehcjourney validate`: files and folders checked, each problem listed, and the exit status."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from invoke import invoke
from responses import response_text

ANSWERS = "use one of strongly_agree, agree, disagree, strongly_disagree, cannot_say"
WriteFile = Callable[[str, str], Path]


@pytest.fixture
def in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test in its own folder, so paths in the output are short and exact."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_valid_file_exits_0(write_file: WriteFile, in_folder: Path) -> None:
    """A valid response is listed as valid, then the count, and the exit status is 0."""
    write_file("response.yaml", response_text())

    result = invoke("validate", "response.yaml")

    assert result.exit_code == 0
    assert result.stdout == "valid    response.yaml\n1 file checked: 1 valid, 0 invalid.\n"
    assert result.stderr == ""


def test_an_invalid_file_lists_each_problem_and_exits_1(
    write_file: WriteFile, in_folder: Path
) -> None:
    """Each problem is one line: its line, its field and a message that says what to use."""
    text = response_text().replace("local_offer: disagree", "local_offer: agreed")
    write_file("response.yaml", text.replace("local_area: Exampleshire", "local_area: ' '"))

    result = invoke("validate", "response.yaml")

    assert result.exit_code == 1
    assert result.stdout == (
        "invalid  response.yaml\n"
        "  line 3: local_area: must hold text, not only spaces\n"
        f"  line 25: framework.local_offer: 'agreed' is not an answer; {ANSWERS} "
        "(did you mean 'agree'?)\n"
        "1 file checked: 0 valid, 1 invalid.\n"
    )


def test_a_folder_is_searched_recursively_for_yaml_yml_and_json(
    write_file: WriteFile, in_folder: Path
) -> None:
    """Every .yaml, .yml and .json file under a folder is checked; other files are left alone."""
    write_file("returns/north.yaml", response_text())
    write_file("returns/notes.txt", "not a response")
    write_file("returns/README.md", "# Returns")
    write_file("returns/2026/south.yml", response_text().replace("questionnaire_version: 1", ""))
    write_file("returns/2026/spring/east.JSON", "[]")

    result = invoke("validate", "returns")

    assert result.exit_code == 1
    assert result.stdout == (
        "invalid  returns/2026/south.yml\n"
        "  questionnaire_version: missing; it should be 1\n"
        "invalid  returns/2026/spring/east.JSON\n"
        "  expected the keys of a response, found a list\n"
        "valid    returns/north.yaml\n"
        "3 files checked: 1 valid, 2 invalid.\n"
    )


def test_several_paths_are_checked_in_the_order_given(
    write_file: WriteFile, in_folder: Path
) -> None:
    """Files and folders named together are all checked, and every valid one gives exit 0."""
    as_json = json.dumps(yaml.safe_load(response_text()), default=str, indent=2)
    write_file("one.json", as_json)
    write_file("more/two.yaml", response_text())

    result = invoke("validate", "one.json", "more")

    assert result.exit_code == 0
    assert result.stdout == (
        "valid    one.json\nvalid    more/two.yaml\n2 files checked: 2 valid, 0 invalid.\n"
    )


def test_a_path_that_does_not_exist_exits_2_before_checking_anything(
    write_file: WriteFile, in_folder: Path
) -> None:
    """A missing path stops the run with status 2, naming it, before any file is checked."""
    write_file("response.yaml", response_text())

    result = invoke("validate", "response.yaml", "nowhere.yaml")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: No such file or folder: nowhere.yaml.\n"


def test_a_folder_without_responses_exits_2(write_file: WriteFile, in_folder: Path) -> None:
    """A folder holding no response files is a run that could not check anything."""
    write_file("empty/notes.txt", "nothing here")

    result = invoke("validate", "empty")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Error: No .yaml, .yml or .json files were found in empty.\n"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("binary.yaml", b"\x00\x01\x02", id="binary"),
        pytest.param("latin.yaml", "local_area: Ynys Môn\n".encode("cp1252"), id="not-utf-8"),
        pytest.param("broken.yaml", b"local_area: [unclosed\n", id="bad-yaml"),
        pytest.param("broken.json", b'{"local_area": ', id="bad-json"),
        pytest.param("deep.json", b"[" * 100_000 + b"]" * 100_000, id="deep-json"),
        pytest.param("deep.yaml", b"[" * 100_000 + b"]" * 100_000, id="deep-yaml"),
        pytest.param("twice.yaml", b"local_area: A\nlocal_area: B\n", id="duplicate-key"),
        pytest.param("tagged.yaml", b"local_area: !!python/object:os.system ls\n", id="tag"),
    ],
)
def test_unreadable_files_are_invalid_without_a_traceback(
    name: str, content: bytes, in_folder: Path
) -> None:
    """A file that cannot be read as a response is reported invalid, never a crash."""
    (in_folder / name).write_bytes(content)

    result = invoke("validate", name)

    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert lines[0] == f"invalid  {name}"
    assert len(lines) == 3
    assert lines[1].startswith("  ")
    assert lines[2] == "1 file checked: 0 valid, 1 invalid."

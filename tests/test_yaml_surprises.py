"""Words YAML would read as something else (no, 2019, 1:30...) stay the text that was typed."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ehcjourney import storage
from ehcjourney.answers import Answers
from ehcjourney.batch import check_file
from ehcjourney.cli import app
from ehcjourney.definition import Definition
from hostile import RESPONSE

# PyYAML's usual loaders read these as false, true, true, false, None, None, 2019, 5400 (a
# sexagesimal number), 15 (octal) and a date.
SURPRISES = ["no", "yes", "on", "off", "null", "~", "2019", "1:30", "0o17", "2026-01-01"]


@pytest.mark.parametrize("word", SURPRISES)
def test_typed_word_is_saved_so_that_it_reads_back_as_text(
    definition: Definition, tmp_path: Path, word: str
) -> None:
    """A response saved with the word as an answer holds it as text, for any YAML reader."""
    answers = Answers(definition)
    answers.set(("local_area",), word)
    answers.set(("top_three", "activities"), [word])
    path = tmp_path / "response.yaml"
    document = answers.as_response(datetime.date(2026, 12, 3))

    storage.write_text(path, storage.serialise(document, path), overwrite=False)

    data = storage.read_document(path).data
    standard = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["local_area"], data["top_three"]["activities"]) == (word, [word])
    assert (standard["local_area"], standard["top_three"]["activities"]) == (word, [word])


def with_word(word: str) -> str:
    """The valid response with the word, unquoted, as the local area and the first activity."""
    return RESPONSE.replace("local_area: Exampleshire", f"local_area: {word}").replace(
        "    - A joint panel", f"    - {word}"
    )


@pytest.mark.parametrize("word", SURPRISES)
def test_unquoted_word_in_a_file_is_read_as_text(
    definition: Definition, tmp_path: Path, word: str
) -> None:
    """Written unquoted by hand, the word is valid text and `show` prints it as it is."""
    path = tmp_path / "response.yaml"
    path.write_text(with_word(word), encoding="utf-8")

    report = check_file(path, definition)
    validated = CliRunner().invoke(app, ["validate", str(path)], env={"NO_COLOR": "1"})
    shown = CliRunner().invoke(app, ["show", str(path)], env={"NO_COLOR": "1", "COLUMNS": "100"})

    assert report.response is not None
    assert report.response.local_area == word
    assert report.response.top_three["activities"] == [word]
    assert validated.exit_code == 0
    assert shown.exit_code == 0
    assert re.search(rf"Local area\W+{re.escape(word)}\s", shown.stdout), shown.stdout

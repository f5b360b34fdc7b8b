"""Any answer saved to YAML or JSON reads back exactly as it was typed (property tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ehcjourney import storage, yamlfile
from hypothesis_profile import PROFILE

# Text as a person can type it. Lone surrogates are left out: a terminal delivers them only
# for bytes that are not UTF-8, and storage.serialise turns those into U+FFFD before writing
# (a test in test_storage checks that), so they never reach the YAML writer.
TYPED = st.characters(exclude_categories=("Cs",))
SURPRISES = [
    *("no", "yes", "on", "off", "y", "n", "true", "False", "null", "~", "", " "),
    *("2019", "1:30", "0o17", "0x1F", "1e3", ".inf", ".nan", "2026-01-01", "12:30:45"),
    *("- item", "key: value", "# not a comment", "|", ">", "&anchor", "*alias", "!tag"),
    *("'quoted'", '"double"', "{a: 1}", "[1, 2]", "---", "...", "%YAML 1.2", "@", "`"),
    *(" leading", "trailing ", "  both  ", "\ttab", "a\r\nb", "a\rb", "line\n", "\nline"),
    *("\u2028", "\u2029", "\x85", "\ufeffbom", "\u200f\u05e9\u05dc\u05d5\u05dd", "🙂👍🏽"),
]
answers_text = st.one_of(
    st.text(TYPED, max_size=60),
    st.sampled_from(SURPRISES),
    st.lists(st.one_of(st.text(TYPED, max_size=30), st.sampled_from(SURPRISES)), max_size=6).map(
        "\n".join
    ),
    st.builds(
        lambda piece, times: piece * times,
        st.text(TYPED, min_size=1, max_size=6),
        st.integers(20, 200),
    ),
)
plain_data = st.recursive(
    answers_text,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(answers_text, children, max_size=4),
    ),
    max_leaves=12,
)


@st.composite
def responses(draw: st.DrawFn) -> dict[str, Any]:
    """A response-shaped document whose every answer is arbitrary text."""
    return {
        "questionnaire": "ehc-partnership-journey",
        "local_area": draw(answers_text),
        "respondent": {"role": draw(answers_text), "name": draw(answers_text)},
        "journey": {"stage": draw(answers_text), "rationale": draw(answers_text)},
        "top_three": {
            key: draw(st.lists(answers_text, min_size=1, max_size=3))
            for key in ("activities", "strengths", "development_areas")
        },
        "framework": {"vision_and_strategy": draw(answers_text)},
    }


@settings(PROFILE, max_examples=1500)
@given(responses())
def test_every_answer_reads_back_as_written(document: dict[str, Any]) -> None:
    """Answers written by yamlfile.dump read back identical, with ours and PyYAML's own reader.

    PyYAML's safe loader stands for any other YAML tool: nothing comes back as a number or date.
    """
    written = yamlfile.dump(document)

    assert yamlfile.load(written) == document
    assert yaml.load(written, Loader=yaml.CSafeLoader) == document


@settings(PROFILE)
@given(plain_data)
def test_nested_text_lists_and_keys_survive_yaml(data: Any) -> None:
    """Any nesting of text, lists and keyed sections survives the YAML writer and reader."""
    assert yamlfile.load(yamlfile.dump(data)) == data


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files these properties write, made once."""
    return tmp_path_factory.mktemp("roundtrip")


@settings(PROFILE, max_examples=500)
@given(document=responses(), suffix=st.sampled_from([".yaml", ".json"]))
def test_saved_file_reads_back_identical(
    folder: Path, document: dict[str, Any], suffix: str
) -> None:
    """A response saved to a YAML or JSON file by storage reads back as the same data."""
    path = folder / f"response{suffix}"

    storage.write_text(path, storage.serialise(document, path), overwrite=True)

    assert storage.read_document(path).data == document

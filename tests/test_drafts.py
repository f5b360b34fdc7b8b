"""Drafts: where they are kept, where they go when that fails, and how validate sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcjourney import drafts
from ehcjourney.answers import Answers
from ehcjourney.batch import check_file
from ehcjourney.definition import Definition
from ehcjourney.drafts import Draft, draft_path_for, output_for_draft
from ehcjourney.errors import WriteError
from ehcjourney.questions import build_questions


@pytest.mark.parametrize(
    ("output", "draft"),
    [
        (None, "ehcjourney.draft.yaml"),
        ("out.yaml", "out.draft.yaml"),
        ("answers/out.json", "answers/out.json.draft.yaml"),
        ("out.yml", "out.yml.draft.yaml"),
    ],
    ids=["no-output", "yaml-output", "json-output-in-a-folder", "yml-output"],
)
def test_draft_is_named_after_the_output(output: str | None, draft: str) -> None:
    """Each output has its own draft beside it; without one, a fixed name in this folder."""
    assert draft_path_for(Path(output) if output else None) == Path(draft)


@pytest.mark.parametrize(
    ("draft", "output"),
    [
        ("ehcjourney.draft.yaml", None),
        ("answers/out.draft.yaml", "answers/out.yaml"),
        ("answers/out.json.draft.yaml", "answers/out.json"),
        ("out.yml.draft.yaml", "out.yml"),
        ("something.yaml", None),
    ],
    ids=["default-draft", "named-draft", "json-draft", "yml-draft", "not-a-draft-name"],
)
def test_output_is_found_from_the_draft_name(draft: str, output: str | None) -> None:
    """Resuming a draft saves to the file it was named after, when it was named after one."""
    assert output_for_draft(Path(draft)) == (Path(output) if output else None)


def answers_with_local_area(definition: Definition) -> Answers:
    """Answers in which only the local area is given."""
    answers = Answers(definition)
    answers.set(("local_area",), "Exampleshire")
    return answers


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, where drafts go when their folder fails."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def test_draft_that_cannot_be_written_moves_home_and_says_where(
    definition: Definition, tmp_path: Path, home: Path
) -> None:
    """A draft whose folder is missing is written to the home folder, and the person told."""
    notices: list[str] = []
    draft = Draft(tmp_path / "missing" / "out.draft.yaml", notify=notices.append)

    draft.save(answers_with_local_area(definition))

    assert draft.path == home / "out.draft.yaml"
    assert notices == [
        f"Cannot save to {tmp_path}/missing/out.draft.yaml: the folder {tmp_path}/missing "
        f"does not exist. Your answers are kept in {home}/out.draft.yaml instead."
    ]
    assert check_file(draft.path, definition).is_draft


def test_moved_draft_never_replaces_a_file_already_there(
    definition: Definition, tmp_path: Path, home: Path
) -> None:
    """Another draft of the same name in the home folder is kept; a numbered name is used."""
    (home / "out.draft.yaml").write_text("another draft\n", encoding="utf-8")
    draft = Draft(tmp_path / "missing" / "out.draft.yaml")

    draft.save(answers_with_local_area(definition))
    draft.save(answers_with_local_area(definition))

    assert draft.path == home / "out-2.draft.yaml"
    assert (home / "out.draft.yaml").read_text(encoding="utf-8") == "another draft\n"
    assert sorted(path.name for path in home.iterdir()) == ["out-2.draft.yaml", "out.draft.yaml"]


def test_draft_with_nowhere_to_go_raises_one_sentence(
    definition: Definition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no fallback folder can be written either, WriteError says so in plain words."""
    monkeypatch.setattr(drafts, "fallback_folders", lambda: iter([tmp_path / "gone"]))
    draft = Draft(tmp_path / "missing" / "out.draft.yaml")

    with pytest.raises(WriteError) as raised:
        draft.save(answers_with_local_area(definition))

    assert raised.value.message == (
        f"Cannot save to {tmp_path}/missing/out.draft.yaml: the folder {tmp_path}/missing does "
        "not exist. No other folder could hold a draft either."
    )


def test_draft_that_cannot_be_deleted_is_reported(
    definition: Definition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft left behind after saving is named, so the person can delete it."""
    notices: list[str] = []
    draft = Draft(tmp_path / "out.draft.yaml", notify=notices.append)
    draft.save(answers_with_local_area(definition))

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    draft.remove()

    assert notices == [
        f"The draft {tmp_path}/out.draft.yaml could not be deleted (permission denied); delete it."
    ]


def test_validate_counts_what_a_draft_still_needs(definition: Definition, tmp_path: Path) -> None:
    """A saved draft is recognised as one, with each required question left counted once."""
    draft = Draft(tmp_path / "out.draft.yaml")
    answers = answers_with_local_area(definition)
    draft.save(answers)
    required = [q for q in build_questions(definition) if getattr(q, "required", True)]
    first = check_file(draft.path, definition)

    answers.set(("journey", "stage"), "starting")
    draft.save(answers)
    second = check_file(draft.path, definition)

    assert (first.is_draft, first.response, first.problems) == (True, None, [])
    # Unanswered: the required questions after the local area, and the date, set on saving.
    assert first.unanswered == len(required) - 1 + 1
    assert second.unanswered == first.unanswered - 1

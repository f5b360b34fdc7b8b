"""Keeping the draft safe in-process: one `fill` per draft, never saved over, never lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ehcjourney import fill
from ehcjourney.definition import Definition
from ehcjourney.drafts import held_alone
from ehcjourney.errors import CannotRunError, ExitStatus, FormStoppedError
from ehcjourney.fill import FillOptions, run_fill
from ehcjourney.questions import Question
from fake_prompter import (
    ANSWERS,
    DRAFT_HEAD,
    FakePrompter,
    read_yaml,
    saved_response,
    use,
    write,
)


@pytest.fixture(autouse=True)
def in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run each test in its own folder, as if standard input were a terminal."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(fill, "stdin_is_terminal", lambda: True)
    return tmp_path


class DraftDeletingPrompter(FakePrompter):
    """Answers from the table, but deletes the draft and stops at the stage question."""

    def ask(self, question: Question, default: Any) -> Any:
        """Delete the draft and press Ctrl-C at the stage; answer anything else."""
        if question.path == ("journey", "stage"):
            Path("out.draft.yaml").unlink()
            raise KeyboardInterrupt
        return super().ask(question, default)


@pytest.mark.parametrize("absolute", [False, True], ids=["same-name", "same-file-named-otherwise"])
def test_output_that_is_the_draft_resumed_is_refused(
    definition: Definition, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, absolute: bool
) -> None:
    """--resume d.yaml --output d.yaml stops before asking, leaving the draft as it was."""
    draft = write("d.yaml", DRAFT_HEAD + "local_area: Kept\n")
    output = str(tmp_path / "d.yaml") if absolute else "d.yaml"
    prompter = use(monkeypatch, FakePrompter(ANSWERS))

    with pytest.raises(CannotRunError) as raised:
        run_fill(definition, FillOptions(output=Path(output), resume=draft))

    assert raised.value.message == (
        f"{output}: is the draft being resumed; the response needs a file of its own."
    )
    assert prompter.asked == []
    assert draft.read_text(encoding="utf-8") == DRAFT_HEAD + "local_area: Kept\n"


def test_a_second_fill_of_the_same_draft_is_refused(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one fill holds the draft, another is refused at once, naming the draft."""
    prompter = use(monkeypatch, FakePrompter(ANSWERS))

    with held_alone(Path("out.draft.yaml")), pytest.raises(CannotRunError) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert raised.value.exit_status == ExitStatus.CANNOT_RUN
    assert raised.value.message == (
        "Another ehcjourney fill is already using the draft out.draft.yaml."
    )
    assert prompter.asked == []


def test_the_lock_is_let_go_and_removed_at_the_end(
    definition: Definition, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Once a fill ends, its lock file is gone and the next fill runs."""
    use(monkeypatch, FakePrompter(ANSWERS))
    run_fill(definition, FillOptions(output=Path("first.yaml")))
    second = use(monkeypatch, FakePrompter(ANSWERS, confirms=[True]))
    run_fill(definition, FillOptions(output=Path("first.yaml")))

    assert second.questions_confirmed == ["first.yaml already exists. Replace it?"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["first.yaml"]
    assert read_yaml("first.yaml") == saved_response(ANSWERS)


def test_a_draft_deleted_during_the_form_is_written_again_on_stopping(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With answers given but the draft gone, stopping writes it again and says where."""
    use(monkeypatch, DraftDeletingPrompter(ANSWERS))

    with pytest.raises(FormStoppedError) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert raised.value.message == "Stopped. Your answers so far are saved in out.draft.yaml."
    assert read_yaml("out.draft.yaml") == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "respondent": {"role": "health", "name": "Sam Patel"},
    }

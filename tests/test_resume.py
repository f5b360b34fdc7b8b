"""Starting `fill` in-process: resuming a draft, starting from a response, and stopping."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehcjourney import fill
from ehcjourney.definition import Definition
from ehcjourney.errors import (
    CannotRunError,
    FormStoppedError,
    InputEndedError,
    InternalError,
    ResponseFileError,
    WriteError,
)
from ehcjourney.fill import FillOptions, run_fill
from ehcjourney.stopping import StopSignalError
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


def test_resume_asks_only_what_is_unanswered_and_keeps_the_rest(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--resume starts at the first unanswered question, saves all answers, removes the draft."""
    write(
        "out.draft.yaml",
        DRAFT_HEAD + "local_area: Kept area\nrespondent:\n  role: education\n"
        "journey:\n  stage: starting\n",
    )
    prompter = use(monkeypatch, FakePrompter(ANSWERS))

    saved = run_fill(definition, FillOptions(resume=Path("out.draft.yaml")))

    assert saved == Path("out.yaml")
    assert [path for path, _ in prompter.asked] == list(ANSWERS)[4:]
    kept = {
        ("local_area",): "Kept area",
        ("respondent", "role"): "education",
        ("journey", "stage"): "starting",
    }
    asked = {
        path: value
        for path, value in ANSWERS.items()
        if path[0] not in ("local_area", "respondent") and path != ("journey", "stage")
    }
    assert read_yaml("out.yaml") == saved_response({**kept, **asked})
    assert not Path("out.draft.yaml").exists()


def test_from_offers_every_earlier_answer_as_the_default(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--from asks every question with the earlier response's answer as its default."""
    earlier = write(
        "earlier.yaml",
        """\
        questionnaire: ehc-partnership-journey
        questionnaire_version: 1
        local_area: Exampleshire
        completed: 2025-01-31
        journey:
          stage: starting
          rationale: Last year.
        """,
    )
    before = earlier.read_bytes()
    prompter = use(monkeypatch, FakePrompter(ANSWERS))

    run_fill(definition, FillOptions(output=Path("new.yaml"), start_from=earlier))

    defaults = dict(prompter.asked)
    assert list(defaults) == list(ANSWERS)
    assert defaults[("local_area",)] == "Exampleshire"
    assert defaults[("journey", "stage")] == "starting"
    assert defaults[("journey", "rationale")] == "Last year."
    assert defaults[("respondent", "role")] is None
    assert read_yaml("new.yaml") == saved_response(ANSWERS)
    assert earlier.read_bytes() == before


def test_answers_that_do_not_fit_are_named_and_asked_afresh(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value that cannot answer its question is left out, and the person is told which."""
    write(
        "earlier.yaml",
        """\
        questionnaire: ehc-partnership-journey
        local_area: [not, text]
        journey:
          stage: sideways
          rationale: Kept.
        top_three:
          activities: [one, two, three, four]
        unknown: ignored
        """,
    )
    prompter = use(monkeypatch, FakePrompter(ANSWERS))

    run_fill(definition, FillOptions(output=Path("new.yaml"), start_from=Path("earlier.yaml")))

    defaults = dict(prompter.asked)
    assert prompter.said[0] == (
        "Some answers in earlier.yaml are not answers this form accepts, so these questions "
        "are asked again: Local area, Stage, Activities."
    )
    assert defaults[("local_area",)] is None
    assert defaults[("journey", "stage")] is None
    assert defaults[("top_three", "activities")] is None
    assert defaults[("journey", "rationale")] == "Kept."


def test_resuming_a_finished_response_is_refused(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--resume on a file that is not a draft refuses, so a response is never made a draft."""
    response = write("done.yaml", "questionnaire: ehc-partnership-journey\nlocal_area: Done\n")
    use(monkeypatch, FakePrompter(ANSWERS))

    with pytest.raises(CannotRunError) as raised:
        run_fill(definition, FillOptions(resume=response))

    assert raised.value.message == "done.yaml: is not a draft."
    assert raised.value.hint == (
        "To start from a saved response, run: ehcjourney fill --from done.yaml"
    )
    assert response.read_text(encoding="utf-8") == (
        "questionnaire: ehc-partnership-journey\nlocal_area: Done\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "draft: true\nquestionnaire: another-form\n",
            "other.yaml: answers another form; this form is 'ehc-partnership-journey'.",
        ),
        (
            "draft: true\nlocal_area: Somewhere\n",
            "other.yaml: does not say what it answers; this form is 'ehc-partnership-journey'.",
        ),
        ("- a list\n", "other.yaml: does not hold the answers of a response."),
    ],
    ids=["another-form", "no-questionnaire", "not-a-mapping"],
)
def test_a_file_that_is_not_this_form_is_refused(
    definition: Definition, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    """Resuming from a file for another form, or no form, says so plainly."""
    write("other.yaml", text)
    use(monkeypatch, FakePrompter(ANSWERS))

    with pytest.raises(ResponseFileError) as raised:
        run_fill(definition, FillOptions(resume=Path("other.yaml")))

    assert raised.value.message == message


def test_a_draft_found_is_offered_and_resumed(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draft for the same output is offered; yes resumes it, even when --from is given."""
    write("out.draft.yaml", DRAFT_HEAD + "local_area: From the draft\n")
    write("earlier.yaml", "questionnaire: ehc-partnership-journey\nlocal_area: From earlier\n")
    prompter = use(monkeypatch, FakePrompter(ANSWERS, confirms=[True]))

    run_fill(definition, FillOptions(output=Path("out.yaml"), start_from=Path("earlier.yaml")))

    assert prompter.questions_confirmed == [
        "A draft of this form was found in out.draft.yaml. Resume it?"
    ]
    assert prompter.asked[0][0] == ("respondent", "role")
    assert read_yaml("out.yaml")["local_area"] == "From the draft"


def test_declining_the_draft_twice_changes_nothing(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No to resuming and no to starting again stops, with the draft exactly as it was."""
    draft = write("out.draft.yaml", DRAFT_HEAD + "local_area: Kept\n")
    prompter = use(monkeypatch, FakePrompter(ANSWERS, confirms=[False, False]))

    with pytest.raises(FormStoppedError) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert raised.value.message == "Nothing was changed; the draft is still in out.draft.yaml."
    assert prompter.asked == []
    assert draft.read_text(encoding="utf-8") == DRAFT_HEAD + "local_area: Kept\n"


def test_starting_again_replaces_the_draft_only_after_saying_yes(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No to resuming and yes to starting again asks every question from the beginning."""
    write("out.draft.yaml", DRAFT_HEAD + "local_area: Old\n")
    prompter = use(monkeypatch, FakePrompter(ANSWERS, confirms=[False, True]))

    run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert prompter.asked[0] == (("local_area",), None)
    assert read_yaml("out.yaml") == saved_response(ANSWERS)
    assert not Path("out.draft.yaml").exists()


def test_a_draft_found_without_a_terminal_is_never_replaced(
    definition: Definition, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a terminal, a draft in the way stops fill before any line is read as an answer."""
    monkeypatch.setattr(fill, "stdin_is_terminal", lambda: False)
    draft = write("out.draft.yaml", DRAFT_HEAD + "local_area: Kept\n")
    prompter = use(monkeypatch, FakePrompter(ANSWERS))

    with pytest.raises(CannotRunError) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert raised.value.message == "A draft of this form is already in out.draft.yaml."
    assert raised.value.hint == (
        "To carry on with it, run: ehcjourney fill --resume out.draft.yaml --output out.yaml; "
        "or delete it to start again."
    )
    assert prompter.asked == []
    assert draft.read_text(encoding="utf-8") == DRAFT_HEAD + "local_area: Kept\n"


@pytest.mark.parametrize(
    ("failure", "error", "reason"),
    [
        (KeyboardInterrupt(), FormStoppedError, "Stopped."),
        (
            StopSignalError("The terminal was closed."),
            FormStoppedError,
            "The terminal was closed.",
        ),
        (RuntimeError("it broke"), InternalError, "Something went wrong: it broke."),
        (EOFError(), InputEndedError, "The input ended before the form was saved."),
        (
            InputEndedError("Line 3 of the input is not UTF-8 text."),
            InputEndedError,
            "Line 3 of the input is not UTF-8 text.",
        ),
    ],
    ids=["ctrl-c", "terminal-closed", "unexpected-error", "input-ended", "input-unreadable"],
)
def test_a_stop_at_any_prompt_keeps_the_draft_and_names_the_command(
    definition: Definition,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    error: type[Exception],
    reason: str,
) -> None:
    """However a prompt ends early, the answers so far stay in the draft and the way on is named."""
    use(monkeypatch, FakePrompter(ANSWERS, failure=(("journey", "stage"), failure)))

    with pytest.raises(error) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml"), plain=True))

    assert str(raised.value) == f"{reason} Your answers so far are saved in out.draft.yaml."
    assert raised.value.hint == (  # type: ignore[attr-defined]
        "To carry on where you left off, run: "
        "ehcjourney fill --resume out.draft.yaml --output out.yaml"
    )
    assert read_yaml("out.draft.yaml") == {
        "draft": True,
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "respondent": {"role": "health", "name": "Sam Patel"},
    }


def test_a_stop_before_any_answer_says_nothing_was_kept(
    definition: Definition, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ctrl-C at the first question leaves no draft behind, and says there was nothing to keep."""
    use(monkeypatch, FakePrompter(ANSWERS, failure=(("local_area",), KeyboardInterrupt())))

    with pytest.raises(FormStoppedError) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert raised.value.message == (
        "Stopped. No answer had been given yet, so there is nothing to keep."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_draft_that_cannot_be_written_anywhere_stops_with_the_last_one_kept(
    definition: Definition, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """When no folder takes the draft, fill stops, naming the last draft that was saved whole."""
    use(monkeypatch, FakePrompter(ANSWERS))
    real_write = fill.storage.write_text
    writes: list[Path] = []

    def fails_after_two(path: Path, text: str, *, overwrite: bool) -> None:
        writes.append(path)
        if len(writes) > 2:
            raise WriteError(f"Cannot save to {path}: no space left on device.")
        real_write(path, text, overwrite=overwrite)

    monkeypatch.setattr(fill.storage, "write_text", fails_after_two)

    with pytest.raises(WriteError) as raised:
        run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert raised.value.message == (
        "Cannot save to out.draft.yaml: no space left on device. No other folder could hold a "
        "draft either. Your earlier answers are saved in out.draft.yaml."
    )
    assert read_yaml("out.draft.yaml")["respondent"] == {"role": "health"}
    assert [path.name for path in tmp_path.iterdir()] == ["out.draft.yaml"]

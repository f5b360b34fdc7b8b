"""One sitting of `fill`, driven by a scripted prompter: drafts, review, changes and saving."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CHARACTERISTIC_IDS
from ehcjourney import storage
from ehcjourney.answers import Answers
from ehcjourney.definition import Definition
from ehcjourney.drafts import Draft
from ehcjourney.errors import InputEndedError
from ehcjourney.questions import Part, Question
from ehcjourney.session import PartialAnswer, ReviewAction, Session, default_output
from ehcjourney.stopping import StopSignalError

TODAY = datetime.date.today()
QUIT_QUESTION = (
    "Quit without saving? Your answers and their draft will be deleted; "
    "to keep them for later, answer no and press Ctrl-C."
)


class ScriptedPrompter:
    """A prompter that answers from a script and records everything it was asked."""

    how_to_answer = "Answers come from a script."

    def __init__(self, script: list[Any], draft: Path | None = None) -> None:
        self.script = list(script)
        self.draft = draft
        self.asked: list[tuple[tuple[str, ...], Any]] = []  # each question's path and default
        self.drafts_seen: list[Any] = []  # the draft on disk when each question was asked
        self.parts: list[int] = []
        self.picks: list[list[str]] = []
        self.confirms: list[str] = []
        self.paths_asked: list[str] = []
        self.said: list[str] = []
        self.reviews: list[list[tuple[str, str]]] = []

    def next(self, kind: type | None = None) -> Any:
        """Return the next scripted answer, checking it is the kind the session asked for."""
        assert self.script, "the session asked for more than the script holds"
        answer = self.script.pop(0)
        if kind is not None:
            assert isinstance(answer, kind), f"expected {kind.__name__}, the script has {answer!r}"
        return answer

    def read_draft(self) -> Any:
        """Return the draft on disk, or None when there is none."""
        if self.draft is None or not self.draft.exists():
            return None
        return yaml.safe_load(self.draft.read_text(encoding="utf-8"))

    def show_lines(self, lines: list[str]) -> None:
        """Accept the welcome."""

    def begin_part(self, part: Part) -> None:
        """Record which part began."""
        self.parts.append(part.number)

    def ask(self, question: Question, default: Any) -> Any:
        """Record the question, its default and the draft at that moment; raise a scripted stop."""
        self.asked.append((question.path, default))
        self.drafts_seen.append(self.read_draft())
        answer = self.next()
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def review(self, rows: list[tuple[str, str]]) -> ReviewAction:
        """Record the review rows and return the scripted action."""
        self.reviews.append(rows)
        self.drafts_seen.append(self.read_draft())
        answer: ReviewAction = self.next(ReviewAction)
        return answer

    def pick(self, message: str, options: list[str], default: int) -> int:
        """Record the options and return the scripted position."""
        self.picks.append(options)
        answer: int = self.next(int)
        return answer

    def confirm(self, message: str, default: bool) -> bool:
        """Record the question and return the scripted yes or no."""
        self.confirms.append(message)
        answer: bool = self.next(bool)
        return answer

    def ask_path(self, message: str, default: str) -> str:
        """Record the default offered and return the scripted file name."""
        self.paths_asked.append(default)
        answer: str = self.next(str)
        return answer

    def say(self, message: str) -> None:
        """Record a message."""
        self.said.append(message)


def whole_form() -> list[Any]:
    """Scripted answers to every question, in the order they are asked."""
    return [
        "Exampleshire",
        "health",
        "Priya Shah",
        "developing",
        "The board meets monthly.\nIt is early days.",
        ["Joint panel", "Dashboard"],
        ["Parent forum"],
        ["Shared outcomes"],
        *["agree"] * len(CHARACTERISTIC_IDS),
    ]


def whole_document(**changes: Any) -> dict[str, Any]:
    """The response `whole_form` is saved as, with `changes` to its framework ratings."""
    return {
        "questionnaire": "ehc-partnership-journey",
        "questionnaire_version": 1,
        "local_area": "Exampleshire",
        "respondent": {"role": "health", "name": "Priya Shah"},
        "completed": TODAY,
        "journey": {
            "stage": "developing",
            "rationale": "The board meets monthly.\nIt is early days.",
        },
        "top_three": {
            "activities": ["Joint panel", "Dashboard"],
            "strengths": ["Parent forum"],
            "development_areas": ["Shared outcomes"],
        },
        "framework": {**dict.fromkeys(CHARACTERISTIC_IDS, "agree"), **changes},
    }


def start(
    definition: Definition,
    folder: Path,
    script: list[Any],
    document: dict[str, Any] | None = None,
    output: Path | None = None,
) -> tuple[Session, ScriptedPrompter]:
    """Make a session saving to `output` (default: out.yaml in `folder`), drafting beside it."""
    draft = folder / "out.draft.yaml"
    prompter = ScriptedPrompter(script, draft)
    answers = Answers(definition, document)
    session = Session(definition, prompter, answers, Draft(draft), output or folder / "out.yaml")
    return session, prompter


def read_yaml(path: Path) -> Any:
    """Read a YAML file with a standard YAML reader."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_draft_saved_after_every_answer(definition: Definition, tmp_path: Path) -> None:
    """The draft on disk holds every answer given so far, each time a question is asked."""
    session, prompter = start(definition, tmp_path, [*whole_form(), ReviewAction.SAVE])

    session.run(skip_answered=False)

    envelope = {"draft": True, "questionnaire": "ehc-partnership-journey"}
    envelope["questionnaire_version"] = 1
    assert prompter.drafts_seen[:4] == [
        None,
        {**envelope, "local_area": "Exampleshire"},
        {**envelope, "local_area": "Exampleshire", "respondent": {"role": "health"}},
        {
            **envelope,
            "local_area": "Exampleshire",
            "respondent": {"role": "health", "name": "Priya Shah"},
        },
    ]
    on_review = {key: value for key, value in whole_document().items() if key != "completed"}
    assert prompter.drafts_seen[-1] == {"draft": True, **on_review}


def test_each_part_begins_once(definition: Definition, tmp_path: Path) -> None:
    """Each of the three parts is introduced once, before its first question."""
    session, prompter = start(definition, tmp_path, [*whole_form(), ReviewAction.SAVE])

    session.run(skip_answered=False)

    assert prompter.parts == [1, 2, 3]


def test_review_change_then_save(definition: Definition, tmp_path: Path) -> None:
    """Changing an answer on review asks it again with its answer as default, then saves."""
    script = [*whole_form(), ReviewAction.CHANGE, 9, "disagree", ReviewAction.SAVE]
    session, prompter = start(definition, tmp_path, script)

    saved = session.run(skip_answered=False)

    assert saved == tmp_path / "out.yaml"
    assert prompter.asked[-1] == (("framework", "data_and_intelligence"), "agree")
    assert read_yaml(saved) == whole_document(data_and_intelligence="disagree")
    assert not (tmp_path / "out.draft.yaml").exists()


def test_change_offers_every_question_by_name(definition: Definition, tmp_path: Path) -> None:
    """The answer to change is picked from every question's short name, in review order."""
    script = [*whole_form(), ReviewAction.CHANGE, 0, "Northshire", ReviewAction.SAVE]
    session, prompter = start(definition, tmp_path, script)

    session.run(skip_answered=False)

    assert prompter.picks == [[name for name, _ in prompter.reviews[0]]]
    assert prompter.picks[0][:8] == [
        "Local area",
        "Your role",
        "Your name",
        "Stage",
        "Rationale",
        "Activities",
        "Strengths",
        "Top three areas for development / strengthening",
    ]
    assert prompter.reviews[1][0] == ("Local area", "Northshire")


def test_review_shows_answers_as_text(definition: Definition, tmp_path: Path) -> None:
    """The review shows choice labels, numbered table entries, and unanswered questions."""
    form = whole_form()
    form[1:3] = [None, ""]  # role and name skipped
    session, prompter = start(definition, tmp_path, [*form, ReviewAction.SAVE])

    session.run(skip_answered=False)

    assert prompter.reviews[0][:6] == [
        ("Local area", "Exampleshire"),
        ("Your role", "(no answer)"),
        ("Your name", "(no answer)"),
        ("Stage", "Developing"),
        ("Rationale", "The board meets monthly.\nIt is early days."),
        ("Activities", "#1 Joint panel\n#2 Dashboard"),
    ]
    assert prompter.reviews[0][8] == ("Strong vision and strategy", "Agree")


def test_skipped_optional_questions_leave_no_empty_section(
    definition: Definition, tmp_path: Path
) -> None:
    """Role and name skipped on review leave the saved response with no respondent section."""
    change = ReviewAction.CHANGE
    script = [*whole_form(), change, 1, None, change, 2, "", ReviewAction.SAVE]
    session, prompter = start(definition, tmp_path, script)

    saved = session.run(skip_answered=False)

    expected = whole_document()
    del expected["respondent"]
    assert saved is not None
    assert read_yaml(saved) == expected
    assert prompter.reviews[-1][1:3] == [("Your role", "(no answer)"), ("Your name", "(no answer)")]


def test_quit_after_confirmation_removes_the_draft(definition: Definition, tmp_path: Path) -> None:
    """Quitting asks first; declining returns to the review, confirming saves nothing."""
    script = [*whole_form(), ReviewAction.QUIT, False, ReviewAction.QUIT, True]
    session, prompter = start(definition, tmp_path, script)

    saved = session.run(skip_answered=False)

    assert saved is None
    assert prompter.confirms == [QUIT_QUESTION, QUIT_QUESTION]
    assert len(prompter.reviews) == 2
    assert list(tmp_path.iterdir()) == []


def test_incomplete_form_cannot_be_saved(definition: Definition, tmp_path: Path) -> None:
    """Saving with required answers missing names them by number and goes back to the review."""
    document = whole_document()
    del document["journey"]["rationale"]
    del document["top_three"]["strengths"]
    del document["completed"]
    script = [ReviewAction.SAVE, ReviewAction.QUIT, True]
    session, prompter = start(definition, tmp_path, script, document)

    saved = session.review_until_done()

    assert saved is None
    assert prompter.said == [
        "The form is not complete yet. Still to answer: 5. Rationale, 7. Strengths. "
        'Choose "Change an answer" and pick each of them by its number.'
    ]
    assert prompter.reviews[0][4] == ("Rationale", "(no answer yet; needed to save)")
    assert list(tmp_path.iterdir()) == []


def test_answer_that_is_not_a_choice_must_be_changed(
    definition: Definition, tmp_path: Path
) -> None:
    """A choice carried over from a file that is not one of the choices blocks saving."""
    document = whole_document()
    document["journey"]["stage"] = "started"
    document["respondent"]["role"] = "teacher"
    del document["completed"]
    script = [ReviewAction.SAVE, ReviewAction.QUIT, True]
    session, prompter = start(definition, tmp_path, script, document)

    saved = session.review_until_done()

    assert saved is None
    assert prompter.said == [
        "The form is not complete yet. Not one of the choices: 2. Your role, 4. Stage. "
        'Choose "Change an answer" and pick each of them by its number.'
    ]
    assert prompter.reviews[0][1] == ("Your role", "teacher (not one of the choices; change it)")


def test_other_problems_block_saving(definition: Definition, tmp_path: Path) -> None:
    """Any other problem the checks find is reported, and the response is not saved."""
    document = whole_document()
    document["top_three"]["activities"] = ["One", "Two", "Three", "Four"]
    del document["completed"]
    script = [ReviewAction.SAVE, ReviewAction.QUIT, True]
    session, prompter = start(definition, tmp_path, script, document)

    saved = session.review_until_done()

    assert saved is None
    assert len(prompter.said) == 1
    assert prompter.said[0].startswith("Some answers cannot be saved: top_three.activities: ")
    assert prompter.said[0].endswith(". Change those answers.")
    assert list(tmp_path.iterdir()) == []


def test_existing_file_replaced_when_confirmed(definition: Definition, tmp_path: Path) -> None:
    """An existing file is replaced once the person confirms it."""
    existing = tmp_path / "out.yaml"
    existing.write_text("earlier\n", encoding="utf-8")
    session, prompter = start(definition, tmp_path, [*whole_form(), ReviewAction.SAVE, True])

    saved = session.run(skip_answered=False)

    assert saved == existing
    assert prompter.confirms == [f"{existing} already exists. Replace it?"]
    assert read_yaml(existing) == whole_document()


def test_existing_file_kept_when_declined(definition: Definition, tmp_path: Path) -> None:
    """Declining to replace a file asks for another name, offering the first as default."""
    existing = tmp_path / "out.yaml"
    existing.write_text("earlier\n", encoding="utf-8")
    other = tmp_path / "other.yaml"
    script = [*whole_form(), ReviewAction.SAVE, False, str(other)]
    session, prompter = start(definition, tmp_path, script)

    saved = session.run(skip_answered=False)

    assert saved == other
    assert prompter.confirms == [f"{existing} already exists. Replace it?"]
    assert prompter.paths_asked == [str(existing)]
    assert existing.read_text(encoding="utf-8") == "earlier\n"
    assert read_yaml(other) == whole_document()


def test_another_name_needs_a_known_ending(definition: Definition, tmp_path: Path) -> None:
    """A new name must end in .yaml, .yml or .json; the person is told and asked again."""
    (tmp_path / "out.yaml").write_text("earlier\n", encoding="utf-8")
    notes = tmp_path / "notes"
    script = [*whole_form(), ReviewAction.SAVE, False, f"{notes}.txt", f"{notes}.json"]
    session, prompter = start(definition, tmp_path, script)

    saved = session.run(skip_answered=False)

    assert saved == tmp_path / "notes.json"
    assert prompter.said == ["Name a file ending in .yaml, .yml or .json."]
    assert not (tmp_path / "notes.txt").exists()


def test_unwritable_file_asks_for_another(definition: Definition, tmp_path: Path) -> None:
    """When the file cannot be written, the person is told why and asked for another name."""
    target = tmp_path / "missing" / "out.yaml"
    script = [*whole_form(), ReviewAction.SAVE, str(tmp_path / "kept.yaml")]
    session, prompter = start(definition, tmp_path, script, output=target)

    saved = session.run(skip_answered=False)

    assert saved == tmp_path / "kept.yaml"
    assert len(prompter.said) == 1
    assert prompter.said[0].startswith(f"Cannot save to {target}")
    assert prompter.said[0].endswith(f"Your answers are kept in {tmp_path / 'out.draft.yaml'}.")
    assert prompter.paths_asked == [str(target)]


def test_without_output_saves_under_area_and_date(
    definition: Definition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --output the response is saved in the current folder, named by area and date."""
    monkeypatch.chdir(tmp_path)
    prompter = ScriptedPrompter([*whole_form(), ReviewAction.SAVE])
    answers = Answers(definition)
    session = Session(definition, prompter, answers, Draft(tmp_path / "d.draft.yaml"), None)

    saved = session.run(skip_answered=False)

    assert saved == Path(f"exampleshire-{TODAY.isoformat()}.yaml")
    assert read_yaml(tmp_path / saved) == whole_document()


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("Exampleshire", "exampleshire-2026-12-03.yaml"),
        ("St Helens & Knowsley", "st-helens-knowsley-2026-12-03.yaml"),
        ("Ynys Môn", "ynys-mon-2026-12-03.yaml"),
        ("!!!", "response-2026-12-03.yaml"),
        (None, "response-2026-12-03.yaml"),
        (
            "Exampleshire " * 25,
            "exampleshire-exampleshire-exampleshire-exampleshire-examples-2026-12-03.yaml",
        ),
    ],
    ids=["plain", "spaces-and-ampersand", "accented", "nothing-left", "no-area", "very-long"],
)
def test_default_output(definition: Definition, area: str | None, expected: str) -> None:
    """The default file name is the local area as a slug of at most 60 letters, then the date."""
    answers = Answers(definition, {"local_area": area} if area else None)

    assert default_output(answers, datetime.date(2026, 12, 3)) == Path(expected)


def test_resume_asks_only_what_is_unanswered(definition: Definition, tmp_path: Path) -> None:
    """Resuming skips answered questions and optional ones passed over before the last answer."""
    document = {"local_area": "Exampleshire", "journey": {"stage": "developing"}}
    script = [*whole_form()[4:], ReviewAction.SAVE]
    session, prompter = start(definition, tmp_path, script, document)

    session.run(skip_answered=True)

    assert [path for path, _ in prompter.asked] == [
        ("journey", "rationale"),
        ("top_three", "activities"),
        ("top_three", "strengths"),
        ("top_three", "development_areas"),
        *[("framework", rating) for rating in CHARACTERISTIC_IDS],
    ]
    assert prompter.parts == [1, 2, 3]


@pytest.mark.parametrize(
    "stopped_by",
    [
        pytest.param(KeyboardInterrupt(), id="ctrl-c"),
        pytest.param(EOFError(), id="ctrl-d"),
        pytest.param(StopSignalError("The terminal was closed."), id="terminal-closed"),
        pytest.param(InputEndedError("Line 7 of the input is not UTF-8 text."), id="bad-input"),
    ],
)
def test_a_part_answer_is_kept_in_the_draft_before_stopping(
    definition: Definition, tmp_path: Path, stopped_by: BaseException
) -> None:
    """Entries handed back by a stopped question are drafted, then the stop goes on as it was."""
    script = [*whole_form()[:5], PartialAnswer(["Joint panel"], stopped_by)]
    session, _ = start(definition, tmp_path, script)

    # A PartialAnswer is a KeyboardInterrupt: caught, so that a failure cannot stop the run.
    with pytest.raises((type(stopped_by), KeyboardInterrupt)) as stopped:
        session.run(skip_answered=False)

    assert stopped.value is stopped_by
    assert read_yaml(tmp_path / "out.draft.yaml")["top_three"] == {"activities": ["Joint panel"]}


def test_saving_over_the_draft_is_refused(definition: Definition, tmp_path: Path) -> None:
    """A response named as the draft is refused, so it is not deleted with the draft."""
    draft = tmp_path / "out.draft.yaml"
    kept = tmp_path / "kept.yaml"
    script = [*whole_form(), ReviewAction.SAVE, str(kept)]
    session, prompter = start(definition, tmp_path, script, output=tmp_path / "." / draft.name)

    saved = session.run(skip_answered=False)

    assert saved == kept
    assert prompter.said == [
        f"{tmp_path / '.' / draft.name} is the draft that keeps your answers; name another."
    ]
    assert prompter.paths_asked == [f"exampleshire-{TODAY.isoformat()}.yaml"]
    assert read_yaml(kept) == whole_document()
    assert not draft.exists()


def test_another_name_that_is_the_draft_is_refused(definition: Definition, tmp_path: Path) -> None:
    """Answering "Save to which file?" with the draft's name asks again; the answers are saved."""
    (tmp_path / "out.yaml").write_text("earlier\n", encoding="utf-8")
    draft = tmp_path / "out.draft.yaml"
    kept = tmp_path / "kept.yaml"
    script = [*whole_form(), ReviewAction.SAVE, False, str(draft), str(kept)]
    session, prompter = start(definition, tmp_path, script)

    saved = session.run(skip_answered=False)

    assert saved == kept
    assert prompter.said == [f"{draft} is the draft that keeps your answers; name another."]
    assert read_yaml(kept) == whole_document()
    assert not draft.exists()


def test_an_answer_too_long_to_read_back_is_asked_again(
    definition: Definition, tmp_path: Path
) -> None:
    """An answer that would make the files too large for show or --resume is refused, re-asked."""
    too_long = "word " * (storage.MAX_FILE_BYTES // 5)
    form = whole_form()
    form[4:5] = [too_long, "Short enough."]
    session, prompter = start(definition, tmp_path, [*form, ReviewAction.SAVE])

    saved = session.run(skip_answered=False)

    assert prompter.said == [
        "That answer is too long: with it, your answers would take more than 250 KB "
        "(about 250,000 letters), the most a response file can hold. Shorten it and answer again."
    ]
    assert [path for path, _ in prompter.asked[4:6]] == [("journey", "rationale")] * 2
    assert saved is not None
    assert read_yaml(saved)["journey"]["rationale"] == "Short enough."

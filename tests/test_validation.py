"""Checking a response's data against the definition: each kind of problem, in plain words."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from ehcjourney import storage
from ehcjourney.definition import Definition
from ehcjourney.validation import CheckResult, check
from responses import response_text

ANSWERS = "use one of strongly_agree, agree, disagree, strongly_disagree, cannot_say"


def edited(old: str, new: str) -> str:
    """The valid response with one piece of text replaced, which must be there."""
    text = response_text()
    assert old in text, f"the case edits {old!r}, which the response does not hold"
    return text.replace(old, new, 1)


def checked(path: Path, definition: Definition) -> CheckResult:
    """Read a file as the commands do and check it."""
    document = storage.read_document(path)
    return check(document.data, definition, document.line_of)


def test_a_complete_response_is_valid(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """A complete response has no problems and comes back as the checked response."""
    result = checked(write_file("response.yaml", response_text()), definition)

    assert result.problems == []
    assert result.valid
    assert result.response is not None
    document = result.response.to_document()
    assert document["completed"] == datetime.date(2026, 11, 20)
    assert document["questionnaire_version"] == 1
    assert document["respondent"] == {"role": "education", "name": "Priya Shah"}
    assert document["top_three"]["strengths"] == ["A trusted forum"]
    assert document["framework"]["local_offer"] == "disagree"


CASES = [
    pytest.param("local_area: Exampleshire\n", "", ["local_area: missing"], id="missing-field"),
    pytest.param(
        "local_area: Exampleshire\n",
        "local_area:\n",
        ["line 3: local_area: missing"],
        id="empty-field",
    ),
    pytest.param(
        "rationale: The board meets monthly.",
        "rationale: ''",
        ["line 10: journey.rationale: missing"],
        id="empty-quoted-text",
    ),
    pytest.param(
        "  rationale: The board meets monthly.\n",
        "",
        ["line 9: journey.rationale: missing"],
        id="missing-nested-field",
    ),
    pytest.param(
        "local_area:",
        "local_aera:",
        [
            "local_area: missing",
            "line 3: local_aera: unknown key; did you mean 'local_area'?",
        ],
        id="unknown-key-with-suggestion",
    ),
    pytest.param(
        "  stage: developing\n",
        "  stage: developing\n  colour: blue\n",
        ["line 10: journey.colour: unknown key; use one of stage, rationale"],
        id="unknown-key-without-suggestion",
    ),
    pytest.param(
        "questionnaire: ehc-partnership-journey\n",
        "draft: false\nquestionnaire: ehc-partnership-journey\n",
        ["line 1: draft: a finished response has no draft key; remove this line"],
        id="draft-false",
    ),
    pytest.param(
        "local_area: Exampleshire",
        "local_area: [North, South]",
        ["line 3: local_area: expected text, found a list"],
        id="wrong-type",
    ),
    pytest.param(
        "rationale: The board meets monthly.",
        "rationale: '   '",
        ["line 10: journey.rationale: must hold text, not only spaces"],
        id="blank-text",
    ),
    pytest.param(
        "local_offer: disagree",
        "local_offer: agreed",
        [
            f"line 25: framework.local_offer: 'agreed' is not an answer; {ANSWERS} "
            "(did you mean 'agree'?)"
        ],
        id="bad-answer-id",
    ),
    pytest.param(
        "stage: developing",
        "stage: advanced",
        [
            "line 9: journey.stage: 'advanced' is not an answer; "
            "use one of starting, developing, maturing, embedding"
        ],
        id="bad-stage-id",
    ),
    pytest.param(
        "role: education",
        "role: teacher",
        [
            "line 5: respondent.role: 'teacher' is not an answer; "
            "use one of education, health, care, parent_carer, other"
        ],
        id="bad-role-id",
    ),
    pytest.param(
        "  local_offer: disagree\n",
        "",
        [f"line 19: framework.local_offer: missing; {ANSWERS}"],
        id="missing-rating",
    ),
    pytest.param(
        "journey:\n  stage: developing\n  rationale: The board meets monthly.\n",
        "",
        ["journey: missing; it needs the keys stage, rationale"],
        id="missing-section-has-no-line",
    ),
    pytest.param(
        "journey:\n  stage: developing\n  rationale: The board meets monthly.\n",
        "journey:\n",
        ["line 8: journey: empty; it needs the keys stage, rationale"],
        id="empty-section-at-its-line",
    ),
    pytest.param(
        "    - A joint panel\n",
        "    - One\n    - Two\n    - Three\n    - Four\n",
        ["line 13: top_three.activities: has 4 entries; give at most 3"],
        id="too-many-entries",
    ),
    pytest.param(
        "    - A joint panel\n",
        "    - A joint panel\n    - ''\n",
        ["line 14: top_three.activities[2]: empty; write the entry or delete this line"],
        id="empty-entry",
    ),
    pytest.param(
        "    - A joint panel\n",
        "    - A joint panel\n    -\n",
        ["line 14: top_three.activities[2]: empty; write the entry or delete this line"],
        id="entry-with-nothing-after-its-dash",
    ),
    pytest.param(
        "    - A joint panel\n",
        "    - A joint panel\n    - '  '\n",
        ["line 14: top_three.activities[2]: must hold text, not only spaces"],
        id="entry-of-spaces",
    ),
    pytest.param(
        "  activities:\n    - A joint panel\n",
        "  activities: []\n",
        ["line 12: top_three.activities: missing; give 1 to 3 entries"],
        id="no-entries",
    ),
    pytest.param(
        "  activities:\n    - A joint panel\n",
        "  activities: A joint panel\n",
        [
            "line 12: top_three.activities: expected a list of 1 to 3 entries, found text; "
            "start each entry on its own line with '- '"
        ],
        id="entries-as-text",
    ),
    pytest.param(
        "completed: 2026-11-20",
        "completed: 20/11/2026",
        ["line 7: completed: '20/11/2026' is not a date; use YYYY-MM-DD"],
        id="date-in-another-format",
    ),
    pytest.param(
        "completed: 2026-11-20",
        "completed: 2026-02-30",
        ["line 7: completed: '2026-02-30' is not a real date"],
        id="date-that-does-not-exist",
    ),
    pytest.param(
        "questionnaire: ehc-partnership-journey",
        "questionnaire: another-form",
        [
            "line 1: questionnaire: 'another-form' is not this questionnaire; "
            "expected 'ehc-partnership-journey'"
        ],
        id="wrong-questionnaire",
    ),
    pytest.param(
        "questionnaire_version: 1",
        "questionnaire_version: 2",
        [
            "line 2: questionnaire_version: version 2 is newer than this tool knows (1); "
            "update ehcjourney or use the definition it was made with (--questions)"
        ],
        id="newer-version",
    ),
    pytest.param(
        "questionnaire_version: 1",
        "questionnaire_version: 0",
        ["line 2: questionnaire_version: version 0 is not supported; 1 is"],
        id="older-version",
    ),
    pytest.param(
        "questionnaire_version: 1",
        "questionnaire_version: one",
        ["line 2: questionnaire_version: 'one' is not a version number; it should be 1"],
        id="version-not-a-number",
    ),
    pytest.param(
        "journey:\n  stage: developing\n  rationale: The board meets monthly.\n",
        "journey: developing\n",
        ["line 8: journey: expected the keys stage, rationale; found 'developing'"],
        id="part-not-a-mapping",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_each_problem_is_named_with_its_field_and_line(
    old: str,
    new: str,
    expected: list[str],
    write_file: Callable[[str, str], Path],
    definition: Definition,
) -> None:
    """A response with one fault gets exactly the problems that name it, in line order."""
    result = checked(write_file("response.yaml", edited(old, new)), definition)

    assert [problem.describe() for problem in result.problems] == expected
    assert result.response is None


WHOLE_FILE_CASES = [
    pytest.param(
        "- questionnaire\n- framework\n",
        ["line 1: expected the keys of a response, found a list"],
        id="a-list",
    ),
    pytest.param(
        "just some words\n",
        ["line 1: expected the keys of a response, found 'just some words'"],
        id="a-sentence",
    ),
    pytest.param(
        "name: Sam\nage: 12\n",
        [
            "line 1: this is not a response: none of its keys (questionnaire, "
            "questionnaire_version, local_area, respondent, completed, journey, top_three, "
            "framework) is here"
        ],
        id="another-kind-of-mapping",
    ),
    pytest.param(
        "", ["the file holds no response (it is empty or only comments)"], id="empty-file"
    ),
    pytest.param(
        "# nothing yet\n",
        ["the file holds no response (it is empty or only comments)"],
        id="only-comments",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WHOLE_FILE_CASES)
def test_a_file_that_is_not_a_response_is_one_problem(
    text: str,
    expected: list[str],
    write_file: Callable[[str, str], Path],
    definition: Definition,
) -> None:
    """Data that is not a response at all is reported once, not field by field."""
    result = checked(write_file("response.yaml", text), definition)

    assert [problem.describe() for problem in result.problems] == expected


def test_json_problems_have_fields_but_no_lines(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """In a JSON file a problem names its field; lines are given for YAML only."""
    response = write_file(
        "response.json",
        """
        {"questionnaire": "ehc-partnership-journey", "questionnaire_version": 1,
         "local_area": "Exampleshire", "completed": "2026-11-20",
         "journey": {"stage": "developing", "rationale": "Monthly board."},
         "top_three": {"activities": ["A"], "strengths": ["B"], "development_areas": ["C", ""]},
         "framework": {"vision_and_strategy": "agree", "data_and_intelligence": "agree",
           "strategic_governance": "agree", "support_for_individuals": "agree",
           "joined_up_commissioning": "agree", "person_centred_pathways": "agree",
           "local_offer": "agreed", "family_feedback": "agree", "demonstrating_impact": "agree"}}
        """,
    )

    result = checked(response, definition)

    assert [problem.describe() for problem in result.problems] == [
        "top_three.development_areas[2]: empty; write the entry or delete this line",
        f"framework.local_offer: 'agreed' is not an answer; {ANSWERS} (did you mean 'agree'?)",
    ]


def test_the_respondent_is_optional_and_blank_answers_count_as_not_given(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """A respondent with a blank role and a name of only spaces is a valid response without one."""
    text = edited("  role: education\n  name: Priya Shah\n", "  role: ''\n  name: '   '\n")

    result = checked(write_file("response.yaml", text), definition)

    assert result.problems == []
    assert result.response is not None
    assert "respondent" not in result.response.to_document()


def test_a_draft_is_not_valid_but_has_no_problems_for_unanswered_questions(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """A draft with some answers is unfinished: no problems, and the unanswered ones counted."""
    draft = write_file(
        "draft.yaml",
        """
        draft: true
        questionnaire: ehc-partnership-journey
        questionnaire_version: 1
        local_area: Exampleshire
        journey:
          stage: developing
        """,
    )

    result = checked(draft, definition)

    assert result.is_draft
    assert result.problems == []
    assert not result.valid
    # completed, rationale, three tables and nine ratings
    assert result.unanswered == 14


def test_a_wrong_answer_in_a_draft_is_still_a_problem(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """Unanswered questions are allowed in a draft, but an answer given must be a real one."""
    draft = write_file(
        "draft.yaml",
        """
        draft: true
        questionnaire: ehc-partnership-journey
        questionnaire_version: 1
        journey:
          stage: advanced
        """,
    )

    result = checked(draft, definition)

    assert result.is_draft
    assert [problem.describe() for problem in result.problems] == [
        "line 5: journey.stage: 'advanced' is not an answer; "
        "use one of starting, developing, maturing, embedding"
    ]


@pytest.mark.parametrize(
    ("extra", "summary"),
    [
        pytest.param(21, "and 1 more unknown key, not listed one by one", id="one-more"),
        pytest.param(2_000, "and 1,980 more unknown keys, not listed one by one", id="many-more"),
    ],
)
def test_unknown_keys_are_listed_up_to_twenty_then_counted(
    extra: int, summary: str, write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """Past 20 unknown keys in one mapping, the rest are one problem on the first one's line."""
    keys = [f"extra_{number}" for number in range(1, extra + 1)]
    text = response_text() + "".join(f"{key}: x\n" for key in keys)
    first_extra_line = len(response_text().splitlines()) + 1
    allowed = (
        "questionnaire, questionnaire_version, local_area, respondent, completed, journey, "
        "top_three, framework, draft"
    )

    result = checked(write_file("response.yaml", text), definition)

    listed = [
        f"line {first_extra_line + index}: {key}: unknown key; use one of {allowed}"
        for index, key in enumerate(keys[:20])
    ]
    assert [problem.describe() for problem in result.problems] == [
        *listed,
        f"line {first_extra_line + 20}: {summary}",
    ]


def test_unknown_keys_in_a_part_are_counted_under_its_name(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """The count of unknown keys past the first 20 names the part that holds them."""
    extras = "".join(f"  note_{number}: x\n" for number in range(1, 24))
    text = edited("  rationale: The board meets monthly.\n", f"  rationale: Monthly.\n{extras}")

    result = checked(write_file("response.yaml", text), definition)

    described = [problem.describe() for problem in result.problems]
    assert len(described) == 21
    assert described[0] == "line 11: journey.note_1: unknown key; use one of stage, rationale"
    assert described[-1] == "line 31: journey: and 3 more unknown keys, not listed one by one"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("Strongly agree", "strongly_agree"), ("cannot-say", "cannot_say"), ("agred", "agree")],
    ids=["label-typed-by-hand", "hyphens-for-underscores", "misspelt"],
)
def test_an_answer_written_as_its_label_or_misspelt_suggests_the_id(
    write_file: Callable[[str, str], Path], definition: Definition, typed: str, suggested: str
) -> None:
    """A label or near miss where an id belongs is met with the id it most likely means."""
    path = write_file("response.yaml", edited("local_offer: disagree", f"local_offer: {typed}"))

    (problem,) = checked(path, definition).problems

    assert problem.message.endswith(f"(did you mean '{suggested}'?)")


def test_a_json_one_is_not_taken_for_the_draft_marker(
    write_file: Callable[[str, str], Path], definition: Definition
) -> None:
    """Only true marks a draft: `"draft": 1` is a stray key, not the marker."""
    path = write_file("response.json", '{"draft": 1, "questionnaire": "ehc-partnership-journey"}')

    result = checked(path, definition)

    assert not result.is_draft
    assert "draft: a finished response has no draft key; remove this line" in [
        problem.describe() for problem in result.problems
    ]

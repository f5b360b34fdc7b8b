"""The questionnaire definition: the YAML that says what is asked, accepted and shown."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from ehcjourney import storage
from ehcjourney.errors import CannotRunError, DefinitionError
from ehcjourney.problems import Location, Problem, describe_value, field_name

DEFAULT_DEFINITION = "ehc-partnership-journey.yaml"
CUSTOM_DEFINITION_HINT = "Correct it, or leave out --questions to use the definition built in."

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer that can be chosen: an id for files and a label for people."""

    id: Id
    label: Text


class Stage(Option):
    """A stage of the journey, with the description that tells the stages apart."""

    description: Text


class Table(_Strict):
    """A "top three" table: up to three entries in order of importance."""

    id: Id
    label: Text
    question: Text


class Characteristic(_Strict):
    """A characteristic of good partnership working, rated on the framework's scale."""

    id: Id
    label: Text
    statement: Text

    @field_validator("statement")
    @classmethod
    def _label_is_in_statement(cls, statement: str, info: ValidationInfo) -> str:
        label = info.data.get("label")
        if label is not None and label not in statement:
            raise ValueError(
                f"the label {label!r} is not in the statement; the label must be the words "
                "of the statement that the form underlines, copied exactly"
            )
        return statement


class Theme(_Strict):
    """A theme of the framework and the characteristics grouped under it."""

    id: Id
    heading: Text
    characteristics: list[Characteristic] = Field(min_length=1)


class LocalArea(_Strict):
    """How the local area's name is asked for."""

    prompt: Text


class RespondentSection(_Strict):
    """The optional questions about who is answering."""

    role_prompt: Text
    name_prompt: Text
    roles: list[Option] = Field(min_length=1)


class JourneySection(_Strict):
    """Part 1: which stage of the journey the area is at, and why."""

    title: Text
    introduction: Text
    stage_heading: Text
    stage_question: Text
    stages: list[Stage] = Field(min_length=2)
    rationale_question: Text


class TopThreeSection(_Strict):
    """Part 2: the "top three" tables."""

    title: Text
    introduction: Text
    tables: list[Table] = Field(min_length=1)


class FrameworkSection(_Strict):
    """Part 3: the characteristics, grouped in themes, each rated on one scale."""

    title: Text
    introduction: Text
    theme_heading: Text
    characteristic_heading: Text
    answers: list[Option] = Field(min_length=2)
    themes: list[Theme] = Field(min_length=1)

    @property
    def characteristics(self) -> Iterator[tuple[Theme, Characteristic]]:
        """Each characteristic with its theme, in the order of the form."""
        for theme in self.themes:
            for characteristic in theme.characteristics:
                yield theme, characteristic


class Definition(_Strict):
    """A whole questionnaire: the three parts and what frames them."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]
    version: int = Field(ge=1, le=99999)  # responses hold it as up to five digits
    title: Text
    duration: Text
    local_area: LocalArea
    respondent: RespondentSection
    journey: JourneySection
    top_three: TopThreeSection
    framework: FrameworkSection

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Definition:
        # The location travels in the error's context so the message can name the line.
        for group, located_ids in self._id_groups().items():
            seen: set[str] = set()
            for location, id_ in located_ids:
                if id_ in seen:
                    raise PydanticCustomError(
                        "duplicate_id",
                        "the id '{id}' is used more than once in {group}; give each its own id",
                        {"id": id_, "group": group, "location": location},
                    )
                seen.add(id_)
        return self

    def _id_groups(self) -> dict[str, list[tuple[Location, str]]]:
        framework = self.framework
        characteristics: list[tuple[Location, str]] = [
            (("framework", "themes", t, "characteristics", c, "id"), characteristic.id)
            for t, theme in enumerate(framework.themes)
            for c, characteristic in enumerate(theme.characteristics)
        ]
        return {
            "respondent.roles": _located(("respondent", "roles"), self.respondent.roles),
            "journey.stages": _located(("journey", "stages"), self.journey.stages),
            "top_three.tables": _located(("top_three", "tables"), self.top_three.tables),
            "framework.answers": _located(("framework", "answers"), framework.answers),
            "framework.themes": _located(("framework", "themes"), framework.themes),
            "the framework's characteristics": characteristics,
        }

    @property
    def characteristic_count(self) -> int:
        """How many characteristics the framework rates."""
        return sum(len(theme.characteristics) for theme in self.framework.themes)


def default_definition_path() -> Path:
    """Return the definition shipped with the tool, from the wheel or from a source checkout."""
    packaged = resources.files("ehcjourney") / "questions" / DEFAULT_DEFINITION
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "questions" / DEFAULT_DEFINITION


def _located(
    location: Location, items: Sequence[Option | Table | Theme]
) -> list[tuple[Location, str]]:
    return [((*location, index, "id"), item.id) for index, item in enumerate(items)]


def load_definition(path: Path | None = None) -> Definition:
    """Read and check a definition file; raise DefinitionError naming each problem's place."""
    hint = None if path is None else CUSTOM_DEFINITION_HINT
    path = path or default_definition_path()
    try:
        document = storage.read_document(path)
    except (CannotRunError, storage.UnreadableFileError) as error:
        raise DefinitionError(f"The questionnaire definition {error.message}", hint) from None

    try:
        return Definition.model_validate(document.data)
    except ValidationError as error:
        problems = [_describe(document, detail) for detail in error.errors()]
        listing = "\n".join(f"  {problem.describe()}" for problem in problems)
        raise DefinitionError(
            f"The questionnaire definition {path} cannot be used:\n{listing}", hint
        ) from None


def _describe(document: storage.Document, detail: ErrorDetails) -> Problem:
    context = detail.get("ctx", {})
    location = tuple(context.get("location", detail["loc"]))
    return Problem(
        _message(detail["type"], detail["input"], context, detail["msg"]),
        field=field_name(location),
        line=document.line_of(location),
    )


def _message(kind: str, found: Any, context: dict[str, Any], original: str) -> str:
    """Say what pydantic found wrong in plain words, with the value found where it helps."""
    messages = {
        "missing": "missing",
        "extra_forbidden": "unknown key; remove it or check its spelling",
        "string_type": f"expected text, found {describe_value(found)}",
        "string_too_short": "must hold text, not only spaces",
        "string_pattern_mismatch": (
            f"{describe_value(found)} cannot be an id; use lower-case letters, digits and _ "
            "(and - in the questionnaire's id), starting with a letter"
        ),
        "too_short": _at_least(context.get("min_length")),
        "list_type": f"expected a list, found {describe_value(found)}",
        "model_type": f"expected a set of keys, found {describe_value(found)}",
        "int_parsing": f"expected a whole number, found {describe_value(found)}",
        "int_type": f"expected a whole number, found {describe_value(found)}",
        "greater_than_equal": f"must be {context.get('ge')} or more",
    }
    return messages.get(kind, original.removeprefix("Value error, "))


def _at_least(count: object) -> str:
    return "needs at least one entry" if count == 1 else f"needs at least {count} entries"

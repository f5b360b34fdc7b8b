"""The questionnaire definition: the YAML that says what is asked, accepted and shown."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ehcjourney import storage
from ehcjourney.errors import DefinitionError
from ehcjourney.problems import Problem

DEFAULT_DEFINITION = "ehc-partnership-journey.yaml"

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

    @model_validator(mode="after")
    def _label_is_in_statement(self) -> Characteristic:
        if self.label not in self.statement:
            raise ValueError(f"the label '{self.label}' does not appear in the statement")
        return self


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
    version: int = Field(ge=1)
    title: Text
    duration: Text
    local_area: LocalArea
    respondent: RespondentSection
    journey: JourneySection
    top_three: TopThreeSection
    framework: FrameworkSection

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Definition:
        for where, ids in self._id_groups().items():
            repeated = sorted(key for key, count in Counter(ids).items() if count > 1)
            if repeated:
                raise ValueError(f"{where}: the id '{repeated[0]}' is used more than once")
        return self

    def _id_groups(self) -> dict[str, list[str]]:
        return {
            "respondent.roles": [role.id for role in self.respondent.roles],
            "journey.stages": [stage.id for stage in self.journey.stages],
            "top_three.tables": [table.id for table in self.top_three.tables],
            "framework.answers": [answer.id for answer in self.framework.answers],
            "framework.themes": [theme.id for theme in self.framework.themes],
            "framework characteristics": [c.id for _, c in self.framework.characteristics],
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


def load_definition(path: Path | None = None) -> Definition:
    """Read and check a definition file; raise DefinitionError naming each problem's place."""
    path = path or default_definition_path()
    try:
        document = storage.read_document(path)
    except storage.UnreadableFileError as error:
        raise DefinitionError(f"The questionnaire definition {error}") from None

    try:
        return Definition.model_validate(document.data)
    except ValidationError as error:
        problems = [_describe(document, detail) for detail in error.errors()]
        listing = "\n".join(f"  {problem.describe()}" for problem in problems)
        raise DefinitionError(
            f"The questionnaire definition {path} cannot be used:\n{listing}"
        ) from None


def _describe(document: storage.Document, detail: object) -> Problem:
    assert isinstance(detail, dict)
    location = tuple(detail["loc"])
    field = ".".join(str(step) if isinstance(step, str) else f"[{step}]" for step in location)
    field = re.sub(r"\.\[", "[", field)
    message = str(detail["msg"]).removeprefix("Value error, ")
    if detail["type"] == "extra_forbidden":
        message = "unknown key; remove it or check its spelling"
    elif detail["type"] == "missing":
        message = "missing"
    return Problem(message, field=field or None, line=document.line_of(location))

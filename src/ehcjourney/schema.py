"""The JSON Schema of a response, so editors can offer completion and other tools can check.

The schema says what `validate` accepts, as far as JSON Schema can. Each part of `validate`
is mirrored here: text must hold more than spaces, the optional respondent may be left empty,
ids come from the definition, and a version may be written as text, since the YAML files
here are read with every plain word as text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ehcjourney.definition import Definition, Option, Stage
from ehcjourney.validation import TOP_THREE_MAX

DRAFT = "https://json-schema.org/draft/2020-12/schema"
Schema = dict[str, Any]

# Text that holds something other than spaces (ECMAScript syntax, as JSON Schema uses).
_NOT_BLANK = r"\S"
_BLANK = r"^\s*$"


def response_schema(definition: Definition) -> Schema:
    """Return the JSON Schema (draft 2020-12) of a complete response to `definition`."""
    properties: Schema = {
        "questionnaire": {
            "title": "Questionnaire",
            "description": "The id of the questionnaire this response answers.",
            "const": definition.id,
        },
        "questionnaire_version": {
            "title": "Questionnaire version",
            "description": "The version of the questionnaire this response answers.",
            "enum": [definition.version, str(definition.version)],
        },
        "local_area": _text(definition.local_area.prompt),
        "respondent": _respondent(definition),
        "completed": {
            "title": "Completed",
            "description": "The date the form was completed, as YYYY-MM-DD.",
            "type": "string",
            "format": "date",
        },
        "journey": _journey(definition),
        "top_three": _top_three(definition),
        "framework": _framework(definition),
    }
    return {
        "$schema": DRAFT,
        "title": definition.title,
        "description": f"A response to {definition.id}, version {definition.version}.",
        **_object(properties, optional=("respondent",)),
    }


def schema_text(definition: Definition) -> str:
    """Return the schema as JSON text, escaped to ASCII so it prints safely anywhere."""
    return json.dumps(response_schema(definition), indent=2) + "\n"


def _object(properties: Schema, optional: Sequence[str] = ()) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": [key for key in properties if key not in optional],
        "additionalProperties": False,
    }


# Shortcoming: validate reads every plain YAML word as text, but the tools that use this schema
# read YAML their own way, where `local_area: 2019` is a number and `true` a boolean: the schema
# then rejects an answer validate accepts. Quoting such an answer satisfies both.
def _text(title: str, description: str | None = None) -> Schema:
    described = {"description": description} if description else {}
    return {"title": title, **described, "type": "string", "pattern": _NOT_BLANK}


def _choice(title: str, options: Sequence[Option], description: str | None = None) -> Schema:
    described = {"description": description} if description else {}
    return {"title": title, **described, "oneOf": [_option(option) for option in options]}


def _option(option: Option) -> Schema:
    described = {"description": option.description} if isinstance(option, Stage) else {}
    return {"const": option.id, "title": option.label, **described}


def _left_empty(schema: Schema) -> Schema:
    """Allow an optional answer to be left out, empty, or only spaces, as `validate` does."""
    return {
        "title": schema["title"],
        "anyOf": [{"type": "null"}, {"type": "string", "pattern": _BLANK}, schema],
    }


def _respondent(definition: Definition) -> Schema:
    section = definition.respondent
    properties = {
        "role": _left_empty(_choice(section.role_prompt, section.roles)),
        "name": {"title": section.name_prompt, "type": ["string", "null"]},
    }
    who = {"title": "Respondent", **_object(properties, optional=tuple(properties))}
    # Unlike its answers, the respondent itself may be left empty but not only spaces.
    return {"title": "Respondent", "anyOf": [{"type": "null"}, {"const": ""}, who]}


def _journey(definition: Definition) -> Schema:
    journey = definition.journey
    properties = {
        "stage": _choice(journey.stage_heading, journey.stages, journey.stage_question),
        "rationale": _text("Rationale", journey.rationale_question),
    }
    return {"title": journey.title, "description": journey.introduction, **_object(properties)}


def _top_three(definition: Definition) -> Schema:
    section = definition.top_three
    properties = {
        table.id: {
            "title": table.label[:1].upper() + table.label[1:],
            "description": f"{table.question} Up to {TOP_THREE_MAX}, the most important first.",
            "type": "array",
            "minItems": 1,
            "maxItems": TOP_THREE_MAX,
            "items": {"type": "string", "pattern": _NOT_BLANK},
        }
        for table in section.tables
    }
    return {"title": section.title, "description": section.introduction, **_object(properties)}


def _framework(definition: Definition) -> Schema:
    framework = definition.framework
    properties = {
        characteristic.id: _choice(
            characteristic.label[:1].upper() + characteristic.label[1:],
            framework.answers,
            f"{theme.heading} {characteristic.statement}",
        )
        for theme, characteristic in framework.characteristics
    }
    return {
        "title": framework.title,
        "description": framework.introduction,
        **_object(properties),
    }

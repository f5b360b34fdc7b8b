"""A corpus of hostile and broken response files, built on demand inside each test's folder.

Nothing here is committed as a file: each case writes its bytes (50 MB for the largest) into a
temporary folder, so the repository stays small and the corpus cannot go stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ehcjourney.storage import MAX_FILE_BYTES

RESPONSE = """\
questionnaire: ehc-partnership-journey
questionnaire_version: 1
local_area: Exampleshire
respondent:
  role: education
  name: Priya Shah
completed: 2026-11-20
journey:
  stage: developing
  rationale: |
    The board meets monthly.
    It is too early to see impact.
top_three:
  activities:
    - A joint panel
  strengths:
    - A trusted forum
  development_areas:
    - Shared outcomes
framework:
  vision_and_strategy: agree
  data_and_intelligence: disagree
  strategic_governance: agree
  support_for_individuals: agree
  joined_up_commissioning: cannot_say
  person_centred_pathways: disagree
  local_offer: disagree
  family_feedback: strongly_disagree
  demonstrating_impact: disagree
"""
PAYLOAD_FILE = "RAN"  # the file the os.system payload would make, were it ever run


@dataclass(frozen=True)
class Expected:
    """A problem the file must be reported with: its line and field, and words its message has."""

    line: int | None
    field: str | None
    words: str


@dataclass(frozen=True)
class Hostile:
    """One file of the corpus: its name, how to make its bytes, and the problems expected."""

    id: str
    name: str
    make: Callable[[Path], bytes]  # given the folder the file goes in
    problems: tuple[Expected, ...]

    def write(self, folder: Path) -> Path:
        """Write the file into `folder` and return its path."""
        path = folder / self.name
        path.write_bytes(self.make(folder))
        return path


def text(value: str) -> Callable[[Path], bytes]:
    """Make bytes that are this text in UTF-8, wherever the file goes."""
    return lambda _folder: value.encode("utf-8")


def replaced(old: str, new: str) -> Callable[[Path], bytes]:
    """Make the valid response with one piece of it replaced."""
    assert old in RESPONSE
    return text(RESPONSE.replace(old, new, 1))


def nested_yaml(depth: int) -> Callable[[Path], bytes]:
    """Make a response whose local area is a list nested `depth` levels deep."""
    return text(
        RESPONSE.replace("local_area: Exampleshire", "local_area: " + "[" * depth + "]" * depth)
    )


def nested_json(depth: int) -> Callable[[Path], bytes]:
    """Make a JSON document nested `depth` levels deep."""
    return text('{"local_area": ' + "[" * depth + "]" * depth + "}")


def fifty_megabytes(_folder: Path) -> bytes:
    """Make a 50 MB file that starts like a response."""
    return RESPONSE.encode("utf-8") + b"# padding\n" * 5_000_000


def largest_allowed(_folder: Path) -> bytes:
    """Make the costliest file to read under the size limit: one flow list of one-letter words."""
    head = "questionnaire: ehc-partnership-journey\nlocal_area: ["
    count = (MAX_FILE_BYTES - len(head) - len("a]\n")) // len("a,")
    return (head + "a," * count + "a]\n").encode("utf-8")


def billion_laughs(_folder: Path) -> bytes:
    """Make the classic alias bomb: ten levels, each ten aliases of the one before."""
    lines = ['a0: &a0 "lol"']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    return ("\n".join(lines) + "\nlocal_area: *a9\n").encode("utf-8")


def os_system(folder: Path) -> bytes:
    """Make a file whose tag, read by an unsafe loader, would run a command making a file."""
    command = f"touch {folder / PAYLOAD_FILE}"
    return f'local_area: !!python/object/apply:os.system ["{command}"]\n'.encode()


REPLACED_RATIONALE = (
    "  rationale: |\n    The board meets monthly.\n    It is too early to see impact."
)
WRONG_TYPE = (
    '{"questionnaire": "ehc-partnership-journey", "questionnaire_version": 1, "local_area": 4}'
)

CORPUS = [
    Hostile(
        "malformed-yaml",
        "broken.yaml",
        replaced("stage: developing", "stage: [developing"),
        (Expected(10, None, "not valid YAML"),),
    ),
    Hostile("empty", "empty.yaml", text(""), (Expected(None, None, "empty"),)),
    Hostile(
        "only-comments",
        "comments.yaml",
        text("# nothing here\n# at all\n"),
        (Expected(None, None, "empty"),),
    ),
    Hostile(
        "several-documents",
        "several.yaml",
        text(RESPONSE + "---\n" + RESPONSE),
        (Expected(30, None, "more than one YAML document"),),
    ),
    Hostile(
        "duplicate-key",
        "twice.yaml",
        replaced("local_area: Exampleshire\n", "local_area: Exampleshire\nlocal_area: Other\n"),
        (Expected(4, None, "'local_area' is given twice (first on line 3)"),),
    ),
    Hostile(
        "wrong-type",
        "number.json",
        text(WRONG_TYPE),
        (Expected(None, "local_area", "expected text, found a number"),),
    ),
    Hostile(
        "unknown-id",
        "stage.yaml",
        replaced("stage: developing", "stage: sideways"),
        (Expected(9, "journey.stage", "'sideways'"),),
    ),
    Hostile(
        "missing-section",
        "part.yaml",
        text(RESPONSE.split("framework:")[0]),
        (Expected(None, "framework", "missing; it needs the keys"),),
    ),
    Hostile(
        "extra-key",
        "extra.yaml",
        replaced("local_area: Exampleshire", "local_area: Exampleshire\nlocal_araa: typo"),
        (Expected(4, "local_araa", "local_area"),),
    ),
    Hostile(
        "list-for-text",
        "list.yaml",
        replaced(REPLACED_RATIONALE, "  rationale:\n    - The board meets monthly."),
        (Expected(11, "journey.rationale", "text"),),
    ),
    Hostile("alias-bomb", "laughs.yaml", billion_laughs, (Expected(10, None, "aliases"),)),
    Hostile("deep-yaml", "deep.yaml", nested_yaml(5000), (Expected(3, None, "nesting depth"),)),
    Hostile(
        "deep-json",
        "deep.json",
        nested_json(100_000),
        (Expected(None, None, "nested far too deeply"),),
    ),
    Hostile(
        "fifty-megabytes",
        "huge.yaml",
        fifty_megabytes,
        (Expected(None, None, "larger than 250 KB"),),
    ),
    Hostile(
        "largest-allowed",
        "long-list.yaml",
        largest_allowed,
        (Expected(2, "local_area", "expected text, found a list"),),
    ),
    Hostile(
        "binary",
        "binary.yaml",
        lambda _folder: bytes(range(256)) * 4,
        (Expected(1, None, "binary data (a zero byte at byte 1)"),),
    ),
    Hostile(
        "not-utf-8",
        "latin1.yaml",
        lambda _folder: RESPONSE.replace("Priya Shah", "Zoë Brontë").encode("latin-1"),
        (Expected(6, None, "not UTF-8 text (byte 0xeb)"),),
    ),
    Hostile(
        "json-trailing-comma",
        "comma.json",
        text('{"questionnaire": "ehc-partnership-journey",\n  "local_area": "x",\n}'),
        (Expected(3, None, "not valid JSON"),),
    ),
    Hostile(
        "newer-version",
        "newer.yaml",
        replaced("questionnaire_version: 1", "questionnaire_version: 2"),
        (Expected(2, "questionnaire_version", "newer"),),
    ),
    Hostile(
        "other-questionnaire",
        "other.yaml",
        replaced("questionnaire: ehc-partnership-journey", "questionnaire: another-form"),
        (Expected(1, "questionnaire", "'another-form'"),),
    ),
    Hostile(
        "python-tag",
        "tag.yaml",
        os_system,
        (Expected(1, None, "!!python/object/apply:os.system"),),
    ),
    Hostile(
        "control-character",
        "bell.yaml",
        replaced("Priya Shah", "Priya\x07Shah"),
        (Expected(6, None, "control character (U+0007)"),),
    ),
    Hostile(
        "json-lone-surrogate",
        "half.json",
        text('{"local_area": "\\ud800"}'),
        (Expected(None, None, "lone surrogate"),),
    ),
    Hostile(
        "json-huge-number",
        "digits.json",
        text('{"questionnaire_version": ' + "9" * 5000 + "}"),
        (Expected(None, None, "number far too long"),),
    ),
]

# Files that look odd but are valid, and must load as the response they hold.
VALID = [
    Hostile(
        "utf-8-with-bom",
        "bom.yaml",
        lambda _folder: b"\xef\xbb\xbf" + RESPONSE.encode("utf-8"),
        (),
    ),
    Hostile(
        "windows-line-ends",
        "crlf.yaml",
        lambda _folder: RESPONSE.replace("\n", "\r\n").encode("utf-8"),
        (),
    ),
]

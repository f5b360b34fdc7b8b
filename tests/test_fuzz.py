"""Random bytes and random damage to a valid response: reported as problems, never a crash."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from ehcjourney.batch import check_file
from ehcjourney.definition import Definition
from ehcjourney.render import render_response
from hostile import RESPONSE
from hypothesis_profile import PROFILE

# A generous bound on each example: reading and checking a file takes about a millisecond, so
# this fails only on a hang or a runaway, never on a slow machine.
NO_HANG = timedelta(seconds=5)
JSON_RESPONSE = json.dumps(yaml.safe_load(RESPONSE), default=str, indent=2)
# Pieces of YAML and JSON syntax, and characters that have tripped parsers before.
SYNTAX = [
    *(": ", "- ", "? ", "&a ", "*a", "!!str ", "!!int ", "!foo ", "<<: ", "%YAML 1.1\n"),
    *("{", "}", "[", "]", ",", "'", '"', "|", ">", "#", "---\n", "...\n", "\t", "\n", "  "),
    *("\x00", "\x07", "\x1b[31m", "\ufeff", "\u2028", "\x85", "\ud7ff", "🙂", "\\u0000"),
    *("null", "true", "1e999", "9" * 400, "2026-02-30", "~", "[[[[[[[[", "{{{{{{{{"),
]


@st.composite
def damaged(draw: st.DrawFn, original: str) -> str:
    """The original text with a few random cuts, insertions, repeats and swaps."""
    text = original
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        kind = draw(st.sampled_from(["cut", "insert", "replace", "repeat", "swap-lines"]))
        if kind == "cut":
            text = text[:start] + text[end:]
        elif kind == "insert":
            piece = draw(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=8)))
            text = text[:start] + piece + text[start:]
        elif kind == "replace":
            text = text[:start] + draw(st.sampled_from(SYNTAX)) + text[end:]
        elif kind == "repeat":
            text = text[:end] + text[start:end] * draw(st.integers(1, 50)) + text[end:]
        else:
            lines = text.splitlines(keepends=True)
            first, second = (
                draw(st.integers(0, len(lines) - 1)),
                draw(st.integers(0, len(lines) - 1)),
            )
            lines[first], lines[second] = lines[second], lines[first]
            text = "".join(lines)
    return text


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the files these properties write, made once."""
    return tmp_path_factory.mktemp("fuzz")


def survives(path: Path, definition: Definition) -> None:
    """Check a file and show it if it is valid: every problem one line, nothing raised."""
    report = check_file(path, definition)

    assert all("\n" not in problem.describe() for problem in report.problems)
    if report.response is not None:
        console = Console(file=io.StringIO(), width=80, color_system=None)
        console.print(render_response(report.response, definition))
        assert "Local area" in console.file.getvalue()  # type: ignore[attr-defined]


@settings(PROFILE, max_examples=800, deadline=NO_HANG)
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".yaml", ".json"]))
def test_random_bytes_are_reported_never_raised(
    folder: Path, definition: Definition, content: bytes, suffix: str
) -> None:
    """Any bytes at all, named as YAML or JSON, are checked without an exception escaping."""
    path = folder / f"random{suffix}"
    path.write_bytes(content)

    survives(path, definition)


@settings(PROFILE, max_examples=1200, deadline=NO_HANG)
@given(
    named=st.one_of(
        damaged(RESPONSE).map(lambda text: ("damaged.yaml", text)),
        damaged(JSON_RESPONSE).map(lambda text: ("damaged.json", text)),
    )
)
def test_damaged_responses_are_reported_never_raised(
    folder: Path, definition: Definition, named: tuple[str, str]
) -> None:
    """A valid response, YAML or JSON, damaged at random, is checked and shown without raising."""
    name, text = named
    path = folder / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))

    survives(path, definition)


def test_the_commands_survive_damaged_files(tmp_path: Path) -> None:
    """`validate` and `show` on damaged files end with status 0 or 1 and no traceback."""
    chance = random.Random(20261203)
    paths = []
    for number in range(4):
        text = RESPONSE
        for _ in range(3):
            at = chance.randrange(len(text))
            text = text[:at] + chance.choice(SYNTAX) + text[at + chance.randrange(20) :]
        paths.append(tmp_path / f"damaged-{number}.yaml")
        paths[-1].write_text(text, encoding="utf-8", errors="surrogatepass")
    paths.append(tmp_path / "noise.yaml")
    paths[-1].write_bytes(chance.randbytes(2000))

    runs = [ehcjourney("validate", *map(str, paths))]
    runs += [ehcjourney("show", str(path)) for path in paths]

    for run in runs:
        assert run.returncode in (0, 1), run.stderr
        assert "Traceback" not in run.stdout + run.stderr
    assert all(str(path) in runs[0].stdout for path in paths)


def ehcjourney(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command with a time limit, capturing what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "ehcjourney", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )

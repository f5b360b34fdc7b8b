"""How fast `ehcjourney validate` is, beside the floor and a peer, from one run.

    .venv/bin/python benchmarks/validate_speed.py            # 10,000 files; about two minutes
    .venv/bin/python benchmarks/validate_speed.py --files 2000 --skip-peer

It writes N synthetic responses (about one in five invalid in one of several ways, two thirds
YAML and a third JSON, in nested folders) to a temporary folder, then times, each as its own
process and the best of --repeat runs:

- `ehcjourney validate` on them, for people (text) and for scripts (--format json);
- the floor: the same files only read and parsed, by PyYAML's C loader and `json`, in one
  Python process; no tool that checks them can be faster;
- a peer: `check-jsonschema` with the schema from `ehcjourney schema` (run once: it is slow);
- the peak memory of `validate` on --small files and on all of them;
- start-up: `ehcjourney --version` beside `python -c "import typer"`.

This is a script, not a test: timings depend on the machine, so it prints figures and ratios
and judges nothing. The targets are in the README's "Speed" section.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ehcjourney import yamlfile
from ehcjourney.definition import Definition, load_definition

BIN = Path(sys.executable).parent
WORDS = [
    *("joint", "commissioning", "panel", "parent", "carer", "forum", "strategy", "health"),
    *("education", "care", "social", "schools", "families", "outcomes", "data", "dashboard"),
    *("therapy", "speech", "language", "pathway", "local", "offer", "board", "leaders"),
    *("funding", "support", "needs", "assessment", "review", "training", "shared", "agreed"),
]

# Read and parse every response file under a folder, as fast as Python can, and nothing more.
FLOOR = """
import json, os, sys, yaml
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as stream:
            text = stream.read()
        if name.endswith(".json"):
            json.loads(text)
        else:
            try:
                yaml.load(text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                pass
"""


@dataclass(frozen=True)
class Run:
    """One process run: how long it took and the most memory it held."""

    seconds: float
    peak_mb: float
    status: int


def main() -> None:
    """Generate the responses, run every measurement and print the table."""
    options = _arguments()
    definition = load_definition()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="ehcjourney-bench-"))
    try:
        small = _corpus(folder / "small", options.small, definition)
        large = _corpus(folder / "large", options.files, definition)
        schema = folder / "schema.json"
        with schema.open("w", encoding="utf-8") as stream:
            subprocess.run([_tool("ehcjourney"), "schema"], stdout=stream, check=True)
        _report(options, small, large, schema)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="responses in the large run")
    parser.add_argument("--small", type=int, default=1_000, help="responses in the small run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; best kept")
    parser.add_argument("--skip-peer", action="store_true", help="do not run check-jsonschema")
    parser.add_argument("--keep", metavar="FOLDER", help="write the responses here and keep them")
    return parser.parse_args()


def _report(options: argparse.Namespace, small: Path, large: Path, schema: Path) -> None:
    validate = [_tool("ehcjourney"), "validate"]
    n = f"N={options.files:,}"
    text = _best(options.repeat, [*validate, str(large)])
    as_json = _best(options.repeat, [*validate, "--format", "json", str(large)])
    floor = _best(options.repeat, [sys.executable, "-c", FLOOR, str(large)])
    memory_small = _best(1, [*validate, str(small)])
    version = _median_of(20, [_tool("ehcjourney"), "--version"])
    typer_import = _median_of(20, [sys.executable, "-c", "import typer"])

    invalid = options.files // 5
    print(f"\nehcjourney validate, {n} ({invalid:,} invalid), best of {options.repeat}")
    _row("floor: read + parse only (C loader, json)", floor.seconds, "1.00x floor")
    _row("validate (text output)", text.seconds, f"{text.seconds / floor.seconds:.2f}x floor")
    _row("validate --format json", as_json.seconds, f"{as_json.seconds / floor.seconds:.2f}x floor")
    if not options.skip_peer:
        peer = _peer(large, schema)
        _row(
            "peer: check-jsonschema --schemafile",
            peer.seconds,
            f"validate is {peer.seconds / text.seconds:.1f}x faster",
        )

    print("\npeak memory of validate")
    _row(f"N={options.small:,}", memory_small.peak_mb, "", unit="MB")
    _row(n, text.peak_mb, f"{text.peak_mb / memory_small.peak_mb:.2f}x the small run", unit="MB")

    print("\nstart-up, median of 20")
    _row('python -c "import typer"', typer_import, "1.00x")
    _row("ehcjourney --version", version, f"{version / typer_import:.2f}x import typer")


def _row(label: str, value: float, ratio: str, unit: str = "s") -> None:
    shown = f"{value:8.3f} s" if unit == "s" else f"{value:8.1f} MB"
    print(f"  {label:<44}{shown}   {ratio}")


def _tool(name: str) -> str:
    found = BIN / name
    if not found.exists():
        sys.exit(f"{found} is not there; install the project with: pip install -e '.[test]'")
    return str(found)


def _best(repeat: int, command: Sequence[str]) -> Run:
    runs = [_run(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run.seconds)


def _median_of(repeat: int, command: Sequence[str]) -> float:
    return statistics.median(_run(command).seconds for _ in range(repeat))


def _run(command: Sequence[str]) -> Run:
    """Run a command with its output going nowhere, as when a script pipes it on."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    # wait4 gives this one child's resource use, where getrusage would pool all children.
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode)


def _peer(folder: Path, schema: Path) -> Run:
    files = sorted(str(path) for path in folder.rglob("*") if path.is_file())
    return _run([_tool("check-jsonschema"), "--schemafile", str(schema), *files])


def _corpus(folder: Path, count: int, definition: Definition) -> Path:
    """Write `count` responses under nested folders; about one in five is invalid."""
    chooser = random.Random(count)
    faults = _faults(definition)
    for number in range(count):
        response = _response(definition, chooser, number)
        fault = faults[number % len(faults)] if number % 5 == 4 else None
        if fault is not None:
            fault(response)
        place = folder / f"region-{number % 9}" / f"authority-{number % 97:03d}"
        place.mkdir(parents=True, exist_ok=True)
        _write(place, number, response, broken=fault is faults[0])
    return folder


def _write(place: Path, number: int, response: dict[str, Any], *, broken: bool) -> None:
    if number % 3 == 2:
        text = json.dumps(response, indent=2, ensure_ascii=False)
        text = text[: len(text) // 2] if broken else text
        (place / f"response-{number}.json").write_text(text, encoding="utf-8")
        return
    text = yamlfile.dump(response)
    if broken:
        text = text.replace("journey:\n", "journey:\n stage: [\n", 1)
    suffix = ".yml" if number % 10 == 0 else ".yaml"
    (place / f"response-{number}{suffix}").write_text(text, encoding="utf-8")


def _response(definition: Definition, chooser: random.Random, number: int) -> dict[str, Any]:
    def sentence(words: int) -> str:
        return " ".join(chooser.choice(WORDS) for _ in range(words)).capitalize() + "."

    answers = [answer.id for answer in definition.framework.answers]
    return {
        "questionnaire": definition.id,
        "questionnaire_version": definition.version,
        "local_area": f"Area {number}",
        "respondent": {"role": chooser.choice(definition.respondent.roles).id, "name": "A. Lead"},
        "completed": f"2026-{chooser.randint(1, 12):02d}-{chooser.randint(1, 28):02d}",
        "journey": {
            "stage": chooser.choice(definition.journey.stages).id,
            "rationale": f"{sentence(40)}\n\n{sentence(30)}\n",
        },
        "top_three": {
            table.id: [sentence(12) for _ in range(chooser.randint(1, 3))]
            for table in definition.top_three.tables
        },
        "framework": {
            characteristic.id: chooser.choice(answers)
            for _, characteristic in definition.framework.characteristics
        },
    }


def _faults(definition: Definition) -> list[Callable[[dict[str, Any]], None]]:
    """Ways a response goes wrong; the first breaks the file's syntax once it is written."""
    first = definition.framework.themes[0].characteristics[0].id

    def broken_yaml(response: dict[str, Any]) -> None:
        pass  # the text is broken once written

    def unknown_stage(response: dict[str, Any]) -> None:
        response["journey"]["stage"] = "finished"

    def missing_answer(response: dict[str, Any]) -> None:
        del response["framework"][first]

    def misspelt_key(response: dict[str, Any]) -> None:
        response["top_three"]["activites"] = response["top_three"].pop("activities")

    def too_many_entries(response: dict[str, Any]) -> None:
        response["top_three"]["strengths"] = ["One.", "Two.", "Three.", "Four."]

    def impossible_date(response: dict[str, Any]) -> None:
        response["completed"] = "2026-02-30"

    return [
        broken_yaml,
        unknown_stage,
        missing_answer,
        misspelt_key,
        too_many_entries,
        impossible_date,
    ]


if __name__ == "__main__":
    main()

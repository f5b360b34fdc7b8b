"""How fast `ehcjourney validate` is, beside the floor and a peer, and whether it meets its targets.

    .venv/bin/python benchmarks/validate_speed.py            # 10,000 files; about a minute
    .venv/bin/python benchmarks/validate_speed.py --files 2000 --skip-peer

It writes N synthetic responses (one in five invalid in one of several ways, two thirds YAML
and a third JSON, in nested folders) to a temporary folder, checks that `validate` reports
exactly the invalid ones, then times, each as its own process:

- `ehcjourney validate` on them, for people (text) and for scripts (--format json);
- the floor: the same files only read and parsed, by PyYAML's C loader and `json`, in one
  Python process; no tool that checks them can be faster;
- a peer: `check-jsonschema` with the schema from `ehcjourney schema` (run once: it is slow);
- the peak memory of `validate` on --small files and on all of them;
- start-up: `ehcjourney --version` beside `python -c "import typer"`.

Timed commands take turns, round after round, so that a machine slowing down or speeding up
part-way weighs on all of them alike. The best of --repeat rounds is kept (of 20 for start-up,
whose median is shown too): other work on the machine only ever adds time, so the fastest run
is the one least disturbed. The targets, set for N = 10,000:

- `validate` (either output) takes at most 1.5 times the floor;
- `validate` is at least 10 times faster than the peer;
- the peak memory at N is at most 1.1 times that at --small (memory does not grow with N);
- `ehcjourney --version` takes at most 1.3 times `python -c "import typer"`.

Each figure is printed with its target and whether it is met; the script exits with status 1
if any target is missed, and 2 if a command failed, which makes its timing meaningless.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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

TARGET_FILES = 10_000
FLOOR_RATIO = 1.5
PEER_SPEED_UP = 10.0
MEMORY_GROWTH = 1.1
START_UP_RATIO = 1.3
START_UP_ROUNDS = 20

# Read and parse every response file under a folder, as fast as Python can, and nothing more.
FLOOR = """
import json, os, sys, yaml
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as stream:
            text = stream.read()
        try:
            if name.endswith(".json"):
                json.loads(text)
            else:
                yaml.load(text, Loader=yaml.CSafeLoader)
        except (ValueError, yaml.YAMLError):
            pass
"""

# Exit statuses: 0 when every file is valid, 1 when some are not (as in every corpus here).
FINDS_PROBLEMS = 1
SUCCEEDS = 0


# Runs a command and prints its peak memory (in kilobytes) and exit status. A process started
# by this script would count this script's own memory as its peak, since Linux carries the
# memory a process had when it forked over to it; started from this small launcher, it does
# not.
PEAK = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class Command:
    """A command to time, and the exit status that shows it did its work."""

    label: str
    argv: list[str]
    status: int


@dataclass
class Verdicts:
    """Which targets were met, in the order they were judged."""

    missed: list[str] = field(default_factory=list)

    def judge(self, name: str, value: float, target: float, *, at_least: bool = False) -> str:
        """Record whether `value` meets `target`, and say so in a few words for the table."""
        met = value >= target if at_least else value <= target
        if not met:
            self.missed.append(name)
        bound = "at least" if at_least else "at most"
        return f"target {bound} {target:g}x: {'met' if met else 'NOT MET'}"


def main() -> None:
    """Generate the responses, run every measurement and print the table and the verdicts."""
    options = _arguments()
    definition = load_definition()
    folder = Path(options.keep or tempfile.mkdtemp(prefix="ehcjourney-bench-"))
    try:
        small = _corpus(folder / "small", options.small, definition)
        large = _corpus(folder / "large", options.files, definition)
        schema = folder / "schema.json"
        with schema.open("w", encoding="utf-8") as stream:
            subprocess.run([_tool("ehcjourney"), "schema"], stdout=stream, check=True)
        _check_reports(large, options.files)
        missed = _report(options, small, large, schema)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)

    if missed:
        sys.exit(f"\nTargets NOT met: {', '.join(missed)}.")
    print("\nAll targets met.")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--files", type=int, default=TARGET_FILES, help="responses in the large run"
    )
    parser.add_argument("--small", type=int, default=1_000, help="responses in the small run")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each timing; best kept")
    parser.add_argument("--skip-peer", action="store_true", help="do not run check-jsonschema")
    parser.add_argument("--keep", metavar="FOLDER", help="write the responses here and keep them")
    return parser.parse_args()


def _check_reports(folder: Path, count: int) -> None:
    """Stop unless `validate` reports every file, and exactly the invalid ones as invalid."""
    command = [_tool("ehcjourney"), "validate", "--format", "json", str(folder)]
    output = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    records = [json.loads(line) for line in output.splitlines()]
    invalid = sum(not record["valid"] for record in records)
    if (len(records), invalid) != (count, _invalid_count(count)):
        sys.exit(
            f"validate reported {len(records):,} files, {invalid:,} invalid; expected "
            f"{count:,}, {_invalid_count(count):,} invalid. The timings would mean nothing."
        )


def _invalid_count(count: int) -> int:
    return sum(1 for number in range(count) if _is_faulty(number))


def _report(options: argparse.Namespace, small: Path, large: Path, schema: Path) -> list[str]:
    """Run every measurement, print each with its target, and return the targets missed."""
    verdicts = Verdicts()
    validate = [_tool("ehcjourney"), "validate"]
    text, as_json, floor = _best_of_rounds(
        options.repeat,
        [
            Command("validate", [*validate, str(large)], FINDS_PROBLEMS),
            Command(
                "validate --format json",
                [*validate, "--format", "json", str(large)],
                FINDS_PROBLEMS,
            ),
            Command("floor", [sys.executable, "-c", FLOOR, str(large)], SUCCEEDS),
        ],
    )

    n = f"N={options.files:,}"
    print(f"\nehcjourney validate, {n} ({_invalid_count(options.files):,} invalid), ", end="")
    print(f"best of {options.repeat} rounds")
    if options.files != TARGET_FILES:
        # Start-up weighs more on fewer files, so the ratios here are worse than at the target N.
        print(f"  (the targets are set for N={TARGET_FILES:,}; at another N they are a guide)")
    _row("floor: read + parse only (C loader, json)", floor, "1.00x floor")
    for label, seconds in (("validate (text output)", text), ("validate --format json", as_json)):
        ratio = seconds / floor
        verdict = verdicts.judge(f"{label} vs floor", ratio, FLOOR_RATIO)
        _row(label, seconds, f"{ratio:.2f}x floor; {verdict}")
    if options.skip_peer:
        print("  peer: check-jsonschema not run (--skip-peer); its target is not judged")
    else:
        _report_peer(verdicts, large, schema, text)

    _report_memory(verdicts, options, small, large)
    _report_start_up(verdicts)
    return verdicts.missed


def _report_peer(verdicts: Verdicts, large: Path, schema: Path, text: float) -> None:
    peer = _peer(large, schema)
    speed_up = peer / text
    verdict = verdicts.judge("speed beside the peer", speed_up, PEER_SPEED_UP, at_least=True)
    _row(
        "peer: check-jsonschema --schemafile",
        peer,
        f"validate is {speed_up:.1f}x faster; {verdict}",
    )


def _report_memory(
    verdicts: Verdicts, options: argparse.Namespace, small: Path, large: Path
) -> None:
    validate = [_tool("ehcjourney"), "validate"]
    small_mb = _peak_mb(Command("validate", [*validate, str(small)], FINDS_PROBLEMS))
    large_mb = _peak_mb(Command("validate", [*validate, str(large)], FINDS_PROBLEMS))
    growth = large_mb / small_mb
    verdict = verdicts.judge("memory growth", growth, MEMORY_GROWTH)

    print("\npeak memory of validate")
    _row(f"N={options.small:,}", small_mb, "", unit="MB")
    _row(f"N={options.files:,}", large_mb, f"{growth:.2f}x the small run; {verdict}", "MB")


def _report_start_up(verdicts: Verdicts) -> None:
    commands = [
        Command("import typer", [sys.executable, "-c", "import typer"], SUCCEEDS),
        Command("ehcjourney --version", [_tool("ehcjourney"), "--version"], SUCCEEDS),
    ]
    typer_times, version_times = _rounds(START_UP_ROUNDS, commands)
    ratio = min(version_times) / min(typer_times)
    verdict = verdicts.judge("start-up", ratio, START_UP_RATIO)
    medians = statistics.median(version_times) / statistics.median(typer_times)

    print(f"\nstart-up, best of {START_UP_ROUNDS} rounds")
    _row('python -c "import typer"', min(typer_times), "1.00x")
    _row("ehcjourney --version", min(version_times), f"{ratio:.2f}x import typer; {verdict}")
    print(f"  (the medians: {medians:.2f}x)")


def _row(label: str, value: float, ratio: str, unit: str = "s") -> None:
    shown = f"{value:8.3f} s" if unit == "s" else f"{value:8.1f} MB"
    print(f"  {label:<42}{shown}   {ratio}")


def _tool(name: str) -> str:
    found = BIN / name
    if not found.exists():
        sys.exit(f"{found} is not there; install the project with: pip install -e '.[test]'")
    return str(found)


def _best_of_rounds(rounds: int, commands: Sequence[Command]) -> list[float]:
    """Run the commands in turn, round after round; return each one's fastest time."""
    return [min(times) for times in _rounds(rounds, commands)]


def _rounds(rounds: int, commands: Sequence[Command]) -> list[list[float]]:
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(rounds):
        for command, kept in zip(commands, times, strict=True):
            kept.append(_seconds(command))
    return times


def _seconds(command: Command) -> float:
    """Time a command with its output going nowhere, as when a script pipes it on."""
    started = time.perf_counter()
    finished = subprocess.run(command.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    _expect(command, finished.returncode)
    return seconds


def _peak_mb(command: Command) -> float:
    """Run a command through the launcher and return the most memory it held, in megabytes."""
    launched = [sys.executable, "-c", PEAK, *command.argv]
    report = subprocess.run(launched, capture_output=True, text=True, check=True).stdout
    kilobytes, status = (int(word) for word in report.split())
    _expect(command, status)
    return kilobytes / 1024  # ru_maxrss is in kilobytes on Linux


def _expect(command: Command, status: int) -> None:
    if status != command.status:
        print(f"{command.label} ended with status {status}, not {command.status}", file=sys.stderr)
        sys.exit(2)


def _peer(folder: Path, schema: Path) -> float:
    files = sorted(str(path) for path in folder.rglob("*") if path.is_file())
    command = [_tool("check-jsonschema"), "--schemafile", str(schema), *files]
    return _seconds(Command("check-jsonschema", command, FINDS_PROBLEMS))


def _corpus(folder: Path, count: int, definition: Definition) -> Path:
    """Write `count` responses under nested folders; about one in five is invalid."""
    chooser = random.Random(count)
    faults = _faults(definition)
    for number in range(count):
        response = _response(definition, chooser, number)
        fault = faults[number % len(faults)] if _is_faulty(number) else None
        if fault is not None:
            fault(response)
        place = folder / f"region-{number % 9}" / f"authority-{number % 97:03d}"
        place.mkdir(parents=True, exist_ok=True)
        _write(place, number, response, broken=fault is faults[0])
    return folder


def _is_faulty(number: int) -> bool:
    return number % 5 == 4


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

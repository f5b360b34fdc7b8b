"""A real `fill` killed outright while it saves leaves each file old or new, never cut short."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest

from ehcjourney import storage
from ehcjourney.batch import check_file
from ehcjourney.definition import Definition

KILLS = 8  # each run takes about a second and a half
MOST_KILLS = 30
SLOW_SYNC = 0.3  # seconds each save of the file being watched is made to take
# Loaded by the child Python before anything else: it makes syncing the temporary copy of one
# file slow once it holds the long rationale, so that a kill often lands between the temporary
# file's creation and its rename.
SLOW_SAVES = """\
import os
import time

_sync = os.fsync


def _slow_sync(descriptor):
    try:
        name = os.path.basename(os.readlink(f"/proc/self/fd/{descriptor}"))
    except OSError:
        name = ""
    big = os.fstat(descriptor).st_size > 100_000  # a save that holds the long rationale
    if big and name.startswith(os.environ["EHCJOURNEY_TEST_SLOW_SAVES"]):
        time.sleep(float(os.environ["EHCJOURNEY_TEST_SLOW_SYNC"]))
    _sync(descriptor)


os.fsync = _slow_sync
"""
LINE = "The partnership board meets monthly; the joint strategy is signed off. " * 2
# Long enough that every save after it takes a while, short enough to be a valid response.
RATIONALE = [f"{number:04d} {LINE.strip()}" for number in range(1400)]
TYPED = [
    *("Exampleshire", "1", "Sam Patel", "2"),
    *RATIONALE,
    "",
    *("Joint panel", "", "Parent forum", "", "Shared outcomes", ""),
    *["1"] * 9,
    "1",  # save, on the review screen
]


def watch(stream: IO[str], marker: str, seen: threading.Event) -> None:
    """Read a stream to its end, setting `seen` once a line holding `marker` goes by."""
    for line in stream:
        if marker in line:
            seen.set()


def fill_killed_after(folder: Path, slow: str, marker: str, delay: float) -> None:
    """Run fill on the typed lines, saves of `slow` slowed, and SIGKILL it after `marker`."""
    (folder / "hooks").mkdir()
    (folder / "hooks" / "sitecustomize.py").write_text(SLOW_SAVES, encoding="utf-8")
    environment = {
        **os.environ,
        "COLUMNS": "200",
        "PYTHONPATH": str(folder / "hooks"),
        "EHCJOURNEY_TEST_SLOW_SAVES": f".{slow}.",
        "EHCJOURNEY_TEST_SLOW_SYNC": str(SLOW_SYNC),
    }
    with (folder / "typed.txt").open(encoding="utf-8") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-m", "ehcjourney", "fill", "--output", "out.yaml"],
            cwd=folder,
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
    assert process.stderr is not None
    seen = threading.Event()
    reader = threading.Thread(target=watch, args=(process.stderr, marker, seen), daemon=True)
    reader.start()

    assert seen.wait(timeout=30), f"fill never showed {marker!r}"
    time.sleep(delay)  # the reader thread keeps draining the output meanwhile
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    reader.join(timeout=30)


def is_whole_draft(path: Path) -> bool:
    """Whether a draft reads as YAML and any rationale in it is the whole text typed."""
    data: Any = storage.read_document(path).data
    rationale = data.get("journey", {}).get("rationale")
    return data["draft"] == "true" and rationale in (None, "\n".join(RATIONALE))


def leftovers(folder: Path) -> list[str]:
    """The temporary files a killed save left in a folder."""
    return sorted(path.name for path in folder.glob(".*.tmp"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to slow a save")
@pytest.mark.parametrize(
    ("slow", "marker", "longest_delay"),
    [
        ("out.draft.yaml", "Part 2 of 3", 0.7),
        ("out.yaml", "What next?", 0.5),
    ],
    ids=["while-saving-drafts", "while-saving-the-response"],
)
def test_killed_fill_never_leaves_a_cut_short_file(
    definition: Definition, tmp_path: Path, slow: str, marker: str, longest_delay: float
) -> None:
    """After SIGKILL at random moments, the draft and response are each absent or whole."""
    chance = random.Random(20261203)
    killed_mid_save = attempt = 0
    # On a loaded machine the kills can all miss the window; keep on, within a bound, until
    # at least one lands mid-save, so the test has really tried what it claims.
    while attempt < KILLS or (killed_mid_save == 0 and attempt < MOST_KILLS):
        attempt += 1
        folder = tmp_path / str(attempt)
        folder.mkdir()
        (folder / "typed.txt").write_text("\n".join(TYPED) + "\n", encoding="utf-8")

        fill_killed_after(folder, slow, marker, chance.uniform(0, longest_delay))

        draft, response = folder / "out.draft.yaml", folder / "out.yaml"
        assert not draft.exists() or is_whole_draft(draft), f"attempt {attempt}"
        assert not response.exists() or check_file(response, definition).valid, f"attempt {attempt}"
        killed_mid_save += any(name.startswith(f".{slow}.") for name in leftovers(folder))

    assert killed_mid_save > 0  # some kills landed between a temporary file and its rename

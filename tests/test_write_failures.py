"""`fill` when a save fails: one plain sentence, and the answers kept where it says."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ehcjourney import fill
from ehcjourney.definition import Definition
from ehcjourney.fill import FillOptions, run_fill
from fake_prompter import ANSWERS, FakePrompter, saved_response

TYPED = [
    *("Exampleshire", "1", "Sam Patel", "2", "The board meets monthly.", ""),
    *("Joint panel", "", "Parent forum", "", "Shared outcomes", ""),
    *["1"] * 9,
    "1",  # save, on the review screen
    "saved.yaml",  # the other file name, once the first cannot be written
]


def test_missing_folder_moves_the_draft_home_and_asks_for_another_file(tmp_path: Path) -> None:
    """With --output in a missing folder, the draft goes home, and the response where asked."""
    home = tmp_path / "home"
    home.mkdir()
    environment = {key: value for key, value in os.environ.items() if key != "ACCESSIBLE"}
    result = subprocess.run(
        [sys.executable, "-m", "ehcjourney", "fill", "--output", "missing/out.yaml"],
        input="\n".join(TYPED) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**environment, "HOME": str(home), "COLUMNS": "300"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    messages = [line for line in result.stderr.splitlines() if line.startswith("Cannot save")]
    assert messages == [
        "Cannot save to missing/out.draft.yaml: the folder missing does not exist. Your answers "
        f"are kept in {home}/out.draft.yaml instead.",
        "Cannot save to missing/out.yaml: the folder missing does not exist. Your answers are "
        f"kept in {home}/out.draft.yaml.",
    ]
    assert yaml.safe_load((tmp_path / "saved.yaml").read_text(encoding="utf-8"))["top_three"] == {
        "activities": ["Joint panel"],
        "strengths": ["Parent forum"],
        "development_areas": ["Shared outcomes"],
    }
    assert list(home.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to pick the file")
def test_full_disk_at_the_end_keeps_the_draft_and_saves_elsewhere(
    definition: Definition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk when saving the response names the draft, and a second name saves it all."""
    monkeypatch.chdir(tmp_path)
    real_fsync = os.fsync

    def full_for_out_yaml(descriptor: int) -> None:
        if Path(f"/proc/self/fd/{descriptor}").readlink().name.startswith(".out.yaml."):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", full_for_out_yaml)
    prompter = FakePrompter(ANSWERS, paths=["elsewhere.yaml"])
    monkeypatch.setattr(fill, "_make_prompter", lambda plain: prompter)
    monkeypatch.setattr(fill, "stdin_is_terminal", lambda: True)

    saved = run_fill(definition, FillOptions(output=Path("out.yaml")))

    assert prompter.said == [
        "Cannot save to out.yaml: no space left on device. Your answers are kept in out.draft.yaml."
    ]
    assert prompter.paths_asked == ["out.yaml"]
    assert saved == Path("elsewhere.yaml")
    assert yaml.safe_load(Path("elsewhere.yaml").read_text(encoding="utf-8")) == (
        saved_response(ANSWERS)
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["elsewhere.yaml"]

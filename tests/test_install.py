"""Installing as the README says, without the test extras, gives a working command."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import EXAMPLE, REPOSITORY


@pytest.mark.slow
def test_a_plain_install_runs_every_command_but_fill(tmp_path: Path) -> None:
    """`pip install .` in a fresh environment brings everything `show` and `validate` import."""
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", str(REPOSITORY)]
    subprocess.run(install, check=True, capture_output=True, timeout=600)

    command = environment / "bin" / "ehcjourney"
    for args in (["--version"], ["show", str(EXAMPLE)], ["validate", str(EXAMPLE)]):
        result = subprocess.run([str(command), *args], capture_output=True, text=True, cwd=tmp_path)
        assert (args, result.returncode, result.stderr) == (args, 0, "")

    prompts = "import ehcjourney.prompting, ehcjourney.plain, ehcjourney.fill"
    result = subprocess.run([str(python), "-c", prompts], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sys.executable != str(python)  # the check really ran in the new environment

"""Writing what a command makes, such as a template or a schema, to stdout or a new file."""

from __future__ import annotations

import sys
from pathlib import Path

from ehcjourney import storage
from ehcjourney.errors import CannotRunError


def write_output(text: str, output: Path | None, *, overwrite: bool, yaml_only: bool) -> None:
    """Write text to standard output, or to `output`, which is replaced only with `overwrite`."""
    if output is None:
        sys.stdout.write(text)
        return
    if yaml_only and output.suffix.lower() not in storage.YAML_SUFFIXES:
        raise CannotRunError(
            f"{output}: name a file ending in .yaml or .yml.",
            hint="A template is YAML: JSON cannot hold the comments that carry the questions.",
        )

    try:
        storage.write_text(output, text, overwrite=overwrite)
    except FileExistsError:
        raise CannotRunError(
            f"{output} is already there and was left as it was.",
            hint="Use --force to replace it, or choose another name with --output.",
        ) from None

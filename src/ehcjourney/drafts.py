"""Drafts: the answers so far, saved after every answer so that nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from ehcjourney import storage, yamlfile
from ehcjourney.answers import Answers

DRAFT_SUFFIX = ".draft.yaml"
DEFAULT_DRAFT = Path("ehcjourney" + DRAFT_SUFFIX)


def draft_path_for(output: Path | None) -> Path:
    """Return where the draft for a response saved to `output` is kept."""
    if output is None:
        return DEFAULT_DRAFT
    return output.with_name(output.stem + DRAFT_SUFFIX)


def output_for_draft(draft: Path) -> Path | None:
    """Return the response file a draft was started for, or None when it had no set name."""
    if draft.name == DEFAULT_DRAFT.name or not draft.name.endswith(DRAFT_SUFFIX):
        return None
    return draft.with_name(draft.name.removesuffix(DRAFT_SUFFIX) + ".yaml")


class Draft:
    """The draft file of one `fill`, rewritten whole after each answer."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, answers: Answers) -> None:
        """Write the answers so far; the previous draft stays whole if this write fails."""
        storage.write_text(self.path, yamlfile.dump(answers.as_draft()), overwrite=True)

    def remove(self) -> None:
        """Delete the draft once its answers are safely saved as a response."""
        self.path.unlink(missing_ok=True)

    def exists(self) -> bool:
        """Whether a draft is on disk."""
        return self.path.is_file()

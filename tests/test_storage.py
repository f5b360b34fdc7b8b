"""Saving files whole or not at all, and reading them with a size limit, in-process."""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ehcjourney import storage, yamlfile
from ehcjourney.errors import WriteError


def names_in(folder: Path) -> list[str]:
    """The names of everything in a folder, hidden files included, sorted."""
    return sorted(path.name for path in folder.iterdir())


def test_write_creates_the_file_with_exactly_the_text(tmp_path: Path) -> None:
    """A new file holds the text written, and no temporary file is left beside it."""
    target = tmp_path / "out.yaml"

    storage.write_text(target, "local_area: Exampleshire\n", overwrite=False)

    assert target.read_text(encoding="utf-8") == "local_area: Exampleshire\n"
    assert names_in(tmp_path) == ["out.yaml"]


def test_existing_file_is_not_replaced_without_overwrite(tmp_path: Path) -> None:
    """Without overwrite, an existing file is left as it was and FileExistsError raised."""
    target = tmp_path / "out.yaml"
    target.write_text("an earlier response\n", encoding="utf-8")

    with pytest.raises(FileExistsError):
        storage.write_text(target, "new\n", overwrite=False)

    assert target.read_text(encoding="utf-8") == "an earlier response\n"
    assert names_in(tmp_path) == ["out.yaml"]


def test_overwrite_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    """With overwrite the file is replaced whole, keeping the permissions it had."""
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)

    storage.write_text(target, "new\n", overwrite=True)

    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names_in(tmp_path) == ["out.yaml"]


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    """A new file is readable as the umask allows, not only by its owner as temp files are."""
    target = tmp_path / "out.yaml"
    umask = os.umask(0o022)
    os.umask(umask)

    storage.write_text(target, "text\n", overwrite=False)

    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_lone_surrogates_are_saved_as_replacement_characters(tmp_path: Path) -> None:
    """Undecodable bytes typed in a C locale are saved as U+FFFD, so the file reads back."""
    target = tmp_path / "out.yaml"

    storage.write_text(
        target, storage.serialise({"local_area": "Caf\udce9"}, target), overwrite=False
    )

    assert storage.read_document(target).data == {"local_area": "Caf\ufffd"}


def missing_folder(folder: Path) -> Path:
    """A target in a folder that does not exist."""
    return folder / "missing" / "out.yaml"


def folder_at_target(folder: Path) -> Path:
    """A target where a folder of the same name already is."""
    (folder / "out.yaml").mkdir()
    return folder / "out.yaml"


def file_as_folder(folder: Path) -> Path:
    """A target inside something that is a file, not a folder."""
    (folder / "plain").touch()
    return folder / "plain" / "out.yaml"


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (
            missing_folder,
            "Cannot save to {folder}/missing/out.yaml: the folder {folder}/missing does not exist.",
        ),
        (
            folder_at_target,
            "Cannot save to {folder}/out.yaml: a folder of that name is already there.",
        ),
        (
            file_as_folder,
            "Cannot save to {folder}/plain/out.yaml: {folder}/plain is a file, not a folder.",
        ),
    ],
    ids=["missing-folder", "folder-at-target", "file-as-folder"],
)
def test_impossible_target_is_one_plain_sentence(
    tmp_path: Path, make_target: Callable[[Path], Path], message: str
) -> None:
    """A target that cannot be written raises WriteError with one sentence saying why."""
    target = make_target(tmp_path)

    with pytest.raises(WriteError) as raised:
        storage.write_text(target, "text\n", overwrite=False)

    assert raised.value.message == message.format(folder=tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_read_only_folder_is_reported(tmp_path: Path) -> None:
    """Saving into a folder without write permission says so and leaves the folder empty."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)

    with pytest.raises(WriteError) as raised:
        storage.write_text(folder / "out.yaml", "text\n", overwrite=False)

    assert raised.value.message == f"Cannot save to {folder}/out.yaml: permission denied."
    assert names_in(folder) == []


def test_refused_temporary_file_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that refuses new files (as a read-only one does) is reported, nothing made."""

    def refuse(**_: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)

    with pytest.raises(WriteError) as raised:
        storage.write_text(tmp_path / "out.yaml", "text\n", overwrite=False)

    assert raised.value.message == f"Cannot save to {tmp_path}/out.yaml: permission denied."
    assert names_in(tmp_path) == []


@pytest.mark.parametrize("overwrite", [False, True], ids=["new-name", "same-name"])
def test_full_disk_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool
) -> None:
    """A disk that fills while writing raises WriteError; the old file is untouched."""
    target = tmp_path / "out.yaml"
    target.write_text("the old answers\n", encoding="utf-8")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    destination = target if overwrite else tmp_path / "other.yaml"

    with pytest.raises(WriteError) as raised:
        storage.write_text(destination, "the new answers\n", overwrite=overwrite)

    assert raised.value.message == f"Cannot save to {destination}: no space left on device."
    assert target.read_text(encoding="utf-8") == "the old answers\n"
    assert names_in(tmp_path) == ["out.yaml"]


def test_ctrl_c_during_a_save_waits_until_the_file_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C that arrives mid-save is acted on after the file is complete and in place."""
    target = tmp_path / "out.yaml"
    real_fsync = os.fsync

    def interrupted_fsync(descriptor: int) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", interrupted_fsync)

    with pytest.raises(KeyboardInterrupt):
        storage.write_text(target, "complete\n", overwrite=False)

    assert target.read_text(encoding="utf-8") == "complete\n"
    assert names_in(tmp_path) == ["out.yaml"]


def test_file_over_the_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file larger than MAX_FILE_BYTES is refused by its size; the parser never sees it."""

    def must_not_parse(text: str) -> object:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(yamlfile, "compose", must_not_parse)
    target = tmp_path / "big.yaml"
    target.write_bytes(b"a" * (storage.MAX_FILE_BYTES + 1))

    with pytest.raises(storage.UnreadableFileError) as raised:
        storage.read_document(target)

    assert raised.value.message == (
        f"{target}: the file is larger than 250 KB, the limit for a response; it was not read"
    )


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    """A file of exactly MAX_FILE_BYTES is still read."""
    target = tmp_path / "long.yaml"
    text = "local_area: " + "a" * (storage.MAX_FILE_BYTES - len("local_area: ") - 1) + "\n"
    target.write_text(text, encoding="utf-8")

    assert storage.read_document(target).data == {"local_area": text[12:-1]}


@pytest.mark.parametrize(
    "escape",
    [
        pytest.param("\\ud800", id="high-lower-case"),
        pytest.param("\\uDC00", id="low-upper-case"),
        pytest.param("\\uDbFf", id="mixed-case"),
    ],
)
def test_json_surrogate_escape_is_refused_however_written(
    write_file: Callable[[str, str], Path], escape: str
) -> None:
    """A \\u escape for half a character is refused, in upper or lower case hex digits."""
    path = write_file("half.json", f'{{"local_area": "Area {escape}"}}')

    with pytest.raises(storage.UnreadableFileError) as raised:
        storage.read_document(path)

    assert raised.value.problem.message == (
        "the file holds a \\u escape for half a character (a lone surrogate); remove it"
    )


def test_json_escaped_backslash_before_u_is_text(write_file: Callable[[str, str], Path]) -> None:
    """An escaped backslash followed by `ud800` is ordinary text, not a surrogate."""
    path = write_file("text.json", '{"local_area": "C:\\\\ud800"}')

    assert storage.read_document(path).data == {"local_area": "C:\\ud800"}

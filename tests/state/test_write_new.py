"""``write_new``: a new file, whole or not at all, never over anything that holds its name."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rootwork.state.files.atomic import write_new
from rootwork.state.files.locations import TEMP_PREFIX


def leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX)]


def test_a_new_file_holds_every_byte_privately_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "rootwork.v1-20261208T000000Z.json"
    write_new(target, b"x" * 100_000)
    assert target.read_bytes() == b"x" * 100_000
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and not target.is_symlink()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("holder", ["file", "link", "dangling link"])
def test_a_name_already_taken_is_never_written_over(tmp_path: Path, holder: str) -> None:
    target = tmp_path / "kept.json"
    other = tmp_path / "other.json"
    other.write_bytes(b"other")
    if holder == "file":
        target.write_bytes(b"before")
    elif holder == "link":
        target.symlink_to(other)
    else:
        target.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        write_new(target, b"new")
    assert other.read_bytes() == b"other" and leftovers(tmp_path) == []
    if holder == "file":
        assert target.read_bytes() == b"before"

"""A file a sync tool renames over the journal while a save is under way is merged back, never overwritten (issue 25)."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

import rootwork.state.files.atomic as atomic_module
from rootwork.state.files.atomic import replace_checked, signature
from rootwork.state.files.locations import backups_dir, database_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY, FixedClock


class SyncToolDuringSave(FixedClock):
    """A clock that, the first time a save asks it the time after ``arm``, has a sync tool rename a file in.

    A save reads the journal, then asks the time, then writes: the rename lands in that gap.
    """

    def __init__(self) -> None:
        super().__init__()
        self.swap: tuple[Path, Path] | None = None

    def arm(self, incoming: Path, journal: Path) -> None:
        self.swap = (incoming, journal)

    def __call__(self):  # FixedClock's
        if self.swap is not None:
            incoming, journal = self.swap
            self.swap = None
            os.replace(incoming, journal)
        return super().__call__()


def test_a_file_renamed_in_during_a_save_is_merged_back(tmp_path: Path) -> None:
    clock = SyncToolDuringSave()
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    here = Store.open(laptop, clock=clock)
    here.save_checkin(Checkin(day=TODAY - timedelta(days=2), mood=3, intensity=3, note="laptop, before"))
    desktop.mkdir()
    shutil.copy(database_path(laptop), database_path(desktop))
    Store.open(desktop, clock=FixedClock()).save_checkin(
        Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=5, note="desktop")
    )
    incoming = laptop / ".syncthing.rootwork.json.tmp"
    shutil.copy(database_path(desktop), incoming)

    clock.arm(incoming, database_path(laptop))
    here.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="laptop, during"))

    notes = sorted(c.note for c in Store.open(laptop, clock=FixedClock()).checkins())
    assert notes == ["desktop", "laptop, before", "laptop, during"]
    assert any("replaced by another program" in notice and "1 check-in" in notice for notice in here.notices)
    assert [p.name.startswith("rootwork.displaced-") for p in (backups_dir(laptop) / "merged").iterdir()] == [True]
    assert not list(laptop.glob("rootwork.displaced-*"))


@pytest.mark.parametrize("swap", ["exchange", "compare then rename"])
def test_replace_checked_keeps_what_it_displaced_and_nothing_when_the_file_is_the_one_read(
    swap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if swap != "exchange":  # a system or file system without renameat2's RENAME_EXCHANGE
        monkeypatch.setattr(atomic_module, "exchange", lambda first, second: False)
    journal = tmp_path / "rootwork.json"
    journal.write_bytes(b"as read")
    read = signature(os.stat(journal))
    kept, written = replace_checked(journal, b"saved", read, lambda n: tmp_path / f"kept-{n}")
    assert kept is None and written == signature(os.stat(journal))
    assert journal.read_bytes() == b"saved" and sorted(os.listdir(tmp_path)) == ["rootwork.json"]

    read = signature(os.stat(journal))
    theirs = tmp_path / "theirs"
    theirs.write_bytes(b"theirs")
    os.chmod(theirs, 0o644)
    os.replace(theirs, journal)
    (tmp_path / "kept-1").write_bytes(b"taken")  # a name already taken is never overwritten
    kept, _written = replace_checked(journal, b"saved again", read, lambda n: tmp_path / f"kept-{n}")
    assert (
        kept == tmp_path / "kept-2" and kept.read_bytes() == b"theirs" and oct(kept.stat().st_mode & 0o777) == "0o600"
    )
    assert journal.read_bytes() == b"saved again" and (tmp_path / "kept-1").read_bytes() == b"taken"


def test_a_journal_that_appeared_since_it_was_read_as_missing_is_kept_too(tmp_path: Path) -> None:
    journal = tmp_path / "rootwork.json"
    journal.write_bytes(b"arrived")
    kept, _written = replace_checked(journal, b"saved", None, lambda n: tmp_path / f"kept-{n}")
    assert kept is not None and kept.read_bytes() == b"arrived" and journal.read_bytes() == b"saved"

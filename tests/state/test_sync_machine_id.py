"""Each data folder keeps its machine's id and a note of the file it last wrote; the journal names each machine once."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.state.sync.machine import LAST_WRITE_KIND, MACHINE_KIND, machine_id
from rootwork.state.sync.merge import journal_part

from .conftest import TODAY, FixedClock
from .test_sync_machines import SYNCTHING, leave_conflict_copy, sync_whole


def _machines(folder: Path) -> dict[str, str]:
    meta = json.loads((folder / "rootwork.json").read_text())["meta"]
    return {d["name"]: d["last_write_at"] for d in meta.values() if d.get("kind") == MACHINE_KIND}


def test_the_id_is_made_once_private_and_kept(tmp_path: Path) -> None:
    made = machine_id(tmp_path)
    assert made is not None and len(made) == 32 and int(made, 16) >= 0
    assert oct(os.stat(tmp_path / "machine-id").st_mode & 0o777) == "0o600"
    assert machine_id(tmp_path) == made


def test_a_damaged_oversized_or_linked_id_is_replaced_and_never_written_through(tmp_path: Path) -> None:
    path = tmp_path / "machine-id"
    for bad in (b"not hex at all\n", b"a" * 4096, b"\xff\xfe"):
        path.write_bytes(bad)
        assert machine_id(tmp_path) not in (None, bad.decode("latin-1").strip())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("keep me")
    path.unlink()
    path.symlink_to(elsewhere)
    made = machine_id(tmp_path)
    assert made is not None and not path.is_symlink() and elsewhere.read_text() == "keep me"


def test_an_unwritable_folder_gives_no_id_and_saves_still_work(tmp_path: Path, clock: FixedClock) -> None:
    store = Store.in_memory(clock=clock)
    assert store.machine_id is None
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4))  # nothing to stamp, nothing fails
    assert store.written_elsewhere() is None


def test_a_machine_is_named_once_and_later_writes_change_nothing_but_the_entry(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Nothing in the journal changes on every write: two machines that merged alike hold the same file."""
    folder = tmp_path / "laptop"
    store = Store.open(folder, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    mine = store.machine_id
    assert _machines(folder) == {mine: "2026-11-25T12:00:00Z"}
    clock.advance(hours=1)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=4), base=store.checkin_for(TODAY))
    assert _machines(folder) == {mine: "2026-11-25T12:00:00Z"}
    meta = json.loads((folder / "rootwork.json").read_text())["meta"].values()
    assert not [doc for doc in meta if doc.get("kind") == LAST_WRITE_KIND]
    before = (folder / "rootwork.json").read_bytes()
    clock.advance(hours=1)
    Store.open(folder, clock=clock).checkins()
    assert (folder / "rootwork.json").read_bytes() == before  # no churn for the sync tool to carry


def test_a_synced_file_from_the_other_machine_is_known_as_such(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(desktop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="desktop first"))
    sync_whole(desktop, laptop)
    on_laptop = Store.open(laptop, clock=clock)
    on_laptop.save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="laptop"), base=on_laptop.checkin_for(TODAY))
    sync_whole(laptop, desktop)  # it holds everything the desktop saved: nothing to merge back
    there = Store.open(desktop, clock=clock)
    first = there.written_elsewhere()
    assert first is not None
    assert there.written_elsewhere() == first  # the same file: the same answer, so the app says it once
    there.save_checkin(Checkin(day=TODAY, mood=2, intensity=4, note="desktop"), base=there.checkin_for(TODAY))
    assert there.written_elsewhere() is None
    laptop_id = Store.open(laptop, clock=clock).machine_id
    assert set(_machines(desktop)) == {there.machine_id, laptop_id}


def test_a_conflict_merge_keeps_every_machine_and_is_written_here(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    here = Store.open(laptop, clock=clock)
    here.save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    sync_whole(laptop, desktop)
    clock.advance(hours=1)
    there = Store.open(desktop, clock=clock)
    there.adopt("perfectionism.good-enough", TODAY)
    leave_conflict_copy(desktop, laptop)
    clock.advance(hours=1)
    merged = Store.open(laptop, clock=clock)
    assert set(_machines(laptop)) == {here.machine_id, there.machine_id}
    assert merged.written_elsewhere() is None  # the merge was written here
    assert merged.plan()[0].practice_id == "perfectionism.good-enough"


def test_merging_the_same_copy_on_both_machines_settles(tmp_path: Path, clock: FixedClock) -> None:
    """Issue 25: every merge wrote this machine's last write into the journal, so merges never settled.

    Now a merge that brings nothing new writes nothing, and both machines hold the same entries.
    """
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    sync_whole(laptop, desktop)
    Store.open(desktop, clock=clock).adopt("perfectionism.good-enough", TODAY)
    both = tmp_path / "both"
    both.mkdir()
    leave_conflict_copy(desktop, both)
    copy = next(both.iterdir())
    shutil.copy(copy, laptop / copy.name)
    shutil.copy(copy, desktop / copy.name)
    clock.advance(hours=1)
    Store.open(laptop, clock=clock)
    after_desktop = (desktop / "rootwork.json").read_bytes()
    Store.open(desktop, clock=clock)  # its own content again: nothing new
    assert (desktop / "rootwork.json").read_bytes() == after_desktop
    assert journal_part(json.loads((laptop / "rootwork.json").read_text())) == journal_part(json.loads(after_desktop))
    after_laptop = (laptop / "rootwork.json").read_bytes()
    leave_conflict_copy(desktop, laptop)  # the sync tool brings the desktop's file again
    Store.open(laptop, clock=clock)
    assert (laptop / "rootwork.json").read_bytes() == after_laptop


def test_a_copy_with_a_malformed_machine_entry_is_left_whole(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    shutil.copytree(laptop, desktop)
    (desktop / "machine-id").unlink()  # the desktop is another machine
    Store.open(desktop, clock=clock).adopt("perfectionism.good-enough", TODAY)
    data = json.loads((desktop / "rootwork.json").read_text())
    for doc in data["meta"].values():
        if doc.get("kind") == MACHINE_KIND:
            doc["last_write_at"] = "yesterday, roughly"
    (laptop / SYNCTHING).write_text(json.dumps(data))
    opened = Store.open(laptop, clock=clock)
    assert (laptop / SYNCTHING).is_file() and opened.plan() == []
    assert "could not be merged: last_write_at is not a time" in opened.notices[0]

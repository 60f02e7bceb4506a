"""A damaged journal is never treated as empty and never overwritten; daily backups."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import backups_dir, database_path
from rootwork.state.journal_file.backups import list_backups
from rootwork.state.records.errors import ReadOnlyStore, StoreError
from rootwork.state.records.model import Checkin
from rootwork.state.store import SCHEMA_VERSION, Store

from .conftest import TODAY, FixedClock

YESTERDAY = TODAY - timedelta(days=1)

DAMAGED = {
    "truncated": lambda good: good[: len(good) // 2],
    "garbage": lambda good: b"\x00\xff not json at all",
    "empty": lambda good: b"",
    "blank": lambda good: b"  \n",
    "not an object": lambda good: b"[1, 2, 3]",
    "no tables": lambda good: b'{"_default": {}}',
    "table not an object": lambda good: json.dumps({**json.loads(good), "checkins": []}).encode(),
}


def journal_from_yesterday(data_dir: Path, clock: FixedClock) -> bytes:
    """Write a journal with yesterday's check-in (which makes yesterday's backup); return its bytes."""
    clock.advance(days=-1)
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=YESTERDAY, mood=4, intensity=2, note="kept"))
    clock.advance(days=1)
    return database_path(data_dir).read_bytes()


@pytest.mark.parametrize("damage", list(DAMAGED))
def test_damaged_file_is_kept_aside_and_yesterdays_backup_restored(damage: str, data_dir: Path, clock) -> None:
    good = journal_from_yesterday(data_dir, clock)
    broken = DAMAGED[damage](good)
    database_path(data_dir).write_bytes(broken)

    store = Store.open(data_dir, clock=clock)

    kept = list(data_dir.glob("rootwork.broken-*.json"))
    assert [p.name for p in kept] == ["rootwork.broken-20261125T120000Z.json"]
    assert kept[0].read_bytes() == broken
    assert store.notices == [
        "Your journal file could not be read, so rootwork restored yesterday's backup from 24 Nov. "
        f"Nothing newer could be read from the damaged file; a copy of it is kept at {kept[0]}."
    ]
    assert not store.read_only
    assert store.checkin_for(YESTERDAY).note == "kept"
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    assert len(Store.open(data_dir, clock=clock).checkins()) == 2


@pytest.mark.parametrize("damage", [name for name in DAMAGED if name != "truncated"])
def test_damaged_file_without_backup_opens_read_only_and_is_left_alone(damage: str, data_dir: Path, clock) -> None:
    good = journal_from_yesterday(data_dir, clock)
    for _day, path in list_backups(backups_dir(data_dir)):
        path.unlink()
    broken = DAMAGED[damage](good)
    database_path(data_dir).write_bytes(broken)

    store = Store.open(data_dir, clock=clock)

    assert store.read_only
    assert store.checkins() == []
    assert len(store.notices) == 1 and "no backup" in store.notices[0]
    assert str(database_path(data_dir)) in store.notices[0]
    with pytest.raises(ReadOnlyStore):
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    with pytest.raises(ReadOnlyStore):
        store.set_setting("daily_cap", 3)
    assert database_path(data_dir).read_bytes() == broken
    assert not list(data_dir.glob("rootwork.broken-*"))


def test_a_file_cut_short_without_backup_is_rebuilt_from_what_it_still_holds(data_dir: Path, clock) -> None:
    good = journal_from_yesterday(data_dir, clock)
    for _day, path in list_backups(backups_dir(data_dir)):
        path.unlink()
    broken = good[: good.index(b'"meta":')]  # cut after the check-ins
    database_path(data_dir).write_bytes(broken)

    store = Store.open(data_dir, clock=clock)

    [kept] = data_dir.glob("rootwork.broken-*.json")
    assert kept.read_bytes() == broken
    assert store.notices == [
        "Your journal file could not be read whole, and there is no backup, so rootwork rebuilt it from the "
        f"1 entry that could still be read in it. A copy of the damaged file is kept at {kept}."
    ]
    assert not store.read_only
    assert store.checkin_for(YESTERDAY).note == "kept"


def test_an_unreadable_newest_backup_is_skipped(data_dir: Path, clock) -> None:
    journal_from_yesterday(data_dir, clock)
    (backups_dir(data_dir) / f"rootwork-{TODAY.isoformat()}.json").write_bytes(b"{broken")
    database_path(data_dir).write_bytes(b"")
    store = Store.open(data_dir, clock=clock)
    assert "yesterday's backup from 24 Nov" in store.notices[0]
    assert store.checkin_for(YESTERDAY) is not None


def test_older_backup_is_named_by_its_date(data_dir: Path, clock) -> None:
    clock.advance(days=-400)
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY - timedelta(400), mood=4, intensity=2))
    clock.advance(days=400)
    database_path(data_dir).write_bytes(b"{")
    assert "restored the backup from 21 Oct 2025." in Store.open(data_dir, clock=clock).notices[0]


def test_newer_schema_opens_read_only_and_is_never_written(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=4, intensity=2))
    data = json.loads(database_path(data_dir).read_bytes())
    for doc in data["meta"].values():
        if doc.get("kind") == "schema":
            doc["schema_version"] = SCHEMA_VERSION + 1
    data["future_table"] = {"1": {"something": "new"}}
    newer = json.dumps(data).encode()
    database_path(data_dir).write_bytes(newer)

    store = Store.open(data_dir, clock=clock)

    assert store.read_only
    assert "newer version of rootwork" in store.notices[0]
    assert store.checkin_for(TODAY).mood == 4  # still readable
    with pytest.raises(ReadOnlyStore):
        store.save_checkin(Checkin(day=TODAY, mood=1, intensity=2))
    with pytest.raises(ReadOnlyStore):
        store.adopt("perfectionism.good-enough", TODAY)
    assert database_path(data_dir).read_bytes() == newer


def test_leftover_temp_files_are_removed_on_open(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock)
    leftover = data_dir / ".rootwork-deadbeef.tmp"
    leftover.write_bytes(b'{"half": ')
    (backups_dir(data_dir)).mkdir()
    (backups_dir(data_dir) / ".rootwork-cafe.tmp").write_bytes(b"")
    unrelated = data_dir / "notes.txt"
    unrelated.write_text("mine")
    Store.open(data_dir, clock=clock)
    assert not leftover.exists() and not list(backups_dir(data_dir).glob(".rootwork-*"))
    assert unrelated.read_text() == "mine"


def test_one_backup_a_day_taken_at_the_first_write(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    assert list_backups(backups_dir(data_dir)) == []  # creating the journal is not a backup
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=2))
    first = database_path(data_dir).read_bytes()
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    store.adopt("perfectionism.good-enough", TODAY)
    backups = list_backups(backups_dir(data_dir))
    assert [day for day, _ in backups] == [TODAY]
    assert backups[0][1].read_bytes() == first

    clock.advance(days=1)
    store.save_checkin(Checkin(day=TODAY + timedelta(1), mood=3, intensity=2))
    assert [day for day, _ in list_backups(backups_dir(data_dir))] == [TODAY + timedelta(1), TODAY]


def test_a_second_process_does_not_add_a_second_backup_for_the_day(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=2, intensity=2))
    before = list_backups(backups_dir(data_dir))[0][1].read_bytes()
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=5, intensity=2))
    backups = list_backups(backups_dir(data_dir))
    assert len(backups) == 1 and backups[0][1].read_bytes() == before


def test_the_newest_fourteen_backups_are_kept(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    for n in range(20):
        store.save_checkin(Checkin(day=TODAY + timedelta(n), mood=3, intensity=n % 11))
        clock.advance(days=1)
    days = [day for day, _ in list_backups(backups_dir(data_dir))]
    assert days == [TODAY + timedelta(n) for n in range(19, 5, -1)]


def test_a_file_damaged_while_open_is_reported_and_not_overwritten(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=2))
    database_path(data_dir).write_bytes(b"{oops")
    with pytest.raises(StoreError):
        store.save_checkin(Checkin(day=date(2026, 11, 26), mood=2, intensity=2))
    assert database_path(data_dir).read_bytes() == b"{oops"


def test_a_missing_journal_comes_back_from_the_newest_backup(data_dir: Path, clock) -> None:
    journal_from_yesterday(data_dir, clock)
    database_path(data_dir).unlink()
    store = Store.open(data_dir, clock=clock)
    assert store.checkin_for(YESTERDAY).note == "kept"
    assert store.notices[0].startswith("Your journal file was missing, so rootwork restored yesterday's backup")


def test_a_failed_restore_leaves_the_damaged_file_in_place(data_dir: Path, clock, monkeypatch) -> None:
    import rootwork.state.store.opening as opening_module

    journal_from_yesterday(data_dir, clock)
    database_path(data_dir).write_bytes(b"{cut sho")

    def no_space(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(opening_module, "write_atomic", no_space)
    for _ in range(3):  # every try shows the backup, read-only, and keeps one copy of the damaged file
        shown = Store.open(data_dir, clock=clock)
        assert shown.read_only and shown.checkin_for(YESTERDAY) is not None
        assert "could not be saved (No space left on device)" in shown.notices[0]
        with pytest.raises(ReadOnlyStore):
            shown.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    assert database_path(data_dir).read_bytes() == b"{cut sho"
    assert len(list(data_dir.glob("rootwork.broken-*.json"))) == 1
    monkeypatch.undo()
    assert Store.open(data_dir, clock=clock).checkin_for(YESTERDAY) is not None

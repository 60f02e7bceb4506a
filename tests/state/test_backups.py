"""Backups touch only files rootwork wrote, are named by the rootwork day, written under the lock,
and a row of future-dated files never costs today's backup."""

from __future__ import annotations

import fcntl
import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import rootwork.state.store.base as base_module
from rootwork.state.files.locations import backups_dir, database_path, lock_path
from rootwork.state.journal_file.backups import backup_path, list_backups, newest_valid_backup, prune_backups
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.state.store.schema import check_usable_backup

from .conftest import TODAY, FixedClock


def journal_bytes(data_dir: Path, clock: FixedClock, note: str) -> bytes:
    """A whole journal holding one check-in with ``note`` (written in a scratch folder)."""
    scratch = data_dir.parent / f"scratch-{note}"
    Store.open(scratch, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note=note))
    return database_path(scratch).read_bytes()


def test_fourteen_future_dated_backups_do_not_delete_todays(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    future = backups_dir(data_dir)
    future.mkdir()
    for n in range(1, 15):
        backup_path(future, TODAY + timedelta(days=n)).write_bytes(b"{}")
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    days = [day for day, _ in list_backups(future)]
    assert TODAY in days and len(days) == 15  # today's kept, and none of the future ones pruned


def test_a_clock_that_ran_ahead_for_two_weeks_does_not_cost_todays_backup(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    clock.advance(days=1)
    for _ in range(14):  # the clock runs ahead: one backup a day, two weeks into the future
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note=str(clock())))
        clock.advance(days=1)
    clock.moment = FixedClock().moment  # set right again
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="today"))
    backups = dict(list_backups(backups_dir(data_dir)))
    assert TODAY in backups and b'"today"' in backups[TODAY].read_bytes()
    assert len(backups) == 15


def test_pruning_keeps_the_newest_fourteen_up_to_today_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for n in range(20):
        backup_path(folder, TODAY - timedelta(days=n)).write_bytes(b"{}")
    future = backup_path(folder, TODAY + timedelta(days=3))
    future.write_bytes(b"{}")
    elsewhere = tmp_path / "precious.json"
    elsewhere.write_text("not a backup")
    link = backup_path(folder, TODAY - timedelta(days=40))
    link.symlink_to(elsewhere)
    a_folder = backup_path(folder, TODAY - timedelta(days=41))
    a_folder.mkdir()
    removed = prune_backups(folder, TODAY)
    assert sorted(removed) == sorted(backup_path(folder, TODAY - timedelta(days=n)) for n in range(14, 20))
    assert future.exists() and link.is_symlink() and a_folder.is_dir()
    assert elsewhere.read_text() == "not a backup"
    assert [day for day, _ in list_backups(folder)][0] == TODAY + timedelta(days=3)
    assert len(list_backups(folder)) == 15  # the link and the folder are not backups


def test_a_symlink_named_like_a_backup_is_never_restored(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=2, intensity=2, note="mine"))
    planted = journal_bytes(data_dir, clock, "planted")
    target = data_dir.parent / "planted.json"
    target.write_bytes(planted)
    backup_path(backups_dir(data_dir), TODAY).rename(backup_path(backups_dir(data_dir), TODAY - timedelta(days=1)))
    backup_path(backups_dir(data_dir), TODAY).symlink_to(target)  # the newest "backup" is a link
    database_path(data_dir).unlink()
    store = Store.open(data_dir, clock=clock)
    assert store.checkin_for(TODAY).note == "mine"
    assert "yesterday's backup" in store.notices[0]


def test_restore_prefers_a_past_backup_to_a_future_dated_one(data_dir: Path, clock) -> None:
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True)
    backup_path(folder, TODAY - timedelta(days=3)).write_bytes(journal_bytes(data_dir, clock, "past"))
    backup_path(folder, TODAY + timedelta(days=9)).write_bytes(journal_bytes(data_dir, clock, "future"))
    day, _path, payload = newest_valid_backup(folder, check_usable_backup, TODAY)
    assert day == TODAY - timedelta(days=3) and b'"past"' in payload
    # With nothing dated up to today, a future-dated backup beats an empty journal.
    backup_path(folder, TODAY - timedelta(days=3)).unlink()
    day, _path, payload = newest_valid_backup(folder, check_usable_backup, TODAY)
    assert day == TODAY + timedelta(days=9) and b'"future"' in payload


def test_the_backup_is_named_by_the_rootwork_day(data_dir: Path) -> None:
    # 02:00 local on the 26th, with days starting at 04:00: still the 25th.
    clock = FixedClock(datetime(2026, 11, 26, 2, 0).astimezone())
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    assert [day for day, _ in list_backups(backups_dir(data_dir))] == [TODAY]
    # With days starting at midnight, the same moment is the 26th (a new process: no backup remembered).
    Store.open(data_dir, clock=clock).set_setting("day_start_hour", 0)
    assert [day for day, _ in list_backups(backups_dir(data_dir))] == [TODAY + timedelta(days=1), TODAY]


@pytest.mark.skipif(not hasattr(fcntl, "flock"), reason="needs flock")
def test_the_backup_is_written_while_the_lock_is_held(data_dir: Path, clock, monkeypatch) -> None:
    store = Store.open(data_dir, clock=clock)
    held = []
    real = base_module.write_daily_backup

    def watching(*args, **kwargs):
        fd = os.open(lock_path(data_dir), os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another process's attempt to take the lock
            held.append(False)
            fcntl.flock(fd, fcntl.LOCK_UN)
        except BlockingIOError:
            held.append(True)
        finally:
            os.close(fd)
        return real(*args, **kwargs)

    monkeypatch.setattr(base_module, "write_daily_backup", watching)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    assert held == [True]


def test_a_backups_path_that_is_a_file_does_not_stop_the_journal(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock)
    backups_dir(data_dir).write_text("a file where the folder should be")
    store = Store.open(data_dir, clock=clock)  # opens: no "Not a directory"
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note="saved"))
    assert Store.open(data_dir, clock=clock).checkin_for(TODAY).note == "saved"
    assert len(store.notices) == 1
    assert "backup copy could not be written" in store.notices[0] and "journal itself was saved" in store.notices[0]
    assert backups_dir(data_dir).read_text() == "a file where the folder should be"
    assert json.loads(database_path(data_dir).read_bytes())["checkins"]


def test_a_link_with_todays_backup_name_is_left_alone_and_said(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    backups_dir(data_dir).mkdir()
    elsewhere = data_dir.parent / "elsewhere.txt"
    elsewhere.write_text("untouched")
    backup_path(backups_dir(data_dir), TODAY).symlink_to(elsewhere)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    assert elsewhere.read_text() == "untouched"
    assert backup_path(backups_dir(data_dir), TODAY).is_symlink()
    assert "backup copy could not be written" in store.notices[-1]

"""What this machine saved survives a journal file replaced by one without it (issue 25)."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store

from .conftest import TODAY, FixedClock


def test_a_checkin_lost_to_a_replaced_file_comes_back_once_with_a_notice(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3))
    desktop.mkdir()
    shutil.copy(database_path(laptop), database_path(desktop))
    here = Store.open(laptop, clock=clock)
    here.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="only on the laptop"))
    here.save_reframe(Reframe(critic="you never finish", reframe="I finish what matters"), TODAY)
    Store.open(desktop, clock=clock).save_checkin(Checkin(day=TODAY + timedelta(days=1), mood=2, intensity=6))
    shutil.copy(database_path(desktop), database_path(laptop))  # a sync tool that missed the conflict

    reopened = Store.open(laptop, clock=clock)
    assert reopened.checkin_for(TODAY).note == "only on the laptop"
    assert reopened.checkin_for(TODAY + timedelta(days=1)) is not None  # the desktop's, kept too
    assert [r.critic for r in reopened.reframes()] == ["you never finish"]
    assert len(reopened.notices) == 1 and "was replaced by one without some of what you saved" in reopened.notices[0]
    assert len(Store.open(laptop, clock=clock).notices) == 0  # told once: the journal has it all now


def test_a_journal_with_everything_is_not_written_and_old_entries_leave_the_outbox(
    tmp_path: Path, clock: FixedClock
) -> None:
    store = Store.open(tmp_path, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    before = database_path(tmp_path).read_bytes()
    assert Store.open(tmp_path, clock=clock).notices == [] and database_path(tmp_path).read_bytes() == before
    clock.advance(days=40)
    store.save_checkin(Checkin(day=TODAY + timedelta(days=40), mood=3, intensity=3))
    [outbox] = (path.read_text() for path in tmp_path.glob("outbox-*.json"))
    assert (TODAY + timedelta(days=40)).isoformat() in outbox and f'"day":"{TODAY.isoformat()}"' not in outbox


def test_the_app_finds_a_replaced_file_and_merges_back_on_refresh(tmp_path: Path, clock: FixedClock) -> None:
    store = Store.open(tmp_path / "laptop", clock=clock)
    old = tmp_path / "old.json"
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="first"))
    shutil.copy(database_path(tmp_path / "laptop"), old)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3, note="second"))
    shutil.copy(old, tmp_path / "laptop" / "incoming")
    (tmp_path / "laptop" / "incoming").replace(database_path(tmp_path / "laptop"))  # rolled back under it
    assert store.refresh()
    assert store.checkin_for(TODAY - timedelta(days=1)).note == "second"
    assert any("replaced by one without some" in notice for notice in store.notices)


def test_the_open_app_merges_back_after_a_rollback_though_its_screen_still_shows_the_saves(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Found with a real Syncthing pair: the look read the snapshot on screen (which still held every save)."""
    data_dir = tmp_path / "laptop"
    store = Store.open(data_dir, clock=clock)
    store.use_snapshots()  # as the app reads
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3, note="before"))
    old = tmp_path / "old.json"
    shutil.copy(database_path(data_dir), old)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="saved in the app"))
    shutil.copy(old, data_dir / "incoming")
    (data_dir / "incoming").replace(database_path(data_dir))  # rolled back while the app is open
    assert store.refresh()
    assert store.checkin_for(TODAY).note == "saved in the app"
    assert b"saved in the app" in database_path(data_dir).read_bytes()

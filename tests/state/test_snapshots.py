"""Snapshot reads (``Store.use_snapshots``): never the process lock, never a parse, never a write half done."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

import rootwork.state.journal_file.storage
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from tests.state.conftest import TODAY

# Holds the journal's flock, as another rootwork process saving would, until killed.
HOLD_LOCK = (
    "import fcntl, os, sys, time\n"
    "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n"
    "fcntl.flock(fd, fcntl.LOCK_EX)\n"
    "print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)


def hold_lock(data_dir: Path, seconds: float) -> subprocess.Popen:
    """Another process holding ``rootwork.lock`` for ``seconds`` (returns once it holds it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data_dir / "rootwork.lock"), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def checkin(n: int, note: str = "") -> Checkin:
    return Checkin(TODAY - timedelta(days=n), mood=3, intensity=4, note=note)


@pytest.fixture
def counted_parses(monkeypatch) -> list[str]:
    """The name of the thread of every parse of the journal's bytes."""
    threads: list[str] = []
    real = rootwork.state.journal_file.storage.read_journal

    def read_journal(*args: object) -> dict:
        threads.append(threading.current_thread().name)
        return real(*args)

    monkeypatch.setattr(rootwork.state.journal_file.storage, "read_journal", read_journal)
    return threads


def test_a_read_does_not_wait_while_a_save_waits_for_another_process(tmp_path: Path, clock) -> None:
    store = Store.open(tmp_path, clock=clock)
    store.save_checkin(checkin(1, "before"))
    store.use_snapshots()
    holder = hold_lock(tmp_path, 60)
    try:
        saving = threading.Thread(target=store.save_checkin, args=(checkin(0, "waiting"),))
        saving.start()
        time.sleep(0.2)  # the save is now waiting for the flock, holding the thread lock
        assert saving.is_alive()
        started = time.perf_counter()
        notes = [c.note for c in store.checkins()]
        due = store.due(TODAY)
        elapsed = time.perf_counter() - started
        assert notes == ["before"] and due == []
        assert elapsed < 0.1
        holder.kill()  # the other process is done: its lock goes with it, and the save goes ahead
        saving.join(5)
        assert not saving.is_alive()
        assert [c.note for c in store.checkins()] == ["before", "waiting"]  # its own save, at once
    finally:
        holder.kill()
        holder.wait()


def test_a_write_in_progress_on_another_thread_is_never_seen_half_done(clock) -> None:
    store = Store.in_memory(clock=clock)
    store.use_snapshots()
    staged, finish = threading.Event(), threading.Event()

    def write_two() -> None:
        with store.transaction():
            store.save_checkin(checkin(2, "one"))
            store.save_checkin(checkin(1, "two"))
            assert len(store.checkins()) == 2  # inside its own transaction it sees what it staged
            staged.set()
            finish.wait(5)

    writer = threading.Thread(target=write_two)
    writer.start()
    assert staged.wait(5)
    assert store.checkins() == []
    finish.set()
    writer.join(5)
    assert [c.note for c in store.checkins()] == ["one", "two"]


def test_a_failed_save_leaves_the_snapshot_as_it_was(clock) -> None:
    store = Store.in_memory(clock=clock)
    store.save_checkin(checkin(1, "kept"))
    store.use_snapshots()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_checkin(checkin(0, "dropped"))
            raise RuntimeError("the save fails")
    assert [c.note for c in store.checkins()] == ["kept"]
    store.save_checkin(checkin(0, "next"))
    assert [c.note for c in store.checkins()] == ["kept", "next"]


def test_another_process_write_is_parsed_only_by_refresh(tmp_path: Path, clock, counted_parses) -> None:
    store = Store.open(tmp_path, clock=clock)
    store.save_reframe(Reframe(critic="I always fail", reframe="I managed today"), TODAY)
    store.use_snapshots()
    reframes_before, revision_before = store.reframes(), store.revision("reframes")
    other = Store.open(tmp_path, clock=clock)  # stands in for `rootwork checkin` in a shell
    other.save_checkin(checkin(0, "from the shell"))
    counted_parses.clear()

    assert store.checkins() == [] and store.checkin_for(TODAY) is None
    assert counted_parses == []  # reads neither stat nor parse the changed file
    assert store.refresh() is True
    assert counted_parses == [threading.current_thread().name]
    assert [c.note for c in store.checkins()] == ["from the shell"]
    # The thought records did not change: same objects, same revision, nothing to redraw.
    assert store.revision("reframes") == revision_before
    assert store.reframes()[0] is reframes_before[0]
    assert store.refresh() is False and len(counted_parses) == 1


def test_own_saves_are_not_changes_from_elsewhere(tmp_path: Path, clock) -> None:
    store = Store.open(tmp_path, clock=clock)
    store.use_snapshots()
    store.save_checkin(checkin(0, "mine"))
    assert store.refresh() is False
    Store.open(tmp_path, clock=clock).save_checkin(checkin(1, "theirs"))
    store.save_checkin(checkin(2, "mine again"))  # reads the other's change on the way in
    assert {c.note for c in store.checkins()} == {"mine", "theirs", "mine again"}


def test_without_snapshots_every_read_still_sees_the_latest_file(tmp_path: Path, clock) -> None:
    store = Store.open(tmp_path, clock=clock)
    Store.open(tmp_path, clock=clock).save_checkin(checkin(0, "from elsewhere"))
    assert [c.note for c in store.checkins()] == ["from elsewhere"]

"""The atomic JSON storage: modes, atomic replace, rollback on failure, cache, lock."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from tinydb import TinyDB

import rootwork.state.files.atomic as atomic_module
import rootwork.state.journal_file.storage as storage_module
from rootwork.state.files.locations import database_path, lock_path
from rootwork.state.journal_file.storage import AtomicJSONStorage, ProcessLock
from rootwork.state.records.errors import SaveFailed
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_journal_is_private_to_the_user(umask_022, data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    assert mode(data_dir) == 0o700
    assert mode(database_path(data_dir)) == 0o600
    assert mode(lock_path(data_dir)) == 0o600
    backups = list((data_dir / "backups").iterdir())
    assert backups and all(mode(p) == 0o600 for p in backups)
    assert mode(data_dir / "backups") == 0o700


def test_looser_existing_modes_are_tightened(umask_022, data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock)
    os.chmod(data_dir, 0o755)
    os.chmod(database_path(data_dir), 0o644)
    Store.open(data_dir, clock=clock)
    assert mode(data_dir) == 0o700
    assert mode(database_path(data_dir)) == 0o600


def test_file_is_compact_utf8_json(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note="👩‍👩‍👧 مرحبا"))
    raw = database_path(data_dir).read_bytes()
    assert "👩‍👩‍👧 مرحبا".encode() in raw  # not \u escapes
    assert b": " not in raw and b", " not in raw
    assert json.loads(raw)["checkins"]


def test_tinydb_can_use_the_storage_directly(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"a": 1})
        db.table("t").insert({"b": 2})
    on_disk = json.loads(path.read_bytes())  # any JSON reader reads the file
    assert on_disk.pop("~layout")["v"] == 1  # where each table sits (journal_file/layout.py)
    assert on_disk == {"_default": {"1": {"a": 1}}, "t": {"1": {"b": 2}}}
    assert TinyDB(path, storage=AtomicJSONStorage).all() == [{"a": 1}]


def test_a_transaction_writes_the_file_once(tmp_path: Path, monkeypatch) -> None:
    calls = []
    real = storage_module.write_atomic
    monkeypatch.setattr(storage_module, "write_atomic", lambda p, b: (calls.append(p), real(p, b)))
    storage = AtomicJSONStorage(tmp_path / "db.json")
    db = TinyDB(storage=lambda: storage)
    with storage.transaction():
        db.insert({"a": 1})
        db.insert({"a": 2})
        db.table("other").insert({"b": 3})
    assert len(calls) == 1
    assert len(TinyDB(tmp_path / "db.json", storage=AtomicJSONStorage)) == 2


def _fail(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("target", ["replace", "fsync", "write"])
def test_failed_write_changes_nothing(target: str, data_dir: Path, clock, monkeypatch) -> None:
    store = Store.open(data_dir, clock=clock)
    first = store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note="before"))
    before = database_path(data_dir).read_bytes()

    with monkeypatch.context() as patch:
        patch.setattr(storage_module.os, target, _fail)
        if target == "replace":  # the rename step, whichever way it is done (atomic.exchange on Linux)
            patch.setattr(atomic_module, "exchange", _fail)
        with pytest.raises(SaveFailed) as caught:
            store.save_checkin(Checkin(day=TODAY, mood=5, intensity=9, note="after"))
        with pytest.raises(SaveFailed):
            store.adopt("perfectionism.good-enough", TODAY)

    assert "No space left on device" in str(caught.value)
    assert isinstance(caught.value.__cause__, OSError)
    assert database_path(data_dir).read_bytes() == before
    assert store.checkin_for(TODAY) == first
    assert store.plan() == []
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".rootwork-")]
    # Still usable once the disk has room again.
    assert store.save_checkin(Checkin(day=TODAY, mood=5, intensity=9)).mood == 5
    assert Store.open(data_dir, clock=clock).checkin_for(TODAY).mood == 5


def test_reads_come_from_the_cache_until_the_file_changes(data_dir: Path, clock, monkeypatch) -> None:
    store = Store.open(data_dir, clock=clock)
    other = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))

    parses = []
    real_parse = storage_module.read_journal
    monkeypatch.setattr(storage_module, "read_journal", lambda *args: (parses.append(1), real_parse(*args))[1])
    for _ in range(5):
        store.checkins()
    assert parses == []

    seen = other.checkin_for(TODAY)  # other's cache is stale: it re-reads once
    assert seen is not None and seen.mood == 3
    assert len(parses) == 1
    other.save_checkin(Checkin(day=date(2026, 11, 24), mood=1, intensity=8))
    assert [c.day for c in store.checkins()] == [date(2026, 11, 24), TODAY]


def test_lock_is_reentrant_and_shared_by_stores_on_one_directory(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    lock = ProcessLock.for_path(lock_path(data_dir))
    assert store._storage.lock is lock
    with lock, lock:
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))  # takes it again: no deadlock


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_lock_keeps_other_processes_out(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock)
    probe = (
        "import fcntl, os, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError:\n    print('held')\n"
        "else:\n    print('free')\n"
    )
    lock = ProcessLock.for_path(lock_path(data_dir))

    def other_process_sees() -> str:
        run = subprocess.run([sys.executable, "-c", probe, str(lock_path(data_dir))], capture_output=True, text=True)
        return run.stdout.strip()

    with lock:
        assert other_process_sees() == "held"
    assert other_process_sees() == "free"


WRITER = """
import sys
from datetime import date, timedelta
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
store = Store.open(sys.argv[1])
first = date.fromisoformat(sys.argv[2])
for n in range(15):
    store.save_checkin(Checkin(day=first + timedelta(days=n), mood=3, intensity=n % 11))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_two_processes_writing_at_once_lose_nothing(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir), first]) for first in ("2026-01-01", "2026-03-01")
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    assert len(store.checkins()) == 30

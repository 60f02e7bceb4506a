"""Every write checks the file's schema under the lock; a symlinked journal is written through to its target."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from rootwork.state.files.locations import TEMP_PREFIX, database_path
from rootwork.state.records.errors import ReadOnlyStore
from rootwork.state.records.model import Checkin
from rootwork.state.store import SCHEMA_VERSION, Store

TODAY = date(2026, 11, 25)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def upgrade_behind_its_back(data_dir: Path) -> bytes:
    """What a newer rootwork does to the file while an older one has it open."""
    data = json.loads(database_path(data_dir).read_bytes())
    for doc in data["meta"].values():
        if doc.get("kind") == "schema":
            doc["schema_version"] = SCHEMA_VERSION + 1
    data["future_table"] = {"1": {"something": "new"}}
    newer = json.dumps(data).encode()
    database_path(data_dir).write_bytes(newer)
    return newer


def test_a_file_upgraded_by_a_newer_version_while_open_is_never_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    newer = upgrade_behind_its_back(data_dir)
    with pytest.raises(ReadOnlyStore, match="updated by a newer version of rootwork"):
        store.save_checkin(Checkin(day=TODAY, mood=1, intensity=2))
    assert database_path(data_dir).read_bytes() == newer
    assert store.read_only
    with pytest.raises(ReadOnlyStore):  # and so on, until this version is updated
        store.set_focus(["perfectionism"])
    assert database_path(data_dir).read_bytes() == newer


def test_a_transaction_on_an_upgraded_file_writes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    newer = upgrade_behind_its_back(data_dir)
    with pytest.raises(ReadOnlyStore), store.transaction():
        store.save_checkin(Checkin(day=TODAY, mood=1, intensity=2))
    assert database_path(data_dir).read_bytes() == newer


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """A journal whose rootwork.json is a symlink into a sync folder."""
    data_dir, sync = tmp_path / "data", tmp_path / "Sync"
    Store.open(data_dir).save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note="first"))
    sync.mkdir()
    target = sync / "rootwork.json"
    database_path(data_dir).rename(target)
    database_path(data_dir).symlink_to(target)
    return data_dir, target


def test_a_symlinked_journal_is_written_through_to_its_target(linked) -> None:
    data_dir, target = linked
    store = Store.open(data_dir)
    assert store.checkin_for(TODAY).note == "first"
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="second"))
    assert database_path(data_dir).is_symlink()
    assert os.readlink(database_path(data_dir)) == str(target)
    assert b'"second"' in target.read_bytes()
    assert Store.open(data_dir).checkin_for(TODAY).note == "second"
    assert not [p for p in (*target.parent.iterdir(), *data_dir.iterdir()) if p.name.startswith(TEMP_PREFIX)]
    assert mode(target) == 0o600


def test_a_symlinked_target_keeps_private_permissions_and_loses_open_ones(linked) -> None:
    data_dir, target = linked
    os.chmod(target, 0o400)  # private, as the user set it: kept
    Store.open(data_dir).save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="kept private"))
    assert mode(target) == 0o400 and b"kept private" in target.read_bytes()
    os.chmod(target, 0o644)  # readable by others: tightened
    Store.open(data_dir).save_checkin(Checkin(day=TODAY, mood=5, intensity=2, note="tightened"))
    assert mode(target) == 0o600 and database_path(data_dir).is_symlink()


def test_a_temp_file_killed_mid_write_beside_the_target_is_removed_on_open(linked) -> None:
    data_dir, target = linked
    leftover = target.parent / f"{TEMP_PREFIX}0123456789abcdef.tmp"
    leftover.write_bytes(b'{"half": ')
    mine = target.parent / ".rootwork-notes.txt"
    mine.write_text("the user's own")
    Store.open(data_dir)
    assert not leftover.exists() and mine.read_text() == "the user's own"


def test_temp_file_tidying_never_follows_or_removes_a_link(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    Store.open(data_dir)
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    link = data_dir / f"{TEMP_PREFIX}cafe.tmp"
    link.symlink_to(precious)
    Store.open(data_dir)
    assert link.is_symlink() and precious.read_text() == "keep"

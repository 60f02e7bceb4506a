"""Faults: failed writes, a full disk, damaged, newer and older files, two writers, a read-only folder.

Each test drives the real app (pilot) or the real command (``main(argv)``)
over a journal on disk, then checks the file itself.
"""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import TextArea

import rootwork.state.files.atomic as atomic_module
import rootwork.state.journal_file.storage as storage_module
from rootwork.state.files.locations import backups_dir, database_path
from rootwork.state.journal_file.backups import list_backups
from rootwork.state.records.model import Checkin
from rootwork.state.store import SCHEMA_VERSION, Store
from rootwork.tui.screens.checkin import CheckinInput, CheckinScreen
from tests.tui.conftest import SIZE, TODAY, make_app

REPO = Path(__file__).resolve().parents[2]
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def journal_with_a_checkin(data_dir: Path) -> Store:
    """A journal written yesterday (so yesterday's backup holds all of it), open as of today."""
    store = Store.open(data_dir, clock=lambda: NOON - timedelta(days=1))
    with store.transaction():  # one write: the day's backup is taken at the first write
        store.acknowledge_disclaimer()
        store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=4, intensity=2, note="yesterday's note"))
    return Store.open(data_dir, clock=lambda: NOON)


async def fill_and_save(app, pilot, note: str) -> None:
    """Mood 3, insecurity 4 and ``note`` in today's check-in, then ctrl+s."""
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("3", "tab", "4")
    app.screen.query_one("#note", TextArea).load_text(note)
    await pilot.press("ctrl+s")
    await pilot.pause()


def _fail(*args, **kwargs):
    raise OSError(errno.EIO, "Input/output error")


@pytest.mark.parametrize("target", ["replace", "fsync"])
async def test_a_failed_write_keeps_the_file_and_the_form_and_the_app_runs(target, tmp_path: Path, monkeypatch):
    data_dir = tmp_path / "data"
    store = journal_with_a_checkin(data_dir)
    before = database_path(data_dir).read_bytes()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(storage_module.os, target, _fail)
        if target == "replace":  # the rename step, whichever way it is done (atomic.exchange on Linux)
            monkeypatch.setattr(atomic_module, "exchange", _fail)
        await fill_and_save(app, pilot, "what I typed [/] 👩‍👩‍👧")
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.form_input() == CheckinInput(mood=3, intensity=4, note="what I typed [/] 👩‍👩‍👧")
        said = notices(app)[-1]
        assert "could not be saved" in said and "still here" in said
        assert database_path(data_dir).read_bytes() == before
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # the same form saves once the disk is well again
        await pilot.pause()
        assert app.store.checkin_for(TODAY).note == "what I typed [/] 👩‍👩‍👧"
    assert Store.open(data_dir).checkin_for(TODAY).note == "what I typed [/] 👩‍👩‍👧"


DISK_FULL_CHILD = textwrap.dedent(
    """
    import asyncio, json, os, resource, signal, sys
    from pathlib import Path
    from textual.widgets import TextArea
    from rootwork.state.files.locations import database_path
    from rootwork.state.store import Store
    from tests.tui.conftest import SIZE, make_app

    async def run(data_dir):
        app = make_app(Store.open(data_dir))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("i")
            await pilot.pause()
            await pilot.press("3", "tab", "4")
            app.screen.query_one("#note", TextArea).load_text("a long note " * 500)
            # The disk is "full": no file may grow past the journal's present size.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            limit = database_path(data_dir).stat().st_size + 100
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
            await pilot.press("ctrl+s")
            await pilot.pause()
            resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
            print(json.dumps({
                "screen": type(app.screen).__name__,
                "note": app.screen.query_one("#note", TextArea).text,
                "notices": [str(n.message) for n in app._notifications],
            }))

    asyncio.run(run(Path(sys.argv[1])))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_keeps_the_file_and_the_form(tmp_path: Path):
    data_dir = tmp_path / "data"
    journal_with_a_checkin(data_dir)
    before = database_path(data_dir).read_bytes()
    run = subprocess.run(
        [sys.executable, "-c", DISK_FULL_CHILD, str(data_dir)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["screen"] == "CheckinScreen" and seen["note"] == "a long note " * 500
    assert "could not be saved (File too large)" in seen["notices"][-1]
    assert database_path(data_dir).read_bytes() == before
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".rootwork-")]


@pytest.mark.parametrize("damaged", [b'{"checkins": {"1": {"da', b"\x00\xffgarbage", b"", b"[]", b"42"])
async def test_a_damaged_file_is_restored_from_backup_and_the_app_says_so(damaged: bytes, tmp_path: Path):
    data_dir = tmp_path / "data"
    journal_with_a_checkin(data_dir)
    backup = list_backups(backups_dir(data_dir))[0][1].read_bytes()
    database_path(data_dir).write_bytes(damaged)
    app = make_app(Store.open(data_dir, clock=lambda: NOON))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = " ".join(notices(app))
        assert "could not be read, so rootwork restored" in said and "rootwork.broken-" in said
        assert app.store.checkin_for(TODAY - timedelta(days=1)).note == "yesterday's note"
    assert database_path(data_dir).read_bytes() == backup  # restored byte for byte
    assert [p.read_bytes() for p in data_dir.glob("rootwork.broken-*")] == [damaged]


async def test_a_damaged_file_without_backup_is_left_alone_and_the_app_says_so(tmp_path: Path):
    data_dir = tmp_path / "data"
    journal_with_a_checkin(data_dir)
    for _day, path in list_backups(backups_dir(data_dir)):
        path.unlink()
    database_path(data_dir).write_bytes(b'{"meta": {"1": ')
    app = make_app(Store.open(data_dir), acknowledged=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = " ".join(notices(app))
        assert "no backup to restore" in said and "nothing you do now will be saved" in said
        await pilot.press("enter")  # past the disclaimer
        await fill_and_save(app, pilot, "typed anyway")
        assert isinstance(app.screen, CheckinScreen) and "read-only" in notices(app)[-1]
    assert database_path(data_dir).read_bytes() == b'{"meta": {"1": '


async def test_a_newer_versions_file_is_read_only_and_a_save_says_so(tmp_path: Path):
    data_dir = tmp_path / "data"
    journal_with_a_checkin(data_dir)
    data = json.loads(database_path(data_dir).read_bytes())
    for doc in data["meta"].values():
        if doc.get("kind") == "schema":
            doc["schema_version"] = SCHEMA_VERSION + 1
    database_path(data_dir).write_bytes(json.dumps(data).encode())
    newer = database_path(data_dir).read_bytes()
    app = make_app(Store.open(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("newer version of rootwork" in n for n in notices(app))
        await fill_and_save(app, pilot, "not to be written")
        assert isinstance(app.screen, CheckinScreen)
        assert "read-only" in notices(app)[-1] and "still here" in notices(app)[-1]
    assert database_path(data_dir).read_bytes() == newer


def plain_tinydb_journal(data_dir: Path) -> bytes:
    """A version-0 file: the tables written by plain TinyDB, with no schema version in meta."""
    from tinydb import TinyDB

    data_dir.mkdir(mode=0o700)
    with TinyDB(database_path(data_dir)) as db:
        db.table("checkins").insert(
            {
                "id": "c1",
                "created_at": "2026-11-24T10:00:00Z",
                "updated_at": "2026-11-24T10:00:00Z",
                "day": "2026-11-24",
                "mood": 2,
                "intensity": 7,
                "signs": [],
                "causes": [],
                "note": "old [/] note",
                "gratitude": "",
            }
        )
        db.table("meta").insert(
            {"id": "s1", "created_at": "", "updated_at": "", "kind": "settings", "values": {"daily_cap": 3}}
        )
    return database_path(data_dir).read_bytes()


def test_an_older_file_is_backed_up_then_migrated(tmp_path: Path):
    data_dir = tmp_path / "data"
    old = plain_tinydb_journal(data_dir)

    store = Store.open(data_dir, clock=lambda: NOON)

    assert not store.read_only
    assert store.checkin_for(date(2026, 11, 24)).note == "old [/] note"
    assert store.setting("daily_cap") == 3
    kept = list(data_dir.glob("rootwork.v0-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == old
    assert any("older version" in n and str(kept[0]) in n for n in store.notices)
    migrated = json.loads(database_path(data_dir).read_bytes())
    schema = [d for d in migrated["meta"].values() if d.get("kind") == "schema"]
    assert [d["schema_version"] for d in schema] == [SCHEMA_VERSION]
    assert all(isinstance(migrated[name], dict) for name in ("checkins", "reframes", "plan", "reviews", "meta"))
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    reopened = Store.open(data_dir, clock=lambda: NOON)
    assert len(reopened.checkins()) == 2 and not reopened.notices

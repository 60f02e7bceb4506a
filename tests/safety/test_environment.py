"""The world around the journal: a read-only folder, another writer, file modes, no network."""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import TextArea

import rootwork.state.journal_file.storage as storage_module
from rootwork.state.files.locations import backups_dir, database_path
from rootwork.state.journal_file.backups import list_backups
from rootwork.state.records.model import Checkin, Rating, Reframe
from rootwork.state.store import Store
from rootwork.tui.app import RootworkApp
from rootwork.tui.cli.main import main
from tests.tui.conftest import SIZE, TODAY, make_app

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 25, 12, 0).astimezone()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def saved_journal(data_dir: Path) -> bytes:
    store = Store.open(data_dir)
    store.acknowledge_disclaimer()
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=4, intensity=2, note="already here"))
    return database_path(data_dir).read_bytes()


@contextmanager
def read_only_folder(root: Path, monkeypatch: pytest.MonkeyPatch):
    """Every write under ``root`` fails as on a read-only disk (tests may run as root, who may write anywhere)."""
    prefix = os.path.abspath(root) + os.sep

    def inside(path) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and (os.path.abspath(os.fsdecode(path)) + os.sep).startswith(
            prefix
        )

    def refuse(path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "open", fake_open)
        for name in ("mkdir", "chmod", "replace", "rename", "unlink", "link"):

            def fake(path, *args, _real=getattr(os, name), **kwargs):
                if inside(path):
                    refuse(path)
                return _real(path, *args, **kwargs)

            patch.setattr(os, name, fake)
        yield


def test_a_read_only_folder_checkin_says_so_in_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    data_dir = tmp_path / "data"
    before = saved_journal(data_dir)
    with read_only_folder(data_dir, monkeypatch):
        code = main(["--data-dir", str(data_dir), "checkin", "--mood", "3", "--intensity", "2"], now=NOW)
        due = main(["--data-dir", str(data_dir), "due"], now=NOW)
    err = capsys.readouterr().err
    assert (code, due) == (1, 0)
    assert "Traceback" not in err and "cannot be written (Read-only file system)" in err
    assert "your check-in was not saved: your journal is open read-only" in err
    assert database_path(data_dir).read_bytes() == before


def test_a_read_only_folder_without_a_journal_is_one_plain_line(tmp_path, monkeypatch, capsys):
    with read_only_folder(tmp_path, monkeypatch):
        code = main(["--data-dir", str(tmp_path / "new"), "checkin", "--mood", "3", "--intensity", "2"], now=NOW)
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err == f"rootwork: cannot open your journal in {tmp_path / 'new'}: Read-only file system\n"


async def test_the_app_on_a_read_only_folder_shows_the_journal_and_refuses_saves(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    before = saved_journal(data_dir)
    opened: list[Store] = []
    with read_only_folder(data_dir, monkeypatch):
        # `rootwork --data-dir RO` (in a terminal) gets as far as starting the app, with a read-only journal.
        monkeypatch.setattr("rootwork.tui.cli.open_app.missing_terminal", lambda: None)
        monkeypatch.setattr(RootworkApp, "run", lambda self: opened.append(self.store))
        assert main(["--data-dir", str(data_dir)]) == 0
        app = make_app(opened[0])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert any("cannot be written" in str(n.message) for n in app._notifications)
            await pilot.press("i")
            await pilot.pause()
            await pilot.press("3", "tab", "4")
            app.screen.query_one("#note", TextArea).load_text("kept on screen")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "read-only" in str(list(app._notifications)[-1].message)
            assert app.screen.query_one("#note", TextArea).text == "kept on screen"
    assert opened[0].checkin_for(TODAY - timedelta(days=1)).note == "already here"
    assert database_path(data_dir).read_bytes() == before


def _mount_read_only(path: Path) -> bool:
    path.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(path)], capture_output=True)
    return made.returncode == 0


@pytest.mark.skipif(sys.platform != "linux" or os.geteuid() != 0, reason="needs root to mount a disk")
def test_a_really_read_only_disk(tmp_path):
    mount = tmp_path / "disk"
    if not _mount_read_only(mount):
        pytest.skip("cannot mount here")
    try:
        before = saved_journal(mount / "data")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        command = [sys.executable, "-m", "rootwork.tui.cli.main", "--data-dir", str(mount / "data")]
        checkin = subprocess.run(
            [*command, "checkin", "--mood", "3", "--intensity", "2"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        due = subprocess.run([*command, "due"], cwd=REPO, capture_output=True, text=True, timeout=60)
        assert (checkin.returncode, due.returncode) == (1, 0)
        assert "Traceback" not in checkin.stderr + due.stderr
        assert "read-only" in checkin.stderr
        assert (mount / "data" / "rootwork.json").read_bytes() == before
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


# -- another writer ----------------------------------------------------------------------------


async def test_the_app_and_the_checkin_command_at_once_lose_nothing(tmp_path):
    data_dir = tmp_path / "data"
    Store.open(data_dir).acknowledge_disclaimer()
    days = [TODAY - timedelta(days=n) for n in range(1, 7)]
    app = make_app(Store.open(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        shells = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "rootwork.tui.cli.main",
                    "--data-dir",
                    str(data_dir),
                    "checkin",
                    "--mood",
                    "2",
                    "--intensity",
                    "5",
                    "--note",
                    f"shell {day}",
                    "--date",
                    day.isoformat(),
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for day in days
        ]
        for n in range(8):  # the app keeps saving while the shell commands run
            await app.store_call(app.store.save_reframe, Reframe(critic=f"critic {n}", reframe=f"kinder {n}"), TODAY)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("3", "tab", "4")
        app.screen.query_one("#note", TextArea).load_text("from the app")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [shell.wait(timeout=60) for shell in shells] == [0] * len(days)
        # The app sees the shell's check-ins without reopening, at its next look (a shell may end after its save).
        await app.store_call(app.store.refresh)
        assert {c.day: c.note for c in app.store.checkins()} == {
            **{day: f"shell {day}" for day in days},
            TODAY: "from the app",
        }
    reopened = Store.open(data_dir)
    assert len(reopened.checkins()) == 7 and len(reopened.reframes()) == 8


# -- file modes ----------------------------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_everything_written_is_private_under_umask_022(umask_022, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    temp_modes: list[int] = []
    real_replace = storage_module.os.replace

    def watching_replace(source, target):
        temp_modes.append(mode(Path(source)))
        return real_replace(source, target)

    monkeypatch.setattr(storage_module.os, "replace", watching_replace)
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=2, note="private"))
    export = tmp_path / "export.json"
    assert main(["--data-dir", str(data_dir), "export", "--format", "json", "-o", str(export)], now=NOW) == 0
    markdown = tmp_path / "journal.md"
    assert main(["--data-dir", str(data_dir), "export", "--format", "markdown", "-o", str(markdown)], now=NOW) == 0

    assert mode(data_dir) == 0o700 and mode(backups_dir(data_dir)) == 0o700
    assert temp_modes and set(temp_modes) == {0o600}
    assert mode(database_path(data_dir)) == 0o600
    assert [mode(path) for _day, path in list_backups(backups_dir(data_dir))] == [0o600]
    assert (mode(export), mode(markdown)) == (0o600, 0o600)


def test_files_made_readable_by_others_are_tightened_on_open(umask_022, tmp_path):
    data_dir = tmp_path / "data"
    Store.open(data_dir).save_checkin(Checkin(day=TODAY, mood=3, intensity=2))
    backup = list_backups(backups_dir(data_dir))[0][1]
    for path, loose in (
        (data_dir, 0o755),
        (backups_dir(data_dir), 0o755),
        (database_path(data_dir), 0o644),
        (backup, 0o644),
    ):
        os.chmod(path, loose)
    Store.open(data_dir)
    assert (mode(data_dir), mode(backups_dir(data_dir))) == (0o700, 0o700)
    assert (mode(database_path(data_dir)), mode(backup)) == (0o600, 0o600)


# -- no network ----------------------------------------------------------------------------


async def test_the_whole_flow_works_without_a_network(tmp_path, monkeypatch, capsys):
    def no_network(*args, **kwargs):
        raise AssertionError("rootwork tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    data_dir = tmp_path / "data"
    app = make_app(Store.open(data_dir))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("3", "tab", "4", "ctrl+s")
        await pilot.pause()
        store = app.store
        item = await app.store_call(store.adopt, app.library.practices[0].id, TODAY)
        await app.store_call(store.review, "practice", item.id, Rating.DID_IT, TODAY)
        reframe = await app.store_call(store.save_reframe, Reframe(critic="not enough", reframe="enough"), TODAY)
        await app.store_call(store.review, "reframe", reframe.id, Rating.DID_IT, TODAY, belief=40)
        for key in ("t", "r", "p", "m", "c", "?"):
            await pilot.press(key)
            await pilot.pause()
    for fmt in ("json", "markdown", "ics"):
        assert main(["--data-dir", str(data_dir), "export", "--format", fmt], now=NOW) == 0
    assert main(["--data-dir", str(data_dir), "due"], now=NOW) == 0
    reopened = Store.open(data_dir)
    assert reopened.checkin_for(TODAY).mood == 3 and len(reopened.reviews()) == 2

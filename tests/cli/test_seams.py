"""Nothing written is lost at the seams of the command line: how it ends, what it says, what it leaves.

A crash exits non-zero and says no message; without a terminal the app says so
and stops; bad input changes nothing, not even a damaged journal; what the
journal has to say after a save reaches stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import backups_dir, crash_log_path, database_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.cli.main import main
from tests.safety.test_environment import read_only_folder
from tests.scripts import console_script

REPO = Path(__file__).resolve().parents[2]
ROOTWORK = console_script("rootwork")
LOCAL = datetime.now().astimezone().tzinfo
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
SECRET = "my secret shame 4711"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    return tmp_path / "data"


def run(data_dir: Path, *argv: str, now: datetime = NOW) -> int:
    return main(["--data-dir", str(data_dir), *argv], now=now)


def listing(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (the lock file's too)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- crashes


def test_the_app_crashing_exits_non_zero(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.app import App

    import rootwork.tui.cli.open_app
    from rootwork.tui.app import RootworkApp
    from rootwork.tui.screens.today import TodayScreen

    def failing_mount(self) -> None:
        raise RuntimeError(SECRET)

    store = Store.open(data_dir)
    store.acknowledge_disclaimer()
    store.close()
    monkeypatch.setattr(rootwork.tui.cli.open_app, "missing_terminal", lambda: None)
    monkeypatch.setattr(TodayScreen, "on_mount", failing_mount, raising=False)  # Today has none of its own
    monkeypatch.setattr(RootworkApp, "run", lambda app: App.run(app, headless=True, size=(100, 30)))
    assert run(data_dir) == 1
    logged = crash_log_path(data_dir).read_text()
    assert "RuntimeError" in logged and SECRET not in logged


def test_a_command_crashing_exits_1_with_one_sentence_and_no_message(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing_due(self, today, cap=None):
        raise ValueError(f"invalid literal: {SECRET!r}")

    Store.open(data_dir).close()
    monkeypatch.setattr(Store, "due_today", failing_due)
    assert run(data_dir, "due") == 1
    printed = capsys.readouterr()
    assert SECRET not in printed.out + printed.err and "Traceback" not in printed.err
    assert "rootwork stopped on an unexpected error (ValueError); what you saved is safe." in printed.err
    assert str(crash_log_path(data_dir)) in printed.err.splitlines()
    logged = crash_log_path(data_dir).read_text()
    assert "ValueError" in logged and "in failing_due" in logged and SECRET not in logged


def test_a_crash_before_there_is_a_journal_creates_no_folder(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import rootwork.tui.cli.main

    def failing(args, now):
        raise KeyError(SECRET)

    monkeypatch.setitem(rootwork.tui.cli.main.COMMANDS, "due", failing)
    assert run(data_dir, "due") == 1
    err = capsys.readouterr().err
    assert not data_dir.exists() and SECRET not in err
    # No log could be kept, so the traceback (types, files, lines; no message) is what is printed.
    assert "KeyError" in err and "in failing" in err and "No details could be written down." in err


# ---------------------------------------------------------------- no terminal


def test_the_app_without_a_terminal_says_so_and_stops(data_dir: Path) -> None:
    for argv in ([], ["--demo"]):
        try:
            done = subprocess.run(
                [str(ROOTWORK), "--data-dir", str(data_dir), *argv],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=30,
            )
        except subprocess.TimeoutExpired:
            pytest.fail("the app kept running without a terminal")
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "\x1b" not in done.stderr
        assert "the app needs a terminal, and standard input is not one" in done.stderr
        assert not data_dir.exists()


def test_commands_still_work_without_a_terminal(data_dir: Path) -> None:
    done = subprocess.run(
        [str(ROOTWORK), "--data-dir", str(data_dir), "due"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_each_stream_must_be_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import rootwork.tui.cli.open_app

    class Tty:
        def isatty(self) -> bool:
            return True

    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(sys, name, Tty())
    assert rootwork.tui.cli.open_app.missing_terminal() is None
    monkeypatch.setattr(sys, "stdout", open(os.devnull, "w"))  # closed below
    try:
        assert rootwork.tui.cli.open_app.missing_terminal() == "standard output"
    finally:
        sys.stdout.close()


# ---------------------------------------------------------------- bad input changes nothing


def damaged_journal(data_dir: Path) -> dict[str, bytes]:
    """A journal with a day's backup, then its file broken: opening it would restore the backup."""
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=NOW.date() - timedelta(days=1), mood=3, intensity=4, note="kept"))
    store.close()
    assert list(backups_dir(data_dir).iterdir())
    database_path(data_dir).write_bytes(b'{"checkins": {"1": {"mood": ')
    return listing(data_dir)


def bad_import_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.json"
    bad = {
        "app": "rootwork",
        "schema_version": 1,
        "checkins": [{"id": "c1", "day": "2026-11-01", "mood": 9, "intensity": 2}],
    }
    path.write_text(json.dumps(bad))
    return path


BAD_ARGUMENTS = {
    "a future date": (["checkin", "--mood", "3", "--intensity", "2", "--date", "2026-11-26"], "has not come yet"),
    "an over-long note": (
        ["checkin", "--mood", "3", "--intensity", "2", "--note", "x" * 10_001],
        "the note is 10,001 characters; the limit is 10,000",
    ),
    "a bad mood": (["checkin", "--mood", "9", "--intensity", "2"], "mood must be a whole number from 1 to 5"),
}


@pytest.mark.parametrize("case", [*BAD_ARGUMENTS, "an import the journal refuses"])
def test_bad_input_creates_no_data_folder(case: str, data_dir: Path, tmp_path: Path, capsys) -> None:
    argv, said = BAD_ARGUMENTS.get(case) or (["import", str(bad_import_file(tmp_path))], "cannot be imported")
    assert run(data_dir, *argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err
    assert not data_dir.exists()


@pytest.mark.parametrize("case", [*BAD_ARGUMENTS, "an import the journal refuses"])
def test_bad_input_leaves_a_damaged_journal_as_it_is(case: str, data_dir: Path, tmp_path: Path, capsys) -> None:
    before = damaged_journal(data_dir)
    argv, said = BAD_ARGUMENTS.get(case) or (["import", str(bad_import_file(tmp_path))], "cannot be imported")
    assert run(data_dir, *argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err and "restored" not in err.lower()
    assert listing(data_dir) == before


def test_today_before_the_day_starts_is_refused_before_anything_is_made(data_dir: Path, capsys) -> None:
    early = datetime(2026, 11, 26, 2, 0, tzinfo=LOCAL)  # still 25 Nov: a day starts at 04:00
    assert run(data_dir, "checkin", "--mood", "3", "--intensity", "2", "--date", "2026-11-26", now=early) == 2
    assert "Thu 26 Nov 2026 has not come yet" in capsys.readouterr().err
    assert not data_dir.exists()


def test_the_journals_own_day_start_decides_what_is_to_come(data_dir: Path) -> None:
    Store.open(data_dir).set_setting("day_start_hour", 0)
    early = datetime(2026, 11, 26, 2, 0, tzinfo=LOCAL)  # already 26 Nov for this journal
    assert run(data_dir, "checkin", "--mood", "3", "--intensity", "2", "--date", "2026-11-26", now=early) == 0


# ---------------------------------------------------------------- notices after saves


def test_a_notice_raised_by_a_save_reaches_stderr_and_the_save_still_succeeds(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(data_dir).close()
    for backup in backups_dir(data_dir).glob("*"):
        backup.unlink()
    with read_only_folder(backups_dir(data_dir), monkeypatch):
        code = run(data_dir, "checkin", "--mood", "3", "--intensity", "2")
    printed = capsys.readouterr()
    assert code == 0 and printed.out.startswith("Checked in for")
    lines = printed.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rootwork: Today's backup copy could not be written")
    assert Store.open(data_dir).checkin_for(NOW.date()) is not None

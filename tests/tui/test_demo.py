"""rootwork --demo: a lived-in made-up journal in a temporary folder, never the user's own, gone at exit."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from rootwork.state.store import Store
from rootwork.tui.app import RootworkApp
from rootwork.tui.cli import main as cli
from tests.tui.conftest import SIZE, TODAY, make_app

# 09:30 on the test day; a day starts at 04:00, so this is still TODAY.
NOW = datetime(2026, 11, 25, 9, 30).astimezone()


@pytest.fixture(autouse=True)
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if run from a terminal: the app is refused without one (tests/safety/test_environment.py)."""
    import rootwork.tui.cli.open_app

    monkeypatch.setattr(rootwork.tui.cli.open_app, "missing_terminal", lambda: None)


@pytest.fixture
def own_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the user's own journal would be, named both ways the command line knows."""
    own = tmp_path / "own-journal"
    monkeypatch.setenv("ROOTWORK_DATA_DIR", str(own))
    return own


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Stand in for running the app: record what it was given and what its folder held."""
    seen: list[dict] = []

    def run(app: RootworkApp) -> None:
        data_dir = Path(app.store.data_dir)
        seen.append(
            {
                "demo": app.demo,
                "data_dir": data_dir,
                "files": sorted(p.name for p in data_dir.iterdir()),
                "checkins": len(app.store.checkins()),
            }
        )

    monkeypatch.setattr(RootworkApp, "run", run)
    return seen


def test_demo_runs_on_a_full_journal_in_a_temporary_folder_removed_at_exit(
    own_journal: Path, runs: list[dict], tmp_path: Path
) -> None:
    assert cli.main(["--demo", "--data-dir", str(tmp_path / "given")], now=NOW) == 0
    [run] = runs
    assert run["demo"] is True
    assert "rootwork.json" in run["files"]
    assert run["checkins"] > cli.DEMO_DAYS // 2
    # Neither the environment's folder nor --data-dir was created or touched.
    assert not own_journal.exists()
    assert not (tmp_path / "given").exists()
    assert not run["data_dir"].exists()


def test_the_demo_folder_is_removed_even_when_the_app_fails(
    own_journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folders: list[Path] = []

    def crash(app: RootworkApp) -> None:
        folders.append(Path(app.store.data_dir))
        raise RuntimeError("the terminal went away")

    import rootwork.tui.crash_log

    monkeypatch.setattr(rootwork.tui.crash_log, "DEMO_CRASH_DIR", tmp_path / "crashes")
    monkeypatch.setattr(RootworkApp, "run", crash)
    assert cli.main(["--demo"], now=NOW) == cli.EXIT_FAILED
    assert folders and not folders[0].exists()
    # The crash is logged where it outlives the demo, without its message.
    logged = (tmp_path / "crashes" / "crash.log").read_text()
    assert "RuntimeError" in logged and "terminal went away" not in logged


def test_demo_with_a_command_is_refused(capsys: pytest.CaptureFixture[str], own_journal: Path) -> None:
    assert cli.main(["--demo", "due"], now=NOW) == cli.EXIT_USAGE
    assert "--demo opens the app" in capsys.readouterr().err
    assert not own_journal.exists()


def test_demo_journal_ends_yesterday_and_leaves_work_due_today(own_journal: Path) -> None:
    store, directory = cli.open_demo_journal(NOW)
    try:
        checkins = store.checkins()
        assert checkins[-1].day == TODAY - timedelta(days=1)
        assert checkins[0].day >= TODAY - timedelta(days=cli.DEMO_DAYS)
        assert store.checkin_for(TODAY) is None  # today's check-in is the newcomer's to try
        assert store.plan() and store.reframes() and store.reviews()
        assert store.due(TODAY)
        assert directory.stat().st_mode & 0o077 == 0  # private like a real journal
    finally:
        store.close()
        shutil.rmtree(directory)


def test_same_day_same_demo() -> None:
    first, second = Store.in_memory(), Store.in_memory()
    cli.fill_demo_journal(first, TODAY)
    cli.fill_demo_journal(second, TODAY)
    assert first.export_data()["reframes"] == second.export_data()["reframes"]


async def test_the_demo_says_so_on_every_screen(store: Store) -> None:
    cli.fill_demo_journal(store, TODAY)
    app = make_app(store, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("t", "c", "r", "p", "m", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            header = app.screen.query_one("HeaderTitle").render()
            assert "DEMO" in str(header), app.current_mode
        assert any("demo" in str(n.title).lower() for n in app._notifications)


async def test_an_ordinary_run_does_not_say_demo(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "DEMO" not in str(app.screen.query_one("HeaderTitle").render())


def test_demo_today_follows_the_day_start_hour() -> None:
    # 02:00 belongs to the day before (a day starts at 04:00): the demo ends the day before that.
    store, directory = cli.open_demo_journal(datetime(2026, 11, 26, 2, 0).astimezone())
    try:
        assert store.checkins()[-1].day == date(2026, 11, 24)
    finally:
        store.close()
        shutil.rmtree(directory)


KILLED_DEMO = """
import os, signal, sys
from rootwork.tui.cli import main as cli
from rootwork.tui.cli import open_app as cli_app
from rootwork.tui.app import RootworkApp

cli_app.missing_terminal = lambda: None  # as if run from a terminal
def run(app):
    print(app.store.data_dir, flush=True)
    os.kill(os.getpid(), signal.{signal})

RootworkApp.run = run
cli.main(["--demo"])
"""


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
def test_a_closed_terminal_or_a_kill_still_removes_the_demo(name: str, own_journal: Path) -> None:
    import signal
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", KILLED_DEMO.replace("{signal}", name)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == -getattr(signal, name), done.stderr
    assert not Path(done.stdout.strip()).exists()

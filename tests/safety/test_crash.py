"""An unexpected error never prints what the user wrote: the traceback goes to a private log, a sentence to the terminal."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import UTC
from pathlib import Path

import pytest

from rootwork.state.files.locations import crash_log_path
from rootwork.state.store import Store
from rootwork.tui.crash import crash_message, crash_report, write_crash_log
from tests.tui.conftest import SIZE, make_app

REPO = Path(__file__).resolve().parents[2]
SECRET = "my secret shame 4711"

# A screen whose code fails while a local variable holds the user's words, in a
# real headless run (so Textual's own printing is what is tested).
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from textual.app import App
    from textual.screen import Screen
    from rootwork.state.store import Store
    from rootwork.tui.app import RootworkApp
    from rootwork.tui.screens.today import TodayScreen

    data_dir, secret, which = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

    def failing_mount(self) -> None:
        private_note = secret  # what Textual's traceback would show among the locals
        raise RuntimeError("something went wrong while saving")

    if which == "rootwork":
        TodayScreen.on_mount = failing_mount  # the screen the app opens on
        store = Store.open(data_dir)
        store.acknowledge_disclaimer()
        app = RootworkApp(store=store)
    else:
        class Failing(Screen):
            on_mount = failing_mount

        class Plain(App):
            def on_mount(self) -> None:
                self.push_screen(Failing())

        app = Plain()
    app.run(headless=True, size=(100, 30))
    sys.exit(app.return_code)
    """
)


def run_crashing_app(data_dir: Path, which: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "300"}  # wide enough for the log's path on one line
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), SECRET, which],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_textual_alone_would_print_the_secret(tmp_path: Path) -> None:
    # Shows the danger is real: without rootwork's handler, the locals reach the terminal.
    run = run_crashing_app(tmp_path / "data", "textual")
    assert run.returncode == 1 and SECRET in run.stdout + run.stderr


def test_a_crash_logs_privately_and_prints_where_without_the_secret(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run = run_crashing_app(tmp_path / "data", "rootwork")
    finally:
        os.umask(old)
    printed = run.stdout + run.stderr
    log = crash_log_path(tmp_path / "data")
    assert run.returncode == 1
    assert SECRET not in printed and "something went wrong" not in printed
    assert "rootwork stopped on an unexpected error (RuntimeError); what you saved is safe." in printed
    assert str(log) in printed.splitlines()  # on a line of its own, to copy
    assert "Traceback" not in printed
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    logged = log.read_text()
    assert "Traceback (most recent call last)" in logged and "RuntimeError" in logged
    assert "in failing_mount" in logged
    assert SECRET not in logged and "something went wrong" not in logged  # the message can quote the user


def test_the_report_has_no_locals_and_the_log_is_appended_and_tightened(tmp_path: Path) -> None:
    from datetime import datetime

    def fail(note: str) -> None:
        raise ValueError("bad value")

    try:
        fail(SECRET)
    except ValueError as error:
        caught = error
    assert SECRET not in crash_report(caught) and "bad value" not in crash_report(caught)
    assert "ValueError" in crash_report(caught) and "in fail" in crash_report(caught)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    crash_log_path(data_dir).write_text("an older crash\n")
    os.chmod(crash_log_path(data_dir), 0o644)
    moment = datetime(2026, 11, 25, 12, tzinfo=UTC)
    path = write_crash_log(data_dir, caught, moment)
    assert path == crash_log_path(data_dir) and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().startswith("an older crash\n--- rootwork stopped at 2026-11-25T12:00:00+00:00\n")
    assert write_crash_log(None, caught, moment) is None
    assert "No details could be written down." in crash_message(caught, None)


async def test_in_a_pilot_the_error_still_reaches_the_test(tmp_path: Path) -> None:
    app = make_app(Store.open(tmp_path / "data"))
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert "ZeroDivisionError" in crash_log_path(tmp_path / "data").read_text()


async def test_a_demo_logs_where_the_log_outlives_the_demo(tmp_path: Path, monkeypatch) -> None:
    # The demo's own folder is deleted at exit, so a log there would point nowhere.
    import rootwork.tui.crash_log

    monkeypatch.setattr(rootwork.tui.crash_log, "DEMO_CRASH_DIR", tmp_path / "kept")
    app = make_app(Store.open(tmp_path / "demo"), demo=True)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert "ZeroDivisionError" in crash_log_path(tmp_path / "kept").read_text()
    assert not crash_log_path(tmp_path / "demo").exists()


def test_the_report_names_types_files_lines_and_functions_of_the_whole_chain_and_no_message() -> None:
    def parse_note(note: str) -> int:
        return int(note)  # ValueError: invalid literal for int() with base 10: '<the note>'

    def save(note: str) -> None:
        try:
            parse_note(note)
        except ValueError as error:
            raise RuntimeError(f"could not save {note}") from error

    try:
        save(SECRET)
    except RuntimeError as error:
        caught = error
    report = crash_report(caught)
    assert SECRET not in report and "could not save" not in report and "invalid literal" not in report
    assert "ValueError" in report and "RuntimeError" in report and "direct cause" in report
    assert "in parse_note" in report and "in save" in report and f'File "{__file__}", line ' in report
    assert "return int(note)" not in report  # nor the source lines: code, but not needed


def test_an_exception_group_lists_each_inner_exception_without_messages() -> None:
    try:
        raise ExceptionGroup("two failed", [KeyError(SECRET), OSError(SECRET)])
    except ExceptionGroup as error:
        caught = error
    report = crash_report(caught)
    assert SECRET not in report and "KeyError" in report and "OSError" in report and "ExceptionGroup" in report


def test_the_crash_message_names_a_folder_without_its_escape_codes(tmp_path: Path) -> None:
    folder = tmp_path / "x\x1b]0;owned\x07\x1b[31m"
    try:
        raise ValueError("boom")
    except ValueError as error:
        message = crash_message(error, folder / "crash.log")
    assert "\x1b" not in message and "\x07" not in message
    assert message.endswith("/x/crash.log")  # the sequences removed whole

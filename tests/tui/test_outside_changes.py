"""The event loop never waits on the journal: reads come from a snapshot, changes made elsewhere arrive on their own."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

from textual.widgets import Static

import rootwork.state.journal_file.storage
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.screens.checkin import CheckinScreen
from tests.cli.test_cli import REPO
from tests.state.test_snapshots import hold_lock
from tests.tui.conftest import SIZE, TODAY, make_app


def shown(app, selector: str) -> str:
    return app.screen.query_one(selector, Static).render().plain


async def wait_for(pilot, condition, seconds: float = 8.0) -> bool:
    """Let the app run (no key pressed) until ``condition()`` holds or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_the_screen_reads_at_once_while_a_save_waits_for_another_process(tmp_path: Path) -> None:
    app = make_app(Store.open(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        holder = hold_lock(tmp_path, 60)
        try:
            saving = asyncio.create_task(
                app.store_call(app.store.save_checkin, Checkin(TODAY, mood=4, intensity=2, note="waited"))
            )
            await asyncio.sleep(0.2)  # the store thread now waits for the flock
            assert not saving.done()
            started = time.perf_counter()
            app.screen.refresh_today()  # every read Today makes
            assert time.perf_counter() - started < 0.1
            assert "Not checked in yet" in shown(app, "#today-checkin")
            holder.kill()  # the other process is done: its lock goes with it, and the save goes ahead
            await saving
        finally:
            holder.kill()
            holder.wait()
        app.screen.refresh_today()
        assert "waited" in shown(app, "#today-checkin")


async def test_another_process_write_is_parsed_off_the_loop_and_shown(
    tmp_path: Path, monkeypatch, quick_checks
) -> None:
    parsed_on: list[str] = []
    real = rootwork.state.journal_file.storage.read_journal

    def parse(*args: object) -> dict:
        parsed_on.append(threading.current_thread().name)
        return real(*args)

    app = make_app(Store.open(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(rootwork.state.journal_file.storage, "read_journal", parse)
        Store.open(tmp_path).save_checkin(Checkin(TODAY, mood=2, intensity=6, note="written elsewhere"))
        parsed_on.clear()
        # Until the check runs, the loop reads the old snapshot, without touching the file.
        assert app.store.checkin_for(TODAY) is None
        assert parsed_on == []
        assert await wait_for(pilot, lambda: "written elsewhere" in shown(app, "#today-checkin"))
        assert parsed_on and all(name.startswith("rootwork-store") for name in parsed_on)


async def test_today_shows_a_checkin_from_the_shell_without_a_key_press(tmp_path: Path, quick_checks) -> None:
    app = make_app(Store.open(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Not checked in yet" in shown(app, "#today-checkin")
        shell = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "rootwork.tui.cli.main",
            "--data-dir",
            str(tmp_path),
            "checkin",
            "--mood",
            "3",
            "--intensity",
            "4",
            "--note",
            "from the shell",
            "--date",
            TODAY.isoformat(),
            cwd=REPO,
        )
        assert await shell.wait() == 0
        assert await wait_for(pilot, lambda: "from the shell" in shown(app, "#today-checkin"))
        assert "1 check-in this week" in shown(app, "#week")


async def test_the_checkin_form_takes_changes_from_elsewhere_but_never_over_typing(
    tmp_path: Path, quick_checks
) -> None:
    app = make_app(Store.open(tmp_path), start_mode="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CheckinScreen)
        await pilot.press("tab")  # move on from the mood: a refresh must leave the focus where it is
        focused = app.focused
        Store.open(tmp_path).save_checkin(Checkin(TODAY, mood=5, intensity=1, note="first"))
        assert await wait_for(pilot, lambda: form.form_input().note == "first")
        assert app.focused is focused
        await pilot.press("3")  # the user changes something: it is never overwritten
        typed = form.form_input()
        Store.open(tmp_path).save_checkin(Checkin(TODAY, mood=1, intensity=9, note="second"))
        # The app has the second save (the check that found it tells the form at once); two more checks later
        # the form has surely heard of it.
        assert await wait_for(pilot, lambda: app.store.checkin_for(TODAY).note == "second")
        await pilot.pause(2 * quick_checks)
        assert form.form_input() == typed


async def test_a_thought_records_page_shows_a_change_made_elsewhere(tmp_path: Path, quick_checks) -> None:
    # Store changes reach a screen by message (tui/showing.py): the record's page handles it too.
    from dataclasses import replace

    from rootwork.state.records.model import Reframe
    from rootwork.tui.screens.reframes import ReframeViewScreen

    store = Store.open(tmp_path)
    store.save_reframe(Reframe(critic="Not good enough", reframe="Good enough is good"), TODAY)
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReframeViewScreen)
        other = Store.open(tmp_path)  # another process edits the record
        [record] = other.reframes()
        other.save_reframe(replace(record, reframe="Written on the other window"), TODAY, base=record)
        for _ in range(40):
            await asyncio.sleep(quick_checks / 4)
            if "Written on the other window" in str(app.screen.query_one("#reframe-view-body").render()):
                break
        assert "Written on the other window" in str(app.screen.query_one("#reframe-view-body").render())

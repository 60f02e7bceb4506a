"""A conflict copy a sync tool drops beside the journal while the app is open is merged and the user told."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.test_outside_changes import wait_for


async def test_a_copy_dropped_while_the_app_runs_comes_in_with_a_notice(tmp_path: Path, quick_checks) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(desktop).save_checkin(Checkin(TODAY, mood=4, intensity=2, note="from the desktop"))
    app = make_app(Store.open(laptop))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shutil.copy2(desktop / "rootwork.json", laptop / "rootwork (conflicted copy 2026-11-25 120000).json")
        assert await wait_for(pilot, lambda: app.store.checkin_for(TODAY) is not None)
        assert await wait_for(
            pilot, lambda: "from the desktop" in app.screen.query_one("#today-checkin", Static).render().plain
        )
        assert await wait_for(
            pilot,
            lambda: any(
                n.message.startswith("Merged a copy from another machine: 1 check-in.") for n in app._notifications
            ),
        )


async def test_a_journal_synced_whole_from_another_machine_is_shown_and_said(tmp_path: Path) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop).save_checkin(Checkin(TODAY, mood=3, intensity=5, note="from the laptop"))
    shutil.copy2(laptop / "rootwork.json", tmp_path / "start.json")
    desktop.mkdir(mode=0o700)
    shutil.copy2(tmp_path / "start.json", desktop / "rootwork.json")
    there = Store.open(desktop)
    there.save_checkin(Checkin(TODAY, mood=4, intensity=2, note="from the desktop"), base=there.checkin_for(TODAY))
    app = make_app(Store.open(laptop))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shutil.copy2(desktop / "rootwork.json", laptop / "rootwork.json")  # the sync tool, no conflict
        assert await wait_for(
            pilot, lambda: "from the desktop" in app.screen.query_one("#today-checkin", Static).render().plain
        )
        assert await wait_for(
            pilot,
            lambda: (
                [n.message for n in app._notifications if "another machine" in n.message]
                == ["Your journal was updated on another machine; what you see now includes it."]
            ),
        )


async def test_today_says_in_one_line_while_answers_are_kept_aside(tmp_path: Path, quick_checks) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop).save_checkin(Checkin(TODAY, mood=3, intensity=3, note="before"))
    desktop.mkdir(mode=0o700)
    shutil.copy2(laptop / "rootwork.json", desktop / "rootwork.json")
    there = Store.open(desktop)
    there.save_checkin(Checkin(TODAY, mood=3, intensity=3, note="from the desktop"), base=there.checkin_for(TODAY))
    here = Store.open(laptop)
    here.save_checkin(Checkin(TODAY, mood=3, intensity=3, note="from the laptop"), base=here.checkin_for(TODAY))
    app = make_app(Store.open(laptop))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#kept-aside", Static)
        assert not line.display  # nothing kept aside: no line at all
        shutil.copy2(desktop / "rootwork.json", laptop / "rootwork (conflicted copy 2026-11-25 120000).json")
        assert await wait_for(pilot, lambda: line.display)
        assert "1 answer changed on two machines" in line.render().plain
        key = app.store.kept_aside()[0].key
        await app.store_call(app.store.resolve_kept_aside, key, "theirs")
        app.screen.refresh_today()
        await pilot.pause()
        assert not line.display


class UnreadableFolder(Store):
    """A store whose look for outside changes fails, as a folder unmounted under the app would."""

    def refresh(self) -> bool:
        raise OSError("the folder is gone")


async def test_a_failed_check_for_outside_changes_is_said_once_and_the_app_goes_on(quick_checks) -> None:
    store = UnreadableFolder.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = lambda: [n.message for n in app._notifications if "cannot be shown" in n.message]  # noqa: E731
        assert await wait_for(pilot, lambda: said() == ["Changes made elsewhere cannot be shown: the folder is gone"])
        await pilot.pause(3 * quick_checks)  # more checks fail, and are not said again
        assert len(said()) == 1
        await pilot.press("c")  # the app goes on
        assert app.current_mode == "causes"

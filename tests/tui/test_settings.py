"""Settings: opened from Help with s, saved with ctrl+s, refusals explained, escape asks when something changed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static

from rootwork.content import load_library
from rootwork.state.records.errors import SaveFailed
from rootwork.state.store import DEFAULT_SETTINGS, Store
from rootwork.tui.screens.help import HelpScreen
from rootwork.tui.screens.settings import SettingsScreen
from rootwork.tui.screens.today import TodayScreen
from rootwork.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, make_app, palette_searched


async def open_from_help(pilot, app) -> SettingsScreen:
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def retype(pilot, screen: SettingsScreen, field: str, text: str) -> None:
    """Put the cursor in ``field``, delete what is there and type ``text``, as a user would."""
    field_input = screen.query_one(f"#{field}", Input)
    field_input.focus()
    await pilot.pause()
    await pilot.press("end", *["backspace"] * len(field_input.value), *text)


def message(screen: SettingsScreen) -> str:
    return str(screen.query_one("#settings-message", Static).render())


async def test_settings_saved_from_help_are_there_for_a_new_app_and_move_the_day(tmp_path: Path) -> None:
    # 03:00 on the 26th is still the 25th while a day starts at 04:00; from 02:00 it is the 26th.
    clock = lambda: datetime(2026, 11, 26, 3, 0)  # noqa: E731
    store = Store.open(tmp_path)
    app = make_app(store, today=None, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.today == date(2026, 11, 25)
        screen = await open_from_help(pilot, app)
        # The current values are filled in.
        assert screen.query_one("#daily_cap", Input).value == str(DEFAULT_SETTINGS["daily_cap"])
        assert screen.query_one("#reminder_time", Input).value == DEFAULT_SETTINGS["reminder_time"]
        await retype(pilot, screen, "daily_cap", "8")
        await retype(pilot, screen, "day_start_hour", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.today == date(2026, 11, 26)

    again = make_app(Store.open(tmp_path), today=None, clock=clock)
    async with again.run_test(size=SIZE) as pilot:
        assert again.store.setting("daily_cap") == 8 and again.store.setting("day_start_hour") == 2
        screen = await open_from_help(pilot, again)
        assert screen.query_one("#daily_cap", Input).value == "8"
        assert screen.query_one("#day_start_hour", Input).value == "2"


async def test_bad_input_is_explained_and_nothing_is_saved(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_help(pilot, app)
        await retype(pilot, screen, "daily_cap", "9")
        await retype(pilot, screen, "day_start_hour", "13")
        await pilot.press("tab")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "The hour a day starts" in message(screen) and "0 to 12" in message(screen)
        assert screen.focused is screen.query_one("#day_start_hour", Input)
        # Nothing was saved, not even the valid cap; what was typed is still there.
        assert store.setting("daily_cap") == DEFAULT_SETTINGS["daily_cap"]
        assert store.setting("day_start_hour") == DEFAULT_SETTINGS["day_start_hour"]
        assert screen.query_one("#daily_cap", Input).value == "9"
        # Typing again clears the old reason.
        await retype(pilot, screen, "day_start_hour", "5")
        await pilot.pause()
        assert message(screen) == ""


async def test_escape_with_changes_asks_first_and_stay_keeps_them(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_help(pilot, app)
        screen.query_one("#first_weekday", Select).value = "6"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#first_weekday", Select).value == "6"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert store.setting("first_weekday") == DEFAULT_SETTINGS["first_weekday"]
        # Without changes, escape just leaves.
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_failed_save_says_why_and_keeps_the_form(store: Store, monkeypatch) -> None:
    def disk_full(key, value):
        raise SaveFailed("Your change could not be saved (No space left on device).")

    monkeypatch.setattr(store, "set_setting", disk_full)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_help(pilot, app)
        await retype(pilot, screen, "reminder_time", "18:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "No space left" in message(screen) and "still here" in message(screen)
        assert screen.query_one("#reminder_time", Input).value == "18:30"


async def test_today_shows_the_new_daily_cap_when_shown_again(store: Store) -> None:
    for practice in load_library().practices[:4]:
        store.adopt(practice.id, TODAY)
    store.set_setting("daily_cap", 2)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one("#due-list", OptionList).option_count == 2
        await pilot.press("ctrl+p", *"settings")
        await palette_searched(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await retype(pilot, screen, "daily_cap", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one("#due-list", OptionList).option_count == 3

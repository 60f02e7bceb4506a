"""The daily check-in: done by keys alone, one per day, past days, the 04:00 boundary, failures keep the form."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import Input, Static, TextArea

from rootwork.state.records.errors import SaveFailed
from rootwork.state.records.model import Checkin
from rootwork.state.records.text import NOTE_MAX
from rootwork.tui.screens.checkin import CheckinInput, CheckinScreen, build_checkin, missing_message, read_day
from rootwork.tui.screens.today import TodayScreen
from rootwork.tui.widgets.confirm import ConfirmScreen
from rootwork.tui.widgets.scale import Scale
from tests.tui.conftest import SIZE, TODAY, make_app

# -- logic without the UI ---------------------------------------------------------


def test_read_day_accepts_today_and_past_and_explains_the_rest():
    assert read_day(" 2026-11-20 ", TODAY) == (date(2026, 11, 20), "")
    assert read_day(TODAY.isoformat(), TODAY) == (TODAY, "")
    day, problem = read_day("2026-11-26", TODAY)
    assert day is None and "hasn't come yet" in problem and "Thu 26 Nov" in problem
    day, problem = read_day("2026-13-01", TODAY)
    assert day is None and "YYYY-MM-DD" in problem


def test_missing_message_names_what_is_missing():
    assert CheckinInput().missing() == ["mood", "intensity"]
    assert "mood" in missing_message(["mood"]) and "insecure" not in missing_message(["mood"])
    both = missing_message(["mood", "intensity"])
    assert "mood (1-5)" in both and "how insecure you feel (0-10)" in both


def test_build_checkin_keeps_the_saved_identity_and_ids_no_longer_offered():
    saved = Checkin(day=TODAY, mood=2, intensity=5, signs=("old-sign",), id="abc", created_at="then")
    typed = CheckinInput(mood=4, intensity=1, signs=("comparing",), note="n")
    built = build_checkin(TODAY, typed, saved, (("old-sign",), ()))
    assert (built.id, built.created_at, built.mood, built.intensity) == ("abc", "then", 4, 1)
    assert built.signs == ("comparing", "old-sign")
    # Moved to another day, it is a new check-in for that day, not a rename of the old one.
    other = build_checkin(date(2026, 11, 20), typed, saved, ((), ()))
    assert other.id == "" and other.day == date(2026, 11, 20)


# -- on screen ----------------------------------------------------------------------


def last_notice(app):
    """The newest notification shown (Textual keeps them on the app)."""
    return list(app._notifications)[-1]


def form(app) -> CheckinScreen:
    screen = app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


async def test_checkin_by_keys_saves_reopens_and_edits_without_duplicating():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#mood", Scale)
        # mood 4, intensity 10 (two quick digits), tick the 1st and 3rd sign and the 2nd cause,
        # a note on two lines, gratitude, save.
        await pilot.press("4", "tab", "1", "0", "tab", "space", "down", "down", "space", "tab", "down", "space", "tab")
        await pilot.press(*"slow day", "enter", *"ok", "tab", *"tea", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        signs = [s.id for s in app.library.signs]
        causes = [c.id for c in app.library.causes]
        saved = app.store.checkin_for(TODAY)
        assert (saved.mood, saved.intensity) == (4, 10)
        assert saved.signs == (signs[0], signs[2]) and saved.causes == (causes[1],)
        assert (saved.note, saved.gratitude) == ("slow day\nok", "tea")
        assert any("Checked in for Wed 25 Nov." == n.message for n in app._notifications)

        await pilot.press("i")
        await pilot.pause()
        assert form(app).form_input() == CheckinInput.of(saved)
        assert "Editing" in str(app.screen.query_one("#checkin-status", Static).render())

        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert len(app.store.checkins()) == 1
        edited = app.store.checkin_for(TODAY)
        assert edited.id == saved.id and edited.mood == 2 and edited.note == saved.note


async def test_save_names_what_is_missing_and_saves_nothing():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = last_notice(app).message
        assert "mood (1-5)" in message and "how insecure" in message
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        last = last_notice(app).message
        assert "how insecure" in last and "mood" not in last
        assert app.focused is app.screen.query_one("#intensity", Scale)
        assert app.store.checkins() == [] and isinstance(app.screen, CheckinScreen)


async def test_escape_asks_before_dropping_input_and_not_when_nothing_typed():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)  # nothing typed: leaves without asking

        await pilot.press("i")
        await pilot.pause()
        await pilot.press("3", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert form(app).form_input().mood == 3
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and app.store.checkins() == []
        await pilot.press("i")
        await pilot.pause()
        assert form(app).form_input() == CheckinInput()


async def test_a_past_day_is_filled_in_and_a_future_or_bad_date_is_refused():
    app = make_app()
    app.store.save_checkin(Checkin(day=date(2026, 11, 20), mood=5, intensity=2, note="earlier"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        date_input = app.screen.query_one("#checkin-date", Input)
        assert date_input.value == "2026-11-25"
        message = app.screen.query_one("#date-message", Static)

        date_input.value = "2026-11-26"
        await pilot.pause()
        assert "hasn't come yet" in str(message.render())
        await pilot.press("3", "tab", "4", "ctrl+s")
        await pilot.pause()
        assert app.store.checkins()[-1].day == date(2026, 11, 20) and isinstance(app.screen, CheckinScreen)

        date_input.value = "2026-02-30"
        await pilot.pause()
        assert "YYYY-MM-DD" in str(message.render())

        # A day with a check-in: the form is dirty, so it asks first.
        date_input.value = "2026-11-20"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert form(app).form_input().note == "earlier" and str(message.render()) == ""

        # A day without one: the saved day's values are not copied over.
        date_input.value = "2026-11-19"
        await pilot.pause()
        assert form(app).form_input() == CheckinInput() and form(app).day == date(2026, 11, 19)
        app.screen.query_one("#mood", Scale).focus()
        await pilot.press("1", "tab", "9", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.store.checkin_for(date(2026, 11, 19)).intensity == 9
        assert app.store.checkin_for(TODAY) is None


async def test_day_turns_at_four_not_at_midnight():
    moment = [datetime(2026, 11, 26, 1, 30)]
    app = make_app(today=None, clock=lambda: moment[0])
    async with app.run_test(size=SIZE) as pilot:
        assert app.today == date(2026, 11, 25)
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.query_one("#checkin-date", Input).value == "2026-11-25"
        await pilot.press("2", "tab", "6", "ctrl+s")
        await pilot.pause()
        assert app.store.checkin_for(date(2026, 11, 25)).mood == 2

        moment[0] = datetime(2026, 11, 26, 4, 0)
        assert app.today == date(2026, 11, 26)
        await pilot.press("i")
        await pilot.pause()
        # Reopened on the new day: an empty form for 26 Nov, yesterday's stays saved.
        assert app.screen.query_one("#checkin-date", Input).value == "2026-11-26"
        assert form(app).form_input() == CheckinInput()


async def test_a_note_over_the_limit_or_a_failed_write_keeps_the_form(monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("4", "tab", "2")
        long_note = "x" * (NOTE_MAX + 1)
        app.screen.query_one("#note", TextArea).load_text(long_note)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.checkins() == [] and isinstance(app.screen, CheckinScreen)
        assert "Not saved yet" in last_notice(app).message
        assert app.screen.query_one("#note", TextArea).text == long_note
        assert app.focused is app.screen.query_one("#note", TextArea)

        def broken(checkin, base=None):
            raise SaveFailed("the disk is full")

        monkeypatch.setattr(app.store, "save_checkin", broken)
        app.screen.query_one("#note", TextArea).load_text("short")
        await pilot.press("ctrl+s")
        await pilot.pause()
        last = last_notice(app)
        assert "the disk is full" in last.message and last.severity == "error"
        assert form(app).form_input() == CheckinInput(mood=4, intensity=2, note="short")


async def test_for_day_opens_over_another_screen_and_returns_the_saved_checkin():
    app = make_app()
    results: list[Checkin | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today_screen = app.screen
        app.push_screen(CheckinScreen.for_day(date(2026, 11, 1)), results.append)
        await pilot.pause()
        assert app.screen.query_one("#checkin-date", Input).value == "2026-11-01"
        await pilot.press("5", "tab", "0", "ctrl+s")
        await pilot.pause()
        assert app.screen is today_screen
        assert results and results[0].day == date(2026, 11, 1) and results[0].intensity == 0


@pytest.mark.parametrize(
    "keys, expected", [(("1", "0"), 10), (("7",), 7), (("right", "right"), 1), (("end", "left"), 9)]
)
async def test_scale_keys(keys, expected):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("tab", *keys)
        await pilot.pause()
        scale = app.screen.query_one("#intensity", Scale)
        assert scale.value == expected
        # Readable without colour: the chosen number is bracketed and named.
        text = str(scale.render())
        assert f"[{expected}]" in text and f"{expected} · " in text


async def test_keys_typed_in_one_burst_after_tab_reach_the_next_field():
    """A terminal delivers fast typing in one read: "4 tab 3" must set both scales."""
    from textual import events

    app = make_app(start_mode="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#mood", Scale).focus()
        await pilot.pause()
        # Queued together, as the driver does for one read, before any is handled.
        for key, character in (("4", "4"), ("tab", None), ("3", "3")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        form = app.screen.form_input()
        assert (form.mood, form.intensity) == (4, 3)


async def test_tabbing_into_a_filled_note_puts_the_cursor_at_its_end(store) -> None:
    """Issue 27: typing went before the old text."""
    from textual.widgets import TextArea

    from rootwork.state.records.model import Checkin

    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="first line"))
    app = make_app(store, start_mode="checkin")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#note", TextArea)
        while app.focused is not note:
            await pilot.press("tab")
            await pilot.pause()
        await pilot.press("!")
        await pilot.pause()
        assert note.text == "first line!"


async def test_no_invisible_tab_stop_after_the_last_field_of_the_reframe_editor_or_settings(store) -> None:
    from rootwork.tui.screens.settings import SettingsScreen

    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for form in ("editor", "settings"):
            if form == "settings":
                await pilot.press("escape")
                await pilot.pause()
                app.push_screen(SettingsScreen())
                await pilot.pause()
            first, seen = app.focused, []
            for _ in range(15):
                await pilot.press("tab")
                await pilot.pause()
                if app.focused is first:
                    break
                seen.append(app.focused)
            assert app.focused is first  # round the fields and back, with no stop that shows nothing
            assert all(widget.id not in ("editor-form", "settings-fields") for widget in seen)

"""Every way out of a form asks first when something typed would be lost (tui/leaving.py).

q, ctrl+q, a mode key, the palette's "Go to ..." and Quit, and escape all ask the
same question; "Stay" keeps the form exactly as typed, "Leave" drops it and goes.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Footer, SelectionList, TextArea

from rootwork.state.records.model import Reframe
from rootwork.state.records.reframes import DRAFT_NAME
from rootwork.tui.leaving import QUESTION_ID
from rootwork.tui.screens.checkin import CheckinInput, CheckinScreen
from rootwork.tui.screens.reframe_editor import ReframeEditorScreen
from rootwork.tui.screens.reframes import ReframesScreen
from rootwork.tui.screens.rehearse import RehearseScreen
from rootwork.tui.screens.today import TodayScreen
from rootwork.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import TODAY, make_app, palette_searched
from tests.tui.helpers_reframes import paste_text
from tests.tui.test_settings import open_from_help, retype

SMALL = (80, 24)


def asking(app) -> bool:
    """True while the leave question is up and the app has not quit."""
    return isinstance(app.screen, ConfirmScreen) and app.screen.id == QUESTION_ID and app.return_code is None


async def choose(pilot, query: str) -> None:
    """Open the palette, paste ``query`` and take the best match.

    Pasted, not typed: each key typed into the palette starts a search and redraws its
    list, about 0.05 s a key. These tests are about leaving a form; typing in the palette
    is tested in test_palette.py. What is chosen is the same: the best match for the query.
    """
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await paste_text(pilot, query)
    await palette_searched(pilot)
    await pilot.press("enter")
    await pilot.pause()


async def leave_by(pilot, way: str) -> None:
    """Take one way out: a key, or a palette command by name."""
    if way.startswith("palette:"):
        await choose(pilot, way.removeprefix("palette:"))
    else:
        await pilot.press(way)
        await pilot.pause()


async def start_checkin(pilot) -> CheckinScreen:
    """Open the check-in and type mood 4, tab, intensity 3, as in the issue: focus stays on a scale."""
    await pilot.press("i")
    await pilot.pause()
    await pilot.press("4", "tab", "3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CheckinScreen) and screen.form_input().intensity == 3
    return screen


CHECKIN_WAYS = ["q", "ctrl+q", "t", "m", "escape", "palette:go to today", "palette:quit"]


async def test_every_way_out_of_the_checkin_asks_and_stay_keeps_what_was_typed() -> None:
    # One app and one typed form for every way out (an app and a form each cost as much as
    # three ways out): "Stay" leaves the form as typed, so each way meets the same form.
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        form = await start_checkin(pilot)
        for way in CHECKIN_WAYS:
            await leave_by(pilot, way)
            assert asking(app), way
            assert "check-in would be lost" in app.screen.question, way
            await pilot.press("n")  # Stay
            await pilot.pause()
            assert app.screen is form and app.return_code is None, way
            assert (form.form_input().mood, form.form_input().intensity) == (4, 3), way
            assert app.store.checkins() == [], way
        # Saving after staying saves; then nothing is left to lose and q quits at once.
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.store.checkin_for(TODAY)
        assert (saved.mood, saved.intensity) == (4, 3)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


@pytest.mark.parametrize("way", ["q", "ctrl+q", "palette:quit"])
async def test_choosing_leave_on_quit_quits_and_saves_nothing(way: str) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_checkin(pilot)
        await leave_by(pilot, way)
        assert asking(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
    assert app.store.checkins() == []


@pytest.mark.parametrize("way", ["t", "r", "palette:go to the month"])
async def test_choosing_leave_on_a_mode_key_goes_there_and_the_checkin_comes_back_empty(way: str) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_checkin(pilot)
        await leave_by(pilot, way)
        assert asking(app)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmScreen, CheckinScreen)) and app.return_code is None
        assert app.store.checkins() == []
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.form_input() == CheckinInput()


async def test_an_untouched_form_is_left_at_once_and_letters_in_a_text_field_are_typed() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("t")  # nothing typed: nothing to ask
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press("q", "t", "m")
        await pilot.pause()
        assert app.screen.query_one("#note", TextArea).text == "qtm" and app.return_code is None
        assert isinstance(app.screen, CheckinScreen)


async def test_a_second_way_out_while_asking_does_not_ask_twice() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await start_checkin(pilot)
        await pilot.press("q")
        await pilot.pause()
        question = app.screen
        await pilot.press("ctrl+q")  # a priority key still reaches the app under the question
        await pilot.pause()
        assert app.screen is question and app.return_code is None
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1


# -- the thought-record editor --------------------------------------------------------


async def start_record(pilot) -> ReframeEditorScreen:
    """A new thought record with the critic's words typed, focus then on the thinking traps (not a text field)."""
    await pilot.press("n")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, ReframeEditorScreen)
    editor.query_one("#critic").focus()
    # Pasted: typing it key by key costs half a second and is tested in test_reframes.py.
    await paste_text(pilot, "you are too much")
    editor.query_one("#distortions", SelectionList).focus()
    # The draft is written DRAFT_DELAY after the last change (quick_drafts); a busy machine takes longer.
    for _ in range(160):
        await pilot.pause(0.05)
        if pilot.app.store.draft(DRAFT_NAME) is not None:
            break
    assert pilot.app.store.draft(DRAFT_NAME) is not None
    return editor


EDITOR_WAYS = ["q", "t", "r", "escape", "palette:go to today", "palette:quit"]


@pytest.mark.usefixtures("quick_drafts")
async def test_every_way_out_of_the_editor_asks_and_stay_then_save_saves(store) -> None:
    # One app and one record for every way out, as for the check-in: "Keep writing" leaves
    # the record and its draft as they were, so each way meets the same editor.
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SMALL) as pilot:
        editor = await start_record(pilot)
        for way in EDITOR_WAYS:
            await leave_by(pilot, way)
            assert asking(app), way
            assert "thought record will be lost" in app.screen.question, way
            await pilot.press("n")  # Keep writing
            await pilot.pause()
            assert app.screen is editor and editor.query_one("#critic", TextArea).text == "you are too much", way
            assert app.return_code is None and store.reframes() == [] and store.draft(DRAFT_NAME) is not None, way
        editor.query_one("#reframe").focus()
        await paste_text(pilot, "I am enough")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReframesScreen)
        assert [r.critic for r in store.reframes()] == ["you are too much"]
        assert store.draft(DRAFT_NAME) is None


@pytest.mark.usefixtures("quick_drafts")
async def test_leaving_the_editor_by_a_mode_key_drops_the_record_and_its_draft(store) -> None:
    # One app: each way ends back on the Reframes list, where the next record is begun.
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SMALL) as pilot:
        for way in ["t", "r", "palette:go to today"]:
            await start_record(pilot)
            await leave_by(pilot, way)
            await pilot.press("y")
            await pilot.pause()
            assert store.reframes() == [] and store.draft(DRAFT_NAME) is None, way
            await pilot.press("r")
            await pilot.pause()
            # Back on Reframes, the list shows: the record given up is closed, not left empty.
            assert isinstance(app.screen, ReframesScreen) and len(app.screen_stack) == 1, way


@pytest.mark.usefixtures("quick_drafts")
async def test_quitting_from_the_editor_drops_the_record_and_its_draft(store) -> None:
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SMALL) as pilot:
        await start_record(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert asking(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
    assert store.reframes() == [] and store.draft(DRAFT_NAME) is None


# -- the first-run disclaimer ---------------------------------------------------------


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_the_first_run_screen_quits_by_the_keys_its_footer_shows(key: str) -> None:
    app = make_app(acknowledged=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        disclaimer = app.screen
        assert type(disclaimer).__name__ == "DisclaimerScreen"
        shown = {
            b.binding.key: b.binding.description
            for b in disclaimer.active_bindings.values()
            if b.binding.show and b.enabled
        }
        assert shown.get("q") == "Quit" and disclaimer.query(Footer)
        # Only its own keys: the app's letter keys do not reach past it, nor the palette's "Go to".
        assert "t" not in shown
        await pilot.press("t", "ctrl+p")
        await pilot.pause()
        assert app.screen is disclaimer
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0
    assert not app.store.disclaimer_acknowledged()


# -- the other forms: settings (a dialog over any screen) and a rehearsal -------------


async def test_settings_changed_then_ctrl_q_asks_and_leave_quits_without_saving(store) -> None:
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        settings = await open_from_help(pilot, app)
        await retype(pilot, settings, "daily_cap", "8")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert asking(app) and "settings stay as they were" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
    assert store.setting("daily_cap") == 5


async def test_a_typed_rehearsal_answer_is_asked_about_on_a_mode_key(store) -> None:
    store.save_reframe(Reframe(critic="Not good enough", reframe="Good enough is good"), TODAY)
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("h")
        await pilot.pause()
        rehearsal = app.screen
        assert isinstance(rehearsal, RehearseScreen)
        await paste_text(pilot, "I am learning")
        rehearsal.query_one("#reveal").focus()  # a button: letter keys reach the app
        await pilot.press("t")
        await pilot.pause()
        assert asking(app) and "answer you typed" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is rehearsal
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReframesScreen)


async def test_every_destructive_question_starts_on_the_safe_answer_and_enter_keeps(store) -> None:
    """Issue 27: enter in a question that would throw something away presses the safe answer."""
    from textual.widgets import Button

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        answers: list[bool | None] = []
        app.push_screen(
            ConfirmScreen("Leave without saving?", yes="Leave", no="Keep typing", destructive=True), answers.append
        )
        await pilot.pause()
        assert app.focused is app.screen.query_one("#confirm-no", Button)
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [False]
        app.push_screen(ConfirmScreen("Delete it?", yes="Delete", no="Keep it", destructive=True), answers.append)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert answers == [False, True]
        app.push_screen(ConfirmScreen("Continue the draft?", yes="Continue", no="Start anew"), answers.append)
        await pilot.pause()
        assert app.focused is app.screen.query_one("#confirm-yes", Button)
        await pilot.press("enter")  # nothing is thrown away by yes here: enter means yes
        await pilot.pause()
        assert answers == [False, True, True]


async def test_a_mode_key_shows_that_modes_own_screen_not_what_was_open_over_it(store) -> None:
    """Issue 27: m, g (Insights), p, then m showed Insights; it shows the calendar."""
    from rootwork.tui.screens.month import MonthScreen

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("m", "g", "p", "m"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, MonthScreen) and len(app.screen_stack) == 1


async def test_quitting_looks_at_the_screens_of_every_mode_shown(store) -> None:
    from rootwork.tui.leaving import all_screens

    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        today = app.screen
        await pilot.press("c")
        await pilot.pause()
        screens = all_screens(app)
        assert today in screens and app.screen in screens
        assert isinstance(today, TodayScreen)

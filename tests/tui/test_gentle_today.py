"""Today on a gentler day (issue 29): the kind line, and `l` to make today lighter."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, OptionList, Static

from rootwork.content import load_library
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.screens.today import TodayScreen
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.test_settings import open_from_help, retype

LINE = "A lighter day: two things, the rest can wait."


def with_five_due(store: Store) -> list[str]:
    practices = load_library().practices[:5]
    return [store.adopt(p.id, TODAY - timedelta(days=5 - n)).id for n, p in enumerate(practices)]


def lighter_line(app) -> str:
    line = app.screen.query_one("#due-lighter", Static)
    return str(line.render()) if line.display else ""


def last_notice(app) -> str:
    return list(app._notifications)[-1].message


async def test_a_day_checked_in_at_nine_shows_two_and_says_so_once(store: Store) -> None:
    ids = with_five_due(store)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        due_list = app.screen.query_one("#due-list", OptionList)
        assert due_list.option_count == 2
        assert [due_list.get_option_at_index(i).id for i in range(2)] == ids[:2]
        assert lighter_line(app) == LINE
        await pilot.press("3")  # one done: the other stays, none comes up in its place
        await pilot.pause()
        assert due_list.option_count == 1
        assert lighter_line(app) == "A lighter day: one thing, the rest can wait."


async def test_no_line_on_an_ordinary_day_or_when_nothing_had_to_move(store: Store) -> None:
    store.adopt(load_library().practices[0].id, TODAY)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert lighter_line(app) == ""
        store.save_checkin(Checkin(day=TODAY, mood=1, intensity=10))
        await pilot.press("c", "t")
        await pilot.pause()
        assert app.screen.query_one("#due-list", OptionList).option_count == 1
        assert lighter_line(app) == ""  # gentler, but nothing moved


async def test_l_makes_today_lighter_without_a_checkin_says_what_happened_and_is_idempotent(store: Store) -> None:
    ids = with_five_due(store)
    dues = {p.id: p.schedule.due for p in store.plan()}
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        due_list = app.screen.query_one("#due-list", OptionList)
        assert due_list.option_count == 5 and lighter_line(app) == ""
        # In the footer, like the other keys of Today.
        shown = {active.binding.id for active in app.screen.active_bindings.values() if active.binding.show}
        assert "today.lighter" in shown
        await pilot.press("l")
        await pilot.pause()
        assert [due_list.get_option_at_index(i).id for i in range(due_list.option_count)] == ids[:2]
        assert lighter_line(app) == LINE
        assert last_notice(app) == "Today is lighter now: 3 things wait for the next days, nothing is lost."
        await pilot.press("l")
        await pilot.pause()
        assert due_list.option_count == 2
        assert last_notice(app).startswith("Today is already a lighter day")
    assert {p.id: p.schedule.due for p in store.plan()} == dues  # moved, not rewritten or lost
    assert [p.id for p in store.due(TODAY + timedelta(days=1))] == ids


async def test_l_with_nothing_to_move_says_so(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert last_notice(app).startswith("Today is lighter now: nothing had to move")
        assert lighter_line(app) == ""


async def test_l_on_a_day_already_gentler_keeps_it_so_when_the_checkin_is_lowered(store: Store) -> None:
    with_five_due(store)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert last_notice(app).startswith("Today stays a lighter day, even if you change your check-in")
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
        await pilot.press("c", "t")
        await pilot.pause()
        assert app.screen.query_one("#due-list", OptionList).option_count == 2
        assert lighter_line(app) == LINE


async def test_a_checkin_lowered_below_the_threshold_shows_the_usual_list_again(store: Store) -> None:
    with_five_due(store)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=8))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#due-list", OptionList).option_count == 2
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=7))
        await pilot.press("c", "t")
        await pilot.pause()
        assert app.screen.query_one("#due-list", OptionList).option_count == 5
        assert lighter_line(app) == ""


async def test_the_settings_form_sets_the_threshold_or_turns_it_off(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_from_help(pilot, app)
        assert screen.query_one("#gentle_threshold", Input).value == "8"
        await retype(pilot, screen, "gentle_threshold", "12")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "from 1 to 10; 12 is outside that" in str(screen.query_one("#settings-message", Static).render())
        assert store.setting("gentle_threshold") == 8
        await retype(pilot, screen, "gentle_threshold", "off")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.setting("gentle_threshold") is None
        assert "no lighter days from a check-in" in last_notice(app)
        screen = await open_from_help(pilot, app)
        assert screen.query_one("#gentle_threshold", Input).value == "off"

"""Today: greeting by the clock, today's check-in, rating what is due, the week, the quote; user text stays text."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from textual.content import Content
from textual.widgets import OptionList, Static

from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from rootwork.tui.screens.checkin import CheckinScreen
from rootwork.tui.screens.today import TodayScreen, greeting
from tests.tui.conftest import SIZE, TODAY, make_app

HOSTILE_NOTE = "[/] [bold]x [@click=app.quit]q[/] 👩‍👩‍👧 مرحبا بالعالم"


def plain(app, selector: str) -> Content:
    """The rendered Content of a Static on the current screen."""
    content = app.screen.query_one(selector, Static).render()
    assert isinstance(content, Content)
    return content


def assert_no_links(content: Content) -> None:
    """Nothing in the rendered text is an action or a link."""
    for span in content.spans:
        style = str(span.style)
        assert "@click" not in style and "link" not in style


@pytest.mark.parametrize(
    "hour, minute, expected",
    [
        (1, 30, "Hello, night owl"),
        (4, 0, "Good morning"),
        (11, 59, "Good morning"),
        (12, 0, "Good afternoon"),
        (17, 0, "Good evening"),
        (23, 30, "Good evening"),
    ],
)
def test_greeting_follows_the_time_of_day(hour, minute, expected):
    assert greeting(datetime(2026, 11, 25, hour, minute)) == expected


async def test_today_greets_by_the_app_clock_and_invites_a_first_checkin():
    clock = lambda: datetime(2026, 11, 25, 19, 5)  # noqa: E731
    app = make_app(today=None, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert plain(app, "#greeting").plain == "Good evening.  Wed 25 Nov"
        assert "Press i" in plain(app, "#today-checkin").plain
        empty = plain(app, "#due-note").plain
        assert "Press c" in empty and "miss" not in empty.lower()
        assert not app.screen.query_one("#due-list", OptionList).display
        quote = app.library.quote_for_day(TODAY.toordinal())
        assert quote.text in plain(app, "#quote").plain and quote.attribution in plain(app, "#quote").plain
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)


async def test_hostile_note_is_saved_exactly_and_shown_literally():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#note").load_text(HOSTILE_NOTE)
        app.screen.query_one("#gratitude").value = "[red]tea[/red]"
        await pilot.press("3", "tab", "5", "ctrl+s")
        await pilot.pause()
        assert app.store.checkin_for(TODAY).note == HOSTILE_NOTE
        assert isinstance(app.screen, TodayScreen) and app.is_running
        shown = plain(app, "#today-checkin")
        assert HOSTILE_NOTE in shown.plain and "[red]tea[/red]" in shown.plain
        assert "mood 3 (okay)" in shown.plain and "insecure 5 of 10" in shown.plain
        assert_no_links(shown)
        # The whole screen, as a terminal would show it, still holds the literal text.
        assert "[@click=app.quit]q[/]" in app.export_screenshot()


async def test_due_items_are_named_and_rated_with_an_explanation():
    app = make_app()
    practice = app.library.causes[0].practices[0]
    app.store.adopt(practice.id, TODAY)
    critic = "[bold]You always [@click=app.quit]fail[/]"
    app.store.save_reframe(Reframe(critic=critic, reframe="I am learning."), TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        due_list = app.screen.query_one("#due-list", OptionList)
        assert app.focused is due_list and due_list.option_count == 2
        labels = [due_list.get_option_at_index(i).prompt for i in range(2)]
        assert any(practice.name in str(label) for label in labels)
        assert any(critic in str(label) for label in labels)
        for label in labels:
            assert_no_links(label)
        first = app.store.due(TODAY)[0]
        await pilot.press("3")
        await pilot.pause()
        reviews = app.store.reviews(first.id)
        assert len(reviews) == 1 and reviews[0].rating.value == "3"
        notice = list(app._notifications)[-1].message
        assert "next on" in notice and "you said 'did it'" in notice
        # Rated items leave today's list; the other one is still there to rate.
        assert due_list.option_count == 1
        await pilot.press("s")
        await pilot.pause()
        assert not due_list.display
        assert "Nothing is due today" in plain(app, "#due-note").plain


async def test_week_counts_what_was_done_and_today_refreshes_when_shown_again():
    app = make_app()
    monday = TODAY - timedelta(days=2)
    app.store.save_checkin(Checkin(day=monday, mood=3, intensity=7))
    app.store.save_checkin(Checkin(day=date(2026, 11, 22), mood=3, intensity=1))  # last week's Sunday
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        week = plain(app, "#week").plain
        assert "1 check-in this week" in week and "✓ 7" in week and "✓ 1" not in week
        # Another screen (or the command line) changes the data; coming back shows it.
        await pilot.press("c")
        await pilot.pause()
        app.store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="from the shell"))
        await pilot.press("t")
        await pilot.pause()
        assert "2 check-ins this week" in plain(app, "#week").plain
        assert "from the shell" in plain(app, "#today-checkin").plain


async def test_f_on_today_opens_the_self_check(store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert type(app.screen).__name__ == "SelfCheckScreen"


async def test_enter_on_a_due_reframe_opens_its_rehearsal(store) -> None:
    from rootwork.state.records.model import Reframe

    store.save_reframe(Reframe(critic="You always get it wrong.", reframe="I get plenty right."), TODAY)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RehearseScreen"


async def test_a_thought_record_left_half_written_is_said_on_today(store) -> None:
    """Issue 27: a draft kept after a crash was offered only when n was pressed in Reframes."""
    from textual.widgets import Static

    from rootwork.state.records.reframes import DRAFT_NAME

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert not app.screen.query_one("#today-draft", Static).display
    store.save_draft(DRAFT_NAME, {"critic": "You always get it wrong"})
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        line = app.screen.query_one("#today-draft", Static)
        assert line.display and "Press r, then n" in str(line.render())


async def test_a_new_day_beginning_while_today_is_open_shows_the_new_days_list():
    moment = [datetime(2026, 11, 25, 23, 50)]
    store = Store.in_memory()
    store.acknowledge_disclaimer()
    store.save_checkin(Checkin(day=date(2026, 11, 25), mood=3, intensity=4))
    app = make_app(store, today=None, clock=lambda: moment[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        today = app.screen
        assert isinstance(today, TodayScreen)
        assert "Checked in today" in plain(app, "#today-checkin").plain
        moment[0] = datetime(2026, 11, 26, 3, 59)  # still the 25th: a day starts at 04:00
        today.show_a_new_day()
        assert plain(app, "#greeting").plain.endswith("Wed 25 Nov")
        moment[0] = datetime(2026, 11, 26, 4, 1)
        today.show_a_new_day()
        await pilot.pause()
        assert plain(app, "#greeting").plain.endswith("Thu 26 Nov")
        assert "Press i" in plain(app, "#today-checkin").plain  # the new day has no check-in yet

"""Month calendar: keys move through days and months, a day opens with its check-in and reviews,
a past day's check-in filled in from the calendar lands on the grid, insights open from it."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from rootwork.state.store import Store
from rootwork.tui.screens.checkin import CheckinScreen
from rootwork.tui.screens.insights import InsightsScreen
from rootwork.tui.screens.month import DayScreen, MonthScreen
from rootwork.tui.widgets.month_grid import DayCellView, MonthGrid
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.month_data import fill_month


def title(app) -> str:
    return str(app.screen.query_one("#month-title", Static).render()).split("   ")[0]


def selected_views(app) -> list[DayCellView]:
    return [v for v in app.screen.query(DayCellView) if v.has_class("selected")]


def cell_text(app, day: date) -> str:
    view = next(v for v in app.screen.query(DayCellView) if v.day == day and v.display)
    return str(view.render())


def detail_text(app) -> str:
    return str(app.screen.query_one("#day-detail", Static).render())


async def test_keys_and_clicks_move_through_days_and_months_and_a_day_opens_with_its_reviews():
    store = Store.in_memory()
    fill_month(store, TODAY)
    app = make_app(store, start_mode="month")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MonthScreen)
        assert title(app) == "November 2026" and screen.selected == TODAY
        assert [v.day for v in selected_views(app)] == [TODAY]
        assert "◆ today" in cell_text(app, TODAY)

        await pilot.press("left", "up")
        assert screen.selected == TODAY - timedelta(days=8)
        assert [v.day for v in selected_views(app)] == [screen.selected]
        await pilot.press("pagedown")
        assert title(app) == "December 2026" and screen.selected == date(2026, 12, 17)
        await pilot.press("down", "down", "down")  # leaves December at the year's end
        assert title(app) == "January 2027" and screen.selected == date(2027, 1, 7)
        await pilot.press("pageup", "pageup", "pageup")
        assert title(app) == "October 2026"
        await pilot.press("home")
        assert title(app) == "November 2026" and screen.selected == TODAY

        # A click selects a day; a second click on it opens it.
        monday = TODAY - timedelta(days=2)  # the day two reframes were rehearsed
        view = next(v for v in screen.query(DayCellView) if v.day == monday)
        await pilot.click(view)
        assert screen.selected == monday
        await pilot.click(view)
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        text = detail_text(app)
        assert "Monday 23 November 2026" in text
        assert "Reframes rehearsed" in text
        assert "“I'm a fraud and everyone will find out [/]” — came easily · belief 25" in text
        assert "“Everyone is ahead of me” — did it · belief 30" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MonthScreen)

        await pilot.press("right", "enter")  # yesterday: a check-in and three practices done
        await pilot.pause()
        text = detail_text(app)
        assert "✓ Checked in: mood 4 (good), insecure 2 of 10 (a little)." in text
        assert "Practices done" in text
        names = [
            app.library.practice(p).name
            for p in ("perfectionism.good-enough", "perfectionism.celebrate-progress", "comparison.own-success")
        ]
        assert f"{names[0]} — came easily" in text and f"{names[1]} — did it" in text
        assert f"{names[2]} — came easily" in text
        assert "not today" not in text  # a postponement is not shown as a review
        assert "miss" not in text.lower()


async def test_a_past_days_checkin_filled_in_from_the_calendar_appears_on_the_grid():
    app = make_app(start_mode="month")
    day = TODAY - timedelta(days=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "▒" not in cell_text(app, day)
        await pilot.press(*["left"] * 5, "enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
        assert "No check-in for this day. Press e to add one" in detail_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen) and app.screen.day == day
        await pilot.press("4", "tab", "5", "ctrl+s")
        await pilot.pause()
        assert app.store.checkin_for(day).intensity == 5
        assert isinstance(app.screen, DayScreen)
        assert "insecure 5 of 10" in detail_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MonthScreen)
        assert app.screen.query_one(MonthGrid).cell(day).checkin_intensity == 5
        assert "▒▒▒ 5" in cell_text(app, day)
        assert "1 check-in" in str(app.screen.query_one("#month-words", Static).render())

        # e on a day still to come says so, and opens nothing.
        await pilot.press("home", "right", "e")
        await pilot.pause()
        assert isinstance(app.screen, MonthScreen)


async def test_insights_open_from_the_calendar_and_the_palette_and_say_what_was_done():
    store = Store.in_memory()
    fill_month(store, TODAY)
    app = make_app(store, start_mode="month")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#insights", Static).render())
        assert "14 check-ins, feeling" in text and "of the last" not in text
        assert app.library.cause("comparison").title in text
        assert "85 → 25" in text  # the fraud record's belief, from before to its latest rehearsal
        assert "How established your practices are, by cause" in text
        assert "miss" not in text.lower()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MonthScreen)

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Insights", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)


# -- the text helpers, without an app --------------------------------------------------------------


def test_cells_read_without_colour_and_sparklines_leave_days_without_a_check_in_blank():
    from rootwork.state.records.calendar import DayCell
    from rootwork.tui.widgets.month_grid import cell_lines, shade_for
    from rootwork.tui.widgets.sparkline import spark_line, strength_bar

    cell = DayCell(TODAY, True, 9, 2, 3, 1, 1, 0, True, False)
    assert cell_lines(cell) == ("25 ◆ today", "███ 9", "✓3 ↺1 ✎1")
    ahead = DayCell(TODAY + timedelta(days=1), True, None, None, 0, 0, 0, 4, False, True)
    assert cell_lines(ahead) == ("26", "→ 4 due", "")
    assert [shade_for(n) for n in (0, 2, 3, 5, 6, 8, 9, 10)] == list("░░▒▒▓▓██")
    assert spark_line([0, None, 10, 5], 10) == "▁ █▅"  # what was done is drawn; nothing marks what was not
    assert spark_line([None, None, 10, 0], 2) == " ▅"  # two days a mark: the average of what is there
    assert len(spark_line([1] * 365, 92)) == 92
    assert strength_bar(0.5) == "█████░░░░░" and strength_bar(1.7, 4) == "████"


def test_a_days_note_and_critic_words_are_shown_literally_never_as_markup():
    from rootwork.state.records.calendar import day_detail
    from rootwork.tui.screens.month import day_detail_content

    store = Store.in_memory()
    fill_month(store, TODAY)
    app = make_app(store)
    noted = day_detail(store, TODAY - timedelta(days=10), TODAY)
    content = day_detail_content(noted, app.library)
    assert "Note: [b]not bold[/b] [@click=app.quit]x[/]" in content.plain
    written = day_detail(store, TODAY - timedelta(days=21), TODAY)
    content = day_detail_content(written, app.library)
    assert "“I'm a fraud and everyone will find out [/]”" in content.plain
    for span in content.spans:
        assert "@click" not in str(span.style) and "link" not in str(span.style)


async def test_at_80_columns_the_month_says_what_its_marks_mean(store) -> None:
    """Issue 27: the legend was in a side pane out of sight under 100 columns."""
    app = make_app(store, start_mode="month")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#month-title-narrow")
        assert line.display and line.region.height == 1 and line.region.y < 3
        text = str(line.render())
        for words in ("insecure", "practice done", "rehearsed", "written", "due"):
            assert words in text

"""Every terminal from 80x24 up: nothing cut, the focused field in sight; below 80x24 a notice.

The sizes are a new terminal window (80x24), a middling one (100x30) and a big one;
tui/layout.py and tui/layout.tcss decide what each screen does with them.
"""

from __future__ import annotations

from datetime import timedelta

from textual.geometry import Region
from textual.widgets import Footer, Static

from rootwork.tui.layout import TooSmallScreen
from rootwork.tui.textual_compat import FooterKey
from rootwork.tui.widgets.month_grid import DayCellView
from rootwork.tui.widgets.scale import Scale
from screenshots.scenes import tour_app
from tests.tui.conftest import TODAY, make_app

SMALL = (80, 24)


def in_sight(widget, screen_size) -> bool:
    """Whether all of ``widget`` is drawn on the screen: inside every scrolled container around it."""
    visible = Region(0, 0, *screen_size)
    for ancestor in widget.ancestors_with_self:
        if ancestor is widget.screen:
            break
        if ancestor is not widget:
            visible = visible.intersection(ancestor.content_region)
    return visible.contains_region(widget.region)


async def test_below_80x24_the_app_says_how_big_it_needs_to_be_and_comes_back_when_it_fits():
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        message = str(app.screen.query_one("#too-small", Static).render())
        assert "rootwork needs at least 80x24; this window is 60x20" in message
        await pilot.press("c")  # the mode keys wait until the window fits
        assert app.current_mode == "today"
        await pilot.resize_terminal(79, 30)
        await pilot.pause(0.1)
        assert "this window is 79x30" in str(app.screen.query_one("#too-small", Static).render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert not isinstance(app.screen, TooSmallScreen)
        assert app.screen.id is None and app.current_mode == "today"
        await pilot.press("c")
        assert app.current_mode == "causes"


async def test_the_footer_palette_key_reaches_the_right_edge_so_nothing_shows_after_it():
    """On main the compact footer left a column after '^p palette' where a scrolled key showed through."""
    for size in (SMALL, (120, 40), (200, 60)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            # The footer recomposes its keys whenever the bindings change (a mode
            # switch, the store bridge's first check): wait until it has settled.
            for _ in range(50):
                await pilot.pause()
                keys = app.screen.query_one(Footer).query("FooterKey.-command-palette")
                if keys:
                    break
            palette = keys.first(FooterKey)
            assert palette.region.right == size[0], size


async def test_today_at_80x24_gives_the_check_in_and_the_due_list_the_whole_width():
    app = tour_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#today-checkin").region.width >= 70
        due = app.screen.query_one("#due-list")
        assert due.region.width >= 70 and in_sight(due, SMALL)


async def test_the_check_in_at_80x24_scrolls_each_field_into_sight_as_tab_reaches_it():
    app = tour_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("i")
        await pilot.pause()
        seen = []
        for _ in range(8):
            await pilot.press("tab")
            await pilot.pause()
            field = app.focused
            seen.append(field.id)
            for _ in range(20):  # scrolled into sight on the next refresh; a loaded machine may need a few
                if in_sight(field, SMALL):
                    break
                await pilot.pause(0.05)
            assert in_sight(field, SMALL), field.id
            if field.id == "gratitude":
                break
        assert seen[-1] == "gratitude"


async def test_the_scale_numbers_fit_on_one_line_from_80_to_200_columns():
    for size in (SMALL, (100, 30), (120, 40), (200, 60)):
        app = tour_app()
        async with app.run_test(size=size) as pilot:
            await pilot.press("i")
            await pilot.pause()
            scale = app.screen.query_one("#intensity", Scale)
            assert scale.content_region.width >= 44, size  # 0 .. 10, four columns each


async def test_the_month_at_80x24_shows_every_day_and_keeps_the_selected_one_in_sight():
    app = make_app(start_mode="month")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        cells = [view for view in app.screen.query(DayCellView) if view.display]
        assert len(cells) in (35, 42)
        assert all(in_sight(view, SMALL) for view in cells)
        for _ in range(6):  # to the last week, and over into the next month
            await pilot.press("down")
            await pilot.pause()
            selected = [view for view in app.screen.query(DayCellView) if view.has_class("selected")]
            assert len(selected) == 1 and in_sight(selected[0], SMALL)
        assert selected[0].day == TODAY + timedelta(days=42)

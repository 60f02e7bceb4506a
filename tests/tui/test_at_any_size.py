"""Issue 14, "at any size": rough edges of Causes, Practices, Reframes, dialogs, the self-check and the check-in."""

from __future__ import annotations

import html
import re

from textual.widgets import Input

from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.test_selfcheck import open_selfcheck
from tui.widgets.confirm import ConfirmScreen

SVG_TEXT = re.compile(r'<text [^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>')


def on_screen(app) -> str:
    """What the terminal shows, every layer (a dialog and the screen behind it), line by line."""
    lines: dict[int, str] = {}
    for line, text in SVG_TEXT.findall(app.export_screenshot()):
        lines[int(line)] = lines.get(int(line), "") + html.unescape(text).replace("\xa0", " ")
    return "\n".join(lines[n] for n in sorted(lines))


async def test_going_back_a_page_in_the_self_check_keeps_the_highlight_where_it_was(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_selfcheck(pilot)
        await pilot.press("enter")  # Begin
        await pilot.press("down", "down", "down", "space", "n")
        await pilot.pause()
        checklist = screen.query_one("#selfcheck-list")
        assert (screen.progress.page, checklist.highlighted) == (1, 0)  # a new page starts at its top
        await pilot.press("p")
        await pilot.pause()
        assert (screen.progress.page, checklist.highlighted) == (0, 3)
        await pilot.press("up")  # the first arrow moves from there, not round to the last item
        await pilot.pause()
        assert checklist.highlighted == 2


async def test_the_check_in_form_names_the_day_it_is_for():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        intensity, signs = form.query_one("#intensity"), form.query_one("#signs")
        assert intensity.border_title == "How insecure today"
        assert signs.border_title == "Signs noticed today (space ticks)"

        form.query_one("#checkin-date", Input).value = "2026-11-24"
        await pilot.pause()
        assert intensity.border_title == "How insecure on Tue 24 Nov"
        assert signs.border_title == "Signs noticed on Tue 24 Nov (space ticks)"
        assert "How insecure on Tue 24 Nov" in on_screen(app)

        form.query_one("#checkin-date", Input).value = TODAY.isoformat()
        await pilot.pause()
        assert intensity.border_title == "How insecure today"


async def test_a_confirmation_keeps_what_it_is_about_visible_behind_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("3", "escape")  # something typed: leaving asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        shown = on_screen(app)
        assert "Leave without saving?" in shown
        assert "Causes that felt active" in shown and "Check-in" in shown  # the form, behind the dialog
        dialog = app.screen.query_one("#confirm")
        assert dialog.region.width <= 64 and dialog.region.height <= 12
        assert abs(dialog.region.center[0] - 40) <= 1 and abs(dialog.region.center[1] - 12) <= 1

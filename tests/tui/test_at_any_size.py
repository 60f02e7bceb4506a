"""Issue 14, "at any size": rough edges of Causes, Practices, Reframes, dialogs, the self-check and the check-in."""

from __future__ import annotations

from tests.tui.conftest import SIZE, make_app
from tests.tui.test_selfcheck import open_selfcheck


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

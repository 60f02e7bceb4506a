"""Causes: moving between the list, a cause and its practices."""

from __future__ import annotations

from tests.tui.conftest import make_app


async def test_back_from_a_causes_practices_shows_the_cause_from_its_top(store) -> None:
    """Issue 27: after the practices and back with left, the pane stayed scrolled down to them."""
    from textual.containers import VerticalScroll

    app = make_app(store, start_mode="causes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # a cause, then its practices
        await pilot.pause()
        detail = app.screen.query_one("#cause-detail", VerticalScroll)
        detail.scroll_end(animate=False)
        await pilot.pause()
        assert detail.scroll_y > 0
        await pilot.press("left")
        await pilot.pause()
        assert detail.scroll_y == 0

"""Pilot test of rehearsing a due reframe: the answer, the reveal, the belief, the rating, what comes next."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from rootwork.state.records.model import Rating, Reframe
from rootwork.tui.screens.reframes import ReframesScreen, ReframeViewScreen
from rootwork.tui.screens.rehearse import RehearseScreen
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.helpers_reframes import paste_text, shown, type_text


async def rehearse_once(pilot, answer: str, belief: str, rating_key: str) -> None:
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RehearseScreen)
    assert "[/] Not good enough" in shown(screen.query_one("#rehearse-critic", Static))
    assert not screen.query_one("#rehearse-revealed").display  # the saved reframe waits for the reveal
    await paste_text(pilot, answer)
    await pilot.press("ctrl+r")
    await pilot.pause()
    assert "Good enough is good" in shown(screen.query_one("#rehearse-reframe", Static))
    await type_text(pilot, belief)
    await pilot.press("enter", rating_key)
    await pilot.pause()
    assert "You rehearsed 1 reframe." in shown(screen.query_one("#rehearse-done", Static))
    await pilot.press("escape")
    await pilot.pause()


async def test_rehearsing_a_due_reframe_moves_it_on_and_grows_its_belief_history(store):
    saved = store.save_reframe(
        Reframe(
            critic="[/] Not good enough",
            reframe="Good enough is good",
            cause_id="perfectionism",
            belief_before=80,
            belief_after=40,
        ),
        TODAY,
    )
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen
        assert shown(listing.query_one("#reframe-due", Static)) == "1 reframe to rehearse — press h"
        await rehearse_once(pilot, "I am learning", "30", "3")

        [review] = store.reviews(saved.id)
        assert (review.rating, review.belief, review.answer, review.day) == (Rating.DID_IT, 30, "I am learning", TODAY)
        next_due = store.reframe(saved.id).schedule.due
        assert next_due == TODAY + timedelta(days=3)  # a new item rated 'did it': round(2.5) = 3
        assert isinstance(app.screen, ReframesScreen)
        assert not listing.query_one("#reframe-due").display  # nothing left today

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReframeViewScreen)
        body = shown(app.screen.query_one("#reframe-view-body", Static))
        assert "80 before → 40 after → 30 on 25 Nov" in body
        assert "next on 28 Nov, in 3 days: you said 'did it'" in body
        assert "I am learning" in body

    # Three days on it is due again; a second rehearsal adds to the history.
    later = make_app(store, today=next_due, start_mode="reframes")
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await rehearse_once(pilot, "", "15", "4")
        await pilot.press("enter")
        await pilot.pause()
        body = shown(later.screen.query_one("#reframe-view-body", Static))
        assert "80 before → 40 after → 30 on 25 Nov → 15 on 28 Nov" in body
        assert "you said 'came easily'" in body
        assert store.reframe(saved.id).schedule.due > next_due + timedelta(days=2)

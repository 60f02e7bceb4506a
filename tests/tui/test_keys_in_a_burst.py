"""Keys sent in one burst (a fast typist, a paste, a terminal multiplexer) do what they do one by one (issue 27).

``burst`` posts every key to the app before any is handled, as a terminal's one
write does; ``one_by_one`` lets each key be handled before the next. Every list
and form below must end the same either way.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import SelectionList

from tests.tui.conftest import make_app

CHARACTERS = {"space": " ", "enter": "\r", "tab": "\t", "plus": "+", "minus": "-"}


def key_event(key: str) -> events.Key:
    character = CHARACTERS.get(key, key if len(key) == 1 else None)
    return events.Key(key, character)


async def burst(pilot, keys: list[str]) -> None:
    for key in keys:
        pilot.app.post_message(key_event(key))
    for _ in range(3):
        await pilot.pause()


async def one_by_one(pilot, keys: list[str]) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


SEQUENCES = [
    ["down", "space", "down", "space"],
    ["space", "down", "down", "space", "up", "space"],
    ["down", "down", "space", "space", "down", "space"],
]


async def ticked_after(send, list_id: str, keys: list[str], mode: str = "checkin") -> list[str]:
    app = make_app(start_mode=mode)  # a journal of its own each time: nothing of one run reaches the other
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ticks = app.screen.query_one(list_id, SelectionList)
        ticks.focus()
        await pilot.pause()
        await send(pilot, keys)
        return sorted(ticks.selected)


@pytest.mark.parametrize("keys", SEQUENCES)
@pytest.mark.parametrize("list_id", ["#signs", "#causes"])
async def test_the_check_in_lists_tick_the_same_in_a_burst(list_id: str, keys: list[str]) -> None:
    slow = await ticked_after(one_by_one, list_id, keys)
    fast = await ticked_after(burst, list_id, keys)
    assert slow and fast == slow


async def test_the_mood_and_intensity_scales_take_a_burst() -> None:
    from rootwork.tui.widgets.scale import Scale

    results = []
    for send in (one_by_one, burst):
        app = make_app(start_mode="checkin")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.screen.query_one("#mood", Scale).focus()
            await pilot.pause()
            await send(pilot, ["4", "right", "left", "left"])
            results.append(app.screen.query_one("#mood", Scale).value)
    assert results[0] is not None and results[1] == results[0]


async def test_the_self_check_ticks_the_same_in_a_burst() -> None:
    from tests.tui.test_selfcheck import open_selfcheck

    results = []
    for send in (one_by_one, burst):
        app = make_app()  # a journal of its own each time: the first run leaves a draft of its place
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_selfcheck(pilot)
            await pilot.press("enter")  # Begin
            await pilot.pause()
            await send(pilot, ["space", "down", "space", "down", "down", "space"])
            results.append(sorted(screen.query_one("#selfcheck-list").selected))
    assert len(results[0]) == 3 and results[1] == results[0]

"""A drop-down choice (ChoiceField) made in one burst of keys is the choice made key by key (issue 27).

Its menu takes focus a moment after it opens; the keys typed before that must
still move in it and choose, and never land on the field after it.
"""

from __future__ import annotations

import pytest

from rootwork.state.store import Store
from tests.tui.conftest import make_app
from tests.tui.test_keys_in_a_burst import burst, one_by_one
from tests.tui.test_settings import open_from_help


async def thought_record(send, keys: list[str]) -> tuple:
    store = Store.in_memory()
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await send(pilot, keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
    [reframe] = store.reframes()
    return reframe.situation, reframe.critic, reframe.cause_id, reframe.distortions, reframe.reframe


@pytest.mark.parametrize(
    "menu",
    [["enter", "down", "down", "enter"], ["down", "down", "down", "enter"], ["space", "down", "up", "down", "enter"]],
)
async def test_the_cause_chosen_in_a_burst_is_the_cause_chosen_key_by_key(menu: list[str]) -> None:
    # Situation, critic, voice, the cause from its menu, one thinking trap, the reframe.
    keys = ["s", "tab", "c", "tab", "v", "tab", *menu, "tab", "space", "tab", "tab", "tab", "tab", "r", "ctrl+s"]
    slow = await thought_record(one_by_one, keys)
    assert slow[2] is not None and len(slow[3]) == 1 and slow[4] == "r"
    assert await thought_record(burst, keys) == slow


async def settings_weekday(send) -> tuple:
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_help(pilot, app)
        await send(
            pilot,
            [
                "tab",
                "tab",
                "tab",  # past the lighter day's intensity
                "enter",
                "down",
                "down",
                "enter",
                "tab",
                "end",
                *["backspace"] * 5,
                "0",
                "8",
                ":",
                "3",
                "0",
                "ctrl+s",
            ],
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
    return store.setting("first_weekday"), store.setting("reminder_time")


async def test_the_first_weekday_chosen_in_a_burst_is_saved() -> None:
    slow = await settings_weekday(one_by_one)
    assert slow == (2, "08:30")
    assert await settings_weekday(burst) == slow

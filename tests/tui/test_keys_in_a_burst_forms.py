"""A whole form filled in one burst of keys saves what it saves key by key (issue 27).

Tab and enter move focus while the app reads them; every field must still act on
the keys typed before them (a backspace, a space, an arrow), not the field after.
``burst`` and ``one_by_one`` are those of tests/tui/test_keys_in_a_burst.py.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from rootwork.state.records.model import Rating, Reframe
from rootwork.state.store import Store
from rootwork.tui.keymap import LoadedKeymap
from rootwork.tui.widgets.scale import Scale
from tests.tui.conftest import TODAY, make_app
from tests.tui.helpers_reframes import paste_text
from tests.tui.test_keys_in_a_burst import burst, one_by_one
from tests.tui.test_settings import open_from_help

# Mood 4, intensity 7 (after a right and a left), the second sign and the first cause ticked,
# a note and a gratitude each with a typo taken back by backspace just before the tab.
CHECKIN_KEYS = [
    "4",
    "tab",
    "6",
    "right",
    "right",
    "left",
    "tab",
    "down",
    "space",
    "tab",
    "space",
    "down",
    "space",
    "space",
    "tab",
    "h",
    "i",
    "x",
    "backspace",
    "enter",
    "o",
    "k",
    "tab",
    "t",
    "e",
    "a",
    "s",
    "backspace",
    "ctrl+s",
]
# Situation, critic, voice, the cause left alone, the first two thinking traps, belief 50, evidence both ways,
# the reframe; each text field takes a backspace last.
REFRAME_KEYS = [
    "s",
    "i",
    "t",
    "x",
    "backspace",
    "tab",
    "c",
    "r",
    "i",
    "t",
    "tab",
    "v",
    "o",
    "z",
    "backspace",
    "tab",
    "tab",
    "space",
    "down",
    "space",
    "up",
    "tab",
    "5",
    "0",
    "tab",
    "f",
    "tab",
    "a",
    "tab",
    "r",
    "e",
    "f",
    "ctrl+s",
]


async def saved_checkin(send) -> tuple:
    store = Store.in_memory()
    app = make_app(store, start_mode="checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "mood"
        await send(pilot, CHECKIN_KEYS)
        await app.workers.wait_for_complete()
        await pilot.pause()
    [checkin] = store.checkins()
    return checkin.mood, checkin.intensity, checkin.signs, checkin.causes, checkin.note, checkin.gratitude


async def test_a_check_in_typed_in_one_burst_saves_as_typed_key_by_key() -> None:
    slow = await saved_checkin(one_by_one)
    assert slow[:2] == (4, 7) and len(slow[2]) == 1 and len(slow[3]) == 1
    assert slow[4:] == ("hi\nok", "tea")
    assert await saved_checkin(burst) == slow


async def saved_reframe(send) -> tuple:
    store = Store.in_memory()
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "situation"
        await send(pilot, REFRAME_KEYS)
        await app.workers.wait_for_complete()
        await pilot.pause()
    [reframe] = store.reframes()
    return (
        reframe.situation,
        reframe.critic,
        reframe.voice,
        reframe.cause_id,
        reframe.distortions,
        reframe.belief_before,
        reframe.evidence_for,
        reframe.evidence_against,
        reframe.reframe,
    )


async def test_a_thought_record_typed_in_one_burst_saves_as_typed_key_by_key() -> None:
    slow = await saved_reframe(one_by_one)
    assert slow[:4] == ("sit", "crit", "vo", None) and len(slow[4]) == 2
    assert slow[5:] == (50, "f", "a", "ref")
    assert await saved_reframe(burst) == slow


async def settings_saved(send) -> tuple:
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_help(pilot, app)
        first = app.screen.query_one("#day_start_hour", Input)
        assert app.focused is first
        # Clear the hour and type 3; on to the cap, clear it and type 9 after a typo; save.
        await send(
            pilot,
            [
                "end",
                "backspace",
                "backspace",
                "3",
                "tab",
                "end",
                "backspace",
                "backspace",
                "8",
                "backspace",
                "9",
                "ctrl+s",
            ],
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
    return store.setting("day_start_hour"), store.setting("daily_cap")


async def test_settings_typed_in_one_burst_save_as_typed_key_by_key() -> None:
    slow = await settings_saved(one_by_one)
    assert slow == (3, 9)
    assert await settings_saved(burst) == slow


def one_due_reframe() -> Store:
    """A journal with one thought record, due today."""
    store = Store.in_memory()
    store.save_reframe(Reframe(critic="Not good enough", reframe="Good enough is good", belief_before=80), TODAY)
    return store


async def rehearsed(send) -> tuple:
    store = one_due_reframe()
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await paste_text(pilot, "I am learning")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "rehearse-belief"
        # How true the critic feels now, enter, then the rating key at once.
        await send(pilot, ["4", "5", "backspace", "0", "enter", "3"])
        await app.workers.wait_for_complete()
        await pilot.pause()
    [reframe] = store.reframes()
    [review] = store.reviews(reframe.id)
    return review.belief, review.rating, review.day


async def test_a_rehearsal_rated_in_the_same_burst_as_its_belief_is_rated() -> None:
    slow = await rehearsed(one_by_one)
    assert slow == (40, Rating.DID_IT, TODAY)
    assert await rehearsed(burst) == slow


async def searched(send) -> int | None:
    store = Store.in_memory()
    for critic in ("I always fail", "Nobody likes me", "I fail at everything", "I am too much"):
        store.save_reframe(Reframe(critic=critic, reframe="A kinder word"), TODAY)
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        # Search, keep it with enter, then move down the list it left.
        await send(pilot, ["f", "a", "i", "l", "enter", "down"])
        await pilot.pause()
        records = app.screen.query_one("#reframe-list", OptionList)
        assert app.screen.query_one("#reframe-search", Input).value == "fail"
        assert app.focused is records
        return records.highlighted


async def test_keys_after_enter_in_the_search_move_in_the_list() -> None:
    slow = await searched(one_by_one)
    assert slow == 1
    assert await searched(burst) == slow


async def scales_after(send, keymap: LoadedKeymap | None) -> tuple:
    app = make_app(start_mode="checkin", keymap=keymap)
    more, less = ("l", "h") if keymap else ("right", "left")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await send(pilot, ["2", more, more, less, "tab", "home", more, "tab"])
        await pilot.pause()
        return app.screen.query_one("#mood", Scale).value, app.screen.query_one("#intensity", Scale).value


async def test_a_scale_moved_with_the_users_own_keys_in_a_burst_moves_as_key_by_key() -> None:
    # The keys a person gave the scale in keymap.toml act in order too, on the scale they were typed on.
    keymap = LoadedKeymap({"scale.more": "l", "scale.less": "h"})
    slow = await scales_after(one_by_one, keymap)
    assert slow == (3, 1)
    assert await scales_after(burst, keymap) == slow
    assert await scales_after(burst, None) == slow


# --- found by the attack on issue 27: every key that acts before the field it follows is done -------


async def adopted_from_catalogue(send, keys: list[str]) -> list[str]:
    store = Store.in_memory()
    app = make_app(store, start_mode="practices")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await send(pilot, keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
    return sorted(item.practice_id for item in store.plan())


@pytest.mark.parametrize("keys", [["down", "down", "enter"], ["c", "a", "l", "m", "down", "enter"]])
async def test_the_catalogue_adds_the_practice_moved_to_in_one_burst(keys: list[str]) -> None:
    # The list's keys sit on the filter, so they move in the list the typed filter shows.
    slow = await adopted_from_catalogue(one_by_one, keys)
    assert len(slow) == 1
    assert await adopted_from_catalogue(burst, keys) == slow


async def self_check_ticks(send, keys: list[str]) -> frozenset[str]:
    from tests.tui.test_selfcheck import open_selfcheck

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_selfcheck(pilot)
        await pilot.press("enter")  # Begin
        await pilot.pause()
        await send(pilot, keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        return screen.progress.recognised


@pytest.mark.parametrize(
    "keys", [["space", "n", "space"], ["space", "n", "down", "space", "p", "down", "down", "space"]]
)
async def test_the_self_checks_page_keys_come_after_the_ticks_typed_before_them(keys: list[str]) -> None:
    slow = await self_check_ticks(one_by_one, keys)
    assert len(slow) >= 2
    assert await self_check_ticks(burst, keys) == slow


async def belief_and_evidence(send) -> tuple:
    store = Store.in_memory()
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        # Situation, critic, voice, (cause), (traps), then belief 45 corrected to 4, evidence "text".
        await send(
            pilot,
            [
                "s",
                "tab",
                "c",
                "tab",
                "tab",
                "tab",
                "tab",
                "4",
                "5",
                "backspace",
                "tab",
                "t",
                "e",
                "x",
                "t",
                "tab",
                "tab",
                "r",
                "ctrl+s",
            ],
        )
        await app.workers.wait_for_complete()
        await pilot.pause()
    [reframe] = store.reframes()
    return reframe.belief_before, reframe.evidence_for


async def test_a_backspace_in_the_belief_field_stays_in_it() -> None:
    slow = await belief_and_evidence(one_by_one)
    assert slow == (4, "text")
    assert await belief_and_evidence(burst) == slow


async def revealed_and_rated(send) -> tuple:
    store = one_due_reframe()
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        # The answer, reveal, how true now, on to the ratings, rate: one burst.
        await send(pilot, ["a", "n", "s", "ctrl+r", "5", "0", "enter", "3"])
        await app.workers.wait_for_complete()
        await pilot.pause()
    [reframe] = store.reframes()
    return tuple((r.rating, r.belief, r.answer) for r in store.reviews(reframe.id))


async def test_keys_after_reveal_go_to_the_belief_and_the_rating() -> None:
    slow = await revealed_and_rated(one_by_one)
    assert slow == ((Rating.DID_IT, 50, "ans"),)
    assert await revealed_and_rated(burst) == slow


async def scales_with_symbol_keys(send) -> tuple:
    # keymap.toml gives "+" and "-"; a terminal sends them as the keys "plus" and "minus".
    app = make_app(start_mode="checkin", keymap=LoadedKeymap({"scale.more": "+", "scale.less": "-"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await send(pilot, ["2", "plus", "plus", "minus", "tab", "home", "plus", "tab"])
        await pilot.pause()
        return app.screen.query_one("#mood", Scale).value, app.screen.query_one("#intensity", Scale).value


async def test_a_keymap_of_symbols_acts_in_order_too() -> None:
    slow = await scales_with_symbol_keys(one_by_one)
    assert slow == (3, 1)
    assert await scales_with_symbol_keys(burst) == slow


async def kept_after_conflict(send, data_dir, keys: list[str]) -> tuple:
    from dataclasses import replace

    from textual.widgets import TextArea

    from rootwork.tui.widgets.conflict import ConflictScreen

    store = Store.open(data_dir)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        other = Store.open(data_dir)  # another process changes the mood and the note meanwhile
        other.save_checkin(replace(other.checkin_for(TODAY), mood=5, note="from the shell"))
        app.screen.query_one("#note", TextArea).text = "from the form"
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await send(pilot, keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = Store.open(data_dir).checkin_for(TODAY)
    return saved.mood, saved.note


@pytest.mark.parametrize(
    "keys", [["right", "space", "tab", "space", "ctrl+s"], ["space", "tab", "right", "space", "ctrl+s"]]
)
async def test_choices_in_the_conflict_dialog_land_on_their_own_field(tmp_path, keys: list[str]) -> None:
    from rootwork.state.records.model import Checkin

    results = []
    for n, send in enumerate((one_by_one, burst)):
        data_dir = tmp_path / str(n)
        Store.open(data_dir).save_checkin(Checkin(TODAY, mood=3, intensity=5, note="morning"))
        results.append(await kept_after_conflict(send, data_dir, keys))
    assert results[0][1] in ("from the form", "from the shell") and results[1] == results[0]

"""Gentler days (issue 29): a day checked in at the threshold or more, or made lighter, shows at most two.

The rest keep their due dates and come on the next days through the same roll-over as after a time away
(``schedule.forecast``); nothing is written but the day made lighter, so asking again changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.records.errors import ValidationError
from rootwork.state.records.model import Checkin, Rating, Schedule
from rootwork.state.records.schedule import (
    DEFAULT_GENTLE_THRESHOLD,
    GENTLE_CAP,
    day_cap,
    due_on_day,
    forecast,
    is_gentle_day,
    lighter_line,
    pick_due,
)
from rootwork.state.records.settings import validate_settings
from rootwork.state.store import DEFAULT_SETTINGS, Store

TODAY = date(2026, 11, 25)
FAST = settings(max_examples=200, deadline=None)


def due_on(day: date | None) -> Schedule:
    return Schedule(due=day)


# --- the rule, pure -----------------------------------------------------------------------------


def test_a_day_is_gentler_from_the_threshold_or_when_made_lighter():
    assert DEFAULT_GENTLE_THRESHOLD == 8 and DEFAULT_SETTINGS["gentle_threshold"] == 8
    assert is_gentle_day(8, 8) and is_gentle_day(10, 8)
    assert not is_gentle_day(7, 8)
    assert not is_gentle_day(None, 8)  # no check-in
    assert not is_gentle_day(10, None)  # off
    assert is_gentle_day(None, None, made_lighter=True)
    assert is_gentle_day(2, 8, made_lighter=True)


def test_the_day_cap_is_two_on_a_gentler_day_counting_what_was_done():
    assert day_cap(5, gentle=False) == 5
    assert day_cap(5, gentle=False, done_today=4) == 5  # the usual cap is as it always was
    assert day_cap(5, gentle=True) == GENTLE_CAP == 2
    assert day_cap(1, gentle=True) == 1  # never more than the daily cap
    assert day_cap(5, gentle=True, done_today=1) == 1
    assert day_cap(5, gentle=True, done_today=3) == 0


def test_a_gentler_day_shows_the_first_two_and_the_rest_roll_over_as_after_a_time_away():
    items = [(f"i{n}", due_on(TODAY - timedelta(days=10 - n))) for n in range(6)]
    day = due_on_day(items, TODAY, 5, gentle=True)
    assert day.ids == ["i0", "i1"] and day.waiting == 3 and day.cap == 2
    # The same spreading the forecast (and so the calendar export) does: what waits comes first next.
    spread = forecast(items, TODAY, TODAY + timedelta(days=2), 5, day_caps={TODAY: day.cap})
    assert spread[TODAY] == day.ids
    assert spread[TODAY + timedelta(days=1)] == ["i2", "i3", "i4", "i5"]
    usual = due_on_day(items, TODAY, 5)
    assert usual.ids == pick_due(items, TODAY, 5) and usual.waiting == 0 and not usual.gentle


def test_the_line_counts_what_is_left_and_is_empty_when_nothing_moved():
    assert lighter_line(2, gentle=True, waiting=3) == "A lighter day: two things, the rest can wait."
    assert lighter_line(1, gentle=True, waiting=3) == "A lighter day: one thing, the rest can wait."
    assert lighter_line(0, gentle=True, waiting=3) == "A lighter day: that is enough for today, the rest can wait."
    assert lighter_line(2, gentle=True, waiting=0) == ""
    assert lighter_line(2, gentle=False, waiting=3) == ""


# --- the rule's invariants, over random due lists -----------------------------------------------

due_lists = st.lists(
    st.tuples(
        st.text("abcdef", min_size=1, max_size=4),
        st.one_of(st.none(), st.integers(min_value=-400, max_value=30)),
    ),
    max_size=30,
    unique_by=lambda pair: pair[0],
)


@FAST
@given(due_lists, st.integers(min_value=1, max_value=50), st.integers(min_value=0, max_value=4))
def test_a_gentler_day_loses_nothing_moves_nothing_earlier_and_shows_at_most_two(raw, cap, done):
    items = [(item_id, due_on(None if offset is None else TODAY + timedelta(days=offset))) for item_id, offset in raw]
    day = due_on_day(items, TODAY, cap, gentle=True, done_today=done)
    assert len(day.ids) <= GENTLE_CAP and len(day.ids) <= cap
    usual = due_on_day(items, TODAY, cap)
    assert day.ids == usual.ids[: len(day.ids)]  # the same order: the oldest first
    assert len(day.ids) + day.waiting == len(usual.ids)
    # Asked again (a second check-in at 9, the key pressed twice): the same answer.
    assert due_on_day(items, TODAY, cap, gentle=True, done_today=done) == day
    # Over the next days nothing is lost, and nothing shows before today or before its own due day.
    end = TODAY + timedelta(days=len(items) + 40)
    spread = forecast(items, TODAY, end, cap, day_caps={TODAY: day.cap})
    assert spread[TODAY] == day.ids
    shown = [item_id for ids in spread.values() for item_id in ids]
    assert sorted(shown) == sorted(item_id for item_id, _ in items)
    dues = dict(items)
    for when, ids in spread.items():
        assert when >= TODAY and len(ids) <= (day.cap if when == TODAY else cap)
        for item_id in ids:
            assert dues[item_id].due is None or dues[item_id].due <= when


@FAST
@given(due_lists, st.integers(min_value=1, max_value=50))
def test_a_usual_day_is_the_old_rule(raw, cap):
    items = [(item_id, due_on(None if offset is None else TODAY + timedelta(days=offset))) for item_id, offset in raw]
    assert due_on_day(items, TODAY, cap).ids == forecast(items, TODAY, TODAY, cap)[TODAY]


# --- the setting ----------------------------------------------------------------------------------


def test_the_setting_is_a_number_from_1_to_10_or_off():
    assert validate_settings({"gentle_threshold": "8"}) == {"gentle_threshold": 8}
    assert validate_settings({"gentle_threshold": " 10 "}) == {"gentle_threshold": 10}
    assert validate_settings({"gentle_threshold": "Off"}) == {"gentle_threshold": None}
    for typed, words in [
        ("", "is empty"),
        ("0", "from 1 to 10; 0 is outside that"),
        ("11", "from 1 to 10; 11 is outside that"),
        ("never", "or off, not “never”"),
    ]:
        with pytest.raises(ValidationError) as refused:
            validate_settings({"gentle_threshold": typed})
        assert refused.value.field == "gentle_threshold"
        assert refused.value.message.startswith("The intensity for a lighter day")
        assert words in refused.value.message


def test_the_store_keeps_the_setting_as_a_number_or_none(store: Store) -> None:
    store.set_setting("gentle_threshold", None)
    assert store.setting("gentle_threshold") is None
    store.set_setting("gentle_threshold", 6)
    assert store.setting("gentle_threshold") == 6
    for bad in (0, 11, "8", True):
        with pytest.raises(ValidationError):
            store.set_setting("gentle_threshold", bad)


# --- the store: what is due on a gentler day --------------------------------------------------------


@pytest.fixture
def store() -> Store:
    return Store.in_memory()


def with_six_due(store: Store) -> list[str]:
    return [store.adopt(f"cause.practice-{n}", TODAY - timedelta(days=6 - n)).id for n in range(6)]


def stored_dues(store: Store) -> dict[str, date | None]:
    return {p.id: p.schedule.due for p in store.plan()}


def test_a_checkin_at_the_threshold_shows_two_and_keeps_every_due_date(store: Store) -> None:
    ids = with_six_due(store)
    dues = stored_dues(store)
    assert [p.id for p in store.due(TODAY)] == ids[:5]
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
    due = store.due_today(TODAY)
    assert [p.id for p in due.items] == ids[:2] and due.gentle and due.waiting == 3 and due.cap == 2
    assert due.line == "A lighter day: two things, the rest can wait."
    assert stored_dues(store) == dues  # computed when read, as after a time away: nothing rewritten
    # Checking in at 9 again, or saving the same check-in again: nothing moves further.
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
    store.save_checkin(Checkin(day=TODAY, mood=1, intensity=10, note="again"))
    assert store.due_today(TODAY) == due
    assert stored_dues(store) == dues
    # The next day is an ordinary day: what waited comes first, oldest first.
    assert [p.id for p in store.due(TODAY + timedelta(days=1))] == ids[:5]


def test_a_checkin_changed_below_the_threshold_brings_the_usual_list_back(store: Store) -> None:
    ids = with_six_due(store)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=8))
    assert len(store.due(TODAY)) == 2
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=7))
    due = store.due_today(TODAY)
    assert [p.id for p in due.items] == ids[:5] and not due.gentle and due.line == ""


def test_rating_on_a_gentler_day_does_not_bring_up_another(store: Store) -> None:
    ids = with_six_due(store)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
    store.review("practice", ids[0], Rating.DID_IT, TODAY)
    due = store.due_today(TODAY)
    assert [p.id for p in due.items] == [ids[1]]
    assert due.line == "A lighter day: one thing, the rest can wait."
    store.review("practice", ids[1], Rating.NOT_TODAY, TODAY)  # put off counts as looked at
    due = store.due_today(TODAY)
    assert due.items == [] and due.waiting == 4
    assert due.line == "A lighter day: that is enough for today, the rest can wait."


def test_the_threshold_follows_the_setting_and_off_turns_it_off(store: Store) -> None:
    with_six_due(store)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=6))
    assert len(store.due(TODAY)) == 5
    store.set_setting("gentle_threshold", 6)
    assert len(store.due(TODAY)) == 2
    store.set_setting("gentle_threshold", None)
    store.save_checkin(Checkin(day=TODAY, mood=1, intensity=10))
    assert len(store.due(TODAY)) == 5


def test_make_today_lighter_works_without_a_checkin_once_and_only_today(store: Store) -> None:
    ids = with_six_due(store)
    dues = stored_dues(store)
    assert store.make_lighter(TODAY) is True
    assert store.make_lighter(TODAY) is False  # idempotent
    assert [p.id for p in store.due(TODAY)] == ids[:2]
    assert stored_dues(store) == dues
    # A check-in below the threshold does not undo a day made lighter by hand.
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2))
    assert len(store.due(TODAY)) == 2
    # Tomorrow is an ordinary day again.
    assert not store.gentle_day(TODAY + timedelta(days=1))
    assert [p.id for p in store.due(TODAY + timedelta(days=1))] == ids[:5]


def test_a_hand_edited_threshold_falls_back_to_the_default(store: Store) -> None:
    with_six_due(store)
    with store.transaction():
        store._put_meta("settings", {"values": {"gentle_threshold": "eight"}})
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=8))
    assert len(store.due(TODAY)) == 2


@pytest.mark.parametrize("value", [-1, 0, 11, 1000])
def test_a_hand_edited_threshold_out_of_range_falls_back_to_the_default(store: Store, value: int) -> None:
    with_six_due(store)
    with store.transaction():
        store._put_meta("settings", {"values": {"gentle_threshold": value}})
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=5))
    assert len(store.due(TODAY)) == 5  # the default 8: a 5 is a usual day
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=8), base=store.checkin_for(TODAY))
    assert len(store.due(TODAY)) == 2


def test_before_the_reviews_are_read_a_gentler_day_counts_their_raw_documents_the_same(tmp_path) -> None:
    # The app's first paint (snapshot mode) must not convert every review; it counts today's raw documents.
    from rootwork.state.store.index import reviewed_items_in

    data_dir = tmp_path / "data"
    written = Store.open(data_dir)
    ids = with_six_due(written)
    written.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
    written.review("practice", ids[0], Rating.DID_IT, TODAY)
    written.review("practice", ids[0], Rating.DID_IT, TODAY)  # the same item twice counts once
    written.review("practice", ids[1], Rating.NOT_TODAY, TODAY)
    expected = written.due_today(TODAY)
    written.close()
    app_like = Store.open(data_dir)
    app_like.use_snapshots()
    first_paint = app_like.due_today(TODAY)
    assert [p.id for p in first_paint.items] == [p.id for p in expected.items] == []
    assert first_paint.waiting == expected.waiting == 4
    raw = {"1": {"day": TODAY.isoformat(), "item_id": "a"}, "2": {"day": TODAY.isoformat(), "item_id": 7}, "3": {}}
    assert reviewed_items_in(raw, TODAY) == 1  # a document the view would not read is not counted

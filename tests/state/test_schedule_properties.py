"""Properties of the scheduler over random review histories, dates and due lists.

Histories run from a new item through up to 40 reviews, reviewed early, on
time, late, after long absences and with the clock going backwards, on dates
that include month ends, 29 February and year ends.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.records.model import Rating, Schedule
from rootwork.state.records.schedule import (
    CAPS,
    EASE_MAX,
    EASE_MIN,
    forecast,
    fuzz_offset,
    new_schedule,
    pick_due,
    schedule_next,
)

FAST = settings(max_examples=200, deadline=None)

SPECIAL_DAYS = [
    date(2024, 2, 29),
    date(2028, 2, 29),
    date(2025, 2, 28),
    date(2026, 1, 31),
    date(2026, 4, 30),
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2099, 12, 31),
]
days = st.one_of(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(SPECIAL_DAYS),
)
kinds = st.sampled_from(sorted(CAPS))
ratings = st.sampled_from(list(Rating))
growing = {Rating.STRUGGLED, Rating.DID_IT, Rating.CAME_EASILY}
GRADED = [Rating.DIDNT_MANAGE, Rating.STRUGGLED, Rating.DID_IT, Rating.CAME_EASILY]
BETTER_ANSWERS = {rating: len(GRADED) - 1 - n for n, rating in enumerate(GRADED)}

# When the next review happens, measured from the item's due date: early, on
# time, a little late, a long absence; or before the previous review (clock back).
timing = st.one_of(
    st.tuples(st.just("from_due"), st.integers(min_value=-10, max_value=10)),
    st.tuples(st.just("from_due"), st.integers(min_value=11, max_value=400)),
    st.tuples(st.just("clock_back"), st.integers(min_value=1, max_value=30)),
)
histories = st.lists(st.tuples(ratings, timing), min_size=1, max_size=40)


def next_review_day(s: Schedule, last_day: date, how: tuple[str, int]) -> date:
    kind, days_ = how
    if kind == "clock_back":
        return last_day - timedelta(days=days_)
    return s.due + timedelta(days=days_)


@FAST
@given(start=days, kind=kinds, item_id=st.text(max_size=12), history=histories)
def test_every_review_keeps_the_schedule_sane(start, kind, item_id, history):
    cap = CAPS[kind]
    s = new_schedule(start)
    review_day = start
    for rating, how in history:
        review_day = next_review_day(s, review_day, how)
        after = schedule_next(s, rating, review_day, item_id=item_id, kind=kind)

        assert 1 <= after.interval <= cap
        assert EASE_MIN <= after.ease <= EASE_MAX
        assert after.due > review_day
        if rating is Rating.NOT_TODAY:
            assert after.due == review_day + timedelta(days=1)
            assert (after.interval, after.ease, after.reps, after.lapses, after.last_review) == (
                s.interval,
                s.ease,
                s.reps,
                s.lapses,
                s.last_review,
            )
        else:
            assert after.due == review_day + timedelta(days=after.interval)
            assert after.last_review == review_day
            assert after.reps == s.reps + 1
            assert after.lapses == s.lapses + (rating is Rating.DIDNT_MANAGE)
        if rating in growing:
            # Growing answers never shorten, except at the cap, where each answer below
            # "came easily" steps down a day to stay strictly before the better ones.
            room = cap - BETTER_ANSWERS[rating]
            assert after.interval >= min(s.interval, room)
            assert after.interval > s.interval or s.interval >= room
        if rating is Rating.DIDNT_MANAGE:
            assert after.interval <= max(1, s.interval)
        s = after


@FAST
@given(
    interval=st.integers(min_value=1, max_value=120),
    ease=st.floats(min_value=EASE_MIN, max_value=EASE_MAX),
    late=st.integers(min_value=0, max_value=400),
    rating=st.sampled_from([Rating.DID_IT, Rating.CAME_EASILY]),
    kind=kinds,
    item_id=st.text(max_size=12),
    due=days,
)
def test_did_it_and_came_easily_never_shorten_from_any_state_within_the_cap(
    interval, ease, late, rating, kind, item_id, due
):
    interval = min(interval, CAPS[kind])
    s = Schedule(interval=interval, ease=ease, reps=3, due=due)
    review_day = due + timedelta(days=late)
    after = schedule_next(s, rating, review_day, item_id=item_id, kind=kind)
    room = CAPS[kind] - BETTER_ANSWERS[rating]  # "did it" keeps a day under the cap for "came easily"
    assert min(interval, room) <= after.interval <= CAPS[kind]


@settings(max_examples=500, deadline=None)
@given(
    interval=st.integers(min_value=1, max_value=400),
    ease=st.floats(min_value=0.5, max_value=4.0, allow_nan=False),
    late=st.integers(min_value=-30, max_value=800),
    kind=kinds,
    item_id=st.text(max_size=12),
    due=days,
)
def test_a_better_answer_always_comes_back_strictly_later(interval, ease, late, kind, item_id, due):
    # Any interval (even one stored past the cap), any ease (even out of bounds), early or
    # late, any fuzz seed: didn't manage < struggled < did it < came easily, all within the cap.
    s = Schedule(interval=interval, ease=ease, reps=3, due=due)
    review_day = due + timedelta(days=late)
    dues = [schedule_next(s, rating, review_day, item_id=item_id, kind=kind).due for rating in GRADED]
    assert dues == sorted(set(dues))
    assert review_day < dues[0] and dues[-1] <= review_day + timedelta(days=CAPS[kind])


@FAST
@given(
    rating=ratings,
    kind=kinds,
    interval=st.integers(min_value=1, max_value=120),
    due=days,
    last_review=days,
    review_day=days,
)
def test_any_review_day_even_before_the_last_one_schedules_after_it(
    rating, kind, interval, due, last_review, review_day
):
    s = Schedule(interval=min(interval, CAPS[kind]), due=due, last_review=last_review)
    after = schedule_next(s, rating, review_day, item_id="x", kind=kind)
    assert after.due >= review_day + timedelta(days=1)
    assert 1 <= after.interval <= CAPS[kind]


@FAST
@given(interval=st.integers(min_value=1, max_value=400), item_id=st.text(max_size=20), review_day=days)
def test_fuzz_is_within_five_percent_and_repeatable(interval, item_id, review_day):
    offset = fuzz_offset(interval, item_id=item_id, review_day=review_day)
    assert abs(offset) <= interval * 0.05
    assert offset == fuzz_offset(interval, item_id=item_id, review_day=review_day)
    if interval < 7:
        assert offset == 0


# --- due lists --------------------------------------------------------------------------

item_ids = st.text(alphabet="abcdefghij.-", min_size=1, max_size=6)


@st.composite
def due_items(draw, today: date, spread: int = 60):
    offsets = draw(st.lists(st.integers(min_value=-spread, max_value=spread), max_size=40))
    ids = draw(st.lists(item_ids, min_size=len(offsets), max_size=len(offsets), unique=True))
    return [
        (item_id, Schedule(due=today + timedelta(days=offset))) for item_id, offset in zip(ids, offsets, strict=False)
    ]


@FAST
@given(data=st.data(), today=days, cap=st.integers(min_value=0, max_value=10))
def test_pick_due_is_capped_and_takes_the_oldest(data, today, cap):
    items = data.draw(due_items(today))
    picked = pick_due(items, today, cap)
    due_of = dict(items)
    waiting = [item_id for item_id, s in items if s.due <= today]

    assert len(picked) == min(cap, len(waiting))
    assert len(set(picked)) == len(picked)
    assert all(due_of[item_id].due <= today for item_id in picked)
    keys = [(due_of[item_id].due, item_id) for item_id in picked]
    assert keys == sorted(keys)
    left_out = set(waiting) - set(picked)
    if picked:
        assert all((due_of[item_id].due, item_id) > keys[-1] for item_id in left_out)


@FAST
@given(
    data=st.data(), start=days, length=st.integers(min_value=0, max_value=90), cap=st.integers(min_value=1, max_value=8)
)
def test_forecast_never_exceeds_cap_and_never_leaves_room_unused(data, start, length, cap):
    items = data.draw(due_items(start))
    end = start + timedelta(days=length)
    shown = forecast(items, start, end, cap)
    due_of = {item_id: s.due for item_id, s in items}

    assert list(shown) == [start + timedelta(days=n) for n in range(length + 1)]
    assert all(len(ids) <= cap for ids in shown.values())
    everything = [item_id for ids in shown.values() for item_id in ids]
    assert len(everything) == len(set(everything))
    assert shown[start] == pick_due(items, start, cap)
    seen: set[str] = set()
    for day, ids in shown.items():
        assert all(due_of[item_id] <= day for item_id in ids)
        seen.update(ids)
        still_waiting = [item_id for item_id, due in due_of.items() if due <= day and item_id not in seen]
        if still_waiting:
            assert len(ids) == cap  # something rolled over only because the day was full


@FAST
@given(
    last_visit=days,
    n_items=st.integers(min_value=1, max_value=60),
    cap=st.integers(min_value=1, max_value=10),
    data=st.data(),
)
def test_after_a_400_day_absence_overdue_items_are_spread_within_ceil_n_over_cap_days(last_visit, n_items, cap, data):
    offsets = data.draw(st.lists(st.integers(min_value=0, max_value=120), min_size=n_items, max_size=n_items))
    items = [
        (f"item-{n:03}", Schedule(interval=offset or 1, due=last_visit + timedelta(days=offset)))
        for n, offset in enumerate(offsets)
    ]
    today = last_visit + timedelta(days=400)
    needed = math.ceil(n_items / cap)

    shown = forecast(items, today, today + timedelta(days=needed + 5), cap)

    assert all(len(ids) <= cap for ids in shown.values())
    within = [item_id for n in range(needed) for item_id in shown[today + timedelta(days=n)]]
    assert sorted(within) == sorted(item_id for item_id, _ in items)
    assert all(not shown[today + timedelta(days=n)] for n in range(needed, needed + 6))

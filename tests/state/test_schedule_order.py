"""Rounding and order: halves round up, and a better answer always comes back strictly later.

Issue 14: on a new item "struggled" and "did it" both gave 2 days, because
Python's round takes 2.5 to the even 2.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rootwork.state.records.model import Rating, Schedule
from rootwork.state.records.schedule import CAPS, new_schedule, next_intervals, schedule_next

DAY = date(2026, 11, 25)
WORST_TO_BEST = [Rating.DIDNT_MANAGE, Rating.STRUGGLED, Rating.DID_IT, Rating.CAME_EASILY]


def dues(s: Schedule, day: date = DAY, *, kind: str = "practice", item_id: str = "perfectionism.good-enough"):
    return [schedule_next(s, rating, day, item_id=item_id, kind=kind).due for rating in WORST_TO_BEST]


def test_halves_round_up_not_to_even():
    # round(7 * 1.5) = round(10.5): Python's round says 10, the scheduler 11.
    s = Schedule(interval=7, ease=1.5, due=DAY)
    assert schedule_next(s, Rating.DID_IT, DAY, item_id="x", kind="practice").interval == 11


def test_a_new_item_comes_back_in_1_2_3_or_4_days():
    s = new_schedule(DAY)
    assert dues(s) == [DAY + timedelta(days=n) for n in (1, 2, 3, 4)]
    assert next_intervals(s, DAY, item_id="x", kind="practice") == dict(zip(WORST_TO_BEST, (1, 2, 3, 4), strict=False))


def test_a_new_item_at_the_lowest_ease_is_lifted_into_order():
    # round(1 * 1.3) = 1 and round(1.69) = 2: the floors give 1, 2, 2, 3 and the lift 1, 2, 3, 4.
    assert dues(Schedule(interval=1, ease=1.3, due=DAY)) == [DAY + timedelta(days=n) for n in (1, 2, 3, 4)]


@pytest.mark.parametrize("late", [0, 3, 40])
@pytest.mark.parametrize(("kind", "interval"), [("practice", 45), ("reframe", 90), ("reframe", 30)])
def test_a_long_interval_keeps_every_better_answer_strictly_later(kind, interval, late):
    s = Schedule(interval=interval, ease=1.3, reps=9, due=DAY - timedelta(days=late))
    for n in range(30):  # thirty fuzz seeds
        after = dues(s, item_id=f"item-{n}", kind=kind)
        assert after == sorted(set(after)), after
        assert after[-1] <= DAY + timedelta(days=CAPS[kind])


@pytest.mark.parametrize(("kind", "cap"), [("practice", 60), ("reframe", 120)])
def test_at_the_cap_the_worse_answers_step_down_a_day_each(kind, cap):
    s = Schedule(interval=cap, ease=3.0, reps=20, due=DAY)
    intervals = next_intervals(s, DAY, item_id="x", kind=kind)
    assert [intervals[r] for r in WORST_TO_BEST[1:]] == [cap - 2, cap - 1, cap]
    assert abs(intervals[Rating.DIDNT_MANAGE] - cap // 2) <= cap // 2 * 5 // 100  # half, give or take fuzz


def test_an_interval_stored_past_the_cap_still_gives_four_different_days():
    s = Schedule(interval=500, ease=2.5, reps=20, due=DAY)
    assert dues(s) == [DAY + timedelta(days=n) for n in (57, 58, 59, 60)]

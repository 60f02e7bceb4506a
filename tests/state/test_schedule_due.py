"""What the schedule shows: the explanation of a review, the capped due list and the forecast.

The table that moves an item on is in test_schedule.py.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from rootwork.state.records.model import Rating, Schedule
from rootwork.state.records.schedule import DEFAULT_DAILY_CAP, explain, forecast, pick_due
from tests.state.test_schedule import DAY, due_on, review

# --- explain -----------------------------------------------------------------------------


def test_explain_says_when_and_why():
    before = due_on(DAY, interval=4, ease=2.5)
    after = review(before, Rating.CAME_EASILY)
    assert after.interval == 13
    assert explain(before, after, Rating.CAME_EASILY, DAY) == "next on 8 Dec, in 13 days: you said 'came easily'"


def test_explain_not_today_says_tomorrow():
    before = due_on(DAY, interval=4)
    after = review(before, Rating.NOT_TODAY)
    assert explain(before, after, Rating.NOT_TODAY, DAY) == "next on 26 Nov, tomorrow: you said 'not today'"


def test_explain_names_the_year_when_it_changes():
    before = due_on(date(2026, 12, 20), interval=8, ease=2.5)
    after = review(before, Rating.DID_IT, date(2026, 12, 20))
    assert after.due.year == 2027  # round(8 * 2.5) = 20, give or take a day of fuzz
    assert explain(before, after, Rating.DID_IT, date(2026, 12, 20)) == (
        f"next on {after.due.day} Jan 2027, in {after.interval} days: you said 'did it'"
    )


# --- pick_due ----------------------------------------------------------------------------


def test_pick_due_shows_overdue_first_oldest_first_then_by_id():
    items = [
        ("today-b", due_on(DAY)),
        ("old", due_on(DAY - timedelta(days=9))),
        ("today-a", due_on(DAY)),
        ("tomorrow", due_on(DAY + timedelta(days=1))),
        ("yesterday", due_on(DAY - timedelta(days=1))),
    ]
    assert pick_due(items, DAY, cap=10) == ["old", "yesterday", "today-a", "today-b"]


def test_pick_due_shows_at_most_cap():
    items = [(f"item-{n:02}", due_on(DAY - timedelta(days=n))) for n in range(12)]
    picked = pick_due(items, DAY, cap=DEFAULT_DAILY_CAP)
    assert picked == ["item-11", "item-10", "item-09", "item-08", "item-07"]
    assert pick_due(items, DAY, cap=0) == []


def test_pick_due_takes_an_undated_item_as_due_now():
    assert pick_due([("undated", Schedule()), ("later", due_on(DAY + timedelta(days=2)))], DAY, 5) == ["undated"]


def test_pick_due_accepts_any_iterable_once():
    items = ((f"i{n}", due_on(DAY)) for n in range(3))
    assert pick_due(items, DAY, 2) == ["i0", "i1"]


# --- forecast ----------------------------------------------------------------------------


def test_forecast_spreads_an_overdue_pile_over_the_following_days():
    items = [(f"item-{n:02}", due_on(DAY - timedelta(days=30 + n))) for n in range(12)]
    shown = forecast(items, DAY, DAY + timedelta(days=4), cap=5)
    assert [len(shown[DAY + timedelta(days=n)]) for n in range(5)] == [5, 5, 2, 0, 0]
    assert shown[DAY] == pick_due(items, DAY, 5)
    assert sorted(sum(shown.values(), [])) == sorted(item_id for item_id, _ in items)


def test_forecast_puts_items_due_later_behind_the_older_ones():
    items = [(f"old-{n}", due_on(DAY - timedelta(days=5))) for n in range(6)]
    items.append(("fresh", due_on(DAY + timedelta(days=1))))
    shown = forecast(items, DAY, DAY + timedelta(days=3), cap=5)
    assert shown[DAY] == ["old-0", "old-1", "old-2", "old-3", "old-4"]
    assert shown[DAY + timedelta(days=1)] == ["old-5", "fresh"]


def test_forecast_shows_an_item_on_its_due_day_when_there_is_room():
    items = [("a", due_on(DAY + timedelta(days=2))), ("b", due_on(DAY + timedelta(days=9)))]
    shown = forecast(items, DAY, DAY + timedelta(days=6), cap=5)
    assert shown[DAY + timedelta(days=2)] == ["a"]
    assert "b" not in sum(shown.values(), [])  # due after the range
    assert list(shown) == [DAY + timedelta(days=n) for n in range(7)]


def test_forecast_of_an_empty_range_is_empty():
    assert forecast([("a", due_on(DAY))], DAY, DAY - timedelta(days=1), 5) == {}


def test_forecast_never_shows_more_than_cap_a_day():
    items = [(f"i{n}", due_on(DAY - timedelta(days=n % 7))) for n in range(40)]
    shown = forecast(items, DAY, DAY + timedelta(days=20), cap=3)
    assert max(len(ids) for ids in shown.values()) == 3
    assert sum(len(ids) for ids in shown.values()) == 40
    assert max(day for day, ids in shown.items() if ids) == DAY + timedelta(days=math.ceil(40 / 3) - 1)

"""The Practices table's rows and words, without a UI: order, stand-ins, why a date, where the cursor goes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rootwork.content import load_library
from rootwork.state.records.model import PlanItem, Rating, Review
from rootwork.state.records.practice_rows import practice_rows, row_after_review, when_label, why_next
from rootwork.state.records.schedule import new_schedule, schedule_next

LIBRARY = load_library()
TODAY = date(2026, 11, 25)


def plan_item(practice_id: str, due_in: int, *, paused: bool = False, item_id: str = "") -> PlanItem:
    schedule = replace(new_schedule(TODAY), due=TODAY + timedelta(days=due_in))
    return PlanItem(
        practice_id=practice_id, adopted_on=TODAY, schedule=schedule, paused=paused, id=item_id or practice_id
    )


def test_rows_put_today_first_then_waiting_then_later_then_paused():
    practices = [p.id for p in LIBRARY.practices[:6]]
    plan = [
        plan_item(practices[0], 5),
        plan_item(practices[1], -2, paused=True),
        plan_item(practices[2], 0),
        plan_item(practices[3], -1),
        plan_item(practices[4], 2),
        plan_item(practices[5], -3),
    ]
    # The store's capped due list chose two of the three due ones.
    rows = practice_rows(LIBRARY, plan, [practices[5], practices[3]], TODAY)
    assert [(row.status, row.item.id) for row in rows] == [
        ("today", practices[5]),
        ("today", practices[3]),
        ("waiting", practices[2]),
        ("later", practices[4]),
        ("later", practices[0]),
        ("paused", practices[1]),
    ]


def test_unknown_practice_is_shown_by_its_id():
    [row] = practice_rows(LIBRARY, [plan_item("gone.away", 0)], [], TODAY)
    assert row.practice.name == "gone.away" and row.cause_title == "gone"


def test_why_next_explains_the_last_review():
    item = plan_item(LIBRARY.practices[0].id, 0)
    assert "added it" in why_next(item, [], TODAY)
    after = schedule_next(item.schedule, Rating.CAME_EASILY, TODAY, item_id=item.id, kind="practice")
    review = Review("practice", item.id, TODAY, Rating.CAME_EASILY, 1, after.interval, after.due, 2.5, after.ease)
    line = why_next(replace(item, schedule=after), [review], TODAY)
    assert f"in {after.interval} days" in line and "came easily" in line
    assert "Paused" in why_next(replace(item, paused=True), [review], TODAY)


def test_when_label_names_the_day_and_a_year_only_when_it_differs():
    practice = LIBRARY.practices[0].id
    [row] = practice_rows(LIBRARY, [plan_item(practice, 3)], [], TODAY)
    assert when_label(row, TODAY) == "28 Nov"
    [row] = practice_rows(LIBRARY, [plan_item(practice, 40)], [], TODAY)
    assert when_label(row, TODAY) == "4 Jan 2027"
    [row] = practice_rows(LIBRARY, [plan_item(practice, 0)], [practice], TODAY)
    assert when_label(row, TODAY) == "today"


def test_after_a_review_the_cursor_goes_to_the_next_practice_still_due():
    # a, b, c were due; b was rated and moved down; c took its place among the due ones.
    after = [("a", True), ("c", True), ("d", False), ("b", False)]
    assert row_after_review(["a", "b", "c"], "b", after) == 1
    # the last due one rated: back to the first still due
    assert row_after_review(["a", "b"], "b", [("a", True), ("b", False)]) == 0
    # nothing due any more: stay put
    assert row_after_review(["b"], "b", [("b", False)]) is None

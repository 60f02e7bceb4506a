"""The month calendar's cells: grids for awkward months, and each day's check-in, reviews and revisits."""

from __future__ import annotations

from datetime import date, timedelta

from rootwork.state.records.calendar import (
    day_detail,
    month_title,
    month_totals,
    month_view,
    month_view_from_store,
    month_words,
)
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.store import Store

TODAY = date(2026, 11, 25)


def days_of(weeks):
    return [cell.day for week in weeks for cell in week]


def in_month(weeks):
    return [cell.day for week in weeks for cell in week if cell.in_month]


def empty_month(year, month, today=TODAY, first_weekday=0):
    return month_view([], [], [], [], year, month, today, first_weekday)


def review(kind, item_id, day, rating=Rating.DID_IT, belief=None):
    return Review(kind, item_id, day, rating, 1, 2, day + timedelta(days=2), belief=belief)


def test_month_starting_on_sunday_with_monday_weeks_begins_in_the_month_before():
    weeks = empty_month(2026, 11)  # 1 Nov 2026 is a Sunday
    assert weeks[0][0].day == date(2026, 10, 26)
    assert [c.in_month for c in weeks[0]] == [False] * 6 + [True]
    assert weeks[-1][-1].day == date(2026, 12, 6)
    assert len(weeks) == 6
    assert in_month(weeks) == [date(2026, 11, 1) + timedelta(days=n) for n in range(30)]


def test_month_starting_on_sunday_with_sunday_weeks_starts_on_the_first():
    weeks = empty_month(2026, 11, first_weekday=6)
    assert weeks[0][0].day == date(2026, 11, 1)
    assert all(week[0].day.weekday() == 6 for week in weeks)
    assert len(weeks) == 5


def test_grid_spanning_a_year_end_holds_both_years():
    december = empty_month(2026, 12)
    assert december[-1][-1].day == date(2027, 1, 3)
    assert [c.day.year for c in december[-1]] == [2026, 2026, 2026, 2026, 2027, 2027, 2027]
    january = empty_month(2027, 1)
    assert january[0][0].day == date(2026, 12, 28)
    assert not january[0][0].in_month and january[0][4].day == date(2027, 1, 1)
    assert month_title(2027, 1) == "January 2027"


def test_february_in_a_leap_and_a_common_year():
    leap = empty_month(2028, 2)
    assert in_month(leap)[-1] == date(2028, 2, 29)
    assert len(in_month(leap)) == 29
    common = empty_month(2027, 2)  # 1 Feb 2027 is a Monday: exactly four weeks
    assert len(common) == 4
    assert days_of(common)[0] == date(2027, 2, 1) and days_of(common)[-1] == date(2027, 2, 28)
    assert all(cell.in_month for week in common for cell in week)


def test_every_row_is_seven_consecutive_days_for_every_first_weekday():
    for first_weekday in range(7):
        for year, month in ((2026, 11), (2026, 12), (2028, 2), (2027, 2)):
            days = days_of(empty_month(year, month, first_weekday=first_weekday))
            assert days[0].weekday() == first_weekday
            assert all(b - a == timedelta(days=1) for a, b in zip(days, days[1:], strict=False))


def test_cells_hold_checkins_reviews_and_records_of_their_own_day():
    day = date(2026, 11, 10)
    checkins = [Checkin(day=day, mood=2, intensity=7), Checkin(day=date(2026, 9, 1), mood=3, intensity=1)]
    reviews = [
        review("practice", "p1", day),
        review("practice", "p2", day, Rating.DIDNT_MANAGE),
        review("practice", "p3", day, Rating.NOT_TODAY),  # a postponement, not a review
        review("reframe", "r1", day),
    ]
    reframes = [
        Reframe("critic", "kinder", day=day, id="r1", schedule=Schedule(due=date(2027, 6, 1))),
        Reframe("gone", "x", day=day, id="r2", deleted_at="2026-11-11T00:00:00Z"),
    ]
    weeks = month_view(checkins, reviews, reframes, [], 2026, 11, TODAY)
    cell = next(c for w in weeks for c in w if c.day == day)
    assert (cell.checkin_intensity, cell.checkin_mood) == (7, 2)
    assert (cell.practice_reviews, cell.reframe_reviews, cell.reframes_written) == (2, 1, 1)
    assert not cell.is_today and not cell.is_future
    others = [c for w in weeks for c in w if c.day != day]
    assert not any(c.checked_in or c.reviews_done or c.reframes_written for c in others)
    assert [c.day for w in weeks for c in w if c.is_today] == [TODAY]
    totals = month_totals(weeks)
    assert (totals.checkins, totals.practice_reviews, totals.reframe_reviews, totals.reframes_written) == (1, 2, 1, 1)
    assert month_words(totals) == "1 check-in · 2 practices done · 1 reframe rehearsed · 1 thought record written"


def test_revisits_are_capped_a_day_and_shown_on_future_days_only():
    def practice(n, due, **kw):
        return PlanItem(f"cause.p{n}", date(2026, 1, 1), Schedule(due=due), id=f"p{n}", **kw)

    plan = [practice(n, TODAY - timedelta(days=3)) for n in range(4)]  # overdue: spread from today on
    plan.append(practice(9, date(2026, 11, 28)))
    plan.append(practice(10, date(2026, 11, 28), paused=True))
    plan.append(practice(11, date(2026, 11, 28), removed_at="2026-11-01T00:00:00Z"))
    reframes = [Reframe("c", "r", id="r1", schedule=Schedule(due=date(2026, 12, 2)))]
    weeks = month_view([], [], reframes, plan, 2026, 11, TODAY, cap=2)
    planned = {c.day: c.scheduled_revisits for w in weeks for c in w if c.scheduled_revisits}
    # Today shows two of the four overdue; the other two come tomorrow; paused and removed never come.
    assert planned == {date(2026, 11, 26): 2, date(2026, 11, 28): 1, date(2026, 12, 2): 1}
    past = month_view([], [], reframes, plan, 2026, 10, TODAY, cap=2)
    assert not any(c.scheduled_revisits for w in past for c in w)
    # 2 Dec is on November's grid but not in November: the month's words count its own days.
    assert month_words(month_totals(weeks)) == "What you do this month will show here. · 3 revisits coming up"


def test_an_empty_month_invites_instead_of_counting():
    words = month_words(month_totals(empty_month(2026, 8)))
    assert words == "What you do this month will show here."
    assert "miss" not in words.lower()


def test_from_store_matches_what_was_saved_and_day_detail_names_it():
    store = Store.in_memory()
    day = date(2026, 11, 24)  # rated then, both come back after today
    store.save_checkin(Checkin(day=day, mood=4, intensity=3, note="[b]x[/b]"))
    item = store.adopt("perfectionism.good-enough", date(2026, 11, 18))
    saved = store.save_reframe(Reframe("I always fail", "I sometimes fail, and learn"), day)
    store.review("practice", item.id, Rating.STRUGGLED, day)
    store.review("reframe", saved.id, Rating.DID_IT, day, belief=40)
    store.set_setting("first_weekday", 6)
    weeks = month_view_from_store(store, 2026, 11, TODAY)
    assert weeks[0][0].day == date(2026, 11, 1)  # the setting is honoured
    cell = next(c for w in weeks for c in w if c.day == day)
    assert (cell.checkin_intensity, cell.practice_reviews, cell.reframe_reviews, cell.reframes_written) == (3, 1, 1, 1)
    assert sum(c.scheduled_revisits for w in weeks for c in w) == 2

    detail = day_detail(store, day, TODAY)
    assert detail.checkin.note == "[b]x[/b]"
    assert [(r.rating, p.practice_id) for r, p in detail.practice_reviews] == [
        (Rating.STRUGGLED, "perfectionism.good-enough")
    ]
    assert [(r.belief, f.critic) for r, f in detail.reframe_reviews] == [(40, "I always fail")]
    assert [r.id for r in detail.reframes_written] == [saved.id]
    future = next(c.day for w in weeks for c in w if c.scheduled_revisits)
    ahead = day_detail(store, future, TODAY)
    assert ahead.is_future and ahead.revisits and ahead.checkin is None
    # A removed practice's old review still shows, without its plan entry lost.
    store.remove_plan_item(item.id)
    assert day_detail(store, day, TODAY).practice_reviews[0][1].removed_at is not None

"""Insights: intensity with gaps, what was noted most, belief change, and practice strength as a habit score."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from rootwork.state.records.insights import (
    DECAY,
    HALF_LIFE_DAYS,
    belief_changes,
    checkin_words,
    distortions_seen,
    group_reviews,
    insights_from_store,
    intensity_series,
    kept_up_days,
    most_noted,
    strength,
    strength_by_cause,
)
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule
from tests.state.five_years import five_year_store

TODAY = date(2026, 11, 25)


def checkin(days_ago, intensity=5, signs=(), causes=()):
    return Checkin(day=TODAY - timedelta(days=days_ago), mood=3, intensity=intensity, signs=signs, causes=causes)


def review(item_id, day, rating=Rating.DID_IT, *, rest=1, belief=None, kind="practice"):
    return Review(kind, item_id, day, rating, 1, rest, day + timedelta(days=rest), belief=belief)


def test_intensity_series_has_one_slot_a_day_and_gaps_where_no_checkin():
    series = intensity_series([checkin(0, 2), checkin(2, 8), checkin(40, 9)], TODAY, 30)
    assert series.days == 30 and series.end == TODAY
    assert series.values[-1] == 2 and series.values[-2] is None and series.values[-3] == 8
    assert series.checked_in == 2 and series.average == 5
    assert checkin_words(series) == "2 check-ins, feeling 5.0 of 10 insecure on average."
    longer = intensity_series([checkin(0, 2), checkin(2, 8), checkin(40, 9)], TODAY, 90)
    assert longer.checked_in == 3 and longer.values[90 - 41] == 9


def test_an_empty_span_invites_and_never_counts_a_miss():
    words = checkin_words(intensity_series([], TODAY, 30))
    assert words == "Your check-ins from the last 30 days will show here."


def test_causes_and_signs_noted_most_count_checkins_with_stable_ties():
    checkins = [
        checkin(1, causes=("comparison", "failure"), signs=("self-doubt",)),
        checkin(2, causes=("comparison",), signs=("self-doubt", "comparing")),
        checkin(3, causes=("bullying",)),
        checkin(400, causes=("bullying", "bullying-old")),
    ]
    assert most_noted(checkins, "causes") == [("bullying", 2), ("comparison", 2), ("bullying-old", 1), ("failure", 1)]
    assert most_noted(checkins, "causes", since=TODAY - timedelta(days=30), limit=2) == [
        ("comparison", 2),
        ("bullying", 1),
    ]
    assert most_noted(checkins, "signs") == [("self-doubt", 2), ("comparing", 1)]
    with pytest.raises(ValueError):
        most_noted(checkins, "notes")


def test_distortions_seen_leave_deleted_records_out():
    reframes = [
        Reframe("a", "b", distortions=("labelling", "mind-reading")),
        Reframe("a", "b", distortions=("mind-reading",)),
        Reframe("a", "b", distortions=("labelling", "labelling-x"), deleted_at="2026-01-01T00:00:00Z"),
    ]
    assert distortions_seen(reframes) == [("mind-reading", 2), ("labelling", 1)]


def test_belief_change_runs_from_the_first_reading_to_the_latest_rehearsal():
    eased = Reframe("I am a fraud", "I am learning", belief_before=90, belief_after=50, id="r1")
    unrehearsed = Reframe("x", "y", belief_before=70, belief_after=60, id="r2")
    one_reading = Reframe("x", "y", belief_before=70, id="r3")
    reviews = [
        review("r1", TODAY - timedelta(days=9), belief=40, kind="reframe"),
        review("r1", TODAY - timedelta(days=3), Rating.STRUGGLED, belief=30, kind="reframe"),
        review("r1", TODAY - timedelta(days=1), Rating.NOT_TODAY, kind="reframe"),
    ]
    changes = belief_changes([unrehearsed, eased, one_reading], group_reviews(reviews))
    assert [(c.reframe.id, c.first, c.latest, c.change, c.rehearsals) for c in changes] == [
        ("r1", 90, 30, -60, 2),
        ("r2", 70, 60, -10, 0),
    ]


def test_strength_halves_in_the_half_life_and_builds_like_a_habit_score():
    adopted = TODAY - timedelta(days=100)
    assert strength([], adopted, TODAY) == 0
    # Done every day for 100 days, the daily formula straight from Loop Habit Tracker.
    daily = [review("p", adopted + timedelta(days=n)) for n in range(101)]
    expected = 0.0
    for _ in range(101):
        expected = expected * DECAY + (1 - DECAY) * 1
    assert strength(daily, adopted, TODAY) == pytest.approx(expected)
    # Then a half-life of days without it halves the score.
    later = TODAY + timedelta(days=HALF_LIFE_DAYS)
    assert strength(daily, adopted, later) == pytest.approx(expected / 2)


def test_rest_days_the_scheduler_asked_for_count_as_kept_up_and_lapses_do_not():
    adopted = TODAY - timedelta(days=60)
    spaced = [review("p", adopted, rest=10), review("p", adopted + timedelta(days=10), rest=51)]
    assert kept_up_days(spaced, TODAY) == [(adopted, TODAY + timedelta(days=1))]
    daily = [review("p", adopted + timedelta(days=n)) for n in range(61)]
    assert strength(spaced, adopted, TODAY) == pytest.approx(strength(daily, adopted, TODAY))
    lapsed = [review("p", adopted + timedelta(days=n), Rating.DIDNT_MANAGE) for n in range(61)]
    skipped = [review("p", adopted + timedelta(days=n), Rating.NOT_TODAY) for n in range(61)]
    assert strength(lapsed, adopted, TODAY) == 0 == strength(skipped, adopted, TODAY)
    struggled = [review("p", adopted + timedelta(days=n), Rating.STRUGGLED) for n in range(61)]
    assert strength(struggled, adopted, TODAY) == pytest.approx(strength(daily, adopted, TODAY))


def test_strength_rolls_up_per_cause_as_the_mean_of_its_practices():
    adopted = TODAY - timedelta(days=30)
    plan = [
        PlanItem("failure.a", adopted, Schedule(), id="a"),
        PlanItem("failure.b", adopted, Schedule(), id="b"),
        PlanItem("comparison.c", adopted, Schedule(), id="c"),
        PlanItem("comparison.gone", adopted, Schedule(), id="d", removed_at="2026-11-01T00:00:00Z"),
    ]
    reviews = [review("a", adopted + timedelta(days=n)) for n in range(31)]
    reviews += [review("c", TODAY - timedelta(days=2)), review("d", TODAY)]
    causes = strength_by_cause(plan, group_reviews(reviews), TODAY)
    assert [c.cause_id for c in causes] == ["failure", "comparison"]
    failure = causes[0]
    assert [p.item.id for p in failure.practices] == ["a", "b"]
    assert failure.strength == pytest.approx((failure.practices[0].strength + 0) / 2)
    assert failure.practices[0].done == 31
    assert [p.item.id for p in causes[1].practices] == ["c"]


def test_five_years_of_data_give_insights_quickly_enough_for_a_worker():
    store = five_year_store(TODAY)
    # CPU time of this thread, not the wall clock: what the work costs, however busy the machine is
    # (other tests in parallel, other users); waiting for a CPU is not the code being slow.
    started = time.thread_time()
    insights = insights_from_store(store, TODAY)
    cpu = time.thread_time() - started
    assert [s.days for s in insights.series] == [30, 90, 365]
    assert insights.series[0].checked_in == 30
    assert len(insights.strengths) > 0 and all(0 <= c.strength <= 1 for c in insights.strengths)
    assert len(insights.beliefs) > 2000
    # Measured at 0.1-0.45 s of CPU for this first (cold) call; the screen runs it in a thread worker anyway.
    assert cpu < 1.0, f"{cpu:.2f} s of CPU"

"""What a share holds (``state.exchange.share``): only the chosen kinds, only from the chosen days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rootwork.content import load_library
from rootwork.state.exchange.share import DEFAULT_KINDS, parse_kinds, select
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.records.safety_plan import SafetyPlan

LIBRARY = load_library()
DAY = date(2026, 11, 20)
PRACTICE = LIBRARY.practices[0].id


def records() -> dict:
    checkins = [Checkin(day=DAY + timedelta(days=n), mood=3, intensity=n, note=f"note {n}") for n in range(5)]
    reframes = [
        Reframe(critic=f"critic {n}", reframe="kind", day=DAY + timedelta(days=n), id=f"{n:032x}") for n in range(5)
    ]
    gone = Reframe(critic="deleted", reframe="x", day=DAY, id="f" * 32, deleted_at="2026-11-21T00:00:00Z")
    item = PlanItem(practice_id=PRACTICE, adopted_on=DAY, schedule=Schedule(), id="a" * 32)
    reviews = [
        Review("practice", item.id, DAY + timedelta(days=n), Rating.DID_IT, 1, 2, DAY + timedelta(days=n + 2))
        for n in (0, 4)
    ]
    reviews.append(Review("reframe", reframes[1].id, DAY + timedelta(days=3), Rating.DID_IT, 1, 2, DAY, answer="ans"))
    plan = SafetyPlan(parts={"reasons": "plan words"})
    return {
        "checkins": checkins,
        "reframes": [*reframes, gone],
        "plan": [item],
        "reviews": reviews,
        "safety_plan": plan,
    }


def test_kinds_are_read_in_order_and_an_unknown_one_is_refused() -> None:
    assert parse_kinds("safety-plan, checkins") == ("checkins", "safety-plan")
    assert DEFAULT_KINDS == ("checkins", "reframes", "practices")
    with pytest.raises(ValueError, match="not 'notes'"):
        parse_kinds("checkins,notes")


def test_only_records_inside_the_range_and_of_the_kinds_are_chosen() -> None:
    share = select(DEFAULT_KINDS, DAY + timedelta(days=1), DAY + timedelta(days=3), **records())
    assert [c.note for c in share.checkins] == ["note 1", "note 2", "note 3"]
    assert [r.critic for r in share.reframes] == ["critic 1", "critic 2", "critic 3"]
    assert share.practices == [] and share.safety_plan is None  # its reviews fall outside; the plan was not named
    assert [r.answer for r in share.reviews] == ["ans"]
    text = share.markdown(LIBRARY, DAY + timedelta(days=9))
    for outside in ("note 0", "note 4", "critic 0", "critic 4", "deleted", "plan words", "## Practices"):
        assert outside not in text
    assert share.summary()[1:] == [
        "  3 check-ins, Sat 21 Nov 2026 to Mon 23 Nov 2026",
        "  3 thought records, 1 rehearsal",
        "  0 practices, 0 reviews",
    ]


def test_a_practice_comes_with_its_reviews_in_the_range_and_the_plan_when_named() -> None:
    share = select(("practices", "safety-plan"), DAY + timedelta(days=4), DAY + timedelta(days=9), **records())
    assert [p.id for p in share.practices] == ["a" * 32] and [r.day for r in share.reviews] == [DAY + timedelta(days=4)]
    assert share.checkins == [] and share.reframes == []
    assert "plan words" in share.markdown(LIBRARY, DAY)

"""Deterministic, realistic journals for demos and benchmarks.

``generate_journal`` writes what years of use would have written: a check-in on
most days with mood and intensity that drift and slowly improve, thought
records rehearsed on the scheduler's dates, adopted practices reviewed on
theirs. Every schedule is the result of ``state.records.schedule.schedule_next`` over
the item's own review history, and every review row is the one
``Store.review`` would have logged. The documents are built in memory and
handed to ``Store.import_data`` once, so the journal file is written once and
passes the same validation as an import.

Sizes: ``days`` is the span (ending yesterday, so "today" is still open);
``scale`` is the writing volume relative to the five-year reference
(``days=1825, scale=1``: about 1,800 check-ins, 3,000 thought records, all
65 practices, about 20,000 reviews). Twenty years is ``days=7300, scale=4``:
four times each, but practices, which the library limits to 65, and reviews a
day, which never go above the reference's.
Practices are limited by the library (65), so they grow with time, not scale.
The words (thought records, the notes of the days) come from
``state.demo.sample_stories``, one person's situations by root.
"""

from __future__ import annotations

import heapq
import math
import random
import uuid
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from rootwork.content import Library, load_library
from rootwork.state.demo.sample_stories import NOTE_TO_WRITE, tell_stories, write_notes
from rootwork.state.records.convert import checkin_to_doc, plan_item_to_doc, reframe_to_doc, review_to_doc, utc_stamp
from rootwork.state.records.model import Checkin, ItemKind, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.records.schedule import new_schedule, schedule_next
from rootwork.state.store import SCHEMA_VERSION, Store

__all__ = ["REFERENCE_REFRAMES", "REFERENCE_REVIEWS_PER_DAY", "generate_journal"]

#: Thought records in the five-year reference journal (scale 1).
REFERENCE_REFRAMES = 3000
#: Reviews the reference user does on a day they open the app (scale 1).
REFERENCE_REVIEWS_PER_DAY = 11.5

_OLD_NOTE_BANK = 16  # the size of the bank notes were once drawn from in ``_checkins`` (see there)
GRATITUDE = (
    "Morning coffee on the step.",
    "A long call with my sister.",
    "The dog, as always.",
    "Rain on the window while I read.",
    "Someone held the door and smiled.",
    "Finished the book I started in spring.",
    "My body carried me up the hill.",
    "A quiet hour with nothing to do.",
    "Soup that tasted like home.",
    "A colleague who said thank you and meant it.",
)
ANSWERS = (
    "Said it out loud on the walk home.",
    "Still a bit sticky, but easier than last time.",
    "It felt true today.",
    "Reminded myself of the evidence against.",
    "",
    "",
)

# Ratings as the user gets better at a practice: (didn't manage, struggled, did it, came easily, not today).
_EARLY_WEIGHTS = (0.14, 0.24, 0.40, 0.10, 0.12)
_LATE_WEIGHTS = (0.04, 0.10, 0.46, 0.34, 0.06)
_RATINGS = (Rating.DIDNT_MANAGE, Rating.STRUGGLED, Rating.DID_IT, Rating.CAME_EASILY, Rating.NOT_TODAY)


class _Journal:
    """The simulation's working state: seeded randomness, the clock of each day, the items."""

    def __init__(self, rng: random.Random, library: Library, first: date, days: int) -> None:
        self.rng = rng
        self.library = library
        self.first = first
        self.days = days
        causes = [c.id for c in library.causes]
        # Everyone has a few roots that matter most; they show up far more often.
        self.main_causes = rng.sample(causes, 3)
        self.other_causes = [c for c in causes if c not in self.main_causes]

    def new_id(self) -> str:
        """A uuid4 hex, like ``state.records.convert.new_id``, drawn from the seed."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def stamp(self, day: date, earliest_hour: int, latest_hour: int) -> str:
        """A UTC timestamp on ``day`` between the two hours."""
        seconds = self.rng.randrange(earliest_hour * 3600, latest_hour * 3600)
        moment = datetime.combine(day, time(), tzinfo=UTC) + timedelta(seconds=seconds)
        return utc_stamp(moment)

    def progress(self, day: date) -> float:
        """How far into the journal ``day`` is, 0 to 1."""
        return (day - self.first).days / max(1, self.days - 1)

    def cause(self) -> str:
        return self.rng.choice(self.main_causes) if self.rng.random() < 0.75 else self.rng.choice(self.other_causes)

    def rating(self, day: date) -> Rating:
        p = self.progress(day)
        weights = [early + (late - early) * p for early, late in zip(_EARLY_WEIGHTS, _LATE_WEIGHTS, strict=True)]
        return self.rng.choices(_RATINGS, weights)[0]


def _checkins(j: _Journal) -> list[Checkin]:
    rng = j.rng
    signs = [s.id for s in j.library.signs]
    result = []
    mood_drift = 0.0
    intensity_drift = 0.0
    for n in range(j.days):
        day = j.first + timedelta(days=n)
        # The habit forms: days are missed more often in the first weeks.
        if rng.random() < 0.005 + 0.15 * math.exp(-n / 45):
            continue
        p = j.progress(day)
        mood_drift = max(-1.2, min(1.2, mood_drift * 0.9 + rng.gauss(0, 0.35)))
        intensity_drift = max(-2.5, min(2.5, intensity_drift * 0.9 + rng.gauss(0, 0.7)))
        mood = round(max(1, min(5, 2.4 + 1.5 * p + mood_drift)))
        intensity = round(max(0, min(10, 7.0 - 4.5 * p + intensity_drift)))
        felt = rng.sample(signs, rng.choice((0, 1, 1, 2, 2, 3))) if intensity > 2 else []
        causes = list(dict.fromkeys(j.cause() for _ in range(rng.choice((0, 1, 1, 2)))))
        created = j.stamp(day, 18, 22)
        result.append(
            Checkin(
                day=day,
                mood=mood,
                intensity=intensity,
                signs=tuple(felt),
                causes=tuple(causes),
                note=NOTE_TO_WRITE if _wrote_a_note(rng) else "",
                gratitude=rng.choice(GRATITUDE) if rng.random() < 0.45 else "",
                id=j.new_id(),
                created_at=created,
                updated_at=created,
            )
        )
    return result


def _wrote_a_note(rng: random.Random) -> bool:
    """Whether the day has a note: 60 % do. A note was once drawn here from a bank of 16; that draw is still
    made, so everything after it (moods, records, reviews) stays as it was and so the README's pictures."""
    if rng.random() < 0.6:
        rng.randrange(_OLD_NOTE_BANK)
        return True
    return False


def _reframe(j: _Journal, day: date) -> Reframe:
    """A thought record's numbers and dates; ``tell_stories`` writes its words once the schedules are known."""
    rng = j.rng
    before = rng.randrange(55, 96)
    created = j.stamp(day, 18, 20)
    _retired_draws(j)
    return Reframe(
        critic="",
        reframe="",
        belief_before=before,
        belief_after=max(5, before - rng.randrange(10, 45)),
        day=day,
        schedule=new_schedule(day),
        id=j.new_id(),
        created_at=created,
        updated_at=created,
    )


def _retired_draws(j: _Journal) -> None:
    """The draws that once picked a record's words from loose phrase lists, still made and thrown away.

    The words now come from ``state.demo.sample_stories`` on a stream of their own;
    keeping these draws keeps everything else (check-ins, practices, reviews,
    schedules) exactly as it was, and so the demo the README's pictures show.
    """
    rng = j.rng
    rng.randrange(10)  # critic's words
    rng.randrange(12)  # situation
    rng.randrange(7)  # voice
    if rng.random() < 0.85:
        j.cause()
    rng.sample(j.library.distortions, rng.choice((1, 1, 2, 3)))
    rng.randrange(4)  # evidence for
    rng.randrange(5)  # evidence against


def _practice_order(j: _Journal) -> list[str]:
    """Practices in the order they get adopted: the main roots' first, then the rest."""
    main = [p.id for p in j.library.practices if p.cause_id in j.main_causes]
    rest = [p.id for p in j.library.practices if p.cause_id not in j.main_causes]
    j.rng.shuffle(main)
    j.rng.shuffle(rest)
    return main + rest


def _adoption_days(count: int) -> list[int]:
    """Day offsets of the adoptions: quick at first, slower once the plan is full (k ~ 0.37 d^0.7)."""
    return [round(((k + 1) / 0.37) ** (1 / 0.7)) for k in range(count)]


def generate_journal(store: Store, *, days: int, today: date, seed: int = 7, scale: float = 1.0) -> dict[str, int]:
    """Fill ``store`` (meant to be empty) with ``days`` of journal ending yesterday; return the counts.

    The same ``seed``, ``days``, ``today`` and ``scale`` always give the same
    journal, ids included.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = random.Random(f"rootwork-sample:{seed}")
    library = load_library()
    first = today - timedelta(days=days)
    j = _Journal(rng, library, first, days)

    checkins = _checkins(j)
    checked_in = {c.day for c in checkins}

    # Thought records: spread over the span, a few more early on when the critic is loud.
    reframe_count = max(1, round(REFERENCE_REFRAMES * scale))
    reframe_days = sorted(first + timedelta(days=int(days * rng.random() ** 1.15)) for _ in range(reframe_count))
    reframe_days = [min(d, today - timedelta(days=1)) for d in reframe_days]
    reframes: dict[str, Reframe] = {}
    starts: dict[date, list[str]] = {}
    for day in reframe_days:
        r = _reframe(j, day)
        reframes[r.id] = r
        starts.setdefault(day, []).append(r.id)

    plan: dict[str, PlanItem] = {}
    order = _practice_order(j)
    adoption = [d for d in _adoption_days(len(order)) if d < days]
    for practice_id, offset in zip(order, adoption, strict=False):
        day = first + timedelta(days=offset)
        item = PlanItem(
            practice_id=practice_id,
            adopted_on=day,
            schedule=new_schedule(day),
            id=j.new_id(),
            created_at=j.stamp(day, 18, 20),
        )
        item = replace(item, updated_at=item.created_at)
        plan[item.id] = item
        starts.setdefault(day, []).append(item.id)

    # A few practices are let go and a few thought records binned along the way (never reviewed after).
    ends: dict[str, date] = {}
    for item in plan.values():
        if rng.random() < 0.06:
            ends[item.id] = item.adopted_on + timedelta(days=rng.randrange(20, 200))
    for r in reframes.values():
        if rng.random() < 0.03:
            assert r.day is not None
            ends[r.id] = r.day + timedelta(days=rng.randrange(1, 60))
    paused = {item.id for item in plan.values() if item.id not in ends and rng.random() < 0.05}

    # Day by day: what is due (oldest first) gets reviewed, as many as the user does that day.
    reviews: list[Review] = []
    queue: list[tuple[date, str]] = []
    # A day has only so many minutes: more writing does not mean more reviews a day.
    per_day = max(3.0, REFERENCE_REVIEWS_PER_DAY * min(1.0, scale))
    for n in range(days):
        day = first + timedelta(days=n)
        for item_id in starts.get(day, ()):
            heapq.heappush(queue, (day, item_id))
        if day not in checked_in or n == days - 1:
            # A day away (and yesterday, so something waits today): things come back late.
            continue
        budget = max(1, round(rng.gauss(per_day, per_day / 4)))
        postponed: list[tuple[date, str]] = []
        while queue and queue[0][0] <= day and budget > 0:
            _due, item_id = heapq.heappop(queue)
            end = ends.get(item_id)
            if end is not None and end <= day:
                continue
            budget -= 1
            reviews.append(_review(j, plan, reframes, item_id, day))
            reviewed: PlanItem | Reframe = plan.get(item_id) or reframes[item_id]
            assert reviewed.schedule.due is not None
            postponed.append((reviewed.schedule.due, item_id))
        for entry in postponed:
            heapq.heappush(queue, entry)

    # Endings happen on their day, after the last review; the few paused stay paused.
    for item_id, end in ends.items():
        if end >= today:
            continue
        stamp = j.stamp(end, 20, 22)
        if item_id in plan:
            plan[item_id] = replace(plan[item_id], removed_at=stamp, updated_at=max(plan[item_id].updated_at, stamp))
        else:
            reframes[item_id] = replace(
                reframes[item_id], deleted_at=stamp, updated_at=max(reframes[item_id].updated_at, stamp)
            )
    for item_id in paused:
        plan[item_id] = replace(plan[item_id], paused=True)
    stories = random.Random(f"rootwork-sample-stories:{seed}")
    reframes = tell_stories(reframes, reviews, ends, today, stories, j.main_causes, j.other_causes)
    notes = random.Random(f"rootwork-sample-notes:{seed}")
    checkins = write_notes(checkins, Counter(reframe_days), notes)

    selfcheck_day = first + timedelta(days=min(2, days - 1))
    selfcheck_stamp = j.stamp(selfcheck_day, 18, 20)
    selfcheck = {
        "id": j.new_id(),
        "created_at": selfcheck_stamp,
        "updated_at": selfcheck_stamp,
        "kind": "selfcheck",
        "day": selfcheck_day.isoformat(),
        "recognised": [m.id for c in library.causes if c.id in j.main_causes for m in c.manifestations[:2]],
        "scores": {c.id: (2 if c.id in j.main_causes else 0) for c in library.causes},
    }
    export: dict[str, Any] = {
        "app": "rootwork",
        "schema_version": SCHEMA_VERSION,
        "checkins": [checkin_to_doc(c) for c in checkins],
        "reframes": [reframe_to_doc(r) for r in reframes.values()],
        "plan": [plan_item_to_doc(p) for p in plan.values()],
        "reviews": [review_to_doc(r) for r in reviews],
        "meta": [selfcheck],
    }
    store.import_data(export)
    store.set_focus(list(j.main_causes))
    return {
        "checkins": len(checkins),
        "reframes": len(reframes),
        "plan": len(plan),
        "reviews": len(reviews),
        "selfchecks": 1,
    }


def _review(j: _Journal, plan: dict[str, PlanItem], reframes: dict[str, Reframe], item_id: str, day: date) -> Review:
    """Review one item on ``day`` exactly as ``Store.review`` does, updating the item in place."""
    kind: ItemKind = "practice" if item_id in plan else "reframe"
    item: PlanItem | Reframe = plan[item_id] if kind == "practice" else reframes[item_id]
    rating = j.rating(day)
    before: Schedule = item.schedule
    after = schedule_next(before, rating, day, item_id=item_id, kind=kind)
    now = j.stamp(day, 20, 23)
    belief = None
    answer = ""
    if isinstance(item, Reframe) and rating is not Rating.NOT_TODAY:
        # Each rehearsal loosens the old belief a little.
        start = item.belief_after if item.belief_after is not None else 50
        belief = max(0, min(100, round(start * 0.85 ** (before.reps + 1) + j.rng.randrange(-5, 6))))
        answer = j.rng.choice(ANSWERS)
    if isinstance(item, PlanItem):
        plan[item_id] = replace(item, schedule=after, updated_at=now)
    else:
        reframes[item_id] = replace(item, schedule=after, updated_at=now)
    return Review.of(kind, item_id, day, rating, before, after, id=j.new_id(), now=now, belief=belief, answer=answer)

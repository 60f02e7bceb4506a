"""Five years of made-up journal, loaded through the store's import: for timing the calendar and insights.

1,825 check-ins, 3,000 thought records, 40 practices and 20,000 reviews ending on
``today``. Built as an export and merged with ``Store.import_data`` in one
write: saving twenty thousand reviews one by one would time the disk, not us.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from rootwork.content import load_library
from rootwork.state.records.convert import checkin_to_doc, plan_item_to_doc, reframe_to_doc, review_to_doc
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.store import SCHEMA_VERSION, Store

STAMP = "2026-01-01T00:00:00Z"
RATINGS = (Rating.DIDNT_MANAGE, Rating.STRUGGLED, Rating.DID_IT, Rating.DID_IT, Rating.CAME_EASILY, Rating.NOT_TODAY)


def five_year_export(today: date, *, seed: int = 7) -> dict:
    """An export holding five years of varied, valid entries up to ``today``."""
    rng = random.Random(seed)
    library = load_library()
    causes = [c.id for c in library.causes]
    signs = [s.id for s in library.signs]
    distortions = [d.id for d in library.distortions]
    practices = [p.id for p in library.practices]
    start = today - timedelta(days=1824)
    days = [start + timedelta(days=n) for n in range(1825)]

    checkins = [
        Checkin(
            day=day,
            mood=rng.randint(1, 5),
            intensity=rng.randint(0, 10),
            signs=tuple(rng.sample(signs, rng.randint(0, 3))),
            causes=tuple(rng.sample(causes, rng.randint(0, 2))),
            note="a day",
            id=f"c{n:031x}",
            created_at=STAMP,
            updated_at=STAMP,
        )
        for n, day in enumerate(days)
    ]
    plan = [
        PlanItem(
            practice_id,
            days[n * 40],
            Schedule(due=today + timedelta(days=rng.randint(-5, 40))),
            id=f"a{n:031x}",
            created_at=STAMP,
            updated_at=STAMP,
        )
        for n, practice_id in enumerate(rng.sample(practices, 40))
    ]
    reframes = [
        Reframe(
            critic=f"critic words {n}",
            reframe=f"kinder words {n}",
            cause_id=rng.choice(causes),
            distortions=tuple(rng.sample(distortions, rng.randint(0, 3))),
            belief_before=rng.randint(50, 100),
            belief_after=rng.randint(10, 60),
            day=rng.choice(days),
            schedule=Schedule(due=today + timedelta(days=rng.randint(-10, 120))),
            id=f"b{n:031x}",
            created_at=STAMP,
            updated_at=STAMP,
        )
        for n in range(3000)
    ]
    reviews = []
    for n in range(20_000):
        if n % 5 < 3:
            item = rng.choice(plan)
            kind, first, belief = "practice", item.adopted_on, None
        else:
            item = rng.choice(reframes)
            kind, first, belief = "reframe", item.day, rng.randint(0, 100)
        day = first + timedelta(days=rng.randint(0, (today - first).days))
        interval = rng.randint(1, 60)
        reviews.append(
            Review(
                kind,
                item.id,
                day,
                rng.choice(RATINGS),
                interval,
                interval,
                day + timedelta(days=interval),
                belief=belief,
                id=f"d{n:031x}",
                created_at=STAMP,
                updated_at=STAMP,
            )
        )
    return {
        "app": "rootwork",
        "schema_version": SCHEMA_VERSION,
        "checkins": [checkin_to_doc(c) for c in checkins],
        "plan": [plan_item_to_doc(p) for p in plan],
        "reframes": [reframe_to_doc(r) for r in reframes],
        "reviews": [review_to_doc(r) for r in reviews],
        "meta": [],
    }


def five_year_store(today: date) -> Store:
    """An in-memory store holding ``five_year_export(today)``."""
    store = Store.in_memory()
    store.import_data(five_year_export(today))
    return store

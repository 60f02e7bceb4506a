"""A month of varied, made-up work saved through the store API, for the calendar's pilot and snapshot tests."""

from __future__ import annotations

from datetime import date, timedelta

from rootwork.state.records.model import Checkin, Rating, Reframe
from rootwork.state.store import Store

# (days before today, mood, intensity): a spread of shades, with gaps between.
CHECKINS = (
    (24, 2, 8),
    (23, 3, 6),
    (21, 3, 5),
    (18, 4, 3),
    (17, 2, 9),
    (14, 4, 2),
    (12, 5, 0),
    (10, 3, 4),
    (7, 2, 7),
    (6, 4, 3),
    (4, 3, 5),
    (3, 4, 1),
    (1, 4, 2),
    (0, 3, 4),
)


def fill_month(store: Store, today: date) -> dict[str, str]:
    """Check-ins, adopted practices, thought records and reviews over the weeks before ``today``.

    Returns the ids made, by name. Reviews are saved in day order, as a user
    would make them, so the scheduler leaves revisits after ``today``.
    """
    for days_ago, mood, intensity in CHECKINS:
        store.save_checkin(
            Checkin(
                day=today - timedelta(days=days_ago),
                mood=mood,
                intensity=intensity,
                signs=("comparing", "self-doubt") if intensity >= 5 else ("self-doubt",),
                causes=("comparison",) if days_ago % 2 else ("perfectionism", "comparison"),
                note="[b]not bold[/b] [@click=app.quit]x[/]" if days_ago == 10 else "",
            )
        )
    start = today - timedelta(days=22)
    good_enough = store.adopt("perfectionism.good-enough", start)
    compare = store.adopt("comparison.remember-curation", start + timedelta(days=2))
    grateful = store.adopt("comparison.gratitude", start + timedelta(days=5))
    fraud = store.save_reframe(
        Reframe(
            "I'm a fraud and everyone will find out [/]",
            "I am learning, and learning is allowed",
            cause_id="perfectionism",
            distortions=("mind-reading", "labelling"),
            belief_before=85,
            belief_after=50,
        ),
        start + timedelta(days=1),
    )
    behind = store.save_reframe(
        Reframe(
            "Everyone is ahead of me",
            "I am on my own road",
            cause_id="comparison",
            distortions=("unfair-comparing",),
            belief_before=70,
            belief_after=45,
        ),
        today - timedelta(days=9),
    )
    reviews = [
        (0, "practice", good_enough.id, Rating.STRUGGLED, None),
        (1, "reframe", fraud.id, Rating.DID_IT, 45),
        (2, "practice", compare.id, Rating.DID_IT, None),
        (3, "practice", good_enough.id, Rating.DID_IT, None),
        (4, "reframe", fraud.id, Rating.STRUGGLED, 40),
        (7, "practice", compare.id, Rating.CAME_EASILY, None),
        (8, "practice", good_enough.id, Rating.DIDNT_MANAGE, None),
        (9, "practice", good_enough.id, Rating.DID_IT, None),
        (13, "reframe", behind.id, Rating.DID_IT, 35),
        (13, "reframe", fraud.id, Rating.DID_IT, 30),
        (15, "practice", compare.id, Rating.DID_IT, None),
        (18, "practice", grateful.id, Rating.DID_IT, None),
        (19, "practice", compare.id, Rating.DID_IT, None),
        (20, "reframe", fraud.id, Rating.CAME_EASILY, 25),
        (20, "reframe", behind.id, Rating.DID_IT, 30),
        (21, "practice", good_enough.id, Rating.CAME_EASILY, None),
        (21, "practice", grateful.id, Rating.NOT_TODAY, None),
    ]
    for offset, kind, item_id, rating, belief in reviews:
        store.review(kind, item_id, rating, start + timedelta(days=offset), belief=belief)
    # Two practices taken up yesterday and done: they come back in the days after today.
    yesterday = today - timedelta(days=1)
    for practice_id, rating in (
        ("perfectionism.celebrate-progress", Rating.DID_IT),
        ("comparison.own-success", Rating.CAME_EASILY),
    ):
        store.review("practice", store.adopt(practice_id, yesterday).id, rating, yesterday)
    return {
        "good_enough": good_enough.id,
        "compare": compare.id,
        "grateful": grateful.id,
        "fraud": fraud.id,
        "behind": behind.id,
    }

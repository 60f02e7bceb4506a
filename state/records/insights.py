"""Looking back: how insecure the days felt, what came up most, what reframes changed, how practices hold.

Pure functions over the store's lists; ``today`` is passed in. Everything is
told as what was done, never as what was missed. No Textual here.

Practice strength follows Loop Habit Tracker's habit score: every day
``score = score * decay + (1 - decay) * done``, with ``decay`` chosen so that
a score halves in ``HALF_LIFE_DAYS`` days without practice. Practices here come
back on expanding intervals (2, 5, 12 ... 60 days), so a day counts as done
when the practice was kept up on it: a review rated 2-4 ("struggled", "did
it", "came easily") that day, or the rest days after such a review until the
scheduler asked for it again. That is how Loop treats a weekly habit: done for
the week, not only on the day it was ticked. Without it, a practice that grew
to a 60-day interval by being done well would look as if it were fading.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review
from rootwork.state.records.reading import JournalReader
from rootwork.state.records.reframes import belief_history

HALF_LIFE_DAYS = 14
DECAY = 0.5 ** (1 / HALF_LIFE_DAYS)
DONE_RATINGS = frozenset({Rating.STRUGGLED, Rating.DID_IT, Rating.CAME_EASILY})
SPANS = (30, 90, 365)


# ------------------------------------------------------------------ intensity


@dataclass(frozen=True)
class IntensitySeries:
    """One value a day over the last ``len(values)`` days, oldest first; None where there was no check-in."""

    end: date
    values: tuple[int | None, ...]

    @property
    def days(self) -> int:
        return len(self.values)

    @property
    def checked_in(self) -> int:
        """How many of the days have a check-in."""
        return sum(1 for v in self.values if v is not None)

    @property
    def average(self) -> float | None:
        """The mean intensity over the days with a check-in, or None when there are none."""
        present = [v for v in self.values if v is not None]
        return sum(present) / len(present) if present else None


def intensity_series(checkins: Iterable[Checkin], today: date, days: int) -> IntensitySeries:
    """Intensity on each of the ``days`` days ending with ``today``, gaps as None."""
    start = today - timedelta(days=days - 1)
    by_day = {c.day: c.intensity for c in checkins if start <= c.day <= today}
    return IntensitySeries(end=today, values=tuple(by_day.get(start + timedelta(days=n)) for n in range(days)))


def checkin_words(series: IntensitySeries) -> str:
    """'21 check-ins, feeling 4.2 of 10 insecure on average.'; an empty span invites.

    What was done, never what was not: no count of the days without a check-in.
    """
    if series.checked_in == 0:
        return f"Your check-ins from the last {series.days} days will show here."
    average = series.average
    assert average is not None
    checkins = "check-in" if series.checked_in == 1 else "check-ins"
    return f"{series.checked_in} {checkins}, feeling {average:.1f} of 10 insecure on average."


# --------------------------------------------------------------- most noted


def most_noted(
    checkins: Iterable[Checkin], what: str, *, since: date | None = None, limit: int = 5
) -> list[tuple[str, int]]:
    """The ``what`` ("causes" or "signs") ids ticked on the most check-ins (since ``since``), with counts.

    Ties are broken by id so the order never wobbles between visits.
    """
    if what not in ("causes", "signs"):
        raise ValueError(f"what must be 'causes' or 'signs', not {what!r}")
    counts: Counter[str] = Counter()
    for checkin in checkins:
        if since is None or checkin.day >= since:
            counts.update(getattr(checkin, what))
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]


def distortions_seen(reframes: Iterable[Reframe], *, limit: int = 5) -> list[tuple[str, int]]:
    """The thinking traps named on the most thought records (deleted ones left out), with counts."""
    counts: Counter[str] = Counter()
    for reframe in reframes:
        if reframe.deleted_at is None:
            counts.update(reframe.distortions)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]


# ------------------------------------------------------------ belief change


@dataclass(frozen=True)
class BeliefChange:
    """How strongly a critic's words were believed at first and at the latest reading."""

    reframe: Reframe
    first: int
    latest: int
    readings: int
    rehearsals: int

    @property
    def change(self) -> int:
        """Latest minus first: negative when the critic is believed less now."""
        return self.latest - self.first


def group_reviews(reviews: Iterable[Review]) -> dict[str, list[Review]]:
    """Reviews by item id, in the order given (the store's is oldest first)."""
    grouped: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        grouped[review.item_id].append(review)
    return grouped


def belief_changes(reframes: Iterable[Reframe], reviews_by_item: dict[str, list[Review]]) -> list[BeliefChange]:
    """Each live thought record with at least two belief readings, the biggest easing first."""
    changes = []
    for reframe in reframes:
        if reframe.deleted_at is not None:
            continue
        mine = reviews_by_item.get(reframe.id, [])
        points = belief_history(reframe, mine)
        if len(points) < 2:
            continue
        rehearsals = sum(1 for r in mine if r.rating in DONE_RATINGS or r.rating is Rating.DIDNT_MANAGE)
        changes.append(BeliefChange(reframe, points[0].value, points[-1].value, len(points), rehearsals))
    changes.sort(key=lambda c: (c.change, -c.rehearsals, c.reframe.id))
    return changes


def average_change(changes: Sequence[BeliefChange]) -> float | None:
    """The mean change in belief over the records that have one."""
    return sum(c.change for c in changes) / len(changes) if changes else None


# --------------------------------------------------------- practice strength


def kept_up_days(reviews: Iterable[Review], today: date) -> list[tuple[date, date]]:
    """[start, end) day ranges on which a practice counts as done: from a 2-4 review until it was next due."""
    ranges: list[tuple[date, date]] = []
    for review in sorted(reviews, key=lambda r: (r.day, r.created_at)):
        if review.rating not in DONE_RATINGS:
            continue
        start = review.day
        end = min(max(review.due_after, start + timedelta(days=1)), today + timedelta(days=1))
        if ranges and start <= ranges[-1][1]:
            # An earlier review's rest days still running: the two ranges join.
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((start, end))
    return ranges


def strength(reviews: Iterable[Review], since: date, today: date, *, decay: float = DECAY) -> float:
    """The habit score, 0..1, on ``today`` of one practice adopted on ``since`` (see the module docstring).

    Computed run by run instead of day by day: ``k`` days at a constant ``done``
    move the score to ``done + (score - done) * decay ** k``.
    """
    score = 0.0
    day = since
    end = today + timedelta(days=1)
    for start, stop in kept_up_days(reviews, today):
        start, stop = max(start, day), min(stop, end)
        if stop <= start:
            continue
        score *= decay ** (start - day).days  # days not kept up: done = 0
        score = 1 + (score - 1) * decay ** (stop - start).days
        day = stop
    if day < end:
        score *= decay ** (end - day).days
    return score


@dataclass(frozen=True)
class PracticeStrength:
    """One adopted practice and its strength today."""

    item: PlanItem
    strength: float
    done: int


@dataclass(frozen=True)
class CauseStrength:
    """A cause's practices and their mean strength."""

    cause_id: str
    strength: float
    practices: tuple[PracticeStrength, ...]


def strength_by_cause(
    plan: Iterable[PlanItem], reviews_by_item: dict[str, list[Review]], today: date
) -> list[CauseStrength]:
    """Each adopted (not removed) practice's strength, rolled up per cause; strongest cause first."""
    per_cause: dict[str, list[PracticeStrength]] = defaultdict(list)
    for item in plan:
        if item.removed_at is not None:
            continue
        mine = reviews_by_item.get(item.id, [])
        per_cause[item.cause_id].append(
            PracticeStrength(
                item,
                strength(mine, item.adopted_on, today),
                sum(1 for r in mine if r.rating in DONE_RATINGS),
            )
        )
    causes = [
        CauseStrength(
            cause_id,
            sum(p.strength for p in practices) / len(practices),
            tuple(sorted(practices, key=lambda p: (-p.strength, p.item.practice_id))),
        )
        for cause_id, practices in per_cause.items()
    ]
    causes.sort(key=lambda c: (-c.strength, c.cause_id))
    return causes


# ------------------------------------------------------------------- all of it


@dataclass(frozen=True)
class Insights:
    """Everything the insights screen shows, computed in one go (off the event loop)."""

    today: date
    series: tuple[IntensitySeries, ...]
    causes: list[tuple[str, int]]
    signs: list[tuple[str, int]]
    distortions: list[tuple[str, int]]
    beliefs: list[BeliefChange]
    strengths: list[CauseStrength]
    reviews_done_total: int


def build_insights(
    checkins: Sequence[Checkin],
    reframes: Sequence[Reframe],
    plan: Sequence[PlanItem],
    reviews: Sequence[Review],
    today: date,
    *,
    since_days: int = 365,
) -> Insights:
    """All the insights on ``today``; causes and signs counted over the last ``since_days`` days."""
    by_item = group_reviews(reviews)
    since = today - timedelta(days=since_days - 1)
    return Insights(
        today=today,
        series=tuple(intensity_series(checkins, today, span) for span in SPANS),
        causes=most_noted(checkins, "causes", since=since),
        signs=most_noted(checkins, "signs", since=since),
        distortions=distortions_seen(reframes),
        beliefs=belief_changes(reframes, by_item),
        strengths=strength_by_cause(plan, by_item, today),
        reviews_done_total=sum(1 for r in reviews if r.rating is not Rating.NOT_TODAY),
    )


def insights_from_store(store: JournalReader, today: date) -> Insights:
    """``build_insights`` over the store's in-memory data (the last year of check-ins is all it needs)."""
    return build_insights(
        store.checkins(today - timedelta(days=max(SPANS) - 1), today),
        store.reframes(),
        store.plan(),
        store.reviews(end=today),
        today,
    )

"""Domain dataclasses for what the user writes and schedules.

Conversion to and from stored TinyDB documents lives in ``state.records.convert``; on
disk every date is an ISO string and every document has ``id``, ``created_at``,
``updated_at`` and ``rev`` (its revision: 1 when first written, one more on every
write; 0 for a document written before revisions existed). No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any, Literal

ItemKind = Literal["practice", "reframe"]


class Rating(str, Enum):
    """How a review went; the value is what is stored and the key that gives it."""

    DIDNT_MANAGE = "1"
    STRUGGLED = "2"
    DID_IT = "3"
    CAME_EASILY = "4"
    NOT_TODAY = "s"

    @property
    def label(self) -> str:
        return RATING_LABELS[self]


RATING_LABELS = {
    Rating.DIDNT_MANAGE: "didn't manage",
    Rating.STRUGGLED: "struggled",
    Rating.DID_IT: "did it",
    Rating.CAME_EASILY: "came easily",
    Rating.NOT_TODAY: "not today",
}


@dataclass(frozen=True)
class Schedule:
    """Where an item stands on its expanding intervals."""

    interval: int = 1
    ease: float = 2.5
    reps: int = 0
    lapses: int = 0
    due: date | None = None
    last_review: date | None = None


@dataclass(frozen=True)
class Checkin:
    """One day's check-in; at most one per (local, 04:00-based) day."""

    day: date
    mood: int
    intensity: int
    signs: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    note: str = ""
    gratitude: str = ""
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 0
    #: Which edit saw which, as stored (``state.sync.causal``); a form's save merges by it. Not compared.
    clock: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PlanItem:
    """An adopted practice and its schedule."""

    practice_id: str
    adopted_on: date
    schedule: Schedule
    paused: bool = False
    removed_at: str | None = None
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 0

    @property
    def cause_id(self) -> str:
        return self.practice_id.split(".", 1)[0]


@dataclass(frozen=True)
class Reframe:
    """A thought record: the critic's words answered with a reframe."""

    critic: str
    reframe: str
    situation: str = ""
    voice: str = ""
    cause_id: str | None = None
    distortions: tuple[str, ...] = ()
    belief_before: int | None = None
    evidence_for: str = ""
    evidence_against: str = ""
    belief_after: int | None = None
    day: date | None = None
    schedule: Schedule = field(default_factory=Schedule)
    deleted_at: str | None = None
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 0
    #: Which edit saw which, as stored (``state.sync.causal``); a form's save merges by it. Not compared.
    clock: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Review:
    """One review of a practice or rehearsal of a reframe, kept forever."""

    item_kind: ItemKind
    item_id: str
    day: date
    rating: Rating
    interval_before: int
    interval_after: int
    due_after: date
    ease_before: float = 2.5
    ease_after: float = 2.5
    belief: int | None = None
    answer: str = ""
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 0

    @classmethod
    def of(
        cls,
        kind: ItemKind,
        item_id: str,
        day: date,
        rating: Rating,
        before: Schedule,
        after: Schedule,
        *,
        id: str,
        now: str,
        belief: int | None = None,
        answer: str = "",
    ) -> Review:
        """The review row for moving an item's schedule from ``before`` to ``after`` on ``day``."""
        return cls(
            item_kind=kind,
            item_id=item_id,
            day=day,
            rating=rating,
            interval_before=before.interval,
            interval_after=after.interval,
            due_after=after.due or day,
            ease_before=before.ease,
            ease_after=after.ease,
            belief=belief,
            answer=answer,
            id=id,
            created_at=now,
            updated_at=now,
            rev=1,
        )

"""Frozen dataclasses for the content library.

Ids are stable and human readable; the store keeps ids, never prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Practice:
    """One healing practice of a cause, e.g. ``perfectionism.good-enough``."""

    id: str
    cause_id: str
    name: str
    how: str


@dataclass(frozen=True)
class Manifestation:
    """One way a cause shows up in daily life, e.g. ``bullying.shows.social-anxiety``."""

    id: str
    cause_id: str
    text: str


@dataclass(frozen=True)
class Cause:
    """A root cause of insecurity with its manifestations and five practices."""

    id: str
    number: int
    title: str
    summary: str
    what_it_is: str
    how_it_creates: str
    manifestations: tuple[Manifestation, ...]
    practices: tuple[Practice, ...]
    professional_note: str | None = None


@dataclass(frozen=True)
class Sign:
    """One of the ten ways insecurity shows up, noticed in a daily check-in."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Distortion:
    """A cognitive distortion with a question that challenges it."""

    id: str
    name: str
    explanation: str
    challenge: str


@dataclass(frozen=True)
class Quote:
    """A quote; ``disputed`` means it is shown as "attributed to"."""

    id: str
    text: str
    author: str
    disputed: bool = False

    @property
    def attribution(self) -> str:
        return f"attributed to {self.author}" if self.disputed else self.author


@dataclass(frozen=True)
class NotItem:
    """One of the things insecurity is not."""

    title: str
    text: str


@dataclass(frozen=True)
class Introduction:
    """What insecurity is, the ten signs, what it is not, the root-cause approach."""

    opening: str
    what_it_is: str
    signs: tuple[Sign, ...]
    is_not: tuple[NotItem, ...]
    root_cause_approach: str


@dataclass(frozen=True)
class JourneyPoint:
    """One point of the healing journey."""

    title: str
    text: str


@dataclass(frozen=True)
class PlanPart:
    """One part of a safety plan: its id (as stored), its title, and the question that helps fill it in."""

    id: str
    title: str
    prompt: str


@dataclass(frozen=True)
class Safety:
    """Disclaimer, when to seek professional help, where to find crisis lines, and the safety plan's parts."""

    disclaimer: str
    professional_help: str
    crisis_lines: str
    plan_parts: tuple[PlanPart, ...] = ()


@dataclass(frozen=True)
class Library:
    """Everything the app shows that is not the user's own."""

    introduction: Introduction
    causes: tuple[Cause, ...]
    journey_intro: str
    journey: tuple[JourneyPoint, ...]
    visualisation: tuple[str, ...]
    quotes: tuple[Quote, ...]
    distortions: tuple[Distortion, ...]
    safety: Safety
    _by_id: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Any] = {}
        for cause in self.causes:
            index[cause.id] = cause
            parts: tuple[Any, ...] = (*cause.manifestations, *cause.practices)
            for part in parts:
                index[part.id] = part
        others: tuple[Any, ...] = (*self.introduction.signs, *self.distortions, *self.quotes)
        for other in others:
            index[other.id] = other
        self._by_id.update(index)

    @property
    def practices(self) -> tuple[Practice, ...]:
        """All 65 practices in cause order."""
        return tuple(p for c in self.causes for p in c.practices)

    @property
    def signs(self) -> tuple[Sign, ...]:
        return self.introduction.signs

    def cause(self, cause_id: str) -> Cause:
        """The cause with this id; KeyError if there is none."""
        item = self._by_id.get(cause_id)
        if not isinstance(item, Cause):
            raise KeyError(cause_id)
        return item

    def practice(self, practice_id: str) -> Practice:
        """The practice with this id; KeyError if there is none."""
        item = self._by_id.get(practice_id)
        if not isinstance(item, Practice):
            raise KeyError(practice_id)
        return item

    def sign(self, sign_id: str) -> Sign:
        item = self._by_id.get(sign_id)
        if not isinstance(item, Sign):
            raise KeyError(sign_id)
        return item

    def distortion(self, distortion_id: str) -> Distortion:
        item = self._by_id.get(distortion_id)
        if not isinstance(item, Distortion):
            raise KeyError(distortion_id)
        return item

    def quote_for_day(self, ordinal: int) -> Quote:
        """A quote that stays the same for a whole day (``date.toordinal()``)."""
        return self.quotes[ordinal % len(self.quotes)]

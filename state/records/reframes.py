"""Thought records without a screen: search, filters, the evidence bank, the form and its draft.

Everything here is pure: no store, no clock (``today`` is passed in), no Textual.
The editor keeps what the user typed in a ``ReframeForm`` (text exactly as typed,
beliefs as the digits typed) so an unfinished record can be saved as a draft and
offered back whole, even when it is not valid yet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from rootwork.state.records.days import short_date
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.model import Rating, Reframe, Review
from rootwork.state.records.schedule import pick_due
from rootwork.state.records.text import FIELD_MAX, NOTE_MAX, SHORT_MAX
from rootwork.state.records.text import first_words as first_words  # the app imports it from here too

DRAFT_NAME = "reframe"
BELIEF_MIN = 0
BELIEF_MAX = 100

# Every field a person writes into; search looks through all of them.
TEXT_FIELDS = ("situation", "critic", "voice", "evidence_for", "evidence_against", "reframe")
# The store's limits, with the words a person would use for each field.
TEXT_LIMITS = {
    "situation": (FIELD_MAX, "What happened"),
    "critic": (NOTE_MAX, "The critic's words"),
    "voice": (SHORT_MAX, "Whose voice it is"),
    "evidence_for": (FIELD_MAX, "The evidence for the critic"),
    "evidence_against": (FIELD_MAX, "The evidence against the critic"),
    "reframe": (NOTE_MAX, "Your reframe"),
}
# Field names the store uses in ValidationError, as form fields.
STORE_FIELDS = {
    "critic's words": "critic",
    "evidence for": "evidence_for",
    "evidence against": "evidence_against",
    "cause": "cause_id",
}

VOICE_SUGGESTIONS = (
    "my father",
    "my mother",
    "a parent",
    "a grandparent",
    "a sibling",
    "a teacher",
    "a coach",
    "peers at school",
    "a bully",
    "an ex-partner",
    "a boss",
    "colleagues",
    "society",
    "social media",
    "my own voice",
)

# A leading list marker ("- ", "* ", "• ", "1. ") is how people write one piece of evidence a line.
_LIST_MARKER = re.compile(r"^\s*(?:[-*•‣◦]|\d+[.)])\s+")
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Text as compared by search: normalised (so é typed two ways is one letter) and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()


def searchable_text(reframe: Reframe, names: Mapping[str, str] | None = None) -> str:
    """Everything a search can match in a record: its text fields, plus its cause and distortion names."""
    parts = [getattr(reframe, name) for name in TEXT_FIELDS]
    if names:
        ids = ([reframe.cause_id] if reframe.cause_id else []) + list(reframe.distortions)
        parts += [names[i] for i in ids if i in names]
    return _fold("\n".join(parts))


def matches(reframe: Reframe, query: str, names: Mapping[str, str] | None = None) -> bool:
    """True when every word of ``query`` appears somewhere in the record (case-insensitive)."""
    haystack = searchable_text(reframe, names)
    return all(word in haystack for word in _fold(query).split())


def filter_reframes(
    reframes: Iterable[Reframe],
    *,
    query: str = "",
    cause_id: str | None = None,
    distortion_id: str | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Reframe]:
    """The records (order kept, deleted ones left out) matching the search and both filters."""
    return [
        r
        for r in reframes
        if r.deleted_at is None
        and (cause_id is None or r.cause_id == cause_id)
        and (distortion_id is None or distortion_id in r.distortions)
        and matches(r, query, names)
    ]


def newest_first(reframes: Iterable[Reframe]) -> list[Reframe]:
    """Records by the day they were written, then by creation time, newest first."""
    return sorted(reframes, key=lambda r: (r.day or date.min, r.created_at), reverse=True)


def evidence_pieces(text: str) -> list[str]:
    """One piece of evidence a non-empty line, list markers removed."""
    pieces = (_LIST_MARKER.sub("", line).strip() for line in text.splitlines())
    return [piece for piece in pieces if piece]


def evidence_bank(
    reframes: Iterable[Reframe],
    cause_id: str | None,
    distortion_ids: Iterable[str],
    *,
    exclude_id: str = "",
) -> list[str]:
    """Earlier "evidence against" from records sharing the cause or a distortion; deduplicated, newest first.

    Each line of a record's evidence is one piece, so a piece can be inserted on
    its own. Pieces that differ only in case or spacing count as one (the newest
    wording is kept). Deleted records and the record being edited are left out.
    """
    wanted = set(distortion_ids)
    related = [
        r
        for r in reframes
        if r.deleted_at is None
        and r.id != exclude_id
        and ((cause_id is not None and r.cause_id == cause_id) or wanted.intersection(r.distortions))
    ]
    bank: list[str] = []
    seen: set[str] = set()
    for record in newest_first(related):
        for piece in evidence_pieces(record.evidence_against):
            key = _SPACES.sub(" ", _fold(piece))
            if key not in seen:
                seen.add(key)
                bank.append(piece)
    return bank


def parse_belief(text: str, field_name: str = "belief") -> int | None:
    """A belief rating from what was typed: None when empty, else a whole number 0-100.

    Raises ``ValidationError`` with a sentence that can be shown as it is.
    """
    text = text.strip()
    if not text:
        return None
    if not text.isdecimal() or not text.isascii():
        raise ValidationError(field_name, "Belief is a whole number from 0 to 100.")
    value = int(text)
    if not BELIEF_MIN <= value <= BELIEF_MAX:
        raise ValidationError(field_name, f"Belief goes from 0 to 100; {value} is out of range.")
    return value


def _belief_text(value: int | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class ReframeForm:
    """A thought record exactly as typed into the editor, valid or not (what a draft keeps)."""

    situation: str = ""
    critic: str = ""
    voice: str = ""
    cause_id: str | None = None
    distortions: tuple[str, ...] = ()
    belief_before: str = ""
    evidence_for: str = ""
    evidence_against: str = ""
    reframe: str = ""
    belief_after: str = ""
    # The record being edited; "" for a new one.
    editing_id: str = ""

    @classmethod
    def from_reframe(cls, reframe: Reframe) -> ReframeForm:
        """The form showing a saved record."""
        return cls(
            situation=reframe.situation,
            critic=reframe.critic,
            voice=reframe.voice,
            cause_id=reframe.cause_id,
            distortions=tuple(reframe.distortions),
            belief_before=_belief_text(reframe.belief_before),
            evidence_for=reframe.evidence_for,
            evidence_against=reframe.evidence_against,
            reframe=reframe.reframe,
            belief_after=_belief_text(reframe.belief_after),
            editing_id=reframe.id,
        )

    def problems(self) -> list[ValidationError]:
        """What keeps this form from being saved, in the order the fields appear."""
        found: list[ValidationError] = []
        for name, (limit, label) in TEXT_LIMITS.items():
            length = len(getattr(self, name).strip())
            if length > limit:
                found.append(ValidationError(name, f"{label}: {length:,} characters. At most {limit:,} can be kept."))
        if not self.critic.strip():
            found.append(ValidationError("critic", "Write down what the critic says; it is what you answer."))
        for name in ("belief_before", "belief_after"):
            try:
                parse_belief(getattr(self, name), name)
            except ValidationError as error:
                found.append(error)
        if not self.reframe.strip():
            found.append(ValidationError("reframe", "Write your reframe: what you would say back to the critic."))
        order = [f.name for f in fields(self)]
        return sorted(found, key=lambda problem: order.index(problem.field))

    def to_reframe(self, base: Reframe | None = None) -> Reframe:
        """The record to save (a new one, or ``base`` with these fields); ValidationError if not valid."""
        problems = self.problems()
        if problems:
            raise problems[0]
        values: dict[str, Any] = dict(
            situation=self.situation,
            critic=self.critic,
            voice=self.voice.strip(),
            cause_id=self.cause_id or None,
            distortions=tuple(self.distortions),
            belief_before=parse_belief(self.belief_before),
            evidence_for=self.evidence_for,
            evidence_against=self.evidence_against,
            reframe=self.reframe,
            belief_after=parse_belief(self.belief_after),
        )
        return replace(base, **values) if base is not None else Reframe(**values)

    def is_blank(self) -> bool:
        """True when nothing has been written or chosen."""
        return self == ReframeForm(editing_id=self.editing_id)

    def to_draft(self, day: date) -> dict[str, Any]:
        """A JSON-safe dict for ``store.save_draft``, remembering the day it was written."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["distortions"] = list(self.distortions)
        data["day"] = day.isoformat()
        return data

    @classmethod
    def from_draft(cls, data: Mapping[str, Any]) -> ReframeForm:
        """The form a draft held; unknown or malformed values are dropped rather than trusted."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name)
            if f.name == "distortions":
                if isinstance(value, (list, tuple)):
                    values[f.name] = tuple(v for v in value if isinstance(v, str))
            elif f.name == "cause_id":
                values[f.name] = value if isinstance(value, str) and value else None
            elif isinstance(value, str):
                values[f.name] = value
        return cls(**values)


def draft_day(data: Mapping[str, Any]) -> date | None:
    """The day a draft was written, if it says."""
    try:
        return date.fromisoformat(data.get("day", ""))
    except (TypeError, ValueError):
        return None


def draft_question(data: Mapping[str, Any]) -> str:
    """The question that offers a draft back, with its first words so it can be recognised."""
    day = draft_day(data)
    when = f" from {short_date(day)}" if day else ""
    question = f"You have an unsaved thought record{when}. Continue it?"
    words = next(
        (data[k] for k in ("critic", "situation", "reframe") if isinstance(data.get(k), str) and data[k].strip()), ""
    )
    if not words:
        return question
    return f"{question}\n\n“{first_words(words)}”"


@dataclass(frozen=True)
class BeliefPoint:
    """One reading of how true the critic's words felt."""

    label: str
    value: int


def belief_history(reframe: Reframe, reviews: Iterable[Review]) -> list[BeliefPoint]:
    """Belief in the critic over time: before, after writing the reframe, then each rehearsal by day."""
    points: list[BeliefPoint] = []
    if reframe.belief_before is not None:
        points.append(BeliefPoint("before", reframe.belief_before))
    if reframe.belief_after is not None:
        points.append(BeliefPoint("after", reframe.belief_after))
    rehearsals = sorted(
        (r for r in reviews if r.item_id == reframe.id and r.belief is not None),
        key=lambda r: (r.day, r.created_at),
    )
    points += [BeliefPoint(short_date(r.day), r.belief) for r in rehearsals if r.belief is not None]
    return points


def format_belief_history(points: Sequence[BeliefPoint]) -> str:
    """``80 before → 40 after → 35 on 27 Nov``, or "" when there is nothing to show."""
    parts = [f"{p.value} {p.label}" if p.label in ("before", "after") else f"{p.value} on {p.label}" for p in points]
    return " → ".join(parts)


def due_reframes(reframes: Iterable[Reframe], today: date, cap: int) -> list[Reframe]:
    """Saved records due for rehearsal on ``today``, oldest due first, at most ``cap``."""
    live = {r.id: r for r in reframes if r.deleted_at is None}
    return [live[i] for i in pick_due(((r.id, r.schedule) for r in live.values()), today, cap)]


@dataclass
class RehearsalTally:
    """What a rehearsal session did, to say so at the end."""

    ratings: list[Rating] = field(default_factory=list)

    def add(self, rating: Rating) -> None:
        self.ratings.append(rating)

    def summary(self) -> str:
        """One warm line on what was done, never on what was missed."""
        rehearsed = sum(1 for r in self.ratings if r is not Rating.NOT_TODAY)
        later = len(self.ratings) - rehearsed
        if not self.ratings:
            return "Nothing to rehearse right now."
        parts = []
        if rehearsed:
            parts.append(f"You rehearsed {rehearsed} reframe{'s' if rehearsed != 1 else ''}")
        if later:
            parts.append(f"{'kept' if rehearsed else 'You kept'} {later} for tomorrow")
        return " and ".join(parts) + "."


def due_line(count: int) -> str:
    """The nudge on the list: "2 reframes to rehearse — press h", or "" when none are due."""
    if count <= 0:
        return ""
    return f"{count} reframe{'s' if count != 1 else ''} to rehearse — press h"


def filtered_due_line(matching: int, due: int) -> str:
    """The nudge while a search or filter is on: h rehearses only the due records that match it."""
    if matching > 0:
        rest = f" ({due} due in all)" if due > matching else ""
        return f"{matching} matching reframe{'s' if matching != 1 else ''} to rehearse{rest} — press h"
    if due > 0:
        return f"{due} reframe{'s' if due != 1 else ''} to rehearse, none of them matching the search or filters"
    return ""

"""A safety plan: seven parts in the person's own words, checked as typed, and when it comes back for review.

The parts and their questions are the library's (``content/data/safety.toml``:
warning signs, calming on one's own, people and places that distract, people
to ask, professionals and crisis lines, safer surroundings, reasons to keep
going). A plan holds text for any of them, kept as typed (terminal controls
removed, as for every text: ``state.records.text``); a part left empty is
simply not filled in yet. A new plan starts with the help screen's crisis lines
in its "professionals" part, for the person to change.

A plan comes back for review ``REVIEW_DAYS`` after it was last saved or looked
over, so it stays current. Pure functions; no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from rootwork.content import Library
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.text import FIELD_MAX, clean_text

__all__ = [
    "CRISIS_PART",
    "PART_MAX",
    "REVIEW_DAYS",
    "SafetyPlan",
    "clean_parts",
    "review_due_on",
    "starting_parts",
]

#: Days after the last save or look-over when the plan comes back for review.
REVIEW_DAYS = 90
#: The longest text one part may hold: the longer free-text fields' limit.
PART_MAX = FIELD_MAX
#: The part a new plan fills in from the help screen's crisis lines.
CRISIS_PART = "professionals"


@dataclass(frozen=True)
class SafetyPlan:
    """The plan as saved: each part's text by the part's id, and the day it was last saved or looked over."""

    parts: Mapping[str, str] = field(default_factory=dict)
    reviewed_on: date | None = None

    def text(self, part_id: str) -> str:
        """What the person wrote for ``part_id`` ("" when not filled in)."""
        return self.parts.get(part_id, "")

    @property
    def is_empty(self) -> bool:
        """True when no part holds any text."""
        return not any(text.strip() for text in self.parts.values())


def clean_parts(values: Mapping[str, object], library: Library) -> dict[str, str]:
    """``values`` (part id -> typed text) as they are stored, in the library's order; ValidationError names the part.

    Every part of the library is in the result (an empty one as ""); an id the
    library does not have is refused, so a typo cannot hide what was written.
    """
    titles = {part.id: part.title for part in library.safety.plan_parts}
    unknown = sorted(str(key) for key in values if key not in titles)
    if unknown:
        raise ValidationError("safety plan", f"A safety plan has no part called {unknown[0]!r}.")
    cleaned: dict[str, str] = {}
    for part_id, title in titles.items():
        value = values.get(part_id, "")
        if not isinstance(value, str):
            raise ValidationError(part_id, f"“{title}” must be text.")
        try:
            cleaned[part_id] = clean_text(value, max_len=PART_MAX, field=part_id)
        except ValidationError:
            raise ValidationError(
                part_id, f"“{title}” holds more than {PART_MAX:,} characters; shorten it to save."
            ) from None
    return cleaned


def starting_parts(library: Library) -> dict[str, str]:
    """What a new plan holds: every part empty but the professionals', which has the help screen's crisis lines."""
    parts = {part.id: "" for part in library.safety.plan_parts}
    if CRISIS_PART in parts:
        parts[CRISIS_PART] = library.safety.crisis_lines
    return parts


def review_due_on(plan: SafetyPlan | None) -> date | None:
    """The day the plan comes back for review (``REVIEW_DAYS`` after it was last saved or looked over); None without one."""
    if plan is None or plan.reviewed_on is None or plan.is_empty:
        return None
    return plan.reviewed_on + timedelta(days=REVIEW_DAYS)

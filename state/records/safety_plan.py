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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rootwork.content import Library
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.text import clean_text

__all__ = [
    "CRISIS_PART",
    "OFFER_INTENSITY",
    "PART_MAX",
    "PART_PREFIX",
    "REVIEW_DAYS",
    "SafetyPlan",
    "clean_parts",
    "offer_line",
    "review_line",
    "review_due_on",
    "starting_parts",
]

#: Days after the last save or look-over when the plan comes back for review.
REVIEW_DAYS = 90
#: The longest text one part may hold, in characters: a million, far beyond any plan, so a long list of
#: people and numbers pasted in is kept whole, never cut.
PART_MAX = 1_000_000
#: The part a new plan fills in from the help screen's crisis lines.
CRISIS_PART = "professionals"
#: A check-in at this intensity or more (of 10) has Today offer the plan, in one line.
OFFER_INTENSITY = 9
#: How a part's field is named in the stored record: ``part.`` and the part's id.
PART_PREFIX = "part."


@dataclass(frozen=True)
class SafetyPlan:
    """The plan as saved: each part's text by the part's id, and the day it was last saved or looked over.

    It is one record of the journal's ``safety`` table, stored with every part
    a field of its own (``PART_PREFIX`` + the part's id), so two machines that
    change different parts keep both changes, and a part changed on both is
    kept aside for the person to choose, as any record's answer is. A part
    this version's library does not know (a newer version's) is kept as it was.
    """

    parts: Mapping[str, str] = field(default_factory=dict)
    reviewed_on: date | None = None
    #: The check-in's signs (library ids) the person marked as their warning signs: a check-in with one of
    #: them, like one at intensity 9 or 10, has Today offer the plan.
    warning_signs: tuple[str, ...] = ()
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 0
    #: The clock it was stored with (``state.sync.causal``); not part of what the plan says.
    clock: Any = field(default=None, compare=False, repr=False)

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


def offer_line(intensity: int | None, signs: Iterable[str], plan: SafetyPlan | None, key: str = "!") -> str:
    """Today's one gentle line offering the plan ("" when the day's check-in does not call for it).

    Offered at intensity ``OFFER_INTENSITY`` or more, or when the check-in's
    signs include one the person marked as a warning sign. Never a pop-up, and
    it offers the plan whether or not one is written yet: writing it is the offer then.
    """
    warned = plan is not None and bool(set(signs) & set(plan.warning_signs))
    if not warned and (intensity is None or intensity < OFFER_INTENSITY):
        return ""
    if plan is None or plan.is_empty:
        return f"Today sounds hard. If it would help, press {key} to write a safety plan, at your own pace."
    return f"Today sounds hard. Press {key} for your safety plan, whenever you want it."


def review_line(way: str = "press !") -> str:
    """The due list's line when the plan has come back for review; ``way`` says how to open it."""
    return f"Your safety plan is due a read-through (it comes back every {REVIEW_DAYS} days): {way}."

"""A share for a therapist: the chosen kinds of record from a range of days, as Markdown, and what it holds.

``rootwork share`` picks what goes in here, says what it holds (``Share.summary``)
before anything is written, and renders it with the journal's own Markdown
(``export.render_markdown``, the safety plan's ``plan_markdown``); encrypting it
to the recipient is ``state.encryption.share``'s. Only records of the chosen
kinds whose day is inside the range are in it: check-ins by their day, thought
records by the day they were written, practices by the reviews made in the range
(a practice with none is left out), and a thought record's rehearsals and a
practice's reviews only from inside the range. Deleted thought records are
never in it. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from rootwork.content import Library
from rootwork.state.exchange.export import render_markdown
from rootwork.state.exchange.safety_plan_text import plan_markdown
from rootwork.state.records.export_words import long_date
from rootwork.state.records.model import Checkin, PlanItem, Reframe, Review
from rootwork.state.records.safety_plan import SafetyPlan

__all__ = ["DEFAULT_KINDS", "SHARE_KINDS", "Share", "parse_kinds", "select"]

#: What a share can hold, as ``--what`` names it.
SHARE_KINDS = ("checkins", "reframes", "practices", "safety-plan")
#: Each kind as a person reads it.
KIND_WORDS = {
    "checkins": "check-ins",
    "reframes": "thought records",
    "practices": "practices",
    "safety-plan": "the safety plan",
}
#: What a share holds unless ``--what`` says otherwise: the safety plan only when named, as in an export.
DEFAULT_KINDS = ("checkins", "reframes", "practices")


def parse_kinds(text: str) -> tuple[str, ...]:
    """``--what`` (comma-separated) as kinds, in ``SHARE_KINDS`` order; ValueError naming one it does not know."""
    named = [piece.strip().lower() for piece in text.split(",") if piece.strip()]
    unknown = [piece for piece in named if piece not in SHARE_KINDS]
    if unknown:
        raise ValueError(f"--what takes {', '.join(SHARE_KINDS)}; not {unknown[0]!r}")
    if not named:
        raise ValueError(f"--what needs at least one of {', '.join(SHARE_KINDS)}")
    return tuple(kind for kind in SHARE_KINDS if kind in named)


@dataclass(frozen=True)
class Share:
    """What goes into a share: the records chosen, and the range and kinds they were chosen by."""

    since: date
    until: date
    kinds: tuple[str, ...]
    checkins: list[Checkin] = field(default_factory=list)
    reframes: list[Reframe] = field(default_factory=list)
    practices: list[PlanItem] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    safety_plan: SafetyPlan | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.checkins or self.reframes or self.practices or self.safety_plan is not None)

    def summary(self) -> list[str]:
        """What the share holds, a line each: counts and days, never a word of what was written."""
        lines = [f"From {long_date(self.since)} to {long_date(self.until)}:"]
        if "checkins" in self.kinds:
            days = sorted(c.day for c in self.checkins)
            span = f", {long_date(days[0])} to {long_date(days[-1])}" if len(days) > 1 else ""
            lines.append(f"  {_count(len(days), 'check-in')}{span}")
        if "reframes" in self.kinds:
            rehearsals = sum(1 for r in self.reviews if r.item_kind == "reframe")
            lines.append(f"  {_count(len(self.reframes), 'thought record')}, {_count(rehearsals, 'rehearsal')}")
        if "practices" in self.kinds:
            reviews = sum(1 for r in self.reviews if r.item_kind == "practice")
            lines.append(f"  {_count(len(self.practices), 'practice')}, {_count(reviews, 'review')}")
        if "safety-plan" in self.kinds:
            lines.append("  your safety plan" if self.safety_plan is not None else "  no safety plan (none written)")
        return lines

    def markdown(self, library: Library, made_on: date) -> str:
        """The share as Markdown: a heading saying what it is, the chosen sections, then the safety plan."""
        heading = [
            "# Shared from rootwork",
            "",
            f"Made on {long_date(made_on)}, for you to read. It holds "
            f"{', '.join(KIND_WORDS[kind] for kind in self.kinds)} from {long_date(self.since)} "
            f"to {long_date(self.until)}, in the writer's own words.",
            "",
        ]
        held = {"checkins": self.checkins, "reframes": self.reframes, "practices": self.practices}
        sections = [kind for kind in self.kinds if held.get(kind)]  # an empty one would read "none yet"
        text = render_markdown(
            checkins=self.checkins,
            reframes=self.reframes,
            plan=self.practices,
            reviews=self.reviews,
            library=library,
            exported_on=made_on,
            heading=heading,
            sections=sections,
            practice_status=False,  # its adoption and next day may lie outside the range: only its reviews
        )
        if self.safety_plan is not None:
            text = f"{text.rstrip()}\n\n{plan_markdown(self.safety_plan, library, made_on, level=2)}"
        return text


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def select(
    kinds: Sequence[str],
    since: date,
    until: date,
    *,
    checkins: Sequence[Checkin],
    reframes: Sequence[Reframe],
    plan: Sequence[PlanItem],
    reviews: Sequence[Review],
    safety_plan: SafetyPlan | None,
) -> Share:
    """The records of ``kinds`` from ``since`` to ``until`` (both included), as the module docstring says."""

    def inside(day: date | None) -> bool:
        return day is not None and since <= day <= until

    chosen_reframes = [r for r in reframes if "reframes" in kinds and not r.deleted_at and inside(_written_on(r))]
    reframe_ids = {r.id for r in chosen_reframes}
    practice_reviews = [r for r in reviews if "practices" in kinds and r.item_kind == "practice" and inside(r.day)]
    reviewed = {r.item_id for r in practice_reviews}
    return Share(
        since=since,
        until=until,
        kinds=tuple(kinds),
        checkins=[c for c in checkins if "checkins" in kinds and inside(c.day)],
        reframes=chosen_reframes,
        practices=[p for p in plan if p.id in reviewed],
        reviews=[
            *(r for r in reviews if r.item_kind == "reframe" and r.item_id in reframe_ids and inside(r.day)),
            *practice_reviews,
        ],
        safety_plan=safety_plan
        if "safety-plan" in kinds and safety_plan is not None and not safety_plan.is_empty
        else None,
    )


def _written_on(reframe: Reframe) -> date | None:
    """The day a thought record was written: its day, else the day it was made."""
    if reframe.day is not None:
        return reframe.day
    try:
        return date.fromisoformat(reframe.created_at[:10])
    except ValueError:
        return None

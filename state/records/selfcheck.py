"""The "find your roots" self-check: checklist progress and ranking, without any UI.

The user walks the causes one page at a time and ticks the manifestations they
recognise in themselves. Progress is a plain dict (a store draft) so the check
can be left and resumed; the result ranks causes by how much of each one the
user recognised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rootwork.content import Library
from rootwork.state.records.days import parse_day, short_date

DRAFT_NAME = "selfcheck"
DRAFT_VERSION = 1


def rank_causes(library: Library, recognised_ids: Iterable[str]) -> list[tuple[str, int, float]]:
    """Every cause as ``(cause_id, count, fraction)``, the most recognised first.

    ``count`` is how many of the cause's manifestations were recognised and
    ``fraction`` that count over how many it has. Causes have four to six
    manifestations, so the fraction leads (four of four says more than four of
    six); then the count; ties are broken by cause number. Unknown ids are ignored.
    """
    recognised = set(recognised_ids)
    rows = []
    for cause in library.causes:
        total = len(cause.manifestations)
        count = sum(1 for m in cause.manifestations if m.id in recognised)
        fraction = count / total if total else 0.0
        rows.append((cause.number, cause.id, count, fraction))
    rows.sort(key=lambda row: (-row[3], -row[2], row[0]))
    return [(cause_id, count, fraction) for _, cause_id, count, fraction in rows]


def cause_scores(library: Library, recognised_ids: Iterable[str]) -> dict[str, int]:
    """How many manifestations of each cause were recognised, for every cause in order."""
    recognised = set(recognised_ids)
    return {cause.id: sum(1 for m in cause.manifestations if m.id in recognised) for cause in library.causes}


def ordered_recognised(library: Library, recognised_ids: Iterable[str]) -> list[str]:
    """The known recognised manifestation ids in library order, so saved results are stable."""
    recognised = set(recognised_ids)
    return [m.id for cause in library.causes for m in cause.manifestations if m.id in recognised]


def top_causes(library: Library, scores: Mapping[str, Any], limit: int = 3) -> list[str]:
    """Up to ``limit`` cause ids with the highest score above zero (ties by cause number)."""
    numbered = []
    for cause in library.causes:
        score = scores.get(cause.id, 0)
        if isinstance(score, (int, float)) and not isinstance(score, bool) and score > 0:
            numbered.append((-score, cause.number, cause.id))
    return [cause_id for _, _, cause_id in sorted(numbered)[:limit]]


def result_summary(library: Library, result: Mapping[str, Any], limit: int = 3) -> str:
    """One line for an earlier result: '25 Nov 2026: Perfectionism conditioning, Comparison'.

    Tolerant of what it is given (an old or hand-edited record): a day it cannot
    read is shown as 'an earlier day', missing scores as 'nothing ticked'.
    """
    day = result.get("day")
    if isinstance(day, str):
        try:
            day = parse_day(day)
        except ValueError:
            day = None
    when = short_date(day, with_year=True) if isinstance(day, date) else "an earlier day"
    scores = result.get("scores")
    if not isinstance(scores, Mapping):
        scores = cause_scores(library, result.get("recognised") or ())
    top = top_causes(library, scores, limit)
    if not top:
        return f"{when}: nothing ticked"
    return f"{when}: " + ", ".join(library.cause(cause_id).title for cause_id in top)


@dataclass(frozen=True)
class SelfCheckProgress:
    """Where the user is in the checklist: the page (a cause index) and what is ticked so far."""

    page: int = 0
    recognised: frozenset[str] = field(default_factory=frozenset)

    def ticked_for(self, library: Library, cause_id: str) -> list[str]:
        """The recognised manifestation ids of one cause, in its order."""
        return [m.id for m in library.cause(cause_id).manifestations if m.id in self.recognised]

    def with_ticks(self, library: Library, cause_id: str, ticked_ids: Iterable[str]) -> SelfCheckProgress:
        """This progress with one cause's ticks replaced by ``ticked_ids`` (others kept)."""
        own = {m.id for m in library.cause(cause_id).manifestations}
        kept = {item for item in self.recognised if item not in own}
        return SelfCheckProgress(self.page, frozenset(kept | (own & set(ticked_ids))))

    def at_page(self, page: int, total: int) -> SelfCheckProgress:
        """This progress on another page, kept within ``0..total-1``."""
        return SelfCheckProgress(max(0, min(page, total - 1)), self.recognised)

    @staticmethod
    def progress_line(page: int, total: int) -> str:
        """'cause 4 of 13' for the page index ``page`` (counted from 0)."""
        return f"cause {page + 1} of {total}"

    def to_draft(self) -> dict[str, Any]:
        """A JSON-safe dict for ``store.save_draft``."""
        return {"version": DRAFT_VERSION, "page": self.page, "recognised": sorted(self.recognised)}

    @classmethod
    def from_draft(cls, library: Library, data: Any) -> SelfCheckProgress | None:
        """Progress from a saved draft, or None when there is nothing usable to resume.

        Ids the library no longer has are dropped and the page is kept in range,
        so an old or hand-edited draft never breaks the check.
        """
        if not isinstance(data, Mapping):
            return None
        page = data.get("page", 0)
        if not isinstance(page, int) or isinstance(page, bool):
            page = 0
        raw = data.get("recognised", ())
        if not isinstance(raw, (list, tuple)):
            raw = ()
        known = set(ordered_recognised(library, (item for item in raw if isinstance(item, str))))
        return cls(recognised=frozenset(known)).at_page(page, len(library.causes))


def progress_text(library: Library, progress: SelfCheckProgress) -> str:
    """'cause 5 of 13, 3 ticked so far'."""
    line = SelfCheckProgress.progress_line(progress.page, len(library.causes))
    ticked = len(progress.recognised)
    return f"{line}, {ticked} ticked so far" if ticked else line


def dots(count: int, total: int) -> str:
    """●●●○○ for three of five."""
    return "●" * count + "○" * (total - count)


def result_day(library: Library, result: Mapping[str, Any]) -> str:
    """The day of a result as its summary line says it ('25 Nov 2026', or 'an earlier day')."""
    return result_summary(library, result).split(":", 1)[0]


def toggled_focus(library: Library, focus: Iterable[str], cause_id: str) -> tuple[list[str], bool]:
    """The focus causes with ``cause_id`` marked or unmarked, in library order; True when it was marked."""
    chosen = set(focus)
    marking = cause_id not in chosen
    chosen = chosen | {cause_id} if marking else chosen - {cause_id}
    return [c.id for c in library.causes if c.id in chosen], marking


def first_fresh_practice(library: Library, cause_id: str, adopted: Iterable[str]) -> str | None:
    """The id of the cause's first practice not yet adopted, or None when all are."""
    taken = set(adopted)
    return next((p.id for p in library.cause(cause_id).practices if p.id not in taken), None)

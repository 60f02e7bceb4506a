"""A month of the user's own work, day by day: the cells of the month calendar.

``month_view`` places check-ins, reviews done, thought records written and the
revisits still to come on a grid of whole weeks (``state.records.days.month_grid``).
It is computed once per month shown, from lists the store already holds in
memory; each input is walked once, never once per cell. ``today`` is passed in.
No Textual here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rootwork.state.records.day_names import MONTH_NAMES
from rootwork.state.records.days import month_grid
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.records.reading import JournalReader
from rootwork.state.records.schedule import DEFAULT_DAILY_CAP, forecast


@dataclass(frozen=True)
class DayCell:
    """One day on the month calendar and what happened (or is planned) on it."""

    day: date
    in_month: bool
    checkin_intensity: int | None
    checkin_mood: int | None
    practice_reviews: int
    reframe_reviews: int
    reframes_written: int
    scheduled_revisits: int
    is_today: bool
    is_future: bool

    @property
    def checked_in(self) -> bool:
        return self.checkin_intensity is not None

    @property
    def reviews_done(self) -> int:
        """Practices and reframes reviewed that day ('not today' is a postponement, not a review)."""
        return self.practice_reviews + self.reframe_reviews


def month_title(year: int, month: int) -> str:
    """'November 2026' (fixed English names, like the rest of the app)."""
    return f"{MONTH_NAMES[month - 1]} {year}"


def active_items(plan: Iterable[PlanItem], reframes: Iterable[Reframe]) -> list[tuple[str, Schedule]]:
    """(id, schedule) of what can come due: practices neither paused nor removed, reframes not deleted."""
    items = [(p.id, p.schedule) for p in plan if p.removed_at is None and not p.paused]
    items += [(r.id, r.schedule) for r in reframes if r.deleted_at is None]
    return items


def revisits_by_day(
    plan: Iterable[PlanItem], reframes: Iterable[Reframe], today: date, end: date, cap: int
) -> dict[date, list[str]]:
    """Ids of the items each day from ``today`` to ``end`` will show, at most ``cap`` a day (``forecast``)."""
    if end < today:
        return {}
    return forecast(active_items(plan, reframes), today, end, cap)


def month_view(
    checkins: Iterable[Checkin],
    reviews: Iterable[Review],
    reframes: Iterable[Reframe],
    plan: Iterable[PlanItem],
    year: int,
    month: int,
    today: date,
    first_weekday: int = 0,
    cap: int = DEFAULT_DAILY_CAP,
) -> list[list[DayCell]]:
    """The weeks of ``year``/``month`` as rows of seven ``DayCell``s, starting on ``first_weekday``.

    Check-ins, reviews and thought records outside the grid are ignored, so the
    caller may pass everything or just the grid's range. Revisits are counted on
    days after ``today`` only: what is due today is already on Today's list.
    """
    weeks = month_grid(year, month, first_weekday)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day = {c.day: c for c in checkins if first <= c.day <= last}
    practice_done: Counter[date] = Counter()
    reframe_done: Counter[date] = Counter()
    for review in reviews:
        if first <= review.day <= last and review.rating is not Rating.NOT_TODAY:
            (practice_done if review.item_kind == "practice" else reframe_done)[review.day] += 1
    reframes = list(reframes)
    written = Counter(r.day for r in reframes if r.deleted_at is None and r.day is not None and first <= r.day <= last)
    planned = {day: len(ids) for day, ids in revisits_by_day(plan, reframes, today, last, cap).items() if day > today}
    cells = []
    for week in weeks:
        row = []
        for day in week:
            checkin = by_day.get(day)
            row.append(
                DayCell(
                    day=day,
                    in_month=day.month == month,
                    checkin_intensity=None if checkin is None else checkin.intensity,
                    checkin_mood=None if checkin is None else checkin.mood,
                    practice_reviews=practice_done[day],
                    reframe_reviews=reframe_done[day],
                    reframes_written=written[day],
                    scheduled_revisits=planned.get(day, 0),
                    is_today=day == today,
                    is_future=day > today,
                )
            )
        cells.append(row)
    return cells


def grid_range(year: int, month: int, first_weekday: int = 0) -> tuple[date, date]:
    """The first and last day shown on the month's grid (days of the months around it included)."""
    weeks = month_grid(year, month, first_weekday)
    return weeks[0][0], weeks[-1][-1]


def month_view_from_store(store: JournalReader, year: int, month: int, today: date) -> list[list[DayCell]]:
    """``month_view`` over the store's in-memory data, reading only the grid's range where the store can."""
    first_weekday = store.setting("first_weekday")
    first, last = grid_range(year, month, first_weekday)
    return month_view(
        store.checkins(first, last),
        store.reviews(start=first, end=last),
        store.reframes(),
        store.plan(),
        year,
        month,
        today,
        first_weekday,
        store.setting("daily_cap"),
    )


@dataclass(frozen=True)
class MonthTotals:
    """What was done in a month, to say in words."""

    checkins: int
    practice_reviews: int
    reframe_reviews: int
    reframes_written: int
    scheduled_revisits: int


def month_totals(weeks: list[list[DayCell]]) -> MonthTotals:
    """Sums over the days of the month itself (not the padding days of the months around it)."""
    days = [cell for week in weeks for cell in week if cell.in_month]
    return MonthTotals(
        checkins=sum(1 for cell in days if cell.checked_in),
        practice_reviews=sum(cell.practice_reviews for cell in days),
        reframe_reviews=sum(cell.reframe_reviews for cell in days),
        reframes_written=sum(cell.reframes_written for cell in days),
        scheduled_revisits=sum(cell.scheduled_revisits for cell in days),
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def month_words(totals: MonthTotals) -> str:
    """What was done this month in one line; an empty month invites, never counts a miss."""
    parts = []
    if totals.checkins:
        parts.append(_count(totals.checkins, "check-in", "check-ins"))
    if totals.practice_reviews:
        parts.append(_count(totals.practice_reviews, "practice done", "practices done"))
    if totals.reframe_reviews:
        parts.append(_count(totals.reframe_reviews, "reframe rehearsed", "reframes rehearsed"))
    if totals.reframes_written:
        parts.append(_count(totals.reframes_written, "thought record written", "thought records written"))
    done = " · ".join(parts) if parts else "What you do this month will show here."
    if totals.scheduled_revisits:
        done += f" · {_count(totals.scheduled_revisits, 'revisit', 'revisits')} coming up"
    return done


@dataclass(frozen=True)
class DayDetail:
    """Everything about one day: its check-in, the reviews done, records written, revisits planned."""

    day: date
    checkin: Checkin | None
    practice_reviews: list[tuple[Review, PlanItem | None]]
    reframe_reviews: list[tuple[Review, Reframe | None]]
    reframes_written: list[Reframe]
    revisits: list[PlanItem | Reframe]
    is_today: bool
    is_future: bool


def day_detail(store: JournalReader, day: date, today: date) -> DayDetail:
    """What ``day`` holds, from the store's in-memory data (the item of a review may have been removed: None)."""
    plan = {p.id: p for p in store.plan(include_removed=True)}
    reframes = {r.id: r for r in store.reframes(include_deleted=True)}
    done = [r for r in store.reviews(start=day, end=day) if r.rating is not Rating.NOT_TODAY]
    revisits: list[PlanItem | Reframe] = []
    if day > today:
        live_plan = [p for p in plan.values() if p.removed_at is None]
        live_reframes = [r for r in reframes.values() if r.deleted_at is None]
        ids = revisits_by_day(live_plan, live_reframes, today, day, store.setting("daily_cap")).get(day, [])
        revisits = [plan.get(i) or reframes[i] for i in ids]
    return DayDetail(
        day=day,
        checkin=store.checkin_for(day),
        practice_reviews=[(r, plan.get(r.item_id)) for r in done if r.item_kind == "practice"],
        reframe_reviews=[(r, reframes.get(r.item_id)) for r in done if r.item_kind == "reframe"],
        reframes_written=[r for r in reframes.values() if r.day == day and r.deleted_at is None],
        revisits=revisits,
        is_today=day == today,
        is_future=day > today,
    )

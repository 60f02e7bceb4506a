"""The Practices table's rows and the plain words beside them, without any UI.

Which adopted practices are due today, waiting for room in a day's list, later
or paused, in the order the table shows them; and the short labels and
sentences (next date, interval, why this date, history) the screen shows for one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rootwork.content import Library, Practice
from rootwork.state.records.days import short_date
from rootwork.state.records.model import PlanItem, Rating, Review, Schedule
from rootwork.state.records.schedule import explain
from rootwork.state.records.text import shorten

Status = Literal["today", "waiting", "later", "paused"]

RATING_KEYS = {rating.value: rating for rating in Rating}
CAUSE_COLUMN_WIDTH = 20
NAME_COLUMN_WIDTH = 30


@dataclass(frozen=True)
class PracticeRow:
    """One adopted practice as the table shows it."""

    item: PlanItem
    practice: Practice
    cause_title: str
    status: Status


def practice_or_stand_in(library: Library, practice_id: str) -> Practice:
    """The library's practice, or a stand-in naming the id (a practice the library no longer has)."""
    try:
        return library.practice(practice_id)
    except KeyError:
        cause_id = practice_id.split(".", 1)[0]
        return Practice(
            id=practice_id, cause_id=cause_id, name=practice_id, how="(This practice is no longer in the library.)"
        )


def cause_title(library: Library, cause_id: str) -> str:
    """A cause's title, or its id when the library does not know it."""
    try:
        return library.cause(cause_id).title
    except KeyError:
        return cause_id


def practice_rows(library: Library, plan: Iterable[PlanItem], due_ids: list[str], today: date) -> list[PracticeRow]:
    """The table's rows: today's list in its order, then waiting, then later by date, then paused."""
    due_order = {item_id: position for position, item_id in enumerate(due_ids)}
    rows: list[PracticeRow] = []
    for item in plan:
        if item.removed_at:
            continue
        if item.paused:
            status: Status = "paused"
        elif item.id in due_order:
            status = "today"
        elif item.schedule.due is None or item.schedule.due <= today:
            status = "waiting"
        else:
            status = "later"
        practice = practice_or_stand_in(library, item.practice_id)
        rows.append(PracticeRow(item, practice, cause_title(library, practice.cause_id), status))
    rank = {"today": 0, "waiting": 1, "later": 2, "paused": 3}

    def order(row: PracticeRow) -> tuple[int, int, str]:
        due = row.item.schedule.due or today
        if row.status == "today":
            return (0, due_order[row.item.id], "")
        if row.status == "paused":
            return (rank["paused"], 0, row.practice.name.casefold())
        return (rank[row.status], due.toordinal(), row.practice.name.casefold())

    return sorted(rows, key=order)


def short_cause(title: str) -> str:
    """A cause's title short enough for a table column: 'Bullying or peer rejection' -> 'Bullying'."""
    return shorten(title.split(" or ")[0].split(" and ")[0], CAUSE_COLUMN_WIDTH)


def when_label(row: PracticeRow, today: date) -> str:
    """The table's 'next' column: today, soon (waiting for room), a date, or paused."""
    if row.status == "today":
        return "today"
    if row.status == "waiting":
        return "soon"
    if row.status == "paused":
        return "paused"
    due = row.item.schedule.due
    return short_date(due, with_year=due.year != today.year) if due else "today"


def days_label(days: int) -> str:
    """'1 day' or '8 days'."""
    return "1 day" if days == 1 else f"{days} days"


def every_label(interval: int) -> str:
    """'every day' or 'every 8 days'."""
    return "every day" if interval == 1 else f"every {interval} days"


def relative_day(day: date | None, today: date) -> str:
    """' (tomorrow)' or ' (in 8 days)' after a date, to read it at a glance."""
    if day is None or day <= today:
        return ""
    days = (day - today).days
    return " (tomorrow)" if days == 1 else f" (in {days} days)"


def is_reviewable(item: PlanItem, today: date) -> bool:
    """A practice can be reviewed when it is not paused and its day has come."""
    return not item.paused and (item.schedule.due is None or item.schedule.due <= today)


def review_schedules(review: Review) -> tuple[Schedule, Schedule]:
    """The schedule before and after a stored review, as far as the review row records them."""
    before = Schedule(interval=review.interval_before, ease=review.ease_before)
    after = Schedule(
        interval=review.interval_after, ease=review.ease_after, due=review.due_after, last_review=review.day
    )
    return before, after


def why_next(item: PlanItem, reviews: list[Review], today: date) -> str:
    """One plain line on why the practice's next date is what it is."""
    if item.paused:
        return "Paused: it stays out of your days until you resume it (space)."
    if not reviews:
        return f"New: it has been due since you added it on {short_date(item.adopted_on)}; the first review sets its rhythm."
    last = reviews[-1]
    before, after = review_schedules(last)
    line = f"On {short_date(last.day, with_year=last.day.year != today.year)}: {explain(before, after, last.rating, last.day)}."
    due = item.schedule.due
    if due is not None and due != last.due_after:
        line += f" It has since moved to {short_date(due, with_year=due.year != today.year)}."
    return line


def history_lines(reviews: list[Review], today: date, limit: int = 12) -> list[str]:
    """'25 Nov  did it' for the newest reviews first."""
    newest = list(reversed(reviews))[:limit]
    return [f"{short_date(r.day, with_year=r.day.year != today.year):<12} {r.rating.label}" for r in newest]


def done_line(reviews: list[Review]) -> str:
    """What was done, counted: never what was missed."""
    done = [r for r in reviews if r.rating is not Rating.NOT_TODAY]
    if not done:
        return "Not practised yet."
    first = min(r.day for r in done)
    times = "once" if len(done) == 1 else f"{len(done)} times"
    return f"Practised {times} since {short_date(first, with_year=True)}."


def row_after_review(due_before: Sequence[str], rated: str, rows: Sequence[tuple[str, bool]]) -> int | None:
    """The table row to highlight after ``rated`` was reviewed: the next practice still due.

    A reviewed practice moves down the table (its next date is later), and the
    highlight following it would leave the next key on something no longer due.
    ``due_before`` is the due practices' ids in table order before the review;
    ``rows`` is the table after it, as (item id, still due) pairs. The answer
    is the due practice now at the rated one's old place among the due ones,
    else the first due one; None when nothing is due any more (stay put).
    """
    due_now = [item_id for item_id, due in rows if due and item_id != rated]
    if not due_now:
        return None
    place = list(due_before).index(rated) if rated in due_before else 0
    target = due_now[place] if place < len(due_now) else due_now[0]
    return [item_id for item_id, _ in rows].index(target)

"""The scheduler: expanding intervals for adopted practices and saved reframes.

Pure functions over ``state.records.model.Schedule``; no I/O and no clock: the day of a
review, or "today", is always an argument. The rules are the table in the
design ("Scheduler"), applied literally:

=====================  =========================================================  =======
rating (key)           next interval                                              ease
=====================  =========================================================  =======
didn't manage (1)      max(1, interval // 2)                                      -0.20
struggled (2)          max(interval + 1, round(interval * 1.2))                   -0.15
did it (3)             max(interval + 1, round((interval + late/2) * ease))       same
came easily (4)        max(interval + 2, round((interval + late) * ease * 1.3))   +0.15
not today (s)          due tomorrow, interval unchanged                           same
=====================  =========================================================  =======

How the table is read where it leaves room:

- ``round`` rounds halves up (2.5 -> 3), not Python's ``round`` (which takes
  2.5 to the even 2 and so gave "struggled" and "did it" the same 2 days on a
  new item). It is computed on exact decimals so float noise
  (``5 * 2.3 == 11.499999999999998``) cannot tip a half either way. Ease is
  kept to two decimals for the same reason.
- ``ease`` in a formula is the ease before this review changes it.
- ``late`` is ``max(0, (review_day - due).days)``; an item with no due date is
  taken as due on the review day.
- The new interval is capped (practices 60 days, reframes 120), then fuzzed.
- Fuzz: an interval of 7 days or more moves by a whole number of days that is
  at most 5 % of it, chosen from a SHA-256 of (item id, review day), so the
  same review always gives the same answer on any machine and in any process.
  Whole days within 5 % means the fuzz is 0 below 20 days, ±1 from 20, ±2 from
  40, up to ±6 at 120. It never goes below 1 or above the cap, and never takes a
  "struggled", "did it" or "came easily" below the table's floor
  (interval + 1, or + 2), capped.
- A better rating always gives a strictly later date than a worse one. The
  four answers are worked out together, worst first; each is lifted, when it
  needs to be, to one day more than the answer below it. Lifting never passes
  the cap: at the cap the best answer reaching it ("came easily") gets the cap
  and each worse one a day less than the one above it. So an item at 60 days
  comes back in 60 ("came easily"), 59 ("did it") or 58 ("struggled"): the cap
  stays a promise ("at least every 60 days"), and a worse answer is never
  scheduled on or after a better one's day.
- "not today" changes nothing but ``due``: interval, ease, reps, lapses and
  ``last_review`` stay as they were (nothing was practised).
- A rated review sets ``due = review_day + interval`` and
  ``last_review = review_day``, so even when the clock went backwards
  (``review_day`` before ``last_review``) nothing becomes due before tomorrow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from rootwork.state.records.days import short_date
from rootwork.state.records.model import ItemKind, Rating, Schedule

DEFAULT_DAILY_CAP = 5
#: A gentler day (design, "Care") shows at most this many items; what else is due waits its turn.
GENTLE_CAP = 2
#: The check-in intensity (0-10) from which a day is gentler, until the setting ``gentle_threshold`` changes it.
DEFAULT_GENTLE_THRESHOLD = 8
EASE_START = 2.5
EASE_MIN = 1.3
EASE_MAX = 3.0
CAPS: dict[str, int] = {"practice": 60, "reframe": 120}
FIRST_INTERVAL = 1
FUZZ_MIN_INTERVAL = 7
FUZZ_PERCENT = 5

_EASE_CHANGE = {
    Rating.DIDNT_MANAGE: Decimal("-0.20"),
    Rating.STRUGGLED: Decimal("-0.15"),
    Rating.DID_IT: Decimal("0"),
    Rating.CAME_EASILY: Decimal("0.15"),
}
_HUNDREDTHS = Decimal("0.01")


def new_schedule(today: date) -> Schedule:
    """The schedule of an item adopted or saved on ``today``: due that same day, interval 1.

    "First interval 1 day" is read as the stored starting interval: the first
    review applies the table to interval 1, so with no lateness "did it" gives
    max(2, round(2.5)) = 3 days (halves round up), "came easily"
    max(3, round(3.25)) = 3 lifted to 4 to stay after "did it", "struggled" 2
    and "didn't manage" 1; each day late adds to "did it" and "came easily" as
    the table says.
    """
    return Schedule(
        interval=FIRST_INTERVAL,
        ease=EASE_START,
        reps=0,
        lapses=0,
        due=today,
        last_review=None,
    )


def cap_for(kind: ItemKind) -> int:
    """The longest interval, in days, for an item of ``kind``."""
    try:
        return CAPS[kind]
    except KeyError:
        raise ValueError(f"unknown item kind {kind!r}; expected one of {sorted(CAPS)}") from None


def days_late(s: Schedule, review_day: date) -> int:
    """Whole days ``review_day`` is past the item's due date; 0 when on time, early or undated."""
    if s.due is None:
        return 0
    return max(0, (review_day - s.due).days)


def _round(value: Decimal) -> int:
    """``value`` to a whole number, halves up (2.5 -> 3), on an exact decimal."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _exact_ease(ease: float) -> Decimal:
    """The ease as an exact two-decimal number inside the bounds (stored values may be off)."""
    exact = Decimal(repr(float(ease))).quantize(_HUNDREDTHS, rounding=ROUND_HALF_EVEN)
    return min(max(exact, Decimal(repr(EASE_MIN))), Decimal(repr(EASE_MAX)))


def fuzz_offset(interval: int, *, item_id: str, review_day: date) -> int:
    """Days (within ±5 % of ``interval``) to add to an interval of 7+ days; 0 below that.

    Seeded by SHA-256 of the item id and the review day, never by ``hash()``,
    which changes from one process to the next.
    """
    if interval < FUZZ_MIN_INTERVAL:
        return 0
    reach = interval * FUZZ_PERCENT // 100
    if reach == 0:
        return 0
    digest = hashlib.sha256(f"{item_id}\x00{review_day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % (2 * reach + 1) - reach


_GRADED = (Rating.DIDNT_MANAGE, Rating.STRUGGLED, Rating.DID_IT, Rating.CAME_EASILY)


def _table_interval(
    rating: Rating, interval: int, ease: Decimal, late: int, cap: int, fuzz: Callable[[int], int]
) -> int:
    """One row of the table: the formula, then its floor, the cap and the fuzz (no lift yet)."""
    if rating is Rating.DIDNT_MANAGE:
        floor = 1
        raw = max(floor, interval // 2)
    elif rating is Rating.STRUGGLED:
        floor = interval + 1
        raw = max(floor, _round(interval * Decimal("1.2")))
    elif rating is Rating.DID_IT:
        floor = interval + 1
        raw = max(floor, _round((interval + Decimal(late) / 2) * ease))
    else:  # CAME_EASILY
        floor = interval + 2
        raw = max(floor, _round((interval + late) * ease * Decimal("1.3")))
    capped = min(cap, raw)
    return min(cap, max(min(cap, floor), capped + fuzz(capped)))


def next_intervals(s: Schedule, review_day: date, *, item_id: str, kind: ItemKind) -> dict[Rating, int]:
    """The next interval for each rated answer, strictly growing from "didn't manage" to "came easily".

    Each answer's table value is lifted to one day past the worse answer's when
    it is not already later; then, from the best answer down, none may pass the
    cap or the day before the better answer's, so at the cap the worse answers
    step down one day each (60, 59, 58 for a practice).
    """
    cap = cap_for(kind)
    interval = max(1, int(s.interval))
    ease = _exact_ease(s.ease)
    late = days_late(s, review_day)

    def fuzz(days: int) -> int:
        return fuzz_offset(days, item_id=item_id, review_day=review_day)

    lifted: list[int] = []
    for rating in _GRADED:
        value = _table_interval(rating, interval, ease, late, cap, fuzz)
        lifted.append(max(value, lifted[-1] + 1) if lifted else value)
    ceiling = cap + 1
    settled: list[int] = []
    for value in reversed(lifted):
        ceiling = min(value, ceiling - 1)
        settled.append(ceiling)
    return dict(zip(_GRADED, reversed(settled), strict=False))


def schedule_next(
    s: Schedule,
    rating: Rating,
    review_day: date,
    *,
    item_id: str,
    kind: ItemKind,
) -> Schedule:
    """The schedule after reviewing an item on ``review_day`` with ``rating`` (see the module table)."""
    rating = Rating(rating)
    cap_for(kind)  # an unknown kind is an error even for "not today"
    if rating is Rating.NOT_TODAY:
        return replace(s, due=review_day + timedelta(days=1))

    new_interval = next_intervals(s, review_day, item_id=item_id, kind=kind)[rating]
    ease = _exact_ease(s.ease)
    new_ease = ease + _EASE_CHANGE[rating]
    new_ease = min(max(new_ease, Decimal(repr(EASE_MIN))), Decimal(repr(EASE_MAX)))

    return replace(
        s,
        interval=new_interval,
        ease=float(new_ease),
        reps=s.reps + 1,
        lapses=s.lapses + (1 if rating is Rating.DIDNT_MANAGE else 0),
        due=review_day + timedelta(days=new_interval),
        last_review=review_day,
    )


def replay(start: date, reviews: Iterable[tuple[date, Rating]], *, item_id: str, kind: ItemKind) -> Schedule:
    """The schedule of an item adopted or saved on ``start`` after ``reviews`` (day, rating), in order.

    What a schedule is after a merge: derived from every review of the item,
    on whichever machine it was made (``state.sync.merge``), by the same
    function that moves it after each rating.
    """
    schedule = new_schedule(start)
    for day, rating in reviews:
        schedule = schedule_next(schedule, rating, day, item_id=item_id, kind=kind)
    return schedule


def replay_order(day: object, created_at: object, review_id: object) -> tuple[str, str, str]:
    """Where a review comes when a schedule is replayed: by its day, then when it was made, then its id.

    The one order for every machine (``state.sync.merge`` after a merge, ``Store.review`` when a rating
    comes before one already made, a clock that runs behind).
    """
    return (str(day), str(created_at), str(review_id))


def explain(before: Schedule, after: Schedule, rating: Rating, review_day: date) -> str:
    """One plain sentence on what a review did, e.g. "next on 3 Dec, in 8 days: you said 'did it'".

    ``before`` is accepted so callers hand over the whole review; the sentence
    says where the item goes next, never what was missed.
    """
    said = f"you said '{Rating(rating).label}'"
    if after.due is None:
        return f"not scheduled: {said}"
    days = (after.due - review_day).days
    when = short_date(after.due, with_year=after.due.year != review_day.year)
    if days == 1:
        distance = "tomorrow"
    elif days == 0:
        distance = "today"
    elif days > 0:
        distance = f"in {days} days"
    else:
        distance = f"{-days} days ago"
    return f"next on {when}, {distance}: {said}"


def _due_or(s: Schedule, fallback: date) -> date:
    # An item without a due date has never been scheduled: treat it as due now.
    return s.due if s.due is not None else fallback


def pick_due(items: Iterable[tuple[str, Schedule]], today: date, cap: int) -> list[str]:
    """Ids of the items due on or before ``today``, oldest due first (then by id), at most ``cap``.

    The first day of ``forecast``: the one spreading rule, seen from today.
    """
    return forecast(items, today, today, cap)[today]


def is_gentle_day(intensity: int | None, threshold: int | None, *, made_lighter: bool = False) -> bool:
    """Whether a day is a gentler one: checked in at ``threshold`` or more (None: off), or made lighter by hand."""
    if made_lighter:
        return True
    return threshold is not None and intensity is not None and intensity >= threshold


def day_cap(daily_cap: int, *, gentle: bool, done_today: int = 0) -> int:
    """How many due items a day shows: ``daily_cap``; on a gentler day at most ``GENTLE_CAP``, counting
    the items already looked at that day (``done_today``), so rating one never brings up another."""
    if not gentle:
        return max(0, daily_cap)
    return max(0, min(daily_cap, GENTLE_CAP - done_today))


@dataclass(frozen=True)
class DueDay:
    """What a day shows: the ids due (in ``pick_due``'s order), and how many the usual cap would have
    shown as well, held back because the day is gentler (they come on the next days, oldest first)."""

    ids: list[str]
    gentle: bool
    waiting: int
    cap: int  # the day's own cap (``day_cap``), for ``forecast``'s ``day_caps``


_COUNT_WORDS = {1: "one thing", 2: "two things"}


def lighter_line(shown: int, *, gentle: bool, waiting: int) -> str:
    """One kind line for a gentler day that held something back ("" when nothing moved).

    "A lighter day: two things, the rest can wait." (one thing when one is due; when the day's two are
    already done, nothing more is asked of it). ``shown`` and ``waiting`` are a ``DueDay``'s counts.
    """
    if not gentle or waiting <= 0:
        return ""
    if shown <= 0:
        return "A lighter day: that is enough for today, the rest can wait."
    return f"A lighter day: {_COUNT_WORDS.get(shown, f'{shown} things')}, the rest can wait."


def due_on_day(
    items: Iterable[tuple[str, Schedule]],
    today: date,
    daily_cap: int,
    *,
    gentle: bool = False,
    done_today: int = 0,
) -> DueDay:
    """The due list of ``today`` under the daily cap, or a gentler day's (``day_cap``), and what waits.

    Nothing is stored: like the spreading after a time away, a held-back item
    keeps its due date and is simply not shown yet, so asking again (a second
    check-in at 9, "make today lighter" twice) gives the same answer, and the
    next days show it first (it is the oldest due).
    """
    cap = day_cap(daily_cap, gentle=gentle, done_today=done_today)
    usual = pick_due(items, today, daily_cap)
    shown = usual[:cap]  # the same roll-over as forecast(..., day_caps={today: cap}) on its first day
    return DueDay(ids=shown, gentle=gentle, waiting=len(usual) - len(shown), cap=cap)


def forecast(
    items: Iterable[tuple[str, Schedule]],
    start: date,
    end: date,
    cap: int,
    day_caps: Mapping[date, int] | None = None,
) -> dict[date, list[str]]:
    """Which items each day of [start, end] shows when at most ``cap`` are shown a day.

    Each item is counted once, on the first day it gets a place in the capped
    due list (oldest due first, then by id); what does not fit rolls over to
    the next day, so after an absence overdue items are spread out instead of
    piled up. ``day_caps`` gives a day its own cap (a gentler day's,
    ``day_cap``): what it holds back rolls over the same way. Revisits after
    that depend on how a review goes, so they are not guessed. Every day of
    the range is a key, even with an empty list. Stable: equal (due, id) keep
    their input order.
    """
    if end < start:
        return {}
    queue = sorted(
        ((_due_or(s, start), item_id) for item_id, s in items),
        key=lambda pair: (pair[0], pair[1]),
    )
    shown: dict[date, list[str]] = {}
    position = 0
    day = start
    while day <= end:
        today_list: list[str] = []
        room = cap if day_caps is None else day_caps.get(day, cap)
        while position < len(queue) and len(today_list) < room and queue[position][0] <= day:
            today_list.append(queue[position][1])
            position += 1
        shown[day] = today_list
        day += timedelta(days=1)
    return shown

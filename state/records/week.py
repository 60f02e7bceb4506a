"""This week at a glance: one summary per day, and words for what was done (never what was missed).

Pure functions over check-ins; ``today`` is passed in. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rootwork.state.records.day_names import WEEKDAY_ABBREVIATIONS
from rootwork.state.records.days import short_date, week_of
from rootwork.state.records.model import Checkin


@dataclass(frozen=True)
class DaySummary:
    """One day of the week: its check-in if there is one, and where it stands relative to today."""

    day: date
    checkin: Checkin | None
    is_today: bool
    is_future: bool

    @property
    def checked_in(self) -> bool:
        return self.checkin is not None

    @property
    def weekday(self) -> str:
        """'Mon' .. 'Sun'."""
        return WEEKDAY_ABBREVIATIONS[self.day.weekday()]

    @property
    def intensity(self) -> int | None:
        return None if self.checkin is None else self.checkin.intensity

    @property
    def mood(self) -> int | None:
        return None if self.checkin is None else self.checkin.mood


def week_summary(checkins: Iterable[Checkin], today: date, first_weekday: int = 0) -> list[DaySummary]:
    """The seven days of the week holding ``today`` (starting on ``first_weekday``), each with its check-in."""
    days = week_of(today, first_weekday)
    by_day = {checkin.day: checkin for checkin in checkins if days[0] <= checkin.day <= days[-1]}
    return [DaySummary(day=day, checkin=by_day.get(day), is_today=day == today, is_future=day > today) for day in days]


def week_words(summary: Iterable[DaySummary]) -> str:
    """What was done this week in words: '3 check-ins this week'; an empty week invites, never counts a miss."""
    count = sum(1 for day in summary if day.checked_in)
    if count == 0:
        return "Your check-ins this week will show here."
    return f"{count} check-in{'s' if count != 1 else ''} this week"


def day_label(day: date) -> str:
    """A day as a short label with its weekday: 'Wed 25 Nov'."""
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {short_date(day)}"

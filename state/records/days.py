"""Day arithmetic: the rootwork day, calendar grids, months, weeks, parsing.

A rootwork day starts at ``day_start_hour`` (04:00 by default) local time, as in
Anki: a check-in at 01:30 still belongs to the evening before. Everything here
is pure; the current time is always passed in, never read from the clock.
Month arithmetic uses ``dateutil.relativedelta`` and grids ``dateutil.rrule``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import DAILY, rrule

from rootwork.state.records.day_names import MONTH_ABBREVIATIONS

DEFAULT_DAY_START_HOUR = 4


_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _check_day_start_hour(day_start_hour: int) -> None:
    # Any hour of the day, as the store keeps it (validate.check_setting): an import or older file is still read.
    # The settings form offers only 0-12 (settings.DAY_START_RANGE), a narrower rule for what a person types.
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"day_start_hour must be 0..23, not {day_start_hour}")


def _check_first_weekday(first_weekday: int) -> None:
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"first_weekday must be 0 (Monday)..6 (Sunday), not {first_weekday}")


def local_day(
    now: datetime,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    *,
    tz: tzinfo | None = None,
) -> date:
    """The rootwork day that the local wall-clock time ``now`` belongs to.

    Before ``day_start_hour`` the day is still yesterday (01:30 -> the day
    before; 04:00 -> the new day). ``now`` is read as local wall time, naive or
    aware; pass ``tz`` to first convert an aware ``now`` (e.g. UTC) to that zone.
    Wall time, not elapsed hours, decides, so DST changes move nothing.
    """
    _check_day_start_hour(day_start_hour)
    if tz is not None:
        if now.tzinfo is None:
            raise ValueError("tz given but now is naive; pass an aware datetime")
        now = now.astimezone(tz)
    if now.hour < day_start_hour:
        return now.date() - timedelta(days=1)
    return now.date()


def day_window(
    day: date,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    tz: tzinfo | None = None,
) -> tuple[datetime, datetime]:
    """The [start, end) wall-clock datetimes of rootwork ``day``, aware when ``tz`` is given.

    On a DST day the window is 23 or 25 real hours long; measure it after
    ``astimezone(timezone.utc)``, because Python subtracts two datetimes that
    share a tzinfo as wall times.
    """
    _check_day_start_hour(day_start_hour)
    start_time = time(day_start_hour)
    start = datetime.combine(day, start_time, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), start_time, tzinfo=tz)
    return start, end


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day (``first_weekday``: 0 Monday .. 6 Sunday) of the week holding ``day``."""
    _check_first_weekday(first_weekday)
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_of(day: date, first_weekday: int = 0) -> list[date]:
    """The seven days of the week holding ``day``, starting on ``first_weekday``."""
    start = week_start(day, first_weekday)
    return [start + timedelta(days=offset) for offset in range(7)]


def month_grid(year: int, month: int, first_weekday: int = 0) -> list[list[date]]:
    """Weeks of ``month`` as rows of 7 dates, padded with days of the months around it.

    Rows start on ``first_weekday`` (0 Monday .. 6 Sunday); only the weeks that
    hold a day of the month are returned (4 to 6 rows).
    """
    _check_first_weekday(first_weekday)
    first = date(year, month, 1)
    last = first + relativedelta(months=1, days=-1)
    grid_start = week_start(first, first_weekday)
    grid_end = week_start(last, first_weekday) + timedelta(days=6)
    days = [moment.date() for moment in rrule(DAILY, dtstart=grid_start, until=grid_end)]
    return [days[row : row + 7] for row in range(0, len(days), 7)]


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months; a missing day becomes the month's last (31 Jan + 1 -> 28/29 Feb)."""
    return day + relativedelta(months=months)


def month_start(day: date) -> date:
    """The first day of the month holding ``day``."""
    return day.replace(day=1)


def parse_day(text: str) -> date:
    """A date from ``YYYY-MM-DD`` text; ValueError with a plain message otherwise."""
    cleaned = text.strip() if isinstance(text, str) else text
    message = f"'{text}' is not a date; use YYYY-MM-DD"
    if not isinstance(cleaned, str):
        raise ValueError(message)
    match = _ISO_DAY.fullmatch(cleaned)
    if match is None:
        raise ValueError(message)
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(message) from None


def short_date(day: date, *, with_year: bool = False) -> str:
    """``day`` as people write it on a note: '3 Dec', or '3 Dec 2026' with the year."""
    label = f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]}"
    return f"{label} {day.year}" if with_year else label

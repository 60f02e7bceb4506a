"""The calendar export: one event per scheduled revisit in the coming days, with a reminder.

Each event is at the reminder time in *floating* local time (RFC 5545: "09:00
wherever you are"), 15 minutes long, with a display alarm at its start. A
calendar is often synced to a cloud and shown on a lock screen, so a reframe's
event never carries the critic's words: it says "Rehearse a reframe" and names
the cause. Every id and text that reaches the file (UID, SUMMARY, DESCRIPTION)
is on one line without terminal control characters, whatever the journal holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from rootwork.content.model import Library
from rootwork.state.records.export_words import cause_title, one_line, plain, practice_name
from rootwork.state.records.model import PlanItem, Reframe
from rootwork.state.records.schedule import DEFAULT_DAILY_CAP, forecast

FORECAST_DAYS = 60
REMINDER_MINUTES = 15
ICS_PRODID = "-//rootwork//rootwork journal//EN"
UID_DOMAIN = "rootwork.local"


@dataclass(frozen=True)
class Revisit:
    """One scheduled revisit of a practice or reframe, as the calendar shows it."""

    day: date
    kind: str
    item_id: str
    summary: str
    description: str

    @property
    def uid(self) -> str:
        """Stable across exports: the same item on the same day is the same event."""
        return f"{self.item_id}-{self.day:%Y%m%d}@{UID_DOMAIN}"


def _revisit_for(item: PlanItem | Reframe, day: date, library: Library) -> Revisit:
    if isinstance(item, PlanItem):
        name = one_line(practice_name(item.practice_id, library), None)
        try:
            how = library.practice(item.practice_id).how
        except KeyError:
            how = ""
        return Revisit(day, "practice", item.id, f"Practice: {name}", how)
    cause = f" ({cause_title(item.cause_id, library)})" if item.cause_id else ""
    return Revisit(
        day,
        "reframe",
        item.id,
        f"Rehearse a reframe{cause}",
        "Open rootwork to rehearse a reframe of your inner critic.",
    )


def upcoming_revisits(
    items: Iterable[PlanItem | Reframe],
    library: Library,
    start: date,
    *,
    days: int = FORECAST_DAYS,
    cap: int = DEFAULT_DAILY_CAP,
    first_day_cap: int | None = None,
) -> list[Revisit]:
    """Revisits shown on each of ``days`` days from ``start`` under the daily cap (``schedule.forecast``).

    ``first_day_cap`` is ``start``'s own cap when it differs (a gentler day's: at most two); what it holds back
    rolls over to the next days.

    Paused practices, removed practices and deleted reframes are not scheduled.
    """
    live = {
        item.id: item
        for item in items
        if not (isinstance(item, PlanItem) and (item.paused or item.removed_at))
        and not (isinstance(item, Reframe) and item.deleted_at)
    }
    shown = forecast(
        ((item_id, item.schedule) for item_id, item in live.items()),
        start,
        start + timedelta(days=days - 1),
        cap,
        day_caps=None if first_day_cap is None else {start: first_day_cap},
    )
    return [_revisit_for(live[item_id], day, library) for day in sorted(shown) for item_id in shown[day]]


def parse_reminder_time(text: str) -> time:
    """'09:00' as a time; ValueError with a plain message otherwise."""
    match = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", text or "")
    if match is None:
        raise ValueError(f"'{text}' is not a time of day; use HH:MM")
    return time(int(match.group(1)), int(match.group(2)))


def render_ics(revisits: Iterable[Revisit], *, reminder_time: time, stamp: datetime) -> bytes:
    """An iCalendar file with one event per revisit at ``reminder_time`` (floating local), each with an alarm.

    ``stamp`` (aware) becomes every event's DTSTAMP: when the file was made.
    """
    from icalendar import Alarm, Calendar, Event  # only the ics export needs it

    stamp_utc = stamp.astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "rootwork")
    for revisit in revisits:
        start = datetime.combine(revisit.day, reminder_time)  # naive: floating local time
        event = Event()
        event.add("uid", one_line(revisit.uid, None))
        event.add("dtstamp", stamp_utc)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=REMINDER_MINUTES))
        summary = one_line(revisit.summary, None)
        event.add("summary", summary)
        if revisit.description:
            event.add("description", plain(revisit.description))
        event.add("categories", ["rootwork"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated; it returns the file's bytes
    return ics

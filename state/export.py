"""Render the journal for people and other programs: JSON, Markdown and iCalendar.

Everything here is a pure function over the store's data (domain dataclasses
or the ``export_data()`` dict) and the content library; reading the store,
the clock and the settings, and writing files, is the caller's job.

Choices worth knowing:

- Markdown is a journal to read: check-ins by date, then reframes, then the
  practice history, oldest first. The user's words are escaped wherever
  Markdown would read them as formatting, links or HTML, and line breaks are
  kept. Deleted reframes are left out (the JSON export keeps everything).
- The calendar holds one event per scheduled revisit in the coming days, at the
  reminder time in *floating* local time (RFC 5545: "09:00 wherever you are"),
  15 minutes long, with a display alarm at its start. A calendar is often
  synced to a cloud and shown on a lock screen, so a reframe's event never
  carries the critic's words: it says "Rehearse a reframe" and names the cause.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from content.model import Library
from state.days import MONTH_ABBREVIATIONS
from state.model import Checkin, PlanItem, Reframe, Review
from state.schedule import DEFAULT_DAILY_CAP, forecast

WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FORECAST_DAYS = 60
REMINDER_MINUTES = 15
ONE_LINE_MAX = 80
ICS_PRODID = "-//rootwork//rootwork journal//EN"
UID_DOMAIN = "rootwork.local"

# C0 controls (but tab and newline), DEL and C1: never print them to a terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ---------------------------------------------------------------- words


def long_date(day: date) -> str:
    """``day`` with weekday and year in fixed English: 'Wed 25 Nov 2026' (no locale surprises)."""
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def one_line(text: str, limit: int | None = ONE_LINE_MAX) -> str:
    """``text`` on a single line without control characters, cut to ``limit`` characters with '…'."""
    flat = " ".join(_CONTROLS.sub("", text).split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def practice_name(practice_id: str, library: Library) -> str:
    """The library's name of a practice; its id when the library no longer has it."""
    try:
        return library.practice(practice_id).name
    except KeyError:
        return practice_id


def cause_title(cause_id: str, library: Library) -> str:
    """The library's title of a cause; its id when the library no longer has it."""
    try:
        return library.cause(cause_id).title
    except KeyError:
        return cause_id


def sign_title(sign_id: str, library: Library) -> str:
    """The library's title of a sign; its id when the library no longer has it."""
    try:
        return library.sign(sign_id).title
    except KeyError:
        return sign_id


def item_title(item: PlanItem | Reframe, library: Library, limit: int | None = ONE_LINE_MAX) -> str:
    """What a due item is called on one line: a practice by its library name, a reframe by the critic's words."""
    if isinstance(item, PlanItem):
        return one_line(practice_name(item.practice_id, library), limit)
    return one_line(item.critic, limit)


def item_kind(item: PlanItem | Reframe) -> str:
    """'practice' or 'reframe', as stored in reviews."""
    return "practice" if isinstance(item, PlanItem) else "reframe"


# ---------------------------------------------------------------- due list


def due_lines(items: Sequence[PlanItem | Reframe], library: Library, today: date) -> list[str]:
    """One line per due item: 'practice  Name the inherited critic', with '(since 3 Nov)' when overdue."""
    lines = []
    for item in items:
        due = item.schedule.due
        since = f"  (since {due.day} {MONTH_ABBREVIATIONS[due.month - 1]})" if due and due < today else ""
        lines.append(f"{item_kind(item):<9} {item_title(item, library)}{since}")
    return lines


def due_records(items: Sequence[PlanItem | Reframe], library: Library) -> list[dict]:
    """Due items as JSON-ready objects with kind, id, title, due and interval."""
    return [
        {
            "kind": item_kind(item),
            "id": item.id,
            "title": item_title(item, library, limit=None),
            "due": item.schedule.due.isoformat() if item.schedule.due else None,
            "interval": item.schedule.interval,
        }
        for item in items
    ]


# ---------------------------------------------------------------- JSON


def render_json(data: Mapping) -> str:
    """The whole store (``Store.export_data()``) as stable, readable JSON text."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ---------------------------------------------------------------- Markdown

# Characters that start formatting anywhere in a line: emphasis, code, links,
# HTML and autolinks, GFM tables and strikethrough, and the backslash itself.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An ampersand only matters when it would start an entity such as &amp; or &#38;.
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What makes a line a heading, quote, list item, setext underline or thematic break.
_MD_LINE_START = re.compile(r"^([#>+\-=]|\d{1,9}(?=[.)]))")


def escape_markdown_line(line: str) -> str:
    """One line of user text, escaped so Markdown shows it literally."""
    line = _CONTROLS.sub("", line).strip()
    line = _MD_INLINE.sub(r"\\\1", line)
    line = _MD_ENTITY.sub(r"\\&", line)
    # "1. " must become "1\. ", the others get a backslash in front.
    match = _MD_LINE_START.match(line)
    if match:
        if match.group(1).isdigit():
            end = match.end()
            line = line[:end] + "\\" + line[end:]
        else:
            line = "\\" + line
    return line


def escape_markdown(text: str) -> str:
    """User text, escaped for Markdown, its line breaks kept as hard breaks and blank lines as paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = escape_markdown_line(raw)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    # A trailing backslash is CommonMark's hard line break.
    return "\n\n".join("\\\n".join(lines) for lines in paragraphs if lines)


def _labelled(label: str, text: str) -> str:
    return f"**{label}** {escape_markdown(text)}"


def _checkin_section(checkin: Checkin, library: Library) -> list[str]:
    lines = [f"### {long_date(checkin.day)}", ""]
    facts = [f"Mood {checkin.mood} of 5, insecurity {checkin.intensity} of 10."]
    if checkin.signs:
        names = ", ".join(sign_title(s, library) for s in checkin.signs)
        facts.append(f"Signs noticed: {escape_markdown_line(names)}.")
    if checkin.causes:
        names = ", ".join(cause_title(c, library) for c in checkin.causes)
        facts.append(f"Causes that felt active: {escape_markdown_line(names)}.")
    lines.append("\\\n".join(facts))
    if checkin.note.strip():
        lines += ["", _labelled("Note:", checkin.note)]
    if checkin.gratitude.strip():
        lines += ["", _labelled("Grateful for:", checkin.gratitude)]
    lines.append("")
    return lines


def _review_line(review: Review) -> str:
    text = f"- {long_date(review.day)}: {review.rating.label}"
    if review.belief is not None:
        text += f", belief {review.belief} of 100"
    if review.answer.strip():
        text += f". {escape_markdown(one_line(review.answer, None))}"
    return text


def _reframe_section(reframe: Reframe, reviews: Sequence[Review], library: Library) -> list[str]:
    heading = f"### Thought record of {long_date(reframe.day)}" if reframe.day else "### Thought record"
    lines = [heading, ""]
    fields: list[tuple[str, str]] = [
        ("Situation:", reframe.situation),
        ("The critic said:", reframe.critic),
        ("It sounds like:", reframe.voice),
    ]
    for label, value in fields:
        if value.strip():
            lines += [_labelled(label, value), ""]
    if reframe.cause_id:
        lines += [f"**Cause:** {escape_markdown_line(cause_title(reframe.cause_id, library))}", ""]
    if reframe.distortions:
        names = []
        for distortion_id in reframe.distortions:
            try:
                names.append(library.distortion(distortion_id).name)
            except KeyError:
                names.append(distortion_id)
        lines += [f"**Thinking traps:** {escape_markdown_line(', '.join(names))}", ""]
    if reframe.belief_before is not None:
        lines += [f"**Belief in the critic before:** {reframe.belief_before} of 100", ""]
    for label, value in (
        ("Evidence for:", reframe.evidence_for),
        ("Evidence against:", reframe.evidence_against),
        ("The reframe:", reframe.reframe),
    ):
        if value.strip():
            lines += [_labelled(label, value), ""]
    if reframe.belief_after is not None:
        lines += [f"**Belief in the critic after:** {reframe.belief_after} of 100", ""]
    if reviews:
        lines += ["Rehearsals:", ""]
        lines += [_review_line(review) for review in reviews]
        lines.append("")
    return lines


def _practice_section(item: PlanItem, reviews: Sequence[Review], library: Library) -> list[str]:
    name = escape_markdown_line(practice_name(item.practice_id, library))
    cause = escape_markdown_line(cause_title(item.cause_id, library))
    lines = [f"### {name} ({cause})", ""]
    if item.removed_at:
        status = "removed from the plan"
    elif item.paused:
        status = "paused"
    elif item.schedule.due:
        status = f"next on {long_date(item.schedule.due)}, every {item.schedule.interval} days"
    else:
        status = "in the plan"
    lines += [f"Adopted {long_date(item.adopted_on)}; {status}.", ""]
    if reviews:
        lines += [_review_line(review) for review in reviews]
        lines.append("")
    return lines


def render_markdown(
    *,
    checkins: Iterable[Checkin],
    reframes: Iterable[Reframe],
    plan: Iterable[PlanItem],
    reviews: Iterable[Review],
    library: Library,
    exported_on: date,
) -> str:
    """The journal as Markdown: check-ins by date, reframes with rehearsals, practice history."""
    by_item: dict[str, list[Review]] = {}
    for review in sorted(reviews, key=lambda r: (r.day, r.created_at)):
        by_item.setdefault(review.item_id, []).append(review)

    lines = [
        "# rootwork journal",
        "",
        f"Exported on {long_date(exported_on)}. Everything below is yours, in your own words.",
        "",
        "## Check-ins",
        "",
    ]
    checkin_list = sorted(checkins, key=lambda c: c.day)
    if not checkin_list:
        lines += ["No check-ins yet.", ""]
    for checkin in checkin_list:
        lines += _checkin_section(checkin, library)

    lines += ["## Reframes", ""]
    reframe_list = sorted(
        (r for r in reframes if not r.deleted_at),
        key=lambda r: (r.day or date.min, r.created_at),
    )
    if not reframe_list:
        lines += ["No reframes yet.", ""]
    for reframe in reframe_list:
        lines += _reframe_section(reframe, by_item.get(reframe.id, []), library)

    lines += ["## Practices", ""]
    plan_list = sorted(plan, key=lambda p: (p.adopted_on, p.created_at))
    if not plan_list:
        lines += ["No practices adopted yet.", ""]
    for item in plan_list:
        lines += _practice_section(item, by_item.get(item.id, []), library)

    return "\n".join(lines).rstrip("\n") + "\n"


# ---------------------------------------------------------------- iCalendar


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
) -> list[Revisit]:
    """Revisits shown on each of ``days`` days from ``start`` under the daily cap (``schedule.forecast``).

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
    )
    return [
        _revisit_for(live[item_id], day, library)
        for day in sorted(shown)
        for item_id in shown[day]
    ]


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

    stamp_utc = stamp.astimezone(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "rootwork")
    for revisit in revisits:
        start = datetime.combine(revisit.day, reminder_time)  # naive: floating local time
        event = Event()
        event.add("uid", revisit.uid)
        event.add("dtstamp", stamp_utc)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=REMINDER_MINUTES))
        event.add("summary", revisit.summary)
        if revisit.description:
            event.add("description", revisit.description)
        event.add("categories", ["rootwork"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", revisit.summary)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()

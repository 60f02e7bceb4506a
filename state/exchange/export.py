"""Render the journal for people and other programs: JSON, Markdown and iCalendar.

Everything here is a pure function over the store's data (domain dataclasses
or the ``export_data()`` dict) and the content library; reading the store,
the clock and the settings, and writing files, is the caller's job.

Choices worth knowing:

- Markdown is a journal to read: check-ins by date, then reframes, then the
  practice history, oldest first. The user's words are escaped wherever
  Markdown would read them as formatting, links or HTML, and line breaks are
  kept. Deleted reframes are left out (the JSON export keeps everything).
- The calendar is in ``state.exchange.export_ics`` (and imported here as before).
- Whatever the journal holds (an imported id, say), nothing these return
  carries a terminal control character (``state.records.export_words``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypedDict

from rootwork.content.model import Library

# The calendar export, long imported from here: named here explicitly (``X as X``) for those imports.
from rootwork.state.exchange.export_ics import FORECAST_DAYS as FORECAST_DAYS
from rootwork.state.exchange.export_ics import ICS_PRODID as ICS_PRODID
from rootwork.state.exchange.export_ics import REMINDER_MINUTES as REMINDER_MINUTES
from rootwork.state.exchange.export_ics import UID_DOMAIN as UID_DOMAIN
from rootwork.state.exchange.export_ics import Revisit as Revisit
from rootwork.state.exchange.export_ics import parse_reminder_time as parse_reminder_time
from rootwork.state.exchange.export_ics import render_ics as render_ics
from rootwork.state.exchange.export_ics import upcoming_revisits as upcoming_revisits
from rootwork.state.records.day_names import MONTH_ABBREVIATIONS
from rootwork.state.records.day_names import WEEKDAY_ABBREVIATIONS as WEEKDAY_ABBREVIATIONS

# Words shared with the calendar and the command line, imported from here too: named here explicitly.
from rootwork.state.records.export_words import ONE_LINE_MAX as ONE_LINE_MAX
from rootwork.state.records.export_words import cause_title as cause_title
from rootwork.state.records.export_words import item_kind as item_kind
from rootwork.state.records.export_words import item_title as item_title
from rootwork.state.records.export_words import json_text as json_text
from rootwork.state.records.export_words import long_date as long_date
from rootwork.state.records.export_words import one_line as one_line
from rootwork.state.records.export_words import plain as plain
from rootwork.state.records.export_words import practice_name as practice_name
from rootwork.state.records.export_words import sign_title as sign_title
from rootwork.state.records.model import Checkin, PlanItem, Reframe, Review

# ---------------------------------------------------------------- due list


def due_lines(items: Sequence[PlanItem | Reframe], library: Library, today: date) -> list[str]:
    """One line per due item: 'practice  Name the inherited critic', with '(since 3 Nov)' when overdue."""
    lines = []
    for item in items:
        due = item.schedule.due
        since = f"  (since {due.day} {MONTH_ABBREVIATIONS[due.month - 1]})" if due and due < today else ""
        lines.append(f"{item_kind(item):<9} {item_title(item, library)}{since}")
    return lines


class DueRecord(TypedDict):
    """One due item as ``due_records`` gives it (``rootwork due --json``)."""

    kind: str
    id: str
    title: str
    due: str | None
    interval: int


def due_records(items: Sequence[PlanItem | Reframe], library: Library) -> list[DueRecord]:
    """Due items as JSON-ready objects with kind, id, title, due and interval."""
    return [
        {
            "kind": item_kind(item),
            "id": one_line(item.id, None),
            "title": item_title(item, library, limit=None),
            "due": item.schedule.due.isoformat() if item.schedule.due else None,
            "interval": item.schedule.interval,
        }
        for item in items
    ]


# ---------------------------------------------------------------- JSON


def render_json(data: Mapping[str, Any]) -> str:
    """The whole store (``Store.export_data()``) as stable, readable JSON text."""
    return json_text(data, indent=2, sort_keys=True) + "\n"


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
    line = plain(line).replace("\n", " ").strip()
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


def _practice_section(item: PlanItem, reviews: Sequence[Review], library: Library, with_status: bool) -> list[str]:
    name = escape_markdown_line(practice_name(item.practice_id, library))
    cause = escape_markdown_line(cause_title(item.cause_id, library))
    lines = [f"### {name} ({cause})", ""]
    if not with_status:
        return [*lines, *(_review_line(review) for review in reviews), ""]
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


#: The sections of the Markdown journal, in order.
MARKDOWN_SECTIONS = ("checkins", "reframes", "practices")


def render_markdown(
    *,
    checkins: Iterable[Checkin],
    reframes: Iterable[Reframe],
    plan: Iterable[PlanItem],
    reviews: Iterable[Review],
    library: Library,
    exported_on: date,
    heading: Sequence[str] = (),
    sections: Collection[str] = MARKDOWN_SECTIONS,
    practice_status: bool = True,
) -> str:
    """The journal as Markdown: check-ins by date, reframes with rehearsals, practice history.

    ``heading`` (lines) replaces the export's title and first line; ``sections`` (of
    ``MARKDOWN_SECTIONS``) leaves the others out whole (a share to a therapist, say);
    without ``practice_status`` a practice shows only its reviews given (not when it was
    adopted, removed or is next due: days a share's range may not hold).
    """
    by_item: dict[str, list[Review]] = {}
    for review in sorted(reviews, key=lambda r: (r.day, r.created_at)):
        by_item.setdefault(review.item_id, []).append(review)

    lines = list(heading) or [
        "# rootwork journal",
        "",
        f"Exported on {long_date(exported_on)}. Everything below is yours, in your own words.",
        "",
    ]
    if "checkins" in sections:
        lines += ["## Check-ins", ""]
        checkin_list = sorted(checkins, key=lambda c: c.day)
        if not checkin_list:
            lines += ["No check-ins yet.", ""]
        for checkin in checkin_list:
            lines += _checkin_section(checkin, library)

    if "reframes" in sections:
        lines += ["## Reframes", ""]
        reframe_list = sorted(
            (r for r in reframes if not r.deleted_at),
            key=lambda r: (r.day or date.min, r.created_at),
        )
        if not reframe_list:
            lines += ["No reframes yet.", ""]
        for reframe in reframe_list:
            lines += _reframe_section(reframe, by_item.get(reframe.id, []), library)

    if "practices" in sections:
        lines += ["## Practices", ""]
        plan_list = sorted(plan, key=lambda p: (p.adopted_on, p.created_at))
        if not plan_list:
            lines += ["No practices adopted yet.", ""]
        for item in plan_list:
            lines += _practice_section(item, by_item.get(item.id, []), library, practice_status)

    return "\n".join(lines).rstrip("\n") + "\n"

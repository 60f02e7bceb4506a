"""A thought record as it reads on screen: its page (every field, the belief history, when it comes back) and its line in the list."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets.option_list import Option

from rootwork.content import Library
from rootwork.state.records.days import short_date
from rootwork.state.records.model import Reframe, Review, Schedule
from rootwork.state.records.reframes import belief_history, first_words, format_belief_history
from rootwork.state.records.schedule import explain
from rootwork.tui.text import MUTED, label_value, paragraphs, section
from rootwork.tui.widgets.list_entry import LineEntry

SNIPPET = 60


def snippet(text: str, width: int = SNIPPET) -> str:
    """The first line of ``text``, cut at a word to ``width`` characters."""
    return first_words(text, width)


def names_of(library: Library) -> dict[str, str]:
    """Cause and thinking-trap names by id, for search and display."""
    names = {c.id: c.title for c in library.causes}
    names.update({d.id: d.name for d in library.distortions})
    return names


def next_rehearsal(reframe: Reframe, reviews: list[Review], today: date) -> str:
    """When the record comes back, and why."""
    due = reframe.schedule.due
    if due is None:
        return "Not scheduled."
    rated = [r for r in reviews if r.item_id == reframe.id]
    if not rated:
        when = "today" if due <= today else f"on {short_date(due)}"
        return f"Due {when}: a new record is first rehearsed the day it is written."
    last = max(rated, key=lambda r: (r.day, r.created_at))
    before = Schedule(interval=last.interval_before, ease=last.ease_before)
    after = Schedule(interval=last.interval_after, ease=last.ease_after, due=last.due_after)
    why = explain(before, after, last.rating, last.day)
    if due <= today:
        return f"Due today. Last rehearsed {short_date(last.day)}: {why}."
    return f"Rehearsed {short_date(last.day)}: {why}."


def reframe_detail(reframe: Reframe, reviews: list[Review], library: Library, today: date) -> Content:
    """Every field of a record as plain text, the belief history and the next rehearsal."""
    names = names_of(library)
    written = short_date(reframe.day, with_year=True) if reframe.day else "an earlier day"
    parts: list[str | Content] = [Content.styled(f"Thought record of {written}", "bold")]
    if reframe.situation:
        parts.append(section("What happened", reframe.situation))
    parts.append(section("What the critic said", Content.styled(reframe.critic, "italic")))
    about = []
    if reframe.voice:
        about.append(label_value("Sounds like", reframe.voice))
    if reframe.cause_id:
        about.append(label_value("Root cause", names.get(reframe.cause_id, reframe.cause_id)))
    if reframe.distortions:
        about.append(label_value("Thinking traps", ", ".join(names.get(d, d) for d in reframe.distortions)))
    if about:
        parts.append(Content("\n").join(about))
    if reframe.evidence_for:
        parts.append(section("Evidence the critic is right", reframe.evidence_for))
    if reframe.evidence_against:
        parts.append(section("Evidence the critic is wrong", reframe.evidence_against))
    parts.append(section("Your reframe", Content.styled(reframe.reframe, "bold")))
    history = format_belief_history(belief_history(reframe, reviews))
    if history:
        parts.append(section("Belief in the critic", history))
    answers = [r for r in reviews if r.item_id == reframe.id and r.answer]
    if answers:
        latest = max(answers, key=lambda r: (r.day, r.created_at))
        parts.append(section(f"Your answer from memory on {short_date(latest.day)}", latest.answer))
    parts.append(section("Rehearsal", next_rehearsal(reframe, reviews, today)))
    return paragraphs(*parts)


def reframe_option(reframe: Reframe, library: Library) -> Option:
    """One line for the critic's words, a muted one for the day and cause."""
    names = names_of(library)
    about = short_date(reframe.day) if reframe.day else ""
    if reframe.cause_id:
        about += f" · {names.get(reframe.cause_id, reframe.cause_id)}"
    return Option(LineEntry.assemble(snippet(reframe.critic), "\n", (about, MUTED)), id=reframe.id)

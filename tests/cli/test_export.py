"""Rendering the journal: Markdown that shows user text literally, a calendar that reminds, JSON that reads back."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt

from rootwork.content import load_library
from rootwork.state.exchange.export import (
    Revisit,
    due_lines,
    due_records,
    escape_markdown,
    long_date,
    one_line,
    parse_reminder_time,
    render_ics,
    render_json,
    render_markdown,
    upcoming_revisits,
)
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule

TODAY = date(2026, 11, 25)
LIBRARY = load_library()
PRACTICE = LIBRARY.practices[0]
# CommonMark plus the GFM extensions a reader is likely to use (tables, ~~strike~~).
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def plan_item(item_id: str, due: date, *, paused: bool = False, removed: bool = False) -> PlanItem:
    return PlanItem(
        practice_id=PRACTICE.id,
        adopted_on=TODAY - timedelta(days=10),
        schedule=Schedule(interval=3, due=due),
        paused=paused,
        removed_at="2026-11-20T10:00:00+00:00" if removed else None,
        id=item_id,
    )


def reframe(item_id: str, due: date, critic: str = "I always get it wrong", **kwargs) -> Reframe:
    return Reframe(
        critic=critic,
        reframe="I got this one wrong and I learn from it",
        cause_id="perfectionism",
        day=TODAY - timedelta(days=5),
        schedule=Schedule(interval=2, due=due),
        id=item_id,
        **kwargs,
    )


def shown_text(markdown: str) -> str:
    """What a reader sees: the rendered HTML's text with line breaks as newlines."""
    rendered = MARKDOWN.render(markdown)
    allowed = {"p", "/p", "br /"}
    tags = set(re.findall(r"<([^>]*)>", rendered))
    assert tags <= allowed, f"user text became markup: {tags - allowed} in {rendered!r}"
    text = re.sub(r"<br />\n", "\n", rendered)
    text = re.sub(r"</p>\n<p>", "\n\n", text)
    text = re.sub(r"</?p>", "", text)
    return html.unescape(text).strip("\n")


def expected_text(text: str) -> str:
    """The user's text as the journal promises to show it: lines trimmed, blank runs as one paragraph break."""
    paragraphs, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return "\n\n".join("\n".join(p) for p in paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not a list\n+ nor this\n* nor this",
        "1. not numbered\n2) either",
        "---",
        "title\n===",
        "*not emphasis* and _not_ and **not**",
        "[not a link](http://example.com) ![no image](x.png)",
        "<b>not html</b> <script>alert(1)</script>",
        "`not code` ~~not struck~~",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "&amp; stays &amp; and &#38; too",
        "a backslash at the end \\",
        "    indented is not code",
        "line one\nline two\n\n\nnew paragraph",
        "<https://autolink.example>",
    ],
)
def test_markdown_shows_user_text_literally(text: str) -> None:
    assert shown_text(escape_markdown(text)) == expected_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 \n#>-+=*_`[]()<>!|~&;\\.:")), max_size=40))
def test_markdown_escaping_holds_for_any_mix_of_special_characters(text: str) -> None:
    assert shown_text(escape_markdown(text)) == expected_text(text)


def test_markdown_journal_has_checkins_by_date_reframes_and_practice_history() -> None:
    later = Checkin(
        TODAY, mood=4, intensity=3, signs=("self-doubt",), causes=("perfectionism",), note="*calm*", id="c2"
    )
    earlier = Checkin(TODAY - timedelta(days=1), mood=2, intensity=7, id="c1")
    item = plan_item("p1", TODAY)
    review = Review("practice", "p1", TODAY - timedelta(days=2), Rating.DID_IT, 1, 3, TODAY)
    gone = reframe("r2", TODAY, critic="deleted words", deleted_at="2026-11-24T10:00:00+00:00")
    text = render_markdown(
        checkins=[later, earlier],
        reframes=[reframe("r1", TODAY), gone],
        plan=[item],
        reviews=[review],
        library=LIBRARY,
        exported_on=TODAY,
    )
    assert text.index(f"### {long_date(earlier.day)}") < text.index(f"### {long_date(later.day)}")
    assert "Mood 4 of 5, insecurity 3 of 10." in text
    assert LIBRARY.sign("self-doubt").title in text
    assert r"\*calm\*" in text
    assert "I always get it wrong" in text
    assert "deleted words" not in text
    assert PRACTICE.name in text
    assert f"- {long_date(review.day)}: did it" in text
    # The whole document renders without any user text turning into markup.
    assert "<em>" not in MARKDOWN.render(text)


def test_ics_parses_and_every_event_has_an_alarm_at_the_reminder_time() -> None:
    items = [plan_item(f"p{n}", TODAY + timedelta(days=n)) for n in range(4)]
    items += [reframe("r1", TODAY + timedelta(days=1), critic="SECRET critic words")]
    revisits = upcoming_revisits(items, LIBRARY, TODAY)
    data = render_ics(revisits, reminder_time=time(7, 30), stamp=datetime(2026, 11, 25, 12, tzinfo=UTC))

    calendar = Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(items)
    for event in events:
        start = event.decoded("dtstart")
        assert start.time() == time(7, 30) and start.tzinfo is None  # floating local time
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1
        assert alarms[0]["action"] == "DISPLAY"
        assert alarms[0].decoded("trigger") == timedelta(0)
    uids = [str(event["uid"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert "r1-20261126@rootwork.local" in uids
    assert b"SECRET" not in data  # the critic's words stay off synced calendars and lock screens


def test_ics_uids_are_stable_across_exports() -> None:
    revisits = upcoming_revisits([plan_item("p1", TODAY)], LIBRARY, TODAY)
    first = render_ics(revisits, reminder_time=time(9), stamp=datetime(2026, 11, 25, tzinfo=UTC))
    second = render_ics(revisits, reminder_time=time(9), stamp=datetime(2026, 11, 26, tzinfo=UTC))
    uid = lambda data: [str(e["uid"]) for e in Calendar.from_ical(data).walk("VEVENT")]  # noqa: E731
    assert uid(first) == uid(second) == ["p1-20261125@rootwork.local"]


def test_revisits_respect_the_daily_cap_and_skip_paused_removed_and_deleted() -> None:
    due_today = [plan_item(f"p{n}", TODAY) for n in range(7)]
    resting = [
        plan_item("paused", TODAY, paused=True),
        plan_item("removed", TODAY, removed=True),
        reframe("deleted", TODAY, deleted_at="2026-11-24T10:00:00+00:00"),
    ]
    revisits = upcoming_revisits(due_today + resting, LIBRARY, TODAY, cap=5)
    per_day: dict[date, int] = {}
    for revisit in revisits:
        per_day[revisit.day] = per_day.get(revisit.day, 0) + 1
    assert per_day == {TODAY: 5, TODAY + timedelta(days=1): 2}
    assert not {"paused", "removed", "deleted"} & {r.item_id for r in revisits}


def test_revisits_stop_after_sixty_days() -> None:
    items = [plan_item("soon", TODAY + timedelta(days=59)), plan_item("later", TODAY + timedelta(days=60))]
    assert [r.item_id for r in upcoming_revisits(items, LIBRARY, TODAY)] == ["soon"]


def test_due_lines_name_practices_by_library_name_and_reframes_by_critic_words() -> None:
    items = [plan_item("p1", TODAY - timedelta(days=3)), reframe("r1", TODAY, critic="Nobody\nlikes \x1b[31mme")]
    lines = due_lines(items, LIBRARY, TODAY)
    assert lines[0].startswith("practice") and PRACTICE.name in lines[0] and "since 22 Nov" in lines[0]
    assert lines[1] == "reframe   Nobody likes me"  # the escape sequence goes whole
    records = due_records(items, LIBRARY)
    assert records[1] == {"kind": "reframe", "id": "r1", "title": "Nobody likes me", "due": "2026-11-25", "interval": 2}


def test_one_line_cuts_long_text_with_an_ellipsis() -> None:
    assert one_line("word " * 50, 20) == "word word word word…"


def test_json_is_stable_and_reads_back() -> None:
    data = {"schema_version": 1, "checkins": [{"note": "é [x]"}]}
    text = render_json(data)
    assert json.loads(text) == data
    assert text == render_json(json.loads(text))


@pytest.mark.parametrize("text, expected", [("09:00", time(9)), ("7:05", time(7, 5)), (" 23:59 ", time(23, 59))])
def test_reminder_time_parses(text: str, expected: time) -> None:
    assert parse_reminder_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9", "nine", "", "09:60"])
def test_reminder_time_rejects_what_is_not_a_time(text: str) -> None:
    with pytest.raises(ValueError):
        parse_reminder_time(text)


def test_revisit_uid_comes_from_item_id_and_day() -> None:
    assert Revisit(date(2026, 1, 2), "practice", "abc", "s", "d").uid == "abc-20260102@rootwork.local"

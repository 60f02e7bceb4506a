"""Thought-record logic without a screen: search, filters, evidence bank, form, draft, belief history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rootwork.state.records.errors import ValidationError
from rootwork.state.records.model import Rating, Reframe, Review, Schedule
from rootwork.state.records.reframes import (
    ReframeForm,
    RehearsalTally,
    belief_history,
    draft_day,
    draft_question,
    due_line,
    due_reframes,
    evidence_bank,
    evidence_pieces,
    filter_reframes,
    filtered_due_line,
    first_words,
    format_belief_history,
    matches,
    parse_belief,
)

TODAY = date(2026, 11, 25)


def record(id: str, day: date, **kw) -> Reframe:
    kw.setdefault("critic", "You always get it wrong")
    kw.setdefault("reframe", "I get plenty right")
    return Reframe(id=id, day=day, created_at=f"{day.isoformat()}T10:00:00+00:00", **kw)


# --- search and filters -------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["situation", "critic", "voice", "evidence_for", "evidence_against", "reframe"])
def test_search_reaches_every_text_field(field):
    r = record("a", TODAY, **{field: "Sounded like MY Father at dinner"})
    assert matches(r, "my father")
    assert matches(r, "DINNER father")  # every word, any order
    assert not matches(r, "mother")


def test_search_is_literal_for_markup_emoji_and_rtl():
    r = record("a", TODAY, critic="[@click=app.quit]x[/] 👩‍👩‍👧", reframe="مرحبا")
    assert matches(r, "[/]")
    assert matches(r, "[@click=app.quit]")
    assert matches(r, "👩‍👩‍👧")
    assert matches(r, "مرحبا")
    assert not matches(r, "[b]")


def test_search_matches_cause_and_distortion_names_when_given():
    r = record("a", TODAY, cause_id="perfectionism", distortions=("labelling",))
    names = {"perfectionism": "Perfectionism", "labelling": "Labelling"}
    assert matches(r, "perfection", names)
    assert matches(r, "label", names)
    assert not matches(r, "perfection")


def test_filters_combine_and_leave_out_deleted():
    a = record("a", TODAY, cause_id="bullying", distortions=("labelling",))
    b = record("b", TODAY, cause_id="bullying", distortions=("mind-reading",), situation="school")
    c = record("c", TODAY, cause_id="perfectionism", distortions=("labelling",))
    gone = record("d", TODAY, cause_id="bullying", deleted_at="2026-11-25T10:00:00+00:00")
    rows = [a, b, c, gone]
    assert [r.id for r in filter_reframes(rows)] == ["a", "b", "c"]
    assert [r.id for r in filter_reframes(rows, cause_id="bullying")] == ["a", "b"]
    assert [r.id for r in filter_reframes(rows, distortion_id="labelling")] == ["a", "c"]
    assert [r.id for r in filter_reframes(rows, cause_id="bullying", distortion_id="labelling")] == ["a"]
    assert [r.id for r in filter_reframes(rows, query="SCHOOL")] == ["b"]


# --- evidence bank ------------------------------------------------------------------------------


def test_evidence_bank_newest_first_deduplicated_by_cause_or_distortion():
    old = record(
        "old", date(2026, 11, 1), cause_id="bullying", evidence_against="- Friends call me\nI finished the course"
    )
    mid = record("mid", date(2026, 11, 10), distortions=("labelling",), evidence_against="  friends   CALL me ")
    new = record("new", date(2026, 11, 20), cause_id="bullying", evidence_against="My boss thanked me")
    other = record("other", date(2026, 11, 21), cause_id="perfectionism", evidence_against="Unrelated")
    deleted = record(
        "del", date(2026, 11, 22), cause_id="bullying", evidence_against="Gone", deleted_at="2026-11-22T10:00:00+00:00"
    )
    rows = [old, other, mid, deleted, new]  # order given does not matter
    bank = evidence_bank(rows, "bullying", ["labelling"])
    assert bank == ["My boss thanked me", "friends   CALL me", "I finished the course"]


def test_evidence_bank_needs_a_shared_cause_or_distortion_and_skips_the_record_edited():
    a = record("a", TODAY, cause_id="bullying", evidence_against="kind words")
    assert evidence_bank([a], None, []) == []
    assert evidence_bank([a], "perfectionism", ["labelling"]) == []
    assert evidence_bank([a], "bullying", [], exclude_id="a") == []


def test_evidence_pieces_are_lines_without_list_markers():
    assert evidence_pieces("1. one\n\n  * two \n• three\n-not a marker") == ["one", "two", "three", "-not a marker"]


# --- beliefs and the form -----------------------------------------------------------------------


def test_parse_belief():
    assert parse_belief("") is None
    assert parse_belief(" 0 ") == 0
    assert parse_belief("100") == 100
    with pytest.raises(ValidationError, match="0 to 100; 150 is out of range"):
        parse_belief("150", "belief_before")
    with pytest.raises(ValidationError, match="whole number"):
        parse_belief("-5")
    with pytest.raises(ValidationError):
        parse_belief("٣")  # Arabic-Indic digit: decimal to Python, but not what we store


def test_form_names_missing_critic_and_reframe_and_bad_beliefs():
    problems = ReframeForm(belief_after="101").problems()
    assert [p.field for p in problems] == ["critic", "reframe", "belief_after"]  # the order on screen
    with pytest.raises(ValidationError) as caught:
        ReframeForm(critic="   ", reframe="x").to_reframe()
    assert caught.value.field == "critic"


def test_form_names_text_over_the_store_limits_first_in_field_order():
    problems = ReframeForm(critic="x" * 10_001, reframe="y", voice="v" * 201).problems()
    assert [p.field for p in problems] == ["critic", "voice"]
    assert problems[0].message == "The critic's words: 10,001 characters. At most 10,000 can be kept."
    assert ReframeForm(critic=" " + "x" * 10_000 + " \n", reframe="y").problems() == []  # blanks around are trimmed


def test_form_round_trips_a_record_and_keeps_its_identity():
    saved = record(
        "abc",
        TODAY,
        situation="[/]",
        voice="my father",
        cause_id="bullying",
        distortions=("labelling", "mind-reading"),
        belief_before=80,
        belief_after=30,
        evidence_for="f",
        evidence_against="a",
        schedule=Schedule(interval=8, due=TODAY),
    )
    form = ReframeForm.from_reframe(saved)
    assert form.editing_id == "abc" and form.belief_before == "80"
    assert form.to_reframe(saved) == saved
    changed = ReframeForm(**{**form.__dict__, "reframe": "new words"}).to_reframe(saved)
    assert changed.reframe == "new words" and changed.schedule == saved.schedule and changed.id == "abc"


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(
    situation=text,
    critic=text,
    voice=text,
    reframe=text,
    before=text,
    after=text,
    cause=st.one_of(st.none(), st.sampled_from(["bullying", "neglect"])),
    distortions=st.lists(st.sampled_from(["labelling", "mind-reading", "catastrophising"]), unique=True),
)
def test_draft_survives_json_exactly(situation, critic, voice, reframe, before, after, cause, distortions):
    form = ReframeForm(
        situation=situation,
        critic=critic,
        voice=voice,
        reframe=reframe,
        belief_before=before,
        belief_after=after,
        cause_id=cause,
        distortions=tuple(distortions),
        editing_id="x",
    )
    data = json.loads(json.dumps(form.to_draft(TODAY)))
    assert ReframeForm.from_draft(data) == form
    assert draft_day(data) == TODAY


def test_malformed_draft_gives_what_it_can():
    form = ReframeForm.from_draft({"critic": "kept", "distortions": "oops", "belief_before": 5, "cause_id": ""})
    assert form == ReframeForm(critic="kept")
    assert draft_day({"day": "not a day"}) is None
    assert draft_question({"day": "2026-11-25"}) == "You have an unsaved thought record from 25 Nov. Continue it?"
    assert draft_question({}) == "You have an unsaved thought record. Continue it?"
    long_critic = "You never finish anything you start, and everyone can see it clearly\nsecond line"
    assert draft_question({"day": "2026-11-25", "situation": "work", "critic": long_critic}) == (
        "You have an unsaved thought record from 25 Nov. Continue it?\n\n"
        "“You never finish anything you start, and everyone can see…”"
    )
    assert first_words("short\nmore") == "short"
    assert first_words("x" * 80, 10) == "x" * 9 + "…"  # one long word is cut where it must be
    assert draft_question({"situation": " at work \n"}).endswith("\n\n“at work”")


def test_blank_form():
    assert ReframeForm(editing_id="x").is_blank()
    assert not ReframeForm(distortions=("labelling",)).is_blank()


# --- rehearsal ----------------------------------------------------------------------------------


def review(day: date, belief: int | None, item_id: str = "a") -> Review:
    return Review(
        "reframe", item_id, day, Rating.DID_IT, 1, 2, day, belief=belief, created_at=f"{day.isoformat()}T09:00:00+00:00"
    )


def test_belief_history_before_after_then_rehearsals_by_day():
    r = record("a", TODAY, belief_before=80, belief_after=40)
    reviews = [
        review(date(2026, 12, 5), 20),
        review(date(2026, 11, 27), 35),
        review(date(2026, 11, 28), None),
        review(date(2026, 11, 29), 99, item_id="other"),
    ]
    points = belief_history(r, reviews)
    assert [(p.label, p.value) for p in points] == [("before", 80), ("after", 40), ("27 Nov", 35), ("5 Dec", 20)]
    assert format_belief_history(points) == "80 before → 40 after → 35 on 27 Nov → 20 on 5 Dec"
    assert format_belief_history(belief_history(record("b", TODAY), [])) == ""


def test_due_reframes_oldest_due_first_capped_without_deleted():
    late = record("late", TODAY, schedule=Schedule(due=date(2026, 11, 20)))
    now = record("now", TODAY, schedule=Schedule(due=TODAY))
    later = record("later", TODAY, schedule=Schedule(due=date(2026, 11, 26)))
    gone = record("gone", TODAY, schedule=Schedule(due=date(2026, 11, 1)), deleted_at="x")
    assert [r.id for r in due_reframes([now, later, gone, late], TODAY, 5)] == ["late", "now"]
    assert [r.id for r in due_reframes([now, later, late], TODAY, 1)] == ["late"]


def test_words_say_what_was_done():
    assert due_line(0) == ""
    assert due_line(1) == "1 reframe to rehearse — press h"
    assert due_line(2) == "2 reframes to rehearse — press h"
    tally = RehearsalTally()
    assert tally.summary() == "Nothing to rehearse right now."
    tally.add(Rating.DID_IT)
    assert tally.summary() == "You rehearsed 1 reframe."
    tally.add(Rating.NOT_TODAY)
    tally.add(Rating.CAME_EASILY)
    assert tally.summary() == "You rehearsed 2 reframes and kept 1 for tomorrow."
    only_skips = RehearsalTally([Rating.NOT_TODAY])
    assert only_skips.summary() == "You kept 1 for tomorrow."


def test_filtered_due_line_counts_what_the_search_shows():
    assert filtered_due_line(1, 1) == "1 matching reframe to rehearse — press h"
    assert filtered_due_line(2, 5) == "2 matching reframes to rehearse (5 due in all) — press h"
    assert filtered_due_line(0, 3) == "3 reframes to rehearse, none of them matching the search or filters"
    assert filtered_due_line(0, 0) == ""

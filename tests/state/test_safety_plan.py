"""The safety plan's rules (``state.records.safety_plan``) and how it is written out (``state.exchange.safety_plan_text``)."""

from __future__ import annotations

from datetime import date

import pytest

from rootwork.content import load_library
from rootwork.state.exchange.safety_plan_text import NOT_FILLED, plan_lines, plan_markdown
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.safety_plan import (
    CRISIS_PART,
    PART_MAX,
    REVIEW_DAYS,
    SafetyPlan,
    clean_parts,
    offer_line,
    review_due_on,
    review_line,
    starting_parts,
)

LIBRARY = load_library()
TODAY = date(2026, 12, 7)
IDS = [part.id for part in LIBRARY.safety.plan_parts]


def test_the_plan_has_the_seven_parts_in_order_each_with_a_question():
    assert IDS == [
        "warning-signs",
        "calming-alone",
        "distractions",
        "people-to-ask",
        "professionals",
        "safer-surroundings",
        "reasons",
    ]
    assert all(part.title and part.prompt.endswith((".", "?")) for part in LIBRARY.safety.plan_parts)


def test_a_new_plan_starts_with_the_help_screens_crisis_lines_and_nothing_else():
    parts = starting_parts(LIBRARY)
    assert list(parts) == IDS
    assert parts[CRISIS_PART] == LIBRARY.safety.crisis_lines
    assert all(text == "" for part_id, text in parts.items() if part_id != CRISIS_PART)


def test_what_is_typed_is_kept_as_typed_but_terminal_controls():
    typed = {
        "warning-signs": "  I stop answering 📵\nI sleep late\x1b[31m red\x07  ",
        "reasons": "[bold]Mia[/bold] *and* # Ben",
    }
    parts = clean_parts(typed, LIBRARY)
    assert parts["warning-signs"] == "I stop answering 📵\nI sleep late red"
    assert parts["reasons"] == "[bold]Mia[/bold] *and* # Ben"  # markup is text
    assert list(parts) == IDS and parts["calming-alone"] == ""


def test_a_megabyte_in_one_part_is_kept_and_more_is_refused_with_a_sentence_naming_the_part():
    assert clean_parts({"reasons": "é" * 1_000_000}, LIBRARY)["reasons"] == "é" * 1_000_000
    with pytest.raises(ValidationError) as refused:
        clean_parts({"reasons": "x" * (PART_MAX + 1)}, LIBRARY)
    assert refused.value.field == "reasons"
    assert (
        refused.value.message
        == f"“My reasons to keep going” holds more than {PART_MAX:,} characters; shorten it to save."
    )
    assert clean_parts({"reasons": "x" * PART_MAX}, LIBRARY)["reasons"] == "x" * PART_MAX


def test_an_unknown_part_or_a_value_that_is_not_text_is_refused():
    with pytest.raises(ValidationError, match="no part called 'warnings'"):
        clean_parts({"warnings": "x"}, LIBRARY)
    with pytest.raises(ValidationError, match="must be text"):
        clean_parts({"reasons": 7}, LIBRARY)


def test_a_plan_comes_back_for_review_ninety_days_after_it_was_looked_over():
    plan = SafetyPlan({"reasons": "my sister"}, reviewed_on=TODAY)
    assert REVIEW_DAYS == 90
    assert review_due_on(plan) == date(2027, 3, 7)
    assert review_due_on(SafetyPlan({}, reviewed_on=TODAY)) is None  # nothing written: nothing to read again
    assert review_due_on(None) is None


def test_the_printed_plan_shows_every_part_and_what_is_still_to_write():
    plan = SafetyPlan({"warning-signs": "I stop answering\n\nI sleep late", "reasons": "Mia"}, reviewed_on=TODAY)
    lines = plan_lines(plan, LIBRARY, TODAY)
    assert lines[0] == "My safety plan"
    assert lines[1] == "Last looked over on Mon 7 Dec 2026; it comes back for a read-through on Sun 7 Mar 2027."
    assert lines[2:7] == ["", "My warning signs", "  I stop answering", "", "  I sleep late"]
    assert lines.count(f"  {NOT_FILLED}") == 5
    later = plan_lines(plan, LIBRARY, date(2027, 3, 7))
    assert later[1].endswith("it is time to read it through again.")


def test_a_hostile_plan_is_printed_literally_without_controls_and_escaped_in_markdown():
    # As a sync tool or an import could bring it: never cleaned on the way in.
    plan = SafetyPlan(
        {"reasons": "# not a heading\n[link](http://x) *no* \x1b]0;title\x07<b>", "calming-alone": "x" * 1_000_000}
    )
    text = "\n".join(plan_lines(plan, LIBRARY, TODAY))
    assert "\x1b" not in text and "\x07" not in text
    assert "  # not a heading" in text and "[link](http://x) *no* <b>" in text
    assert len(text) > 1_000_000  # shown whole, never cut
    markdown = plan_markdown(plan, LIBRARY, TODAY)
    assert "\x1b" not in markdown
    assert "\\# not a heading" in markdown and "\\[link\\]" in markdown and "\\*no\\*" in markdown
    assert markdown.startswith("# My safety plan\n")
    assert markdown.count("\n## ") == 7


def test_today_offers_the_plan_at_nine_or_ten_or_on_a_marked_warning_sign_and_not_otherwise():
    plan = SafetyPlan(parts={"reasons": "tea"}, warning_signs=("self-doubt",))
    assert offer_line(8, ("comparing",), plan) == ""
    assert offer_line(None, (), plan) == ""
    assert offer_line(9, (), plan) == offer_line(10, (), plan) == offer_line(2, ("self-doubt",), plan)
    assert offer_line(9, (), plan) == "Today sounds hard. Press ! for your safety plan, whenever you want it."
    assert "to write a safety plan" in offer_line(9, (), None)  # no plan yet: writing one is the offer
    assert offer_line(2, ("self-doubt",), None) == ""  # no plan, no signs marked
    assert "Press F9 for" in offer_line(9, (), plan, key="F9")


def test_the_review_line_names_no_part_and_gives_the_way_in():
    assert review_line() == "Your safety plan is due a read-through (it comes back every 90 days): press !."

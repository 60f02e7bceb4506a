"""The three-way merge of a record's fields (``state.merge_fields``): pure, no store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rootwork.state.errors import SaveConflict
from rootwork.state.merge_fields import CHECKIN_FIELDS, REFRAME_FIELDS, Conflict, merge_fields, merge_or_raise
from rootwork.state.model import Checkin, Reframe

DAY = date(2026, 11, 25)
BASE = Checkin(day=DAY, mood=3, intensity=5, signs=("comparing",), causes=("perfectionism",),
               note="before", gratitude="tea", id="a" * 32, rev=1)


def test_fields_the_user_did_not_touch_take_the_stored_value() -> None:
    theirs = replace(BASE, note="from the shell", rev=2)
    mine = replace(BASE, mood=4)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert merged["note"] == "from the shell"
    assert merged["mood"] == 4


def test_fields_only_the_user_changed_are_kept() -> None:
    theirs = replace(BASE, rev=2)
    mine = replace(BASE, note="mine", intensity=2)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert (merged["note"], merged["intensity"]) == ("mine", 2)


def test_a_field_both_changed_differently_is_a_conflict_holding_the_saved_value() -> None:
    theirs = replace(BASE, note="from the shell", mood=1)
    mine = replace(BASE, note="from the form", mood=5)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == [Conflict("mood", 5, 1), Conflict("note", "from the form", "from the shell")]
    assert merged["note"] == "from the shell" and merged["mood"] == 1


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    theirs = replace(BASE, note="same", mood=4)
    mine = replace(BASE, note="same", mood=4)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert (merged["note"], merged["mood"]) == ("same", 4)


def test_tick_lists_merge_by_id_and_lists_equal_tuples() -> None:
    base = replace(BASE, signs=("a", "b"), causes=["x"])  # a list as read from JSON is the same as a tuple
    mine = replace(BASE, signs=("a", "b", "c"), causes=("x",))  # ticked c
    theirs = replace(BASE, signs=("b", "d"), causes=["x"])  # unticked a, ticked d
    merged, conflicts = merge_fields(base, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert merged["signs"] == ("b", "d", "c")
    assert merged["causes"] == ("x",)
    # The user unticking one the other side kept, while the other side ticked another.
    merged, _ = merge_fields(base, replace(base, signs=("a",)), replace(base, signs=("a", "b", "e")),
                             CHECKIN_FIELDS)
    assert merged["signs"] == ("a", "e")


def test_no_base_means_every_field_starts_blank() -> None:
    theirs = replace(BASE, note="from the shell", gratitude="")
    mine = Checkin(day=DAY, mood=3, intensity=5, gratitude="sun")
    merged, conflicts = merge_fields(None, mine, theirs, CHECKIN_FIELDS)
    assert merged["note"] == "from the shell"  # the form left it blank
    assert merged["gratitude"] == "sun"
    assert merged["signs"] == ("comparing",)
    assert conflicts == []  # mood and intensity were chosen the same on both sides


def test_reframe_fields_and_merge_or_raise() -> None:
    base = Reframe(critic="c", reframe="r", belief_before=80, distortions=("labelling",), id="b" * 32, rev=3)
    theirs = replace(base, evidence_for="new evidence", rev=4)
    merged = merge_or_raise(base, replace(base, belief_before=60), theirs, REFRAME_FIELDS)
    assert (merged.evidence_for, merged.belief_before, merged.rev) == ("new evidence", 60, 4)
    with pytest.raises(SaveConflict) as caught:
        merge_or_raise(base, replace(base, reframe="mine"), replace(theirs, reframe="theirs"), REFRAME_FIELDS)
    assert caught.value.conflicts == [Conflict("reframe", "mine", "theirs")]
    assert caught.value.merged.evidence_for == "new evidence"
    assert caught.value.saved.reframe == "theirs"


def test_keep_both_joins_texts_with_a_blank_line_saved_first() -> None:
    assert Conflict("note", "mine", "theirs").both() == "theirs\n\nmine"
    assert Conflict("gratitude", "sun", "tea").both() == "tea; sun"
    assert Conflict("note", "mine", "").both() == "mine"
    assert Conflict("note", "a", "b").is_text and not Conflict("mood", 1, 2).is_text

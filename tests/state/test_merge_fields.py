"""A form's save merged by the one rule (``state.sync.merge_fields``): pure, no store.

Records are stamped as the store stamps them (``state.sync.causal.stamp``): the
stored version is an edit made after seeing what the form loaded.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from rootwork.state.records.convert import (
    checkin_from_doc,
    checkin_to_doc,
    reframe_from_doc,
    reframe_to_doc,
)
from rootwork.state.records.errors import SaveConflict
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.sync.causal import merge_versions, open_fields, stamp
from rootwork.state.sync.merge_fields import CHECKIN_FIELDS, REFRAME_FIELDS, Conflict
from rootwork.state.sync.merge_fields import merge_fields as merge_any
from rootwork.state.sync.merge_fields import merge_or_raise as raise_any

DAY = date(2026, 11, 25)
HERE, SHELL = "a" * 32, "b" * 32
CONVERT = {Checkin: (checkin_to_doc, checkin_from_doc), Reframe: (reframe_to_doc, reframe_from_doc)}


def saved(record, old=None, writer: str = HERE):
    """``record`` as the store saves it: stamped on ``old``'s clock (a new record without ``old``)."""
    to_doc, from_doc = CONVERT[type(record)]
    before = None if old is None else {**to_doc(old), "clock": old.clock}
    stamped = {**to_doc(record), "created_at": "2026-11-25T08:00:00Z", "updated_at": "2026-11-25T08:00:00Z"}
    return from_doc(stamp(before, stamped, writer))


def merge_fields(base, mine, theirs, fields):
    return merge_any(base, mine, theirs, fields, to_doc=CONVERT[type(mine)][0])


def merge_or_raise(base, mine, theirs, fields):
    return raise_any(base, mine, theirs, fields, to_doc=CONVERT[type(mine)][0])


BASE = saved(
    Checkin(
        day=DAY,
        mood=3,
        intensity=5,
        signs=("comparing",),
        causes=("perfectionism",),
        note="before",
        gratitude="tea",
        id="a" * 32,
        rev=1,
    )
)


def test_fields_the_user_did_not_touch_take_the_stored_value() -> None:
    theirs = saved(replace(BASE, note="from the shell", rev=2), BASE, SHELL)
    mine = replace(BASE, mood=4)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert merged["note"] == "from the shell"
    assert merged["mood"] == 4


def test_fields_only_the_user_changed_are_kept() -> None:
    theirs = saved(replace(BASE, rev=2), BASE, SHELL)
    mine = replace(BASE, note="mine", intensity=2)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert (merged["note"], merged["intensity"]) == ("mine", 2)


def test_a_field_both_changed_differently_is_a_conflict_holding_the_saved_value() -> None:
    theirs = saved(replace(BASE, note="from the shell", mood=1), BASE, SHELL)
    mine = replace(BASE, note="from the form", mood=5)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == [Conflict("mood", 5, 1), Conflict("note", "from the form", "from the shell")]
    assert merged["note"] == "from the shell" and merged["mood"] == 1


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    theirs = saved(replace(BASE, note="same", mood=4), BASE, SHELL)
    mine = replace(BASE, note="same", mood=4)
    merged, conflicts = merge_fields(BASE, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert (merged["note"], merged["mood"]) == ("same", 4)


def test_tick_lists_merge_by_id_and_lists_equal_tuples() -> None:
    base = replace(BASE, signs=("a", "b"), causes=["x"])  # a list as read from JSON is the same as a tuple
    mine = replace(BASE, signs=("a", "b", "c"), causes=("x",))  # ticked c
    theirs = saved(replace(BASE, signs=("b", "d"), causes=["x"]), BASE, SHELL)  # unticked a, ticked d
    merged, conflicts = merge_fields(base, mine, theirs, CHECKIN_FIELDS)
    assert conflicts == []
    assert merged["signs"] == ("b", "d", "c")
    assert merged["causes"] == ("x",)
    # The user unticking one the other side kept, while the other side ticked another.
    merged, _ = merge_fields(
        base, replace(base, signs=("a",)), saved(replace(base, signs=("a", "b", "e")), base, SHELL), CHECKIN_FIELDS
    )
    assert merged["signs"] == ("a", "e")


def test_no_base_means_every_field_starts_blank() -> None:
    theirs = saved(replace(BASE, note="from the shell", gratitude=""))  # a new record: the form loaded none
    mine = Checkin(day=DAY, mood=3, intensity=5, gratitude="sun")
    merged, conflicts = merge_fields(None, mine, theirs, CHECKIN_FIELDS)
    assert merged["note"] == "from the shell"  # the form left it blank
    assert merged["gratitude"] == "sun"
    assert merged["signs"] == ("comparing",)
    assert conflicts == []  # mood and intensity were chosen the same on both sides


def test_reframe_fields_and_merge_or_raise() -> None:
    base = saved(Reframe(critic="c", reframe="r", belief_before=80, distortions=("labelling",), id="b" * 32, rev=3))
    theirs = saved(replace(base, evidence_for="new evidence", rev=4), base, SHELL)
    merged = merge_or_raise(base, replace(base, belief_before=60), theirs, REFRAME_FIELDS)
    assert (merged.evidence_for, merged.belief_before, merged.rev) == ("new evidence", 60, 4)
    with pytest.raises(SaveConflict) as caught:
        merge_or_raise(
            base, replace(base, reframe="mine"), saved(replace(theirs, reframe="theirs"), theirs, SHELL), REFRAME_FIELDS
        )
    assert caught.value.conflicts == [Conflict("reframe", "mine", "theirs")]
    assert caught.value.merged.evidence_for == "new evidence"
    assert caught.value.saved.reframe == "theirs"


def test_keep_both_joins_texts_with_a_blank_line_saved_first() -> None:
    assert Conflict("note", "mine", "theirs").both() == "theirs\n\nmine"
    assert Conflict("gratitude", "sun", "tea").both() == "tea; sun"
    assert Conflict("note", "mine", "").both() == "mine"
    assert Conflict("note", "a", "b").is_text and not Conflict("mood", 1, 2).is_text


def test_an_edit_saved_after_the_form_loaded_by_this_same_opening_still_merges() -> None:
    """One writer's two saves: the second (the form's, from an older base) never hides the first's change."""
    theirs = saved(replace(BASE, note="saved meanwhile"), BASE, HERE)
    merged, conflicts = merge_fields(BASE, replace(BASE, mood=1), theirs, CHECKIN_FIELDS)
    assert (merged["mood"], merged["note"], conflicts) == (1, "saved meanwhile", [])


def test_a_value_kept_aside_by_a_sync_is_not_the_forms_conflict() -> None:
    """The stored version already keeps a value aside (two machines): the form's unrelated edit raises nothing."""
    laptop, desk = (
        saved(replace(BASE, note="from the laptop"), BASE, "c" * 32),
        saved(replace(BASE, note="desk"), BASE, SHELL),
    )
    both = checkin_from_doc(
        merge_versions({**checkin_to_doc(laptop), "clock": laptop.clock}, {**checkin_to_doc(desk), "clock": desk.clock})
    )
    assert open_fields({"clock": both.clock}) == {"note": ["desk" if both.note != "desk" else "from the laptop"]}
    merged, conflicts = merge_fields(BASE, replace(BASE, mood=1), both, CHECKIN_FIELDS)
    assert conflicts == [] and merged["mood"] == 1 and merged["note"] == both.note

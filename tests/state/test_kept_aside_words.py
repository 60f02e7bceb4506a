"""Answers kept aside in words: field names, values, the record, whose each value is, what a choice keeps."""

from __future__ import annotations

import pytest

from rootwork.content import load_library
from rootwork.state.records.field_words import field_name, is_empty, reframe_value, value_words
from rootwork.state.sync.kept_aside import KeptAside, chosen_value
from rootwork.state.sync.kept_aside_words import (
    NOTHING_KEPT_ASIDE,
    can_keep_both,
    kept_notice,
    record_name,
    sides,
    who_wrote,
)

HERE = "a" * 32
LAPTOP = HERE[:16] + "1" * 16  # a writer of this machine (another opening of the journal)
DESKTOP = "b" * 32
PHONE = "c" * 32
LIBRARY = load_library()


def kept(
    field: str = "note",
    shown: object = "desktop's",
    shown_by: str = DESKTOP,
    aside: tuple = (("laptop's", LAPTOP),),
    table: str = "checkins",
    record_words: str = "check-in 2026-11-25",
) -> KeptAside:
    return KeptAside(
        key=f"0123456789ab-{field}",
        table=table,
        record_id="0123456789abcdef",
        field=field,
        shown=shown,
        shown_by=shown_by,
        aside=aside,
        record_words=record_words,
    )


def test_yours_is_what_keeping_mine_writes_whichever_is_shown() -> None:
    item = kept()
    two = sides(item, HERE)
    assert (two.mine, two.theirs, two.mine_here, two.more) == ("laptop's", "desktop's", True, 0)
    assert two.mine == chosen_value(item, "mine", HERE) and two.theirs == chosen_value(item, "theirs", HERE)
    assert two.titles() == ("Yours (this machine)", "The other machine's, shown now")
    assert sides(kept(shown="laptop's", shown_by=LAPTOP, aside=(("desktop's", DESKTOP),)), HERE).titles() == (
        "Yours (this machine), shown now",
        "The other machine's",
    )
    assert [two.words(k) for k in ("mine", "theirs", "both")] == ["yours", "the other machine's", "both"]


def test_two_other_machines_are_the_one_shown_and_the_one_kept_aside() -> None:
    two = sides(kept(aside=(("phone's", PHONE), ("third", PHONE))), HERE)
    assert (two.mine, two.theirs, two.mine_here, two.more) == ("desktop's", "phone's", False, 1)
    assert two.titles() == ("Shown now (another machine)", "Kept aside (another machine)")
    assert two.words("theirs") == "the one kept aside"


def test_both_only_for_texts_a_person_wrote_and_tick_lists() -> None:
    assert can_keep_both(kept())
    assert can_keep_both(kept("critic", table="reframes", record_words="thought record"))
    assert not can_keep_both(kept("mood", shown=2, aside=((5, LAPTOP),)))
    # A cause is stored as text, but it is one choice from a list: never two joined.
    assert not can_keep_both(
        kept(
            "cause_id",
            shown="comparison",
            aside=(("perfectionism", LAPTOP),),
            table="reframes",
            record_words="thought record",
        )
    )
    assert not can_keep_both(kept("day", shown="2026-11-25", aside=(("2026-11-24", LAPTOP),)))
    # Tick lists: every item ticked on either side.
    signs = kept("signs", shown=["self-doubt"], aside=((["comparing"], LAPTOP),))
    assert can_keep_both(signs) and chosen_value(signs, "both", HERE) == ["self-doubt", "comparing"]


def test_fields_are_called_as_the_forms_call_them() -> None:
    assert field_name("checkins", "note") == "Note"
    assert field_name("checkins", "intensity") == "How insecure"
    assert field_name("reframes", "critic") == "The critic's words"
    assert field_name("reframes", "evidence_for") == "Evidence for"
    assert field_name("reframes", "distortions") == "Thinking traps"
    assert field_name("plan", "paused") == "Paused"
    assert field_name("plan", "something_new") == "something new"


@pytest.mark.parametrize(
    ("table", "field", "value", "words"),
    [
        ("checkins", "mood", 4, "4 (good)"),
        ("checkins", "intensity", 10, "10 (overwhelming)"),
        ("checkins", "note", "", "(empty)"),
        ("checkins", "note", None, "(empty)"),
        ("checkins", "signs", [], "(none)"),
        ("reframes", "belief_after", 35, "35 of 100"),
        ("reframes", "day", "2026-11-25", "Wed 25 Nov 2026"),
        ("reframes", "day", "not a day", "not a day"),
        ("plan", "paused", True, "paused"),
        ("checkins", "note", "[b]not markup[/b]", "[b]not markup[/b]"),
    ],
)
def test_values_read_as_words(table: str, field: str, value: object, words: str) -> None:
    assert value_words(table, field, value, LIBRARY) == words


def test_library_ids_read_as_their_names_and_as_ids_without_a_library() -> None:
    sign, cause = LIBRARY.signs[0], LIBRARY.causes[0]
    assert value_words("reframes", "cause_id", cause.id, LIBRARY) == cause.title
    assert value_words("checkins", "causes", [cause.id, "gone"], LIBRARY) == f"{cause.title}, gone"
    assert value_words("checkins", "causes", [cause.id], None) == cause.id
    assert value_words("checkins", "signs", [sign.id], LIBRARY) == sign.title
    assert reframe_value(LIBRARY, "cause_id", None) == "Not sure / none"
    assert reframe_value(LIBRARY, "cause_id", cause.id) == cause.title
    assert is_empty("") and is_empty([]) and not is_empty(0)


def test_records_are_named_as_people_read_them() -> None:
    assert record_name(kept()) == "check-in of Wed 25 Nov 2026"
    practice = LIBRARY.causes[0].practices[0]
    item = kept("paused", shown=True, aside=((False, LAPTOP),), table="plan", record_words=f"practice {practice.id}")
    assert record_name(item, LIBRARY) == f"practice {practice.name}"
    reframe = kept("critic", table="reframes", record_words="thought record")
    assert record_name(reframe) == "thought record"
    assert record_name(reframe, LIBRARY, "You   always\nfail at everything you try, every single time") == (
        "thought record “You always fail at everything you…”"
    )


def test_who_wrote_and_what_was_kept() -> None:
    assert who_wrote(LAPTOP, HERE) == "this machine" and who_wrote(DESKTOP, HERE) == "another machine"
    item = kept()
    assert kept_notice(item, "theirs", sides(item, HERE), record_name(item)) == (
        "Kept the other machine's: Note, check-in of Wed 25 Nov 2026."
    )
    assert NOTHING_KEPT_ASIDE.startswith("Nothing is kept aside")

"""Answers typed one line at a time (``state.records.line_answers``): kept, read, or refused in one line."""

from __future__ import annotations

import pytest

from rootwork.state.records.line_answers import BadAnswer, pick_list, rating, shown_list, whole_number
from rootwork.state.records.model import Rating

SIGNS = [("self-doubt", "Self-doubt"), ("comparing", "Comparing"), ("people-pleasing", "People-pleasing")]


def test_a_scale_keeps_the_current_answer_on_enter_and_refuses_what_is_out_of_range() -> None:
    assert whole_number("", 1, 5, 3) == 3 and whole_number(" 4 ", 1, 5, 3) == 4
    with pytest.raises(BadAnswer, match="outside 1 to 5"):
        whole_number("6", 1, 5, None)
    with pytest.raises(BadAnswer, match="whole number from 1 to 5"):
        whole_number("four", 1, 5, None)


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("", ("comparing",)),
        ("1, 3", ("self-doubt", "people-pleasing")),
        ("SELF-DOUBT, comp", ("self-doubt", "comparing")),
        ("2, comparing", ("comparing",)),
        ("none", ()),
        ("-", ()),
    ],
)
def test_a_list_takes_numbers_names_or_ids(typed: str, chosen: tuple) -> None:
    assert pick_list(typed, SIGNS, ("comparing",)) == chosen


@pytest.mark.parametrize(("typed", "said"), [("4", "no number 4"), ("zz", "Nothing is called"), ("p", None)])
def test_a_list_refuses_what_names_nothing_or_more_than_one(typed: str, said: str | None) -> None:
    if said is None:  # "p" starts People-pleasing only
        assert pick_list(typed, SIGNS, ()) == ("people-pleasing",)
        with pytest.raises(BadAnswer, match="more than one"):
            pick_list("s", [("self-doubt", "Self-doubt"), ("shame", "Shame")], ())
        return
    with pytest.raises(BadAnswer, match=said):
        pick_list(typed, SIGNS, ())


def test_a_list_reads_back_in_words_and_a_rating_as_the_apps_keys() -> None:
    assert shown_list(("comparing", "gone"), SIGNS) == "Comparing, gone" and shown_list((), SIGNS) == "none"
    assert rating("3") is Rating.DID_IT and rating(" S ") is Rating.NOT_TODAY
    with pytest.raises(BadAnswer, match="Type 1"):
        rating("5")


def test_what_was_typed_is_said_back_without_terminal_controls() -> None:
    with pytest.raises(BadAnswer) as refused:
        pick_list("self\x1b]52;c;Zm9v\x07", SIGNS, ())
    assert "\x1b" not in str(refused.value) and "\x07" not in str(refused.value)
    with pytest.raises(BadAnswer, match="no number"):
        pick_list("9" * 5000, SIGNS, ())
    with pytest.raises(BadAnswer, match="Nothing is called"):
        pick_list("²", SIGNS, ())

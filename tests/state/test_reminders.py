"""What a reminder says (state.records.reminders): fixed words made of counts, never a record's text."""

from __future__ import annotations

import inspect
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rootwork.state.records import reminders
from rootwork.state.records.reminders import LOCKED_LINE, reminder_lines


def test_due_and_not_checked_in_says_both() -> None:
    assert reminder_lines(3, False) == ("rootwork: 3 things are waiting", "rootwork: a minute for your check-in?")


def test_one_thing_is_said_in_the_singular() -> None:
    assert reminder_lines(1, True) == ("rootwork: 1 thing is waiting",)


def test_nothing_due_but_no_checkin_asks_for_a_minute() -> None:
    assert reminder_lines(0, False) == ("rootwork: a minute for your check-in?",)


def test_nothing_due_and_checked_in_says_nothing() -> None:
    assert reminder_lines(0, True) == ()


def test_the_locked_line_reveals_nothing() -> None:
    assert LOCKED_LINE == "rootwork: time for your daily check-in"


def test_it_takes_only_numbers_and_a_yes_or_no() -> None:
    hints = typing.get_type_hints(reminder_lines)
    assert hints == {"due_count": int, "checked_in": bool, "return": tuple[str, ...]}
    assert list(inspect.signature(reminder_lines).parameters) == ["due_count", "checked_in"]


@pytest.mark.parametrize(
    ("due_count", "checked_in"),
    [("my secret note", False), (2, "my secret note"), (2.0, True), (True, True), (2, 1), (None, False), ([1], True)],
)
def test_text_or_anything_else_is_refused(due_count: object, checked_in: object) -> None:
    with pytest.raises(TypeError):
        reminder_lines(due_count, checked_in)  # type: ignore[arg-type]


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        reminder_lines(-1, False)


FIXED = {
    "rootwork: 1 thing is waiting",
    "rootwork: a minute for your check-in?",
}


@given(st.integers(min_value=0, max_value=10**6), st.booleans())
def test_every_line_is_one_of_the_fixed_sentences(due_count: int, checked_in: bool) -> None:
    lines = reminder_lines(due_count, checked_in)
    for line in lines:
        assert line in FIXED or line == f"rootwork: {due_count} things are waiting"
    assert len(lines) == (due_count > 0) + (not checked_in)


def test_the_module_holds_no_io_and_no_textual() -> None:
    source = inspect.getsource(reminders)
    for word in ("import os", "open(", "subprocess", "textual", "print("):
        assert word not in source

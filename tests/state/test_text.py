"""clean_text: terminal controls go, everything a person types stays."""

from __future__ import annotations

import pytest

from rootwork.state.records.errors import StoreError
from rootwork.state.records.text import NOTE_MAX, ValidationError, clean_text


def clean(value: str, max_len: int = NOTE_MAX) -> str:
    return clean_text(value, max_len=max_len, field="note")


@pytest.mark.parametrize(
    "typed",
    [
        "[/]",
        "[@click=app.quit]x[/]",
        "[bold red]not markup[/bold red]",
        "👩\u200d👩\u200d👧 family",  # emoji joined with ZWJ
        "مرحبا بالعالم",  # Arabic, right to left
        "\u202eevil\u202c and \u2067isolate\u2069",  # bidi controls are text, shown literally
        "e\u0301 cafe\u0301",  # combining marks
        "tab\there\nnext line",
        "\u200b zero width space",
    ],
)
def test_text_people_type_is_kept_exactly(typed: str) -> None:
    assert clean(typed) == typed


@pytest.mark.parametrize(
    "hostile, expected",
    [
        ("a\x1b[31mred\x1b[0m", "ared"),  # CSI colour: no "[31m" left behind
        ("\x1b[2J\x1b[Hcleared", "cleared"),
        ("x\x1b]0;new title\x07y", "xy"),  # OSC ended by BEL
        ("\x1b]8;;https://e.test\x1b\\link\x1b]8;;\x1b\\", "link"),  # OSC 8 hyperlink ended by ST
        ("safe\x1b]0;never ends", "safe"),  # unterminated OSC: nothing of it survives
        ("x\x9b2Jy", "xy"),  # 8-bit CSI
        ("a\x00b\x07c\x08d\x7fe\x85f", "abcdef"),  # C0, DEL, C1
        ("\x1bc reset", "reset"),
        ("dangling\x1b", "dangling"),
        ("lone \ud800surrogate", "lone surrogate"),
    ],
)
def test_terminal_controls_are_removed_whole(hostile: str, expected: str) -> None:
    assert clean(hostile) == expected


def test_line_ends_become_newlines_and_ends_are_trimmed() -> None:
    assert clean("  one\r\ntwo\rthree\n  ") == "one\ntwo\nthree"


def test_too_long_says_how_long_and_the_limit_in_plain_words() -> None:
    with pytest.raises(ValidationError) as caught:
        clean("x" * 12_345, max_len=10_000)
    assert str(caught.value) == "The note is 12,345 characters; the limit is 10,000."
    assert caught.value.field == "note"
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, StoreError)


def test_the_limit_counts_what_is_left_after_cleaning() -> None:
    assert clean("\x1b[31m" + "x" * 10 + "\x1b[0m", max_len=10) == "x" * 10


def test_non_text_is_refused() -> None:
    with pytest.raises(ValidationError):
        clean_text(42, max_len=10, field="note")  # type: ignore[arg-type]

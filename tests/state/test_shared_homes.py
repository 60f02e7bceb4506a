"""The one home of names, scales and cutting text: each is right once, for every screen that uses it."""

from __future__ import annotations

from datetime import date

from rootwork.state.records.checkin_form import INTENSITY_RANGE, INTENSITY_WORDS, MOOD_RANGE, MOOD_WORDS, checkin_words
from rootwork.state.records.day_names import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES
from rootwork.state.records.model import Checkin
from rootwork.state.records.text import first_words, shorten


def test_names_are_fixed_english_whatever_the_locale():
    assert WEEKDAY_NAMES[date(2026, 11, 25).weekday()] == "Wednesday"
    assert WEEKDAY_ABBREVIATIONS == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert MONTH_NAMES[10] == "November" and MONTH_ABBREVIATIONS[8] == "Sep"


def test_every_point_of_each_scale_has_words():
    assert sorted(MOOD_WORDS) == list(range(MOOD_RANGE[0], MOOD_RANGE[1] + 1))
    assert sorted(INTENSITY_WORDS) == list(range(INTENSITY_RANGE[0], INTENSITY_RANGE[1] + 1))


def test_checkin_words_say_both_scales():
    checkin = Checkin(day=date(2026, 11, 25), mood=4, intensity=3)
    assert checkin_words(checkin) == "mood 4 (good), insecure 3 of 10 (a little)."


def test_shorten_cuts_with_an_ellipsis_only_when_needed():
    assert shorten("short", 10) == "short"
    assert shorten("a long name here", 8) == "a long…"
    assert shorten("a long name here", 8, trim=False) == "a long …"
    assert first_words("one two three four", 12) == "one two…"

"""Settings as typed in the form: parsed, refused with a plain message naming the field, saved all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rootwork.state.records.errors import ValidationError
from rootwork.state.records.settings import WEEKDAYS, save_settings, validate_settings
from rootwork.state.store import DEFAULT_SETTINGS, Store

from .conftest import FixedClock


def refusal(values: dict[str, str]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_settings(values)
    return caught.value


def test_typed_values_become_the_stored_ones() -> None:
    typed = {"day_start_hour": " 05 ", "daily_cap": "12", "first_weekday": "6", "reminder_time": "7:30"}
    assert validate_settings(typed) == {
        "day_start_hour": 5,
        "daily_cap": 12,
        "first_weekday": 6,
        "reminder_time": "07:30",
    }


def test_only_the_fields_given_are_checked() -> None:
    assert validate_settings({"daily_cap": "3"}) == {"daily_cap": 3}
    assert validate_settings({}) == {}


@pytest.mark.parametrize("hour", ["0", "4", "12"])
def test_a_day_may_start_from_midnight_to_noon(hour: str) -> None:
    assert validate_settings({"day_start_hour": hour}) == {"day_start_hour": int(hour)}


@pytest.mark.parametrize("typed", ["13", "23", "-1", "4.5", "+4", "1_0", "four", "", "٤"])
def test_a_day_start_outside_midnight_to_noon_is_refused_with_the_reason(typed: str) -> None:
    error = refusal({"day_start_hour": typed})
    assert error.field == "day_start_hour"
    assert error.message.startswith("The hour a day starts")
    assert "0 to 12" in error.message
    # Why a day does not start at midnight, in the words of the form.
    assert "01:30 belongs to the day before" in error.message


@pytest.mark.parametrize(("typed", "ok"), [("1", True), ("50", True), ("0", False), ("51", False), ("", False)])
def test_the_daily_cap_is_from_1_to_50(typed: str, ok: bool) -> None:
    if ok:
        assert validate_settings({"daily_cap": typed}) == {"daily_cap": int(typed)}
    else:
        error = refusal({"daily_cap": typed})
        assert error.field == "daily_cap"
        assert "items due a day" in error.message and "1 to 50" in error.message


def test_the_first_weekday_is_a_number_or_a_name() -> None:
    for number, name in enumerate(WEEKDAYS):
        assert validate_settings({"first_weekday": str(number)}) == {"first_weekday": number}
        assert validate_settings({"first_weekday": name.upper()}) == {"first_weekday": number}
    for typed in ("7", "Someday", "-1", ""):
        error = refusal({"first_weekday": typed})
        assert error.field == "first_weekday" and "Monday to Sunday" in error.message


@pytest.mark.parametrize(
    ("typed", "stored"), [("09:00", "09:00"), ("9:05", "09:05"), ("00:00", "00:00"), ("23:59", "23:59")]
)
def test_a_reminder_time_is_24_hour_hh_mm(typed: str, stored: str) -> None:
    assert validate_settings({"reminder_time": typed}) == {"reminder_time": stored}


@pytest.mark.parametrize("typed", ["24:00", "12:60", "9:5", "0905", "9am", "", "09:00:00"])
def test_a_reminder_time_that_is_not_a_time_of_day_is_refused(typed: str) -> None:
    error = refusal({"reminder_time": typed})
    assert error.field == "reminder_time"
    assert "HH:MM" in error.message and "24-hour" in error.message


def test_typed_text_is_echoed_short_and_without_controls() -> None:
    error = refusal({"daily_cap": "\x1b]0;owned\x07" + "9" * 500})
    assert "\x1b" not in error.message and "\x07" not in error.message
    assert "9" * 20 not in error.message


def test_an_unknown_setting_is_refused() -> None:
    assert refusal({"theme_colour": "red"}).field == "theme_colour"


def test_the_first_bad_field_is_the_one_named() -> None:
    error = refusal({"day_start_hour": "4", "daily_cap": "500", "reminder_time": "nope"})
    assert error.field == "daily_cap"


def test_saving_writes_only_what_changed_and_says_so(store: Store) -> None:
    changed = save_settings(store, {"day_start_hour": 4, "daily_cap": 8, "first_weekday": 6})
    assert changed == {"daily_cap": 8, "first_weekday": 6}
    assert store.setting("daily_cap") == 8 and store.setting("first_weekday") == 6
    assert save_settings(store, {"daily_cap": 8}) == {}


def test_a_refused_value_saves_nothing_at_all(store: Store) -> None:
    # The store accepts a day start up to 23 but not 30: the cap before it must not be kept either.
    with pytest.raises(ValidationError):
        save_settings(store, {"daily_cap": 9, "day_start_hour": 30})
    assert store.setting("daily_cap") == DEFAULT_SETTINGS["daily_cap"]
    assert store.setting("day_start_hour") == DEFAULT_SETTINGS["day_start_hour"]


def test_saved_settings_are_there_when_the_journal_is_opened_again(tmp_path: Path, clock: FixedClock) -> None:
    store = Store.open(tmp_path / "data", clock=clock)
    save_settings(store, validate_settings({"daily_cap": "3", "reminder_time": "20:15"}))
    again = Store.open(tmp_path / "data", clock=clock)
    assert again.setting("daily_cap") == 3 and again.setting("reminder_time") == "20:15"

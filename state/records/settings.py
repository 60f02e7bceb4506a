"""The settings a person can change, checked as typed and saved together.

``validate_settings`` turns what was typed in the settings form (text) into the
values the store keeps, or raises ``ValidationError`` with a plain sentence naming
the field. The form is stricter than the store: a day may start at any hour up to
noon only (the store accepts 0-23, so an import or an older file is still read).
``save_settings`` writes the changes in one store transaction: all or nothing.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from typing import Any, Protocol

from rootwork.state.records.day_names import WEEKDAY_NAMES
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.text import remove_controls, shorten

__all__ = [
    "DAILY_CAP_RANGE",
    "DAY_START_RANGE",
    "EDITABLE",
    "GENTLE_OFF",
    "GENTLE_RANGE",
    "WEEKDAYS",
    "SettingsStore",
    "save_settings",
    "validate_settings",
]

# The settings the form edits, in its order (the theme has Textual's own picker).
EDITABLE = ("day_start_hour", "daily_cap", "gentle_threshold", "first_weekday", "reminder_time")
# What the form accepts for the hour a day starts: up to noon. The store and days.py accept any hour (0-23),
# a wider rule for what is already saved (an import, an older file); see this module's docstring.
DAY_START_RANGE = (0, 12)
DAILY_CAP_RANGE = (1, 50)
# The check-in intensity from which a day is gentler (two items due at most), or "off" (stored as None).
GENTLE_RANGE = (1, 10)
GENTLE_OFF = "off"
WEEKDAYS = WEEKDAY_NAMES

# What each field is called in a message, starting a sentence.
FIELD_NAMES = {
    "day_start_hour": "The hour a day starts",
    "daily_cap": "The number of items due a day",
    "gentle_threshold": "The intensity for a lighter day",
    "first_weekday": "The first day of the week",
    "reminder_time": "The reminder time",
}
DAY_START_WHY = "A day starts at 04:00 by default, as in Anki: a check-in at 01:30 belongs to the day before."

_DIGITS = re.compile(r"\d{1,3}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
# Typed text is echoed in a message only when it is short enough to read at a glance.
_ECHO_MAX = 12


def validate_settings(values: dict[str, str]) -> dict[str, Any]:
    """The typed ``values`` (setting name -> text) as the values to store; ValidationError names the first bad field.

    Only the names given are checked and returned: day_start_hour (0-12),
    daily_cap (1-50), gentle_threshold (1-10, or "off" for None), first_weekday (0-6 or Monday..Sunday) and reminder_time
    (HH:MM, 24-hour; ``9:05`` becomes ``09:05``).
    """
    checks = {
        "day_start_hour": _day_start_hour,
        "daily_cap": _daily_cap,
        "gentle_threshold": _gentle_threshold,
        "first_weekday": _first_weekday,
        "reminder_time": _reminder_time,
    }
    result: dict[str, Any] = {}
    for key, typed in values.items():
        check = checks.get(key)
        if check is None:
            raise ValidationError(key, f"There is no setting called “{_echo(str(key))}” to change here.")
        text = typed.strip() if isinstance(typed, str) else ""
        result[key] = check(text)
    return result


class SettingsStore(Protocol):
    """The part of ``state.store.Store`` that ``save_settings`` uses (``state.records`` never imports the store)."""

    def transaction(self) -> AbstractContextManager[object]: ...

    def setting(self, key: str) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


def save_settings(store: SettingsStore, values: dict[str, Any]) -> dict[str, Any]:
    """Write the settings that differ from the store's, in one transaction; return those that changed.

    Run it on the app's writer thread. Nothing is written when any value is refused.
    """
    with store.transaction():
        changed = {key: value for key, value in values.items() if store.setting(key) != value}
        for key, value in changed.items():
            store.set_setting(key, value)
    return changed


def _echo(text: str) -> str:
    text = remove_controls(text)
    return shorten(text, _ECHO_MAX, trim=False)


def _whole(key: str, text: str, low: int, high: int, why: str = "") -> int:
    """``text`` as a whole number from ``low`` to ``high``, or a ValidationError saying so."""
    name = FIELD_NAMES[key]
    tail = f" {why}" if why else ""
    if not text:
        raise ValidationError(key, f"{name} is empty: please type a whole number from {low} to {high}.{tail}")
    # A plain digit run only: int() would also take "+4", "1_0" and other scripts' digits.
    if not (_DIGITS.fullmatch(text) and text.isascii()):
        raise ValidationError(key, f"{name} must be a whole number from {low} to {high}, not “{_echo(text)}”.{tail}")
    number = int(text)
    if not low <= number <= high:
        raise ValidationError(key, f"{name} must be from {low} to {high}; {number} is outside that.{tail}")
    return number


def _day_start_hour(text: str) -> int:
    return _whole("day_start_hour", text, *DAY_START_RANGE, why=DAY_START_WHY)


def _daily_cap(text: str) -> int:
    return _whole("daily_cap", text, *DAILY_CAP_RANGE)


def _gentle_threshold(text: str) -> int | None:
    if text.lower() == GENTLE_OFF:
        return None
    low, high = GENTLE_RANGE
    name = FIELD_NAMES["gentle_threshold"]
    if text and not (_DIGITS.fullmatch(text) and text.isascii()):
        raise ValidationError(
            "gentle_threshold", f"{name} must be a whole number from {low} to {high}, or off, not “{_echo(text)}”."
        )
    if not text:
        raise ValidationError(
            "gentle_threshold", f"{name} is empty: please type a number from {low} to {high}, or off."
        )
    return _whole("gentle_threshold", text, low, high, why="Or type off for no lighter days from a check-in.")


def _first_weekday(text: str) -> int:
    names = [day.lower() for day in WEEKDAYS]
    if text.lower() in names:
        return names.index(text.lower())
    if text.isascii() and text.isdigit() and int(text) < len(WEEKDAYS):
        return int(text)
    shown = f", not “{_echo(text)}”" if text else ""
    raise ValidationError("first_weekday", f"{FIELD_NAMES['first_weekday']} must be one of Monday to Sunday{shown}.")


def _reminder_time(text: str) -> str:
    match = _TIME.fullmatch(text) if text.isascii() else None
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        shown = f", not “{_echo(text)}”" if text else ""
        raise ValidationError(
            "reminder_time",
            f"{FIELD_NAMES['reminder_time']} must be a time of day as HH:MM on the 24-hour clock, "
            f"such as 09:00 or 18:30{shown}.",
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"

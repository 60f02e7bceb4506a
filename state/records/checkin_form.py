"""What the check-in form holds, read and checked without the widgets: its input, the day typed, the check-in to save.

Also the words the form shows for mood and intensity, and how a check-in's
fields read in the dialog shown when a save meets a change saved elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rootwork.state.records.days import parse_day
from rootwork.state.records.model import Checkin
from rootwork.state.records.week import day_label

# The one home of the scales' ranges and words: the form, Today and Month all read them here.
MOOD_RANGE = (1, 5)
INTENSITY_RANGE = (0, 10)
MOOD_WORDS = {1: "very low", 2: "low", 3: "okay", 4: "good", 5: "very good"}
INTENSITY_WORDS = {
    0: "not at all",
    **dict.fromkeys(range(1, 4), "a little"),
    **dict.fromkeys(range(4, 7), "moderate"),
    **dict.fromkeys(range(7, 10), "strong"),
    10: "overwhelming",
}

CONFLICT_LABELS = {"mood": "Mood", "intensity": "How insecure", "note": "Note", "gratitude": "Grateful for"}


def show_value(field: str, value: object) -> str:
    """A check-in field's value in words, for the conflict dialog."""
    words = {"mood": MOOD_WORDS, "intensity": INTENSITY_WORDS}.get(field)
    return f"{value} ({words[value]})" if words and value in words else str(value)


def checkin_words(checkin: Checkin) -> str:
    """A check-in's scales in words: 'mood 4 (good), insecure 3 of 10 (a little).'."""
    return (
        f"mood {checkin.mood} ({MOOD_WORDS.get(checkin.mood, '')}), "
        f"insecure {checkin.intensity} of {INTENSITY_RANGE[1]} ({INTENSITY_WORDS.get(checkin.intensity, '')})."
    )


# What each required field is called when it is missing, in the order of the form.
REQUIRED = (
    ("mood", "your mood ({}-{})".format(*MOOD_RANGE)),
    ("intensity", "how insecure you feel ({}-{})".format(*INTENSITY_RANGE)),
)


@dataclass(frozen=True)
class CheckinInput:
    """What the form holds, as typed: compared with what was loaded to know if anything would be lost."""

    mood: int | None = None
    intensity: int | None = None
    signs: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()
    note: str = ""
    gratitude: str = ""

    @classmethod
    def of(cls, checkin: Checkin | None) -> CheckinInput:
        """The form's input for a saved check-in (or the empty form)."""
        if checkin is None:
            return cls()
        return cls(
            mood=checkin.mood,
            intensity=checkin.intensity,
            signs=tuple(checkin.signs),
            causes=tuple(checkin.causes),
            note=checkin.note,
            gratitude=checkin.gratitude,
        )

    def missing(self) -> list[str]:
        """The names of required fields still empty, in form order."""
        return [name for name, _ in REQUIRED if getattr(self, name) is None]


def missing_message(missing: list[str]) -> str:
    """One plain sentence naming what is still needed: 'Still needed before saving: your mood (1-5).'"""
    words = dict(REQUIRED)
    return "Still needed before saving: " + " and ".join(words[name] for name in missing) + "."


def read_day(text: str, today: date) -> tuple[date | None, str]:
    """The day typed in the date field, or None with a plain reason (bad format, or a day still to come)."""
    try:
        day = parse_day(text)
    except ValueError:
        return None, f"“{text.strip()}” is not a date I can read; please use YYYY-MM-DD, e.g. {today.isoformat()}."
    if day > today:
        return None, f"{day_label(day)} hasn't come yet; a check-in can be for today or an earlier day."
    return day, ""


def build_checkin(
    day: date, typed: CheckinInput, saved: Checkin | None, keep: tuple[tuple[str, ...], tuple[str, ...]]
) -> Checkin:
    """The check-in to save: the typed input on ``day``, keeping the saved one's id and any ids the library no longer lists.

    ``keep`` is (signs, causes) that were stored but are not offered in the lists,
    so that saving never silently drops them.
    """
    assert typed.mood is not None and typed.intensity is not None
    signs = typed.signs + tuple(s for s in keep[0] if s not in typed.signs)
    causes = typed.causes + tuple(c for c in keep[1] if c not in typed.causes)
    fields: dict[str, Any] = dict(
        day=day,
        mood=typed.mood,
        intensity=typed.intensity,
        signs=signs,
        causes=causes,
        note=typed.note,
        gratitude=typed.gratitude,
    )
    if saved is not None and saved.day == day:
        return replace(saved, **fields)
    return Checkin(**fields)

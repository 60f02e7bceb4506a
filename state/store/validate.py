"""What may be saved: every check on user input before it reaches the journal.

Text is cleaned (``clean_text`` strips terminal control characters and caps the
length), numbers are checked against their range, ids are de-duplicated;
anything else raises ``ValidationError`` naming the field. Library ids must
have the shape the strict reader (``state.records.strict``) accepts, so nothing is
saved that would be hidden when the journal is next opened. An export file is
checked in ``incoming.py``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from rootwork.state.records import strict
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.records.safety_plan import PART_MAX, SafetyPlan
from rootwork.state.records.settings import GENTLE_RANGE
from rootwork.state.records.text import FIELD_MAX, NOTE_MAX, SHORT_MAX, clean_text
from rootwork.state.store.schema import DEFAULT_SETTINGS


def required_text(value: str, field_name: str) -> str:
    if not value:
        raise ValidationError(field_name, f"The {field_name} cannot be empty.")
    return value


def _whole(value: Any, low: int, high: int, field_name: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field_name, f"The {label} must be a whole number from {low} to {high}.")
    return value


def checked_belief(value: Any, field_name: str) -> int | None:
    if value is None:
        return None
    return _whole(value, 0, 100, field_name, "belief")


def _ids(values: Any, field_name: str) -> tuple[str, ...]:
    """Library ids (signs, causes, distortions), in order without repeats; each of the shape the reader accepts."""
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise ValidationError(field_name, f"The {field_name} must be a list.")
    cleaned = tuple(dict.fromkeys(v for v in (clean_text(v, max_len=SHORT_MAX, field=field_name) for v in values) if v))
    for value in cleaned:
        _content_id(value, field_name)
    return cleaned


def _content_id(value: str, field_name: str) -> str:
    if not strict.is_content_id(value):
        raise ValidationError(field_name, f"The {field_name} must be library ids like perfectionism.good-enough.")
    return value


def _valid_day(value: Any, field_name: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field_name, "The day must be a date.")
    return value


def valid_checkin(c: Checkin) -> Checkin:
    """Return ``c`` with clean text, or raise ValidationError."""
    return replace(
        c,
        day=_valid_day(c.day, "day"),
        mood=_whole(c.mood, 1, 5, "mood", "mood"),
        intensity=_whole(c.intensity, 0, 10, "intensity", "intensity"),
        signs=_ids(c.signs, "signs"),
        causes=_ids(c.causes, "causes"),
        note=clean_text(c.note, max_len=NOTE_MAX, field="note"),
        gratitude=clean_text(c.gratitude, max_len=NOTE_MAX, field="gratitude"),
    )


def valid_reframe(r: Reframe) -> Reframe:
    """Return ``r`` with clean text, or raise ValidationError."""
    cause_id = r.cause_id
    if cause_id is not None:
        cause_id = clean_text(cause_id, max_len=SHORT_MAX, field="cause") or None
        if cause_id is not None:
            _content_id(cause_id, "cause")
    return replace(
        r,
        critic=required_text(clean_text(r.critic, max_len=NOTE_MAX, field="critic's words"), "critic's words"),
        reframe=required_text(clean_text(r.reframe, max_len=NOTE_MAX, field="reframe"), "reframe"),
        situation=clean_text(r.situation, max_len=FIELD_MAX, field="situation"),
        voice=clean_text(r.voice, max_len=SHORT_MAX, field="voice"),
        cause_id=cause_id,
        distortions=_ids(r.distortions, "distortions"),
        belief_before=checked_belief(r.belief_before, "belief_before"),
        evidence_for=clean_text(r.evidence_for, max_len=FIELD_MAX, field="evidence for"),
        evidence_against=clean_text(r.evidence_against, max_len=FIELD_MAX, field="evidence against"),
        belief_after=checked_belief(r.belief_after, "belief_after"),
    )


def valid_safety_plan(p: SafetyPlan) -> SafetyPlan:
    """Return ``p`` with each part's text clean, or raise ValidationError; a part another version added is kept.

    The form checks its parts against the library first (``safety_plan.clean_parts``,
    which names a part by its title); this is the check every save and import makes.
    """
    parts: dict[str, str] = {}
    for part_id, text in p.parts.items():
        part_id = _content_id(part_id, "safety plan part")
        if not isinstance(text, str):
            raise ValidationError(part_id, f"The safety plan's part {part_id!r} must be text.")
        parts[part_id] = clean_text(text, max_len=PART_MAX, field=part_id)
    return replace(p, parts=parts, warning_signs=_ids(p.warning_signs, "warning signs"))


def check_setting(key: str, value: Any) -> Any:
    if key not in DEFAULT_SETTINGS:
        raise ValidationError(key, f"There is no setting called {key!r}.")
    if key == "day_start_hour":
        return _whole(value, 0, 23, key, "hour a day starts")
    if key == "daily_cap":
        return _whole(value, 1, 50, key, "number of items a day")
    if key == "gentle_threshold":
        return None if value is None else _whole(value, *GENTLE_RANGE, key, "intensity from which a day is lighter")
    if key == "first_weekday":
        return _whole(value, 0, 6, key, "first day of the week")
    text = clean_text(value, max_len=SHORT_MAX, field=key.replace("_", " "))
    if key == "reminder_time":
        hours, _, minutes = text.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60 and len(minutes) == 2):
            raise ValidationError(key, "The reminder time must look like 09:00.")
        return f"{int(hours):02d}:{minutes}"
    return required_text(text, key)

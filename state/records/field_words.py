"""What each answer of a record is called, and how its value reads, for a person choosing between two.

The save-conflict dialog (a form's save met another save) and the Kept aside
view (two machines changed one answer) show a field's name and its values
side by side; ``rootwork conflicts`` prints the values. They all take the words
from here, so a field reads the same wherever it is chosen. The names are the
forms' own (the check-in's and the thought-record editor's), shortened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rootwork.content import load_library
from rootwork.content.model import Library
from rootwork.state.records.checkin_form import CONFLICT_LABELS, show_value
from rootwork.state.records.export_words import cause_title, long_date, practice_name, sign_title
from rootwork.state.records.reframes import BELIEF_MAX
from rootwork.state.records.reframes import TEXT_FIELDS as REFRAME_TEXT_FIELDS
from rootwork.state.records.safety_plan import PART_PREFIX

__all__ = [
    "FIELD_NAMES",
    "REFRAME_LABELS",
    "TEXT_FIELDS",
    "TICK_FIELDS",
    "field_name",
    "is_empty",
    "reframe_value",
    "value_words",
]

#: What the thought-record editor calls each of its fields.
REFRAME_LABELS = {
    "situation": "What happened",
    "critic": "The critic's words",
    "voice": "Whose voice",
    "cause_id": "Root cause",
    "belief_before": "Belief before",
    "evidence_for": "Evidence for",
    "evidence_against": "Evidence against",
    "reframe": "Your reframe",
    "belief_after": "Belief after",
}

#: Each table's fields by the name a person knows them by (tables as the journal names them).
FIELD_NAMES: dict[str, dict[str, str]] = {
    "checkins": {**CONFLICT_LABELS, "signs": "Signs noticed", "causes": "Causes that felt active", "day": "Day"},
    "reframes": {**REFRAME_LABELS, "distortions": "Thinking traps", "day": "Day", "deleted_at": "Deleted"},
    "plan": {"practice_id": "Practice", "adopted_on": "Adopted on", "paused": "Paused", "removed_at": "Removed"},
    "safety": {
        "reviewed_on": "Looked over on",
        "warning_signs": "Signs that warn me",
        **{PART_PREFIX + part.id: part.title for part in load_library().safety.plan_parts},
    },
}

#: The fields a person writes in their own words: the only ones whose two values can both be kept.
TEXT_FIELDS: dict[str, frozenset[str]] = {
    "checkins": frozenset({"note", "gratitude"}),
    "reframes": frozenset(REFRAME_TEXT_FIELDS),
    "plan": frozenset(),
    "safety": frozenset(PART_PREFIX + part.id for part in load_library().safety.plan_parts),
}

#: The tick lists (sets of library ids): both sides' ticks can be kept together.
TICK_FIELDS: dict[str, frozenset[str]] = {
    "checkins": frozenset({"signs", "causes"}),
    "reframes": frozenset({"distortions"}),
    "plan": frozenset(),
    "safety": frozenset({"warning_signs"}),
}

_DATES = frozenset({"day", "adopted_on", "reviewed_on"})
_BELIEFS = frozenset({"belief_before", "belief_after"})


def field_name(table: str, field: str) -> str:
    """The name a person knows ``field`` of a ``table`` record by; the field itself when it has none."""
    return FIELD_NAMES.get(table, {}).get(field, field.replace("_", " "))


def is_empty(value: Any) -> bool:
    """True for an answer left blank: nothing, an empty text or an empty list."""
    return value is None or value == "" or value == [] or value == ()


def reframe_value(library: Library, field: str, value: Any) -> str:
    """A thought-record field's value in words (a cause by its title); '' when empty."""
    if field == "cause_id":
        return cause_title(value, library) if value else "Not sure / none"
    return "" if value is None else str(value)


def value_words(table: str, field: str, value: Any, library: Library | None = None) -> str:
    """``value`` of ``field`` as a person reads it: '4 (good)', sign and cause titles, 'Wed 25 Nov 2026'.

    Blank answers read '(empty)', empty lists '(none)'. Without a ``library``,
    causes, signs, thinking traps and practices are named by their ids.
    """
    if isinstance(value, (list, tuple)):
        named = _namer(field, library)
        return ", ".join(named(str(item)) for item in value) or "(none)"
    if value is None or value == "":
        return "(empty)"
    if table == "checkins" and field in {"mood", "intensity"}:
        return show_value(field, value)
    if field in _BELIEFS and isinstance(value, int):
        return f"{value} of {BELIEF_MAX}"
    if field == "paused" and isinstance(value, bool):
        return "paused" if value else "not paused"
    if field in _DATES and isinstance(value, str):
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return value
    if library is not None and field in {"cause_id", "practice_id"}:
        return _namer(field, library)(str(value))
    return str(value)


def _namer(field: str, library: Library | None) -> Callable[[str], str]:
    if library is None:
        return str
    if field in {"signs", "warning_signs"}:
        return lambda item: sign_title(item, library)
    if field in {"causes", "cause_id"}:
        return lambda item: cause_title(item, library)
    if field == "practice_id":
        return lambda item: practice_name(item, library)
    if field == "distortions":
        return lambda item: _distortion_name(item, library)
    return str


def _distortion_name(distortion_id: str, library: Library) -> str:
    try:
        return library.distortion(distortion_id).name
    except KeyError:
        return distortion_id

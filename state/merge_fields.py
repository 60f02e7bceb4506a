"""Three-way merge of one record's fields: what a form loaded, what it holds now, what is stored now.

A form saves from the copy it opened with; meanwhile the same record may have
been saved elsewhere (``rootwork checkin`` in a shell, another window). Field by
field, with ``base`` what the form loaded, ``mine`` what it holds now and
``theirs`` what is stored now:

- a field the user did not change takes the stored value (theirs);
- a field only the user changed takes the user's value (mine);
- a field both changed to the same value is that value;
- a field both changed to different values is a ``Conflict``.

Tick lists (signs, causes, thinking traps) hold sets of ids and merge by id:
what the user ticked is added to the stored list, what the user unticked is
taken out of it, so they never conflict.

A ``base`` of None means the form loaded nothing (a day with no check-in yet):
every field then starts from its blank value. Pure functions; no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from rootwork.state.errors import SaveConflict

#: The fields a check-in form edits, with their blank value (a tuple: a tick list).
CHECKIN_FIELDS: Mapping[str, Any] = {
    "mood": None,
    "intensity": None,
    "signs": (),
    "causes": (),
    "note": "",
    "gratitude": "",
}

#: The fields the thought-record editor edits, with their blank value.
REFRAME_FIELDS: Mapping[str, Any] = {
    "situation": "",
    "critic": "",
    "voice": "",
    "cause_id": None,
    "distortions": (),
    "belief_before": None,
    "evidence_for": "",
    "evidence_against": "",
    "reframe": "",
    "belief_after": None,
}

#: Text fields of one line: "keep both" joins them with this, not with a blank line.
ONE_LINE_FIELDS = frozenset({"gratitude", "voice"})


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed to different values: the user's and the one saved meanwhile."""

    field: str
    yours: Any
    saved: Any

    @property
    def is_text(self) -> bool:
        """True for a text field, where both texts can be kept."""
        return isinstance(self.yours, str) and isinstance(self.saved, str)

    def both(self) -> str:
        """The saved text and the user's, kept together (the saved one first, as it was written first)."""
        texts = [t for t in (str(self.saved).strip(), str(self.yours).strip()) if t]
        return ("; " if self.field in ONE_LINE_FIELDS else "\n\n").join(texts)


def _value(record: Any, name: str, blank: Any) -> Any:
    value = blank if record is None else getattr(record, name)
    return tuple(value) if isinstance(value, list) else value


def _merge_ids(base: tuple, mine: tuple, theirs: tuple) -> tuple:
    added = [x for x in mine if x not in base]
    removed = {x for x in base if x not in mine}
    kept = [x for x in theirs if x not in removed]
    return tuple(kept + [x for x in added if x not in kept])


def merge_fields(
    base: Any, mine: Any, theirs: Any, fields: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Conflict]]:
    """Merge ``fields`` of three records (``base`` may be None); return the merged values and the conflicts.

    A conflicting field holds the saved value (theirs) in the merged values.
    """
    merged: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name, blank in fields.items():
        b, m, t = (_value(record, name, blank) for record in (base, mine, theirs))
        if m == b or m == t:
            merged[name] = t
        elif t == b:
            merged[name] = m
        elif isinstance(blank, tuple):
            merged[name] = _merge_ids(b, m, t)
        else:
            merged[name] = t
            conflicts.append(Conflict(name, m, t))
    return merged, conflicts


def merge_or_raise(base: Any, mine: Any, theirs: Any, fields: Mapping[str, Any]) -> Any:
    """``theirs`` with the merged fields; raise ``SaveConflict`` (carrying the merged record) on a conflict."""
    values, conflicts = merge_fields(base, mine, theirs, fields)
    merged = replace(theirs, **values)
    if conflicts:
        raise SaveConflict(merged, conflicts, saved=theirs)
    return merged

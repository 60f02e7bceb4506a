"""A form's save merged by the one rule: what a form loaded, what it holds now, what is stored now.

A form saves from the copy it opened with; meanwhile the same record may have
been saved elsewhere (``rootwork checkin`` in a shell, a merged copy from
another machine). The form's changes are an edit made on the version it
loaded (stamped on that version's clock), merged with the stored version by
``state.sync.causal.merge_versions``, the rule every merge uses:

- a field the user did not change takes the stored value;
- a field only the user changed takes the user's value;
- a field both changed to the same value is that value;
- a field both changed to different values, neither having seen the other,
  is a ``Conflict``: the form asks (where a merge would keep one aside).

Tick lists (signs, causes, thinking traps) hold sets of ids: what the user
ticked is added to the stored list and what the user unticked is taken out
of it, an edit made on the stored list, so they never conflict.

A ``base`` of None means the form loaded nothing (a day with no check-in yet):
its edit is a new record's. Pure functions; no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from rootwork.state.records.convert import Doc, safety_plan_to_doc

# A conflict is what ``SaveConflict`` carries, so it is defined beside it; named here too, where it is made.
from rootwork.state.records.errors import ONE_LINE_FIELDS as ONE_LINE_FIELDS
from rootwork.state.records.errors import Conflict as Conflict
from rootwork.state.records.errors import SaveConflict
from rootwork.state.records.safety_plan import PART_PREFIX, SafetyPlan
from rootwork.state.sync.causal import Dot, merge_versions, open_candidates, stamp

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

#: Who makes a form's edit in the clock that decides its save: a writer of its own, never stored.
FORM_EDIT = "form-edit"


def _value(doc: Mapping[str, Any] | None, name: str, blank: Any) -> Any:
    value = blank if doc is None else doc.get(name, blank)
    return tuple(value) if isinstance(value, list) else value


def _merge_ids(base: tuple[Any, ...], mine: tuple[Any, ...], theirs: tuple[Any, ...]) -> tuple[Any, ...]:
    added = [x for x in mine if x not in base]
    removed = {x for x in base if x not in mine}
    kept = [x for x in theirs if x not in removed]
    return tuple(kept + [x for x in added if x not in kept])


def _as_stored(record: Any, to_doc: Callable[[Any], Doc]) -> Doc:
    doc = dict(to_doc(record))
    return {**doc, "clock": record.clock} if getattr(record, "clock", None) is not None else doc


def _aside(doc: Mapping[str, Any]) -> dict[str, set[tuple[str, Dot]]]:
    """Each field's values a person would choose among, with who wrote each (a value and its mark)."""
    return {name: {(repr(value), dot) for value, dot in items} for name, items in open_candidates(doc).items()}


def merge_fields(
    base: Any, mine: Any, theirs: Any, fields: Mapping[str, Any], *, to_doc: Callable[[Any], Doc]
) -> tuple[dict[str, Any], list[Conflict]]:
    """Merge ``fields`` of three records (``base`` may be None); return the merged values and the conflicts.

    ``to_doc`` is the records' converter. A conflicting field holds the saved
    value (theirs) in the merged values. The form's edit is dotted by
    ``FORM_EDIT``, a writer of its own: it saw only what the form loaded. It
    only decides; the save itself is stamped by the store, after seeing the
    stored version.
    """
    ticks = {name for name, blank in fields.items() if isinstance(blank, tuple)}
    stored = _as_stored(theirs, to_doc)
    written = _as_stored(mine, to_doc)
    loaded = None if base is None else _as_stored(base, to_doc)
    if loaded is None:
        edit = stamp(None, {**written, **{name: [] for name in ticks}}, FORM_EDIT)
    else:
        edit = stamp(loaded, {**loaded, **{name: written[name] for name in fields if name not in ticks}}, FORM_EDIT)
    merged = merge_versions(stored, edit)
    before, after = _aside(stored), _aside(merged)
    values: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name, blank in fields.items():
        b, m, t = (_value(doc, name, blank) for doc in (loaded, written, stored))
        if name in ticks:
            values[name] = _merge_ids(b, m, t)
        elif after.get(name, set()) - before.get(name, set()):  # a value newly kept aside: the two edits met
            values[name] = t
            conflicts.append(Conflict(name, m, t))
        else:
            value = merged.get(name, blank)
            values[name] = tuple(value) if isinstance(value, list) else value
    return values, conflicts


def merge_or_raise(
    base: Any, mine: Any, theirs: Any, fields: Mapping[str, Any], *, to_doc: Callable[[Any], Doc]
) -> Any:
    """``theirs`` with the merged fields; raise ``SaveConflict`` (carrying the merged record) on a conflict."""
    values, conflicts = merge_fields(base, mine, theirs, fields, to_doc=to_doc)
    merged = replace(theirs, **values)
    if conflicts:
        raise SaveConflict(merged, conflicts, saved=theirs)
    return merged


def merge_plan_or_raise(base: SafetyPlan | None, mine: SafetyPlan, theirs: SafetyPlan) -> SafetyPlan:
    """The safety plan's save merged part by part, as a form's save is (``merge_or_raise``): ``theirs`` with the
    merged parts; ``SaveConflict`` (its fields the parts' stored names) when a part was changed on both sides."""
    # The parts the form knew (loaded or written); one it leaves out is as it loaded it. A part only the
    # stored plan has (written elsewhere since) is simply kept: the form never saw it, so never changed it.
    loaded = dict(base.parts) if base else {}
    mine = replace(mine, parts={**loaded, **mine.parts})
    fields: dict[str, Any] = {PART_PREFIX + part_id: "" for part_id in mine.parts}
    fields["warning_signs"] = ()
    values, conflicts = merge_fields(base, mine, theirs, fields, to_doc=safety_plan_to_doc)
    signs = values.pop("warning_signs")
    parts = {**theirs.parts, **{name[len(PART_PREFIX) :]: value for name, value in values.items()}}
    merged = replace(theirs, parts=parts, warning_signs=signs)
    if conflicts:
        raise SaveConflict(merged, conflicts, saved=theirs)
    return merged

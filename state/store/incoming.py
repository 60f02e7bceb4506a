"""Reading an export before it is merged: the whole file refused, or each bad record skipped and named.

A file that is not an export at all (not an object, no schema version, a
newer schema, a table that is not a list) is refused whole with one
``ValidationError``. Inside a good file each record goes through the strict
reader (``state.records.convert`` over ``state.records.strict``) and the checks on what may be
saved (``validate.py``), and its clock (which edit saw which) is checked as
another machine's journal's is (``clean_record``, the one reader of both): a
record that fails is skipped, and ``Incoming.notes``
names it and says why ("Skipped practice review 4 of 20: ease is not a
number"). A file whose every record is bad is refused whole, since nothing in
it could be imported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from rootwork.state.records import strict
from rootwork.state.records.convert import CONVERTERS, SAFETY_PLAN_ID, Doc
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.text import NOTE_MAX, SHORT_MAX, clean_text
from rootwork.state.store.schema import JOURNAL_TABLES, SCHEMA_VERSION
from rootwork.state.store.validate import (
    checked_belief,
    required_text,
    valid_checkin,
    valid_reframe,
    valid_safety_plan,
)
from rootwork.state.sync.causal import CLOCKED, FIXED, Candidate, encode_clock, fields_of

VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "checkins": valid_checkin,
    "reframes": valid_reframe,
    "plan": lambda p: p,  # the reader already holds the practice id to a library id's shape
    "reviews": lambda r: replace(
        r,
        belief=checked_belief(r.belief, "belief"),
        answer=clean_text(r.answer, max_len=NOTE_MAX, field="answer"),
        item_id=required_text(clean_text(r.item_id, max_len=SHORT_MAX, field="item"), "item"),
    ),
    "safety": valid_safety_plan,
}


@dataclass
class Incoming:
    """An export's records that passed every check, as stored (``clean_record``), by table (and ``selfchecks``),
    and notes on those skipped."""

    tables: dict[str, list[Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def record_name(table: str, number: int, total: int, doc: Any) -> str:
    """How the summary names a record: by its day or practice when they can be read, else by position."""
    doc = doc if isinstance(doc, dict) else {}
    if table == "checkins":
        try:
            return f"check-in {strict.day(doc.get('day'), 'day').isoformat()}"
        except strict.BadValue:
            return f"check-in {number} of {total}"
    if table == "plan" and strict.is_content_id(doc.get("practice_id")):
        return f"practice {doc['practice_id']}"
    if table == "reviews":
        kind = {"practice": "practice review", "reframe": "reframe rehearsal"}.get(str(doc.get("item_kind")), "review")
        return f"{kind} {number} of {total}"
    if table == "safety":
        return "safety plan" if total == 1 else f"safety plan {number} of {total}"
    words = {"plan": "practice", "reframes": "thought record", "selfchecks": "self-check"}
    return f"{words.get(table, table)} {number} of {total}"


def reason(error: Exception) -> str:
    """A check's message as a clause: "The note is too long." -> "the note is too long"."""
    text = error.message if isinstance(error, ValidationError) else str(error)
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


def clean_record(table: str, doc: Any) -> Doc:
    """``doc`` of ``table`` through the strict reader and the checks on what may be saved, with its clock checked.

    What an export and another machine's journal hold are read alike. A
    record that fails raises ``ValueError`` (``BadValue``, ``ValidationError``),
    ``TypeError`` or ``KeyError``; ``reason`` says why as a clause.
    """
    if not isinstance(doc, Mapping):
        raise strict.BadValue("it is not an object")
    cleaned = _strict_record(table, doc)
    if table == "safety":  # there is one plan: one under another id (a hand edit) merges into it, never hides
        cleaned["id"] = SAFETY_PLAN_ID
    if "clock" in doc and table in CLOCKED:
        cleaned["clock"] = _clock(table, doc, cleaned)
    return cleaned


def _strict_record(table: str, doc: Mapping[str, Any]) -> Doc:
    to_doc, from_doc = CONVERTERS[table]
    return dict(to_doc(VALIDATORS[table](from_doc(doc))))


#: The highest count a clock may hold: far beyond any person's edits, far below where 64 bits overflow.
MAX_COUNT = 2**40


def _clock(table: str, doc: Mapping[str, Any], cleaned: Doc) -> dict[str, Any]:
    """``doc``'s clock, checked: machines of 32 hex digits, counts in 64 bits, dots for the record's fields,
    and every value kept aside one the record could hold (it is shown when a person chooses it)."""
    clock = doc["clock"]
    if (
        not isinstance(clock, Mapping)
        or not isinstance(clock.get("seen"), Mapping)
        or not isinstance(clock.get("dots"), (list, Mapping))
    ):
        raise strict.BadValue("clock is malformed")
    groups = clock["dots"]
    if isinstance(groups, Mapping):  # dots by field, as the first clocks were written: the same edits
        groups = [[*edit, [key]] if isinstance(edit, list) else edit for key, edit in groups.items()]
    fields = fields_of(cleaned)

    def dot(value: Any) -> tuple[str, int]:
        if not (isinstance(value, list) and len(value) == 2):
            raise strict.BadValue("clock has a malformed edit")
        return strict.doc_id(value[0], "clock"), strict.whole(value[1], "clock", 0, MAX_COUNT)

    seen = {
        strict.doc_id(machine, "clock"): strict.whole(n, "clock", 0, MAX_COUNT) for machine, n in clock["seen"].items()
    }
    dots: dict[str, tuple[str, int]] = {}
    for group in groups:
        if not (isinstance(group, list) and len(group) == 3 and isinstance(group[2], list)):
            raise strict.BadValue("clock has a malformed edit")
        edit = dot(group[:2])
        for key in group[2]:
            if not isinstance(key, str) or key in dots:
                raise strict.BadValue("clock names a field twice")
            if key in fields:  # a field this version does not know is left out, as the reader leaves it out
                dots[key] = edit
    kept: dict[str, list[Candidate]] = {}
    for key, values in (clock.get("open") or {}).items():
        if key not in fields or key in FIXED or not isinstance(values, list):
            raise strict.BadValue(f"clock keeps values aside for {key}, which cannot have any")
        kept[key] = []
        for item in values:
            if not (isinstance(item, list) and len(item) == 2):
                raise strict.BadValue("clock has a malformed value kept aside")
            value = _strict_record(table, {**cleaned, key: item[0]})[key]
            kept[key].append((value, dot(item[1])))
    absorbed = clock.get("absorbed") or []
    if not isinstance(absorbed, list):
        raise strict.BadValue("clock names rival records in a malformed way")
    return encode_clock(seen, dots, kept, [strict.doc_id(name, "clock") for name in absorbed])


def read_export(data: Any) -> Incoming:
    """Check an export; return its good records, cleaned, and a note on each record skipped."""
    if not isinstance(data, dict):
        raise ValidationError("file", "This file is not a rootwork export.")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValidationError("file", "This file is not a rootwork export.")
    if version > SCHEMA_VERSION:
        raise ValidationError(
            "file", "This export was made by a newer version of rootwork; update rootwork to import it."
        )
    for name in (*JOURNAL_TABLES, "meta"):
        if not isinstance(data.get(name, []), list):
            raise ValidationError("file", f"The {name} in this file are not a list.")
    incoming = Incoming()
    seen = 0
    for name in JOURNAL_TABLES:
        docs = data.get(name, [])
        seen += len(docs)
        incoming.tables[name] = []
        for number, doc in enumerate(docs, start=1):
            try:
                obj = clean_record(name, doc)
            except (ValueError, TypeError, KeyError) as error:  # ValidationError and BadValue are ValueErrors
                incoming.notes.append(f"Skipped {record_name(name, number, len(docs), doc)}: {reason(error)}.")
                continue
            incoming.tables[name].append(obj)
    checks = [d for d in data.get("meta", []) if isinstance(d, dict) and d.get("kind") == "selfcheck"]
    seen += len(checks)
    incoming.tables["selfchecks"] = []
    for number, doc in enumerate(checks, start=1):
        try:
            incoming.tables["selfchecks"].append(clean_selfcheck(doc))
        except ValueError as error:
            incoming.notes.append(f"Skipped {record_name('selfchecks', number, len(checks), doc)}: {reason(error)}.")
    incoming.tables["log"] = []
    for doc in data.get("meta", []):  # records kept whole in the conflict log: journal data like the rest
        if isinstance(doc, dict) and doc.get("kind") == "merge_conflict":
            try:
                table = doc.get("table")
                if table not in JOURNAL_TABLES:
                    raise strict.BadValue("a conflict-log entry names no table")
                incoming.tables["log"].append({**doc, "record": clean_record(table, doc.get("record"))})
            except (ValueError, TypeError, KeyError) as error:
                incoming.notes.append(f"Skipped an entry of the conflict log: {reason(error)}.")
    if seen and not any(incoming.tables.values()):
        raise ValidationError("file", f"Nothing in this file could be read. {incoming.notes[0]}")
    return incoming


def clean_selfcheck(doc: Doc) -> Doc:
    """A self-check result from an export, through the strict reader."""
    recognised = doc.get("recognised") or []
    scores = doc.get("scores") or {}
    if not isinstance(recognised, list):
        raise strict.BadValue("recognised is not a list")
    if not isinstance(scores, dict):
        raise strict.BadValue("scores is not an object")
    return {
        "id": strict.doc_id(doc.get("id")),
        "created_at": strict.stamp(doc.get("created_at"), "created_at"),
        "updated_at": strict.stamp(doc.get("updated_at"), "updated_at"),
        "kind": "selfcheck",
        "day": strict.day(doc.get("day"), "day").isoformat(),
        "recognised": list(dict.fromkeys(strict.content_id(v, "recognised") for v in recognised)),
        "scores": {strict.content_id(k, "scores"): strict.count(v, "a score") for k, v in scores.items()},
    }

"""Which edit was made after seeing which: a clock per record, a dot per field, and the one rule that merges them.

Every check-in, thought record and adopted practice carries a ``clock``::

    "clock": {"seen": {writer: n, ...},                     # each writer's edits this version has seen
              "dots": [[writer, n, [field, ...]], ...],       # the edit that wrote each field's value
              "open": {field: [[value, [writer, n]], ...]}}   # concurrent values kept aside (if any)

(The dots are grouped by edit on disk: most records were written by one or
two edits, so each writer's id is written once or twice, not once a field.)

A writer is this machine's id joined with a part new for each opening of the
journal (``machine.actor_for``); ``n`` counts that writer's edits of the
record. ``stamp`` (every save, in
``Store``) gives each field the save changed the save's dot;
``merge_versions`` merges two versions of one record field by field:

- a value whose dot the other side has seen (``seen`` covers it) and
  replaced is gone; a value neither side has seen the other replace stays;
- one value left: that is the field. Several (edits made without seeing each
  other): one is shown, chosen the same way on every machine (the higher
  dot), and the others are kept in ``open`` until a person chooses; equal
  values are one value;
- a delete (``deleted_at``, ``removed_at``) wins over a concurrent undo: it is
  undone only by an edit made after seeing it;
- what a record is about (``IDENTITY``: a practice's adoption day, say) is
  never kept aside: of concurrent values the earliest stays;
- a day something was last done (``LATEST``: the safety plan's last look-over)
  is never kept aside either: of concurrent values the latest stays.

Wall clocks never decide: ``updated_at`` only orders what is shown. Because a
version's candidates per field are exactly those no other version has seen
and replaced, the merge is commutative, associative and idempotent
(``tests/state/test_causal.py`` checks it with two and three machines). A
record written before clocks existed reads as written by ``ORIGIN`` at its
revision, so the older rule (the higher revision wins) holds between such
versions, and every later edit is dotted on top.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "BOOKKEEPING",
    "CLOCKED",
    "FIXED",
    "IDENTITY",
    "LATEST",
    "ORIGIN",
    "TOMBSTONES",
    "absorb",
    "clock_of",
    "encode_clock",
    "fields_of",
    "has_seen",
    "merge_versions",
    "open_candidates",
    "open_fields",
    "stamp",
]

#: The tables whose records carry clocks and are merged field by field.
CLOCKED = ("checkins", "reframes", "plan", "safety")
#: The machine of every edit made before records carried clocks.
ORIGIN = "0" * 32
#: What is not a field of its own: identity, times, the clock, and what is derived (the schedule).
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "rev", "clock", "schedule"})
#: Fields whose being set is a delete: set wins over a concurrent clear.
TOMBSTONES = frozenset({"deleted_at", "removed_at"})
#: What a record is about (its day, its practice, the day it was adopted): never two values kept, never a
#: choice for a person. Written differently without either seeing the other (a practice adopted on two
#: machines on different days), the earliest stays, the same on every machine.
IDENTITY = frozenset({"day", "practice_id", "adopted_on"})
#: The day something was last done (the safety plan looked over): written on two machines without either
#: seeing the other, the later day stays, the same on every machine, and nobody is asked to choose.
LATEST = frozenset({"reviewed_on"})
#: What a record's id is made from and never changes once it is made (a check-in's day, a practice): never a
#: second value, and one value written twice is one (``merge.py`` splits versions of one id that differ).
FIXED = frozenset({"day", "practice_id"})

#: The fields a rule decides between concurrent values: never a choice for a person.
RULED = TOMBSTONES | IDENTITY | LATEST

Dot = tuple[str, int]
Candidate = tuple[Any, Dot]
#: The dot of an answer left empty when its record was made: seen by everyone, so any value written replaces it.
NOTHING: Dot = (ORIGIN, 0)


def fields_of(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a record that are merged one by one."""
    return {key: value for key, value in doc.items() if key not in BOOKKEEPING}


def _rev(doc: Mapping[str, Any]) -> int:
    rev = doc.get("rev", 0)
    return rev if type(rev) is int and rev >= 0 else 0


def _expanded(dots: Any) -> dict[str, Any]:
    """``{field: [writer, n]}`` from the grouped form on disk (``[[writer, n, [field, ...]], ...]``)."""
    if isinstance(dots, Mapping):
        return dict(dots)
    found: dict[str, Any] = {}
    for group in dots if isinstance(dots, list) else ():
        if isinstance(group, list) and len(group) == 3 and isinstance(group[2], list):
            for key in group[2]:
                if isinstance(key, str):
                    found[key] = [group[0], group[1]]
    return found


def clock_of(doc: Mapping[str, Any]) -> dict[str, Any]:
    """``doc``'s clock, dots by field; for a record without one, every field written by ``ORIGIN`` at its revision."""
    clock = doc.get("clock")
    if (
        isinstance(clock, Mapping)
        and isinstance(clock.get("seen"), Mapping)
        and isinstance(clock.get("dots"), (Mapping, list))
    ):
        absorbed = clock.get("absorbed")
        return {
            "seen": dict(clock["seen"]),
            "dots": _expanded(clock["dots"]),
            "open": dict(clock.get("open") or {}),
            "absorbed": sorted(str(i) for i in absorbed) if isinstance(absorbed, list) else [],
        }
    rev = _rev(doc)
    return {"seen": {ORIGIN: rev}, "dots": {key: [ORIGIN, rev] for key in fields_of(doc)}, "open": {}, "absorbed": []}


def _dot(value: Any) -> Dot:
    if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], str) and type(value[1]) is int:
        return (value[0], value[1])
    return (ORIGIN, 0)


def encode_clock(
    seen: Mapping[str, int], dots: Mapping[str, Dot], open_: Mapping[str, list[Candidate]], absorbed: Iterable[str] = ()
) -> dict[str, Any]:
    """The clock as stored: writers sorted, dots grouped by edit, values kept aside only where there are some,
    and the ids of rival records a person merged into this one (``absorbed``, only where there are some)."""
    groups: dict[Dot, list[str]] = {}
    for key, dot in sorted(dots.items()):
        groups.setdefault((dot[0], dot[1]), []).append(key)
    clock: dict[str, Any] = {
        "seen": dict(sorted(seen.items())),
        "dots": [[dot[0], dot[1], keys] for dot, keys in sorted(groups.items())],
    }
    kept = {
        key: [[value, [dot[0], dot[1]]] for value, dot in values] for key, values in sorted(open_.items()) if values
    }
    if kept:
        clock["open"] = kept
    if absorbed:
        clock["absorbed"] = sorted(set(absorbed))
    return clock


def stamp(
    old: Mapping[str, Any] | None, new: Mapping[str, Any], actor: str, counter: int = 0, resolved: Iterable[str] = ()
) -> dict[str, Any]:
    """``new`` (the record as saved) with its clock: each field changed since ``old`` written by ``actor`` now.

    ``actor`` names who writes: this machine's id joined with a random part
    new for each opening of the journal (``Store``), so two machines sharing
    one ``machine-id`` (a folder copied whole) or a journal rolled back never
    make one dot mean two edits. The edit's dot is ``(actor, n)``, ``n`` one
    more than the actor's last edit the record has seen (or ``counter``, if
    higher). A save that changes no field leaves the clock as it was. A new
    record's empty answers (no note, no signs) get ``NOTHING``: a note written
    for the same day on another machine is then simply the note, not a choice.

    Values kept aside stay aside when the shown value is edited: only a
    person's choice settles them (``resolved``: the fields chosen).
    """
    chosen = set(resolved)
    before = fields_of(old) if old is not None else {}
    after = fields_of(new)
    base = clock_of(old) if old is not None else {"seen": {}, "dots": {}, "open": {}, "absorbed": []}
    changed = {key for key, value in after.items() if old is None or key not in before or before[key] != value}
    if old is not None and not changed and not chosen:
        return {
            **new,
            "clock": encode_clock(
                base["seen"],
                {k: _dot(v) for k, v in base["dots"].items()},
                {k: [(i[0], _dot(i[1])) for i in v] for k, v in base["open"].items()},
                base["absorbed"],
            ),
        }
    seen = dict(base["seen"])
    counter = max(counter, seen.get(actor, 0) + 1)
    seen[actor] = counter
    dots: dict[str, Dot] = {}
    open_: dict[str, list[Candidate]] = {}
    for key in after:
        written = key in changed or key in chosen
        if old is None and _unwritten(after[key]):  # a new record's empty answer is no answer: any other replaces it
            dots[key] = NOTHING
            continue
        dots[key] = (actor, counter) if written else _dot(base["dots"].get(key))
        if key not in chosen and base["open"].get(key):
            kept = [(item[0], _dot(item[1])) for item in base["open"][key]]
            if written:  # seen and replaced now: what only repeated the old value, or a rule decided
                old_value = _canonical(before.get(key))
                kept = [c for c in kept if key not in RULED and _canonical(c[0]) != old_value]
            if kept:
                open_[key] = kept
    return {**new, "clock": encode_clock(seen, dots, open_, base["absorbed"])}


def _unwritten(value: Any) -> bool:
    return value is None or value == "" or value == []


def _covered(seen: Mapping[str, int], dot: Dot) -> bool:
    return seen.get(dot[0], 0) >= dot[1]


def _candidates(doc: Mapping[str, Any], clock: Mapping[str, Any], key: str) -> list[Candidate]:
    shown = (doc.get(key), _dot(clock["dots"].get(key))) if key in doc else None
    kept = [
        (item[0], _dot(item[1])) for item in clock["open"].get(key) or () if isinstance(item, list) and len(item) == 2
    ]
    return ([shown] if shown is not None else []) + kept


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _rank(candidate: Candidate) -> tuple[int, str, str]:
    value, dot = candidate
    return (dot[1], dot[0], _canonical(value))


def merge_versions(x: Mapping[str, Any], y: Mapping[str, Any]) -> dict[str, Any]:
    """Two versions of one record merged field by field (see the module docstring).

    The schedule is derived, not merged: the caller recomputes it from the
    reviews (here one of the two is kept, the same whichever comes first).
    """
    if x is y or _canonical(x) == _canonical(y):
        return dict(x)
    cx, cy = clock_of(x), clock_of(y)
    seen = {m: max(cx["seen"].get(m, 0), cy["seen"].get(m, 0)) for m in {*cx["seen"], *cy["seen"]}}
    merged: dict[str, Any] = {}
    dots: dict[str, Dot] = {}
    open_: dict[str, list[Candidate]] = {}
    for key in sorted({*fields_of(x), *fields_of(y)}):
        ours, theirs = _candidates(x, cx, key), _candidates(y, cy, key)
        # An edit is known by its dot: a side that has seen it and no longer holds it replaced it. (Versions
        # from before clocks share ORIGIN dots at one revision with other values: both are kept, as concurrent.)
        their_dots, our_dots = {d for _v, d in theirs}, {d for _v, d in ours}
        alive = [c for c in ours if c[1] in their_dots or not _covered(cy["seen"], c[1])]
        alive += [
            c
            for c in theirs
            if not (c[1] in our_dots and (_canonical(c[0]), c[1]) in {(_canonical(v), d) for v, d in ours})
            and (c[1] in our_dots or not _covered(cx["seen"], c[1]))
        ]
        if not alive:  # cannot happen between well-formed clocks; keep the higher rather than lose both
            alive = [max([*ours, *theirs], key=_rank)]
        unique: dict[tuple[str, Dot] | str, Candidate] = {}
        for candidate in alive:  # (a value that never changes once made is one value, under its higher mark)
            mark = _canonical(candidate[0]) if key in FIXED else (_canonical(candidate[0]), candidate[1])
            if mark not in unique or _rank(candidate) > _rank(unique[mark]):
                unique[mark] = candidate
        values = sorted(unique.values(), key=_rank, reverse=True)
        if key in TOMBSTONES:  # a delete wins over a concurrent undo, and needs no choosing
            shown = next((c for c in values if c[0] is not None), values[0])
        elif key in IDENTITY:  # what the record is about: the earliest
            shown = min(values, key=lambda c: (c[0] is None, _canonical(c[0])))
        elif key in LATEST:  # the day something was last done: the latest
            shown = max(values, key=lambda c: (c[0] is not None, _canonical(c[0])))
        else:
            shown = values[0]
        merged[key], dots[key] = shown
        # Every other value no side has replaced stays, by its own mark, even one equal to the shown value or
        # decided by a rule: a third version that saw only one of them then merges alike in any grouping.
        # ``open_fields`` says which of them a person chooses among.
        rest = [c for c in values if c is not shown]
        if rest:
            open_[key] = rest
    result = {**y, **x, **merged}
    if "schedule" in x or "schedule" in y:  # derived: the caller recomputes it from the reviews; here, stably
        result["schedule"] = max((v for v in (x.get("schedule"), y.get("schedule")) if v is not None), key=_canonical)
    result["created_at"] = min(str(x.get("created_at", "")), str(y.get("created_at", ""))) or x.get("created_at")
    result["updated_at"] = max(str(x.get("updated_at", "")), str(y.get("updated_at", "")))
    result["rev"] = max(_rev(x), _rev(y))
    result["clock"] = encode_clock(seen, dots, open_, {*cx["absorbed"], *cy["absorbed"]})
    return result


def absorb(keeper: Mapping[str, Any], rival: Mapping[str, Any]) -> dict[str, Any]:
    """``keeper`` with a rival record of its day (practice) merged in, as a person's choice to make them one.

    The two were made apart (under two ids), so no clock relates them: each
    answer in which the rival differs is kept aside in the keeper, marked as
    written by the rival (its id stands for its writer), and the keeper's
    clock notes that it has seen all of the rival's edits, and the rival's id
    (``absorbed``): every merge then drops the rival, on every machine, unless
    an edit of it made later is not seen (``state.sync.merge``).
    """
    kc, rc = clock_of(keeper), clock_of(rival)
    rival_id = str(rival.get("id"))
    seen = {m: max(kc["seen"].get(m, 0), rc["seen"].get(m, 0)) for m in {*kc["seen"], *rc["seen"]}}
    seen[rival_id] = max(seen.get(rival_id, 0), 1)
    open_ = {k: [(i[0], _dot(i[1])) for i in v] for k, v in kc["open"].items()}
    for key in sorted({*fields_of(keeper), *fields_of(rival)} - FIXED):
        if key in rival and _canonical(rival.get(key)) != _canonical(keeper.get(key)):
            open_.setdefault(key, []).append((rival.get(key), (rival_id, 1)))
    clock = encode_clock(seen, {k: _dot(v) for k, v in kc["dots"].items()}, open_, {*kc["absorbed"], rival_id})
    return {**keeper, "clock": clock}


def has_seen(seen: Mapping[str, int], doc: Mapping[str, Any]) -> bool:
    """Whether a clock's ``seen`` covers every edit of ``doc`` (its values may differ: replaced since)."""
    return all(seen.get(writer, 0) >= n for writer, n in clock_of(doc)["seen"].items())


def open_fields(doc: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields of ``doc`` with values kept aside for a person to choose, each with those values, once each.

    Not among them: a value equal to the shown one (``doc[field]``), and the
    values of a field a rule decides (a delete, what the record is about);
    the clock keeps those too, so merges stay the same in any grouping.
    """
    return {key: [value for value, _dot in items] for key, items in open_candidates(doc).items()}


def open_candidates(doc: Mapping[str, Any]) -> dict[str, list[Candidate]]:
    """``open_fields`` with who wrote each value (its dot, the first of equal values)."""
    clock = doc.get("clock")
    kept = clock.get("open") if isinstance(clock, Mapping) else None
    if not isinstance(kept, Mapping):
        return {}
    found: dict[str, list[Candidate]] = {}
    for key, items in kept.items():
        if key in RULED or not isinstance(items, list):
            continue
        shown = _canonical(doc.get(key))
        values: dict[Any, tuple[Any, Any]] = {}
        for item in items:
            if isinstance(item, list) and len(item) == 2 and _canonical(item[0]) != shown:
                values.setdefault(_canonical(item[0]), (item[0], _dot(item[1])))
        if values:
            found[key] = list(values.values())
    return found

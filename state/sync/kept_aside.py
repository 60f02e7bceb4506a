"""What two machines changed without seeing each other: each such field, shown and kept aside, and how to choose.

A merge (``causal.merge_versions``) never drops a value two machines wrote
concurrently: it shows one (the same on every machine) and keeps the others
in the record's clock. ``kept_aside_in`` lists them for a person, one
``KeptAside`` per field, and ``chosen_value`` says what keeping "mine",
"theirs" or "both" writes. The choice is saved as an ordinary edit of the
field (``Store.resolve_kept_aside``), so it travels to the other machine like
any edit, and settles the field there too.

"Mine" is the value this machine wrote, "theirs" one another machine wrote;
when neither or both were written here (two other machines), "mine" is the
one shown. "Both" keeps every text, the one shown first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rootwork.state.records.field_words import TEXT_FIELDS, TICK_FIELDS
from rootwork.state.sync.causal import IDENTITY, TOMBSTONES, clock_of, fields_of, open_candidates
from rootwork.state.sync.machine import is_this_machine
from rootwork.state.sync.merge import CONFLICT_KIND

__all__ = ["KEEP_CHOICES", "KeptAside", "chosen_value", "kept_aside_in", "rivals_to_merge"]

#: What a person may keep: their machine's value, the other machine's, or both texts.
KEEP_CHOICES = ("mine", "theirs", "both")
#: The tables whose records can hold values kept aside, and how their records are named.
_TABLE_WORDS = {"checkins": "check-in", "reframes": "thought record", "plan": "practice", "safety": "safety plan"}
#: The tables whose records claim something no other may (a day, a practice), and the field that names it.
_CLAIMS = {"checkins": "day", "plan": "practice_id"}
#: Text fields of one line: "both" joins them with "; ", not a blank line.
_ONE_LINE = frozenset({"gratitude", "voice"})


@dataclass(frozen=True)
class KeptAside:
    """One field written on two machines without either seeing the other."""

    key: str  #: how a person names it: the record id's first 12 digits and the field
    table: str
    record_id: str
    field: str
    shown: Any
    shown_by: str  #: who wrote the shown value (a writer: ``machine.actor_for``; ``is_this_machine`` tells)
    aside: tuple[tuple[Any, str], ...]  #: each value kept aside, with who wrote it
    record_words: str  #: "check-in 2026-12-01", "thought record", "practice perfectionism.good-enough"
    #: A rival record of the same day (practice) this value comes from, kept whole in the journal's conflict log
    #: (two made under different ids before records of a day had one id); choosing merges it in (``absorb``).
    rival_id: str = ""


def kept_aside_in(tables: Mapping[str, Mapping[str, Any]]) -> list[KeptAside]:
    """Every field of the journal's tables with values kept aside, records in id order."""
    found: list[KeptAside] = []
    for table, word in _TABLE_WORDS.items():
        docs = sorted(
            (d for d in (tables.get(table) or {}).values() if isinstance(d, Mapping)), key=lambda d: str(d.get("id"))
        )
        for doc in docs:
            clock = clock_of(doc)
            for field, items in sorted(open_candidates(doc).items()):
                aside = tuple((value, str(dot[0])) for value, dot in items)
                dot = clock["dots"].get(field) or ["", 0]
                found.append(
                    KeptAside(
                        key=f"{str(doc.get('id'))[:12]}-{field}",
                        table=table,
                        record_id=str(doc.get("id")),
                        field=field,
                        shown=doc.get(field),
                        shown_by=str(dot[0]),
                        aside=aside,
                        record_words=_record_words(table, word, doc),
                    )
                )
    found.extend(_rivals(tables))
    return found


def _rival_pairs(
    tables: Mapping[str, Mapping[str, Any]],
) -> list[tuple[str, Mapping[str, Any], Mapping[str, Any], list[str]]]:
    """Each record of the conflict log whose day (practice) a record kept: (table, keeper, rival, the answers
    in which they differ)."""
    found = []
    logged = sorted(
        (
            d
            for d in (tables.get("meta") or {}).values()
            if isinstance(d, Mapping)
            and d.get("kind") == CONFLICT_KIND
            and d.get("table") in _CLAIMS
            and isinstance(d.get("record"), Mapping)
        ),
        key=lambda d: str(d.get("id")),
    )
    for entry in logged:
        table, rival = entry["table"], entry["record"]
        claim = _CLAIMS[table]
        keeper = next(
            (
                d
                for d in (tables.get(table) or {}).values()
                if isinstance(d, Mapping)
                and d.get(claim) == rival.get(claim)
                and d.get("removed_at") is None
                and d.get("id") != rival.get("id")
            ),
            None,
        )
        if keeper is not None:
            differ = [
                field
                for field in sorted({*fields_of(keeper), *fields_of(rival)} - IDENTITY - TOMBSTONES)
                if keeper.get(field) != rival.get(field)
            ]
            found.append((table, keeper, rival, differ))
    return found


def _rivals(tables: Mapping[str, Mapping[str, Any]]) -> list[KeptAside]:
    """Each answer in which a record of the conflict log differs from the record that kept its day (practice)."""
    found: list[KeptAside] = []
    for table, keeper, rival, differ in _rival_pairs(tables):
        mine, theirs = clock_of(keeper), clock_of(rival)
        for field in differ:
            found.append(
                KeptAside(
                    key=f"{str(rival.get('id'))[:12]}-{field}",
                    table=table,
                    record_id=str(keeper.get("id")),
                    field=field,
                    shown=keeper.get(field),
                    shown_by=str((mine["dots"].get(field) or [""])[0]),
                    aside=((rival.get(field), str((theirs["dots"].get(field) or [""])[0])),),
                    record_words=_record_words(table, _TABLE_WORDS[table], keeper),
                    rival_id=str(rival.get("id")),
                )
            )
    return found


def rivals_to_merge(tables: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """Records of the conflict log that differ from the record that kept their day (practice) in no answer:
    nothing to choose, so they are merged in as they are (``Store``), their history with them.
    Each as (table, the keeper's id, the rival's id)."""
    return [
        (table, str(keeper.get("id")), str(rival.get("id")))
        for table, keeper, rival, differ in _rival_pairs(tables)
        if not differ
    ]


def _record_words(table: str, word: str, doc: Mapping[str, Any]) -> str:
    if table == "checkins":
        return f"{word} {doc.get('day')}"
    if table == "plan":
        return f"{word} {doc.get('practice_id')}"
    return word


def chosen_value(item: KeptAside, keep: str, machine: str | None) -> Any:
    """What keeping ``keep`` ("mine", "theirs", "both") writes into ``item``'s field; ValueError when it cannot."""
    if keep not in KEEP_CHOICES:
        raise ValueError(f"keep mine, theirs or both, not {keep!r}")
    values = [(item.shown, item.shown_by), *item.aside]
    mine_at = next((n for n, (_v, by) in enumerate(values) if is_this_machine(by, machine)), None)
    theirs_at = next((n for n, (_v, by) in enumerate(values) if not is_this_machine(by, machine)), None)
    if mine_at is None or theirs_at is None:  # neither or every value written here: mine is the one shown
        mine_at, theirs_at = 0, 1
    if keep == "mine":
        return values[mine_at][0]
    if keep == "theirs":
        return values[theirs_at][0]
    every = [value for value, _by in values]  # "both": every text, the shown one first (three machines: three)
    if item.field in TICK_FIELDS.get(item.table, ()) and all(isinstance(value, list) for value in every):
        return list(dict.fromkeys(x for value in every for x in value))  # every id ticked on any side
    if item.field not in TEXT_FIELDS.get(item.table, ()) or not all(isinstance(value, str) for value in every):
        raise ValueError(f"only texts and tick lists can be kept both; choose mine or theirs for {item.field}")
    texts = [text.strip() for text in every if text.strip()]
    return ("; " if item.field in _ONE_LINE else "\n\n").join(dict.fromkeys(texts))

"""Merging two journals record by record: the pure function behind conflict copies, ``rootwork merge`` and import.

``merge_journals(mine, theirs)`` takes two journals as stored (each table an
object of TinyDB documents) and returns a third, touching no file and no
clock. It treats both sides as one pool of *record versions* and keeps:

- **for each record id, one version**: check-ins, thought records and plan
  items (``CLOCKED``) merged field by field by the one rule in ``causal.py``
  (a field changed on one side only is kept, concurrent changes are kept
  aside, a delete wins over edits made without seeing it; no wall clock
  decides); reviews and self-checks, which never change, the newest version.
  Versions of one id that name different days (practices) are split apart;
- **one check-in per day, one live (not removed) plan item per practice**:
  a new day's check-in and a newly adopted practice have an id made from the
  day (practice), so two machines make one record. When two records with
  different ids still claim one day (journals from before such ids), the one
  under the made id stays, else the later ``updated_at``; the other goes to
  the **conflict log**, whole;
- **schedules derived, never merged**: recomputed from the union of an
  item's reviews (``_derive_schedules``);
- **this machine's settings, drafts, disclaimer, focus and schema document**:
  everything in ``meta`` except self-checks, machines and the conflict log is ``mine``'s.

The conflict log is a ``meta`` document of kind ``merge_conflict`` per record
that lost its day or practice: ``table``, ``record`` (the document as it was)
and its ``updated_at`` as the time. Its id is derived from the table and the
record id, so each record is logged once. The log is part of the pool: a
logged record comes back into the table if it later wins its day (its rival
deleted elsewhere), and what was logged is never lost.

Because the result is a function of the pool, the merge is commutative,
associative and idempotent on the journal tables and the log; tables are
renumbered 1..n in id order, so the same pool always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from rootwork.state.journal_file.layout import JOURNAL_TABLES
from rootwork.state.records.convert import Doc, derived_id, schedule_to_doc
from rootwork.state.records.model import ItemKind, Rating
from rootwork.state.records.schedule import replay, replay_order
from rootwork.state.sync.causal import CLOCKED, clock_of, has_seen, merge_versions
from rootwork.state.sync.machine import MACHINE_KIND

#: The meta kind of a conflict-log document.
CONFLICT_KIND = "merge_conflict"
#: Meta kinds that are journal (merged), not this machine's, and the pool table each goes to.
MERGED_META = {"selfcheck": "selfchecks", MACHINE_KIND: "machines"}
#: What a record's claim is, in the id made from it (``convert.derived_id``).
CLAIM_KINDS = {"checkins": "checkin", "plan": "plan"}
#: The tables the pool holds: the journal tables, the self-check results and the machines.
POOL_TABLES = (*JOURNAL_TABLES, *MERGED_META.values())


def canonical(doc: Any) -> str:
    """The canonical JSON of a document: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _rev(doc: Mapping[str, Any]) -> int:
    rev = doc.get("rev", 0)
    return rev if isinstance(rev, int) and not isinstance(rev, bool) else 0


def version_key(doc: Mapping[str, Any]) -> tuple[int, str, bool, str]:
    """Which of two versions of one record is newer: ``rev``, ``updated_at``, a delete, then canonical JSON.

    Two versions with the same revision and time, one deleted, keep the delete.
    """
    gone = doc.get("deleted_at") is not None or doc.get("removed_at") is not None
    return (_rev(doc), str(doc.get("updated_at", "")), gone, canonical(doc))


def rival_key(table: str, doc: Mapping[str, Any]) -> tuple[bool, str, int, str]:
    """Which of two records claiming one day (practice) stays: the one under the id made from the claim, else
    (records from before such ids) the later ``updated_at``, then ``rev``, then JSON."""
    claim = _claim(table, doc)
    own = claim is not None and doc.get("id") == derived_id(CLAIM_KINDS[table], str(claim))
    return (own, str(doc.get("updated_at", "")), _rev(doc), canonical(doc))


def conflict_id(table: str, record_id: str) -> str:
    """The id of the conflict-log document for ``record_id`` of ``table``: 32 hex digits, always the same."""
    return hashlib.sha256(f"{table}:{record_id}".encode()).hexdigest()[:32]


def conflict_doc(table: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """The conflict-log document keeping ``record`` of ``table``; its time is when the record was written."""
    stamp = record.get("updated_at")
    return {
        "id": conflict_id(table, str(record["id"])),
        "created_at": stamp,
        "updated_at": stamp,
        "kind": CONFLICT_KIND,
        "table": table,
        "record": dict(record),
    }


def _claim(table: str, doc: Mapping[str, Any]) -> Any:
    """What a record claims that no other may: a check-in its day, a live plan item its practice."""
    if table == "checkins":
        return doc.get("day")
    if table == "plan" and doc.get("removed_at") is None:
        return doc.get("practice_id")
    return None


def pool(journal: Mapping[str, Any]) -> dict[str, list[Doc]]:
    """Every record version a journal holds, by table: its tables, its self-checks and its conflict log."""
    found: dict[str, list[Doc]] = {name: [] for name in POOL_TABLES}
    for name in JOURNAL_TABLES:
        found[name].extend(dict(d) for d in (journal.get(name) or {}).values() if isinstance(d, Mapping))
    for doc in (journal.get("meta") or {}).values():
        if not isinstance(doc, Mapping):
            continue
        kind = doc.get("kind")
        if kind in MERGED_META:
            found[MERGED_META[kind]].append(dict(doc))
        elif kind == CONFLICT_KIND and doc.get("table") in found and isinstance(doc.get("record"), Mapping):
            found[doc["table"]].append(dict(doc["record"]))
    return found


def _newest(versions: Iterable[Doc], table: str) -> dict[str, Doc]:
    """One version per id: a record with a clock merged field by field (``causal.py``), the rest the newest.

    Versions of one id that name different days (practices) are different
    records (an id reused by hand, say), never one record with two days: each
    day keeps a record of its own (``_apart``).
    """
    newest: dict[str, Doc] = {}
    for key, found in _apart(_by_id(versions), table).items():
        if len(found) == 1 or all(doc == found[0] for doc in found[1:]):  # the same on both sides: most records
            newest[key] = found[0]
        elif table in CLOCKED:  # in one order whatever the journals' order: merged alike everywhere
            ordered = sorted(found, key=canonical)
            merged = ordered[0]
            for doc in ordered[1:]:
                merged = merge_versions(merged, doc)
            newest[key] = merged
        else:
            newest[key] = max(found, key=version_key)
    return newest


def _identity(table: str, doc: Mapping[str, Any]) -> Any:
    """What a record is about and never changes: a check-in's day, a plan item's practice."""
    return doc.get("day") if table == "checkins" else doc.get("practice_id") if table == "plan" else None


def _apart(groups: dict[str, list[Doc]], table: str) -> dict[str, list[Doc]]:
    """``groups`` with versions of one id but different identities split, each under an id of its own.

    The id stays with the identity it was made from (``derived_id``), else
    with the least identity; each other identity gets an id made from the old
    id and itself, so every machine splits them alike.
    """
    if table not in CLAIM_KINDS:
        return groups
    split: dict[str, list[Doc]] = {}
    for key, found in groups.items():
        kinds: dict[str, list[Doc]] = {}
        for doc in found:
            kinds.setdefault(canonical(_identity(table, doc)), []).append(doc)
        if len(kinds) == 1:
            split[key] = found
            continue
        made_from = [
            ident
            for ident, docs in kinds.items()
            if derived_id(CLAIM_KINDS[table], str(_identity(table, docs[0]))) == key
        ]
        keeper = made_from[0] if made_from else min(kinds)
        for ident, docs in kinds.items():
            new_key = key if ident == keeper else hashlib.sha256(f"{key}:{ident}".encode()).hexdigest()[:32]
            split[new_key] = docs if new_key == key else [{**doc, "id": new_key} for doc in docs]
    return split


def resolve(versions: Iterable[Doc], table: str) -> tuple[list[Doc], list[Doc]]:
    """The records of ``table`` that stay (newest version of each id, one per claim) and those that lost a claim."""
    newest = list(_newest(versions, table).values())
    if table in CLAIM_KINDS:  # a rival a person merged into a record of its day (practice) is gone everywhere,
        # unless it was edited after: an edit the merging record has not seen keeps it (listed again)
        by_claim: dict[tuple[str, str], dict[str, int]] = {}
        for doc in newest:
            clock = clock_of(doc)
            for name in clock["absorbed"]:
                by_claim[(canonical(_identity(table, doc)), name)] = clock["seen"]

        def gone(doc: Doc) -> bool:
            seen = by_claim.get((canonical(_identity(table, doc)), str(doc.get("id"))))
            return seen is not None and has_seen(seen, doc)

        newest = [d for d in newest if not gone(d)]
    kept: dict[Any, Doc] = {}
    for doc in newest:
        claim = _claim(table, doc)
        if claim is not None and (claim not in kept or rival_key(table, doc) > rival_key(table, kept[claim])):
            kept[claim] = doc
    stays = [d for d in newest if _claim(table, d) is None or kept[_claim(table, d)] is d]
    lost = [d for d in newest if _claim(table, d) is not None and kept[_claim(table, d)] is not d]
    return sorted(stays, key=lambda d: str(d.get("id"))), sorted(lost, key=lambda d: str(d.get("id")))


def merge_journals(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """``mine`` and ``theirs`` merged record by record (see the module docstring); ``meta`` is ``mine``'s."""
    ours, other = pool(mine), pool(theirs)
    merged: dict[str, Any] = {name: value for name, value in mine.items() if name not in (*JOURNAL_TABLES, "meta")}
    logged: list[Doc] = []
    in_meta: list[Doc] = []
    for name in POOL_TABLES:
        stays, lost = resolve(ours[name] + other[name], name)
        logged.extend(conflict_doc(name, doc) for doc in lost)
        if name in JOURNAL_TABLES:
            merged[name] = {str(n): doc for n, doc in enumerate(stays, start=1)}
        else:
            in_meta.extend(stays)
    _derive_schedules(merged, ours, other)
    meta = {
        key: dict(doc)
        for key, doc in (mine.get("meta") or {}).items()
        if not (isinstance(doc, Mapping) and (doc.get("kind") in MERGED_META or doc.get("kind") == CONFLICT_KIND))
    }
    key = max((int(k) for k in meta if str(k).isdigit()), default=0)
    for doc in [*in_meta, *sorted(logged, key=lambda d: d["id"])]:
        key += 1
        meta[str(key)] = doc
    merged["meta"] = meta
    return merged


#: The tables whose records have a schedule, and what kind of item the reviews call them.
SCHEDULED: dict[str, ItemKind] = {"plan": "practice", "reframes": "reframe"}


def _reviews_by_item(reviews: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Mapping[str, Any]]]:
    found: dict[str, dict[str, Mapping[str, Any]]] = {}
    for review in reviews:
        found.setdefault(str(review.get("item_id")), {})[str(review.get("id"))] = review
    return found


def _derive_schedules(merged: dict[str, Any], ours: Mapping[str, list[Doc]], other: Mapping[str, list[Doc]]) -> None:
    """A schedule is derived, never merged: recomputed from every review of its item, wherever made.

    Where one side already held every review of the item, from the same
    start (adoption day), its schedule is that recomputation already (and
    keeps what a re-adoption set), so it is kept; otherwise the schedule is replayed from the item's start through
    all its reviews in the order they were made (``schedule.replay``). Two
    ratings of one practice on one day on two machines count as two.
    """
    every = _reviews_by_item((merged.get("reviews") or {}).values())
    sides = [_reviews_by_item(side["reviews"]) for side in (ours, other)]
    for table in SCHEDULED:
        versions = [_by_id(side[table]) for side in (ours, other)]
        for key, doc in list((merged.get(table) or {}).items()):
            record_id = str(doc.get("id"))
            reviews = every.get(record_id, {})
            start = "adopted_on" if table == "plan" else "day"
            complete = [
                version
                for held, side in zip(sides, versions, strict=False)
                if set(held.get(record_id, {})) == set(reviews)
                for version in side.get(record_id, ())
                if "schedule" in version and version.get(start) == doc.get(start)  # from the same start
            ]
            if complete:
                schedule = max((version["schedule"] for version in complete), key=canonical)
            elif reviews:
                schedule = replayed_schedule(doc, table, reviews.values())
            else:
                continue
            if schedule != doc.get("schedule"):
                merged[table][key] = {**doc, "schedule": schedule}


def _by_id(docs: Iterable[Doc]) -> dict[str, list[Doc]]:
    found: dict[str, list[Doc]] = {}
    for doc in docs:
        found.setdefault(str(doc.get("id")), []).append(doc)
    return found


def replayed_schedule(doc: Mapping[str, Any], table: str, reviews: Iterable[Mapping[str, Any]]) -> Any:
    """The schedule of ``doc`` (of ``table``, "plan" or "reframes") replayed from its start through ``reviews``."""
    kind = SCHEDULED[table]
    try:
        start = date.fromisoformat(str(doc.get("adopted_on") if table == "plan" else doc.get("day")))
        made = sorted(reviews, key=lambda r: replay_order(r.get("day"), r.get("created_at"), r.get("id")))
        steps = [(date.fromisoformat(str(r["day"])), Rating(r["rating"])) for r in made]
        return schedule_to_doc(replay(start, steps, item_id=str(doc["id"]), kind=kind))
    except (KeyError, TypeError, ValueError):  # a record the strict reader will not show anyway
        return doc.get("schedule")


def same_entries(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two journals hold the same entries (``journal_part`` equal), told without encoding them."""

    def entries(journal: Mapping[str, Any]) -> list[dict[str, Any] | dict[tuple[str, str], Any]]:
        tables = [{str(d.get("id")): d for d in (journal.get(name) or {}).values()} for name in JOURNAL_TABLES]
        meta = [
            d
            for d in (journal.get("meta") or {}).values()
            if isinstance(d, Mapping) and (d.get("kind") in MERGED_META or d.get("kind") == CONFLICT_KIND)
        ]
        return [*tables, {(str(d.get("kind")), str(d.get("id"))): d for d in meta}]

    return entries(a) == entries(b)


def journal_part(journal: Mapping[str, Any]) -> dict[str, Any]:
    """What two machines share: the journal tables as sets, and the self-checks and conflict log from ``meta``.

    Two journals with the same ``journal_part`` hold the same entries; the
    merge is commutative, associative and idempotent on this.
    """
    shared = {name: sorted(canonical(d) for d in (journal.get(name) or {}).values()) for name in JOURNAL_TABLES}
    shared["meta"] = sorted(
        canonical(d)
        for d in (journal.get("meta") or {}).values()
        if isinstance(d, Mapping) and (d.get("kind") in MERGED_META or d.get("kind") == CONFLICT_KIND)
    )
    return shared

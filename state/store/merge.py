"""Importing an export: merging it into this journal without duplicates, and saying what was not taken.

The export is read by ``incoming.read_export`` (a file that is not an export
is refused whole; a bad record is skipped and named). The four journal tables
and the self-check results then merge by id, and check-ins by day and plan
items by practice id when the id does not match one of the same day (practice)
(the local id surviving; reviews follow their item to its local id); the
entry with the newer ``updated_at`` wins. There is never
a second check-in for a day: an imported check-in whose id is already used by
this journal's check-in of another day is added under a new id. Every record
skipped or replaced is named in ``ImportResult.notes``. Settings, drafts,
focus and the disclaimer stay as they are on this machine. The whole import is
one transaction: all of it is saved, or none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from rootwork.state.convert import CONVERTERS, new_id, next_rev
from rootwork.state.store.incoming import read_export
from rootwork.state.store.schema import JOURNAL_TABLES

if TYPE_CHECKING:
    from rootwork.state.store.core import Store


class ImportResult(dict):
    """Counts added and updated by table (``{"checkins": {"added": 1, "updated": 0}, ...}``).

    ``notes`` holds one sentence for every record skipped (unreadable, or older
    than this journal's) or replaced, in the order met.
    """

    def __init__(self, counts: dict[str, dict[str, int]], notes: list[str]) -> None:
        super().__init__(counts)
        self.notes = notes


def import_export(store: Store, data: Any) -> ImportResult:
    """Merge an export into ``store``; return counts added and updated by table (and ``selfchecks``)."""
    incoming = read_export(data)
    counts = {name: {"added": 0, "updated": 0} for name in (*JOURNAL_TABLES, "selfchecks")}
    notes = list(incoming.notes)
    id_map: dict[str, str] = {}
    with store._writing():
        for name in ("checkins", "reframes", "plan", "reviews"):
            _merge(store, name, incoming.tables[name], counts[name], id_map, notes)
        _merge_selfchecks(store, incoming.tables["selfchecks"], counts["selfchecks"], notes)
    return ImportResult(counts, notes)


def _second_key(name: str, obj: Any) -> Any:
    """What else makes two records one: a check-in's day, a plan item's practice."""
    return obj.day if name == "checkins" else obj.practice_id if name == "plan" else None


def _named(name: str, obj: Any, number: int, total: int) -> str:
    if name == "checkins":
        return f"check-in {obj.day.isoformat()}"
    if name == "plan":
        return f"practice {obj.practice_id}"
    kind = "thought record" if name == "reframes" else f"{obj.item_kind} review" if obj.item_kind == "practice" \
        else "reframe rehearsal"
    return f"{kind} {number} of {total}"


def _merge(
    store: Store, name: str, objects: list[Any], count: dict[str, int], id_map: dict[str, str], notes: list[str]
) -> None:
    view = store._view(name)
    to_doc = CONVERTERS[name][0]
    by_id = dict(view.by_id)
    by_second: dict[Any, Any] = {}
    if name == "checkins":
        by_second = dict(view.by_day)
    elif name == "plan":
        for p in view.items:  # an active item wins over a removed one for the same practice
            if p.removed_at is None or p.practice_id not in by_second:
                by_second[p.practice_id] = p
    replaced: dict[int, dict] = {}
    added: list[dict] = []
    for number, obj in enumerate(objects, start=1):
        if name == "reviews":
            obj = replace(obj, item_id=id_map.get(obj.item_id, obj.item_id))
        second = _second_key(name, obj)
        local = by_id.get(obj.id)
        if local is None or (second is not None and _second_key(name, local) != second):
            clash = local
            local = by_second.get(second) if second is not None else None
            if local is None and clash is not None:
                # The id is taken by another day's check-in (another practice's item): a different record.
                fresh = new_id()
                notes.append(f"Added {_named(name, obj, number, len(objects))} under a new id: its id was "
                             f"already used by your {_named(name, clash, number, len(objects))}.")
                id_map[obj.id] = fresh
                obj = replace(obj, id=fresh)
        if local is None:
            added.append(to_doc(obj))
            by_id[obj.id] = obj
            if second is not None:
                by_second[second] = obj
            count["added"] += 1
            continue
        if local.id != obj.id:
            id_map[obj.id] = local.id
        what = _named(name, obj, number, len(objects))
        if obj.updated_at < local.updated_at:
            notes.append(f"Skipped {what}: {_yours(name)} is newer (kept yours).")
            continue
        if obj.updated_at == local.updated_at:
            continue  # the same edit, already here
        merged = replace(obj, id=local.id, created_at=local.created_at or obj.created_at,
                         rev=next_rev(obj.rev, local.rev))
        doc = to_doc(merged)
        if local.id in view.keys:
            replaced[view.keys[local.id]] = doc
            notes.append(f"Replaced {what} in your journal with the imported one (it is newer).")
        else:  # added earlier in this same import
            added = [doc if d["id"] == local.id else d for d in added]
        by_id[local.id] = merged
        if second is not None:
            by_second[second] = merged
        count["updated"] += 1
    table = store._db.table(name, cache_size=0)
    if replaced:
        table.remove(doc_ids=list(replaced))
        table.insert_multiple(Document(doc, doc_id=key) for key, doc in replaced.items())
    if added:
        first = store._next_key(name)
        table.insert_multiple(Document(doc, doc_id=first + n) for n, doc in enumerate(added))


def _yours(name: str) -> str:
    return {
        "checkins": "the check-in for that day in your journal",
        "plan": "that practice in your journal",
        "reframes": "that thought record in your journal",
    }.get(name, "that review in your journal")


def _merge_selfchecks(store: Store, docs: list[dict], count: dict[str, int], notes: list[str]) -> None:
    local = {doc.get("id"): doc for doc in store._meta_all("selfcheck")}
    for doc in docs:
        existing = local.get(doc["id"])
        if existing is None:
            store._insert("meta", doc)
            count["added"] += 1
        elif doc["updated_at"] > str(existing.get("updated_at", "")):
            store._replace("meta", doc)
            count["updated"] += 1
            notes.append(f"Replaced the self-check of {doc['day']} in your journal with the imported one (it is newer).")
        elif doc["updated_at"] < str(existing.get("updated_at", "")):
            notes.append(f"Skipped the self-check of {doc['day']}: the one in your journal is newer (kept yours).")
        local[doc["id"]] = doc

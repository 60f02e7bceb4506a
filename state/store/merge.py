"""Importing an export: merging it into this journal without duplicates.

The four journal tables and the self-check results merge by id (check-ins also
by day, plan items also by practice id, the local id surviving, and reviews
follow their item to its local id); the entry with the newer ``updated_at``
wins. Settings, drafts, focus and the disclaimer stay as they are on this
machine. The whole import is one transaction: all of it is saved, or none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from state.convert import CONVERTERS
from state.store.schema import JOURNAL_TABLES
from state.store.validate import _read_export

if TYPE_CHECKING:
    from state.store.core import Store


def import_export(store: Store, data: dict) -> dict[str, dict[str, int]]:
    """Merge an export into ``store``; return counts added and updated by table (and ``selfchecks``)."""
    incoming = _read_export(data)
    counts = {name: {"added": 0, "updated": 0} for name in (*JOURNAL_TABLES, "selfchecks")}
    id_map: dict[str, str] = {}
    with store._writing():
        for name in ("checkins", "reframes", "plan", "reviews"):
            _merge(store, name, incoming[name], counts[name], id_map)
        _merge_selfchecks(store, incoming["selfchecks"], counts["selfchecks"])
    return counts


def _merge(store: Store, name: str, objects: list[Any], count: dict[str, int], id_map: dict[str, str]) -> None:
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
    for obj in objects:
        if name == "reviews":
            obj = replace(obj, item_id=id_map.get(obj.item_id, obj.item_id))
        second = obj.day if name == "checkins" else obj.practice_id if name == "plan" else None
        local = by_id.get(obj.id) or (by_second.get(second) if second is not None else None)
        if local is None:
            added.append(to_doc(obj))
            by_id[obj.id] = obj
            if second is not None:
                by_second[second] = obj
            count["added"] += 1
            continue
        if local.id != obj.id:
            id_map[obj.id] = local.id
        if obj.updated_at > local.updated_at:
            merged = replace(obj, id=local.id, created_at=local.created_at or obj.created_at,
                             rev=max(obj.rev, local.rev) + 1)
            doc = to_doc(merged)
            if local.id in view.keys:
                replaced[view.keys[local.id]] = doc
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


def _merge_selfchecks(store: Store, docs: list[dict], count: dict[str, int]) -> None:
    local = {doc.get("id"): doc for doc in store._meta_all("selfcheck")}
    for doc in docs:
        existing = local.get(doc["id"])
        if existing is None:
            store._insert("meta", doc)
            count["added"] += 1
        elif doc["updated_at"] > str(existing.get("updated_at", "")):
            store._replace("meta", doc)
            count["updated"] += 1
        local[doc["id"]] = doc


"""How a table is held in memory: ``TableView``, its indexes, and the order of each table's entries.

A view is valid while ``source`` is the very dict the storage holds for that
table (TinyDB replaces a table's dict on every write to it, and a re-read of the
file replaces them all); ``build_view`` rebuilds it then, reusing the converted
dataclass of every document that did not change, and placing a few new ones
into the old order instead of sorting again. A document that cannot be
converted (``state.records.convert`` reads strictly) is counted in ``unreadable`` and
left out (it stays in the file); so is a second check-in for a day.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from rootwork.state.journal_file.layout import Journal, Table
from rootwork.state.records.convert import CONVERTERS, Doc
from rootwork.state.records.errors import UnreadableDatabase
from rootwork.state.records.model import Checkin, Reframe, Review

# What a table not in the file reads as (never written to).
EMPTY_TABLE: Table = {}
# What a journal not read yet (none in the file) reads as (never written to).
EMPTY_JOURNAL: Journal = {}

#: The entries of a view: ``Checkin`` ("checkins"), ``PlanItem`` ("plan"), ``Reframe``, ``Review``, or the
#: documents themselves (``meta``, which has no converter).
R = TypeVar("R")


def table_in(tables: Journal, name: str) -> Table:
    """Table ``name`` of ``tables`` (``EMPTY_TABLE`` when it has none), a deferred one left unparsed."""
    table = tables.get(name)
    return EMPTY_TABLE if table is None else table


# How each table's entries are kept in memory (all oldest first; ties by creation, then by
# the order they were stored in, since timestamps have whole seconds).
_ORDER: dict[str, Callable[[Any], tuple[date, str]]] = {
    "checkins": lambda c: (c.day, c.created_at),
    "plan": lambda p: (p.adopted_on, p.created_at),
    "reframes": lambda r: (r.day or date.min, r.created_at),
    "reviews": lambda r: (r.day, r.created_at),
}


@dataclass
class TableView(Generic[R]):
    """One table's documents, converted and indexed, valid while ``source`` is the table's dict."""

    source: Table
    cache: dict[int, tuple[Doc, R]]
    by_id: dict[str, R] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    items: list[R] = field(default_factory=list)
    unreadable: int = 0
    revision: int = 0
    # Table-specific indexes.
    by_day: dict[date, Checkin] = field(default_factory=dict)
    days: list[date] = field(default_factory=list)
    by_item: dict[str, list[Review]] = field(default_factory=dict)


def build_view(name: str, source: Table, old: TableView[Any] | None) -> TableView[Any]:
    """Return the view of table ``name`` over ``source``, reusing what it can of ``old``."""
    convert = CONVERTERS[name][1] if name in CONVERTERS else None
    old_cache = old.cache if old is not None else {}
    view: TableView[Any] = TableView(source=source, cache={})
    reused: set[int] = set()
    fresh: list[Any] = []
    try:
        docs = list(source.items())
    except UnreadableDatabase:
        # A table left in the file until read (deferred_table.py) that no longer matches it:
        # the file was rewritten in place since it was opened. Shown empty, never saved over
        # (a save re-reads the changed file first), until the next check reads the file again.
        docs = []
    for key, doc in docs:
        hit = old_cache.get(id(doc))
        if hit is not None and hit[0] is doc:
            obj = hit[1]
            reused.add(id(obj))
        else:
            if convert is None:
                obj = doc
            else:
                try:
                    obj = convert(doc)
                except (ValueError, TypeError, KeyError):
                    view.unreadable += 1
                    continue
            fresh.append(obj)
        view.cache[id(doc)] = (doc, obj)
        doc_id = doc.get("id")
        if isinstance(doc_id, str) and doc_id:
            view.by_id[doc_id] = obj
            view.keys[doc_id] = int(key)
    base = _ORDER.get(name)  # None for a table that is never ordered (meta)
    keys = view.keys

    def order(obj: Any) -> tuple[date, str, int, str]:
        assert base is not None, f"{name} has no order"
        return (*base(obj), keys.get(obj.id, 0), obj.id)

    if base is None:
        view.items = [obj for _doc, obj in view.cache.values()]
    elif old is not None and len(fresh) <= 64:
        # The usual write changes a document or two: keep the old order and
        # place the new ones, instead of sorting twenty thousand reviews again.
        view.items = [obj for obj in old.items if id(obj) in reused]
        for obj in fresh:
            bisect.insort(view.items, obj, key=order)
    else:
        view.items = sorted((obj for _doc, obj in view.cache.values()), key=order)
    if name == "checkins":
        _one_checkin_a_day(view)
    elif name == "reviews":
        view.days = [r.day for r in view.items]
        for review in view.items:
            view.by_item.setdefault(review.item_id, []).append(review)
    return view


def _one_checkin_a_day(view: TableView[Checkin]) -> None:
    """Index check-ins by day, showing one a day: a second one in the file (an older version's
    merge, a hand edit) is left out like an unreadable entry, the newest edit shown."""
    by_day: dict[date, Checkin] = {}
    for c in view.items:
        kept = by_day.get(c.day)
        if kept is None or c.updated_at >= kept.updated_at:
            by_day[c.day] = c
    if len(by_day) < len(view.items):
        hidden: list[Checkin] = [c for c in view.items if by_day[c.day] is not c]
        view.unreadable += len(hidden)
        view.items = [c for c in view.items if by_day[c.day] is c]
        for gone in hidden:
            if view.by_id.get(gone.id) is gone:
                del view.by_id[gone.id]
    view.by_day = by_day
    view.days = list(by_day)


# ------------------------------------------------ reading a few entries before their view is built
#
# The first screen (Today) needs this week's check-ins and the thought records
# due today, not every entry converted. Until a table's view is built (the app
# builds them just after its first paint), these find those entries from a
# cheap look at the raw documents and convert, strictly, only the ones they
# return: an entry that cannot be read is left out, as the view leaves it out,
# and the view reports it when it is built.


def _converted(name: str, docs: list[tuple[str, Doc]]) -> list[Any]:
    """``docs`` (key, document) converted and in the view's order; the unreadable ones left out."""
    convert = CONVERTERS[name][1]
    found: list[tuple[tuple[date, str, int, str], Any]] = []
    for key, doc in docs:
        try:
            obj = convert(doc)
        except (ValueError, TypeError, KeyError):
            continue
        found.append(((*_ORDER[name](obj), int(key), obj.id), obj))
    found.sort(key=lambda pair: pair[0])
    return [obj for _order, obj in found]


def _unique_ids(source: Table) -> bool:
    # A hand-edited file may hold two documents with one id: the view keeps the last, so leave those to it.
    ids = [doc.get("id") for doc in source.values()]
    return len(set(ids)) == len(ids)


def reviewed_items_in(source: Table, day: date) -> int:
    """How many items have a review on ``day`` in ``source`` (raw review documents), each counted once.

    For a gentler day's count of what was already looked at, before the reviews'
    view is built: their raw ``day`` and ``item_id`` only, nothing converted. A
    document without a text ``item_id`` is left out, as the view leaves it out.
    """
    wanted = day.isoformat()
    return len(
        {doc["item_id"] for doc in source.values() if doc.get("day") == wanted and isinstance(doc.get("item_id"), str)}
    )


def due_reframes_in(source: Table, today: date, cap: int) -> list[Reframe] | None:
    """The first ``cap`` thought records ``pick_due`` would choose from ``source`` on ``today`` (None: ask the view).

    Those not deleted and due on or before ``today`` are ordered as
    ``state.records.schedule.pick_due`` orders them (due day, then id) from their raw
    ``schedule.due`` (ISO text sorts as the dates do; no due date counts as
    today) and converted in that order until ``cap`` could be read: one the
    strict reader refuses is skipped, as the view leaves it out.
    """
    cutoff = today.isoformat()
    queue: list[tuple[str, str, str]] = []
    ids: set[Any] = set()
    for key, doc in source.items():
        doc_id = doc.get("id")
        ids.add(doc_id if isinstance(doc_id, str) else None)
        if doc.get("deleted_at") is not None:
            continue  # deleted, or unreadable: left out either way
        schedule = doc.get("schedule")
        due = schedule.get("due", cutoff) if isinstance(schedule, dict) else cutoff
        if due is None:
            due = cutoff
        elif not isinstance(due, str):
            due = ""  # unreadable: tried (and refused) first, never in a readable one's place
        elif due > cutoff:
            continue  # a real date after today, or text the reader refuses: not due either way
        queue.append((due, doc_id if isinstance(doc_id, str) else "", key))
    if len(ids) != len(source):
        return None  # two documents with one id (or none): as _unique_ids says
    # Keys are unique, so the order is total: the first ``cap`` by a heap are the sort's first ``cap``
    # (a tenth of the time of sorting a long journal's thousands of due records).
    chosen = _first_readable(source, heapq.nsmallest(cap, queue), cap)
    if len(chosen) < cap < len(queue):  # one of those was unreadable: go on past them, in order
        chosen = _first_readable(source, sorted(queue), cap)
    return chosen


def _first_readable(source: Table, queue: list[tuple[str, str, str]], cap: int) -> list[Reframe]:
    """The thought records of ``queue``'s keys converted in its order until ``cap`` are read."""
    chosen: list[Reframe] = []
    for _due, _id, key in queue:
        if len(chosen) >= cap:
            break
        chosen += _converted("reframes", [(key, source[key])])
    return chosen


def any_reframe_in(source: Table) -> bool:
    """Whether ``source`` holds a readable thought record that is not deleted."""
    return any(_converted("reframes", [(key, doc)]) for key, doc in source.items() if doc.get("deleted_at") is None)


def checkins_in(source: Table, start: date, end: date) -> list[Checkin] | None:
    """The check-ins of ``source`` from ``start`` to ``end``, one a day as the view shows them (None: ask the view)."""
    if not _unique_ids(source):
        return None
    low, high = start.isoformat(), end.isoformat()
    chosen = [
        (key, doc)
        for key, doc in source.items()
        if not isinstance(day := doc.get("day"), str) or len(day) != 10 or low <= day <= high
    ]
    items = [c for c in _converted("checkins", chosen) if start <= c.day <= end]
    view = TableView(source=source, cache={}, items=items)
    _one_checkin_a_day(view)
    return view.items

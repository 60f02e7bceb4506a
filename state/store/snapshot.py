"""What the app reads: the journal as last committed or read, with its views, swapped whole.

A store in snapshot mode (``Store.use_snapshots``, which the app turns on)
answers every read outside its own transaction from ``Snapshot``: the tables
the storage published at its last commit or re-read (never changed afterwards)
and the views built over them. Reads never take the process lock, never stat
or parse the file: a save waiting for another process's ``flock`` cannot hold
up the event loop. ``publish`` builds the next snapshot on the thread that
committed or re-read (the app's store thread), rebuilding only the views whose
table changed, and swaps a single reference. A view no one has read yet (the
reviews, on a first screen) is built on first use, as without snapshots.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from rootwork.state.journal_file.layout import Journal
from rootwork.state.store.index import TableView, build_view, table_in


@dataclass(frozen=True)
class Snapshot:
    """One published state of the journal: never changed once built, except for views added on first use."""

    generation: int
    #: How many re-reads so far found data written by another process.
    outside_changes: int
    tables: Journal
    views: dict[str, TableView[Any]] = field(default_factory=dict)

    def view(self, name: str, revisions: itertools.count[int]) -> tuple[TableView[Any], bool]:
        """Return table ``name``'s view, and whether it was built just now (on first use)."""
        view = self.views.get(name)
        if view is not None:
            return view, False
        # Two threads may both build it: each result is valid, the last one stays.
        view = build_view(name, table_in(self.tables, name), None)
        view.revision = next(revisions)
        self.views[name] = view
        return view, True


def next_snapshot(
    old: Snapshot, published: tuple[int, int, Journal], revisions: itertools.count[int], live: dict[str, TableView[Any]]
) -> Snapshot:
    """The snapshot of ``published``, keeping ``old``'s views of tables that did not change."""
    generation, outside, tables = published
    views: dict[str, TableView[Any]] = {}
    for name, view in list(old.views.items()):
        source = table_in(tables, name)
        if view.source is not source:
            reuse = live.get(name)
            if reuse is not None and reuse.source is source:
                view = reuse  # built inside the transaction that just committed
            else:
                view = build_view(name, source, view)
                view.revision = next(revisions)
        views[name] = view
    return Snapshot(generation, outside, tables, views)


def first_snapshot(published: tuple[int, int, Journal], live: dict[str, TableView[Any]]) -> Snapshot:
    """The snapshot of ``published``, reusing the views already built over the same tables."""
    generation, outside, tables = published
    views = {name: view for name, view in list(live.items()) if view.source is table_in(tables, name)}
    return Snapshot(generation, outside, tables, views)

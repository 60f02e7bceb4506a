"""Whole journals on two and three machines (issue 25): random edits, deletes, ratings and syncs, clocks days apart.

Each machine is a data folder with its own clock. A sync is another machine's
file left beside this one as a conflict copy (merged on open), or an import of
its export. Whatever happened, these must hold:

- an import and a merge of the same journal give the same journal;
- every schedule is the one recomputed from its item's reviews;
- every review any machine made is in the journal of every machine it reached;
- once every machine has merged every other's journal, they all hold the same entries.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin, Rating, Reframe
from rootwork.state.records.schedule import replay
from rootwork.state.store import Store
from rootwork.state.store.copies import merge_into, read_journal_file
from rootwork.state.store.schema import JOURNAL_TABLES
from rootwork.state.sync.merge import journal_part

from .conftest import NOON, TODAY, FixedClock

PRACTICES = ("perfectionism.good-enough", "comparison-culture.unfollow")
COPY = "rootwork.sync-conflict-20261125-120000-ABCDEFG.json"
NOW = "2026-11-25T12:00:00Z"

edit = st.one_of(
    st.tuples(st.just("checkin"), st.integers(0, 2), st.integers(1, 5), st.sampled_from(["", "a", "b"])),
    st.tuples(st.just("reframe"), st.sampled_from(["critic", "reframe", "evidence_for"]), st.sampled_from(["x", "y"])),
    st.tuples(st.just("delete")),
    st.tuples(st.just("adopt"), st.sampled_from(PRACTICES), st.integers(0, 3)),
    st.tuples(st.just("rate"), st.sampled_from(PRACTICES), st.sampled_from(["2", "3", "4"])),
    st.tuples(st.just("rehearse"), st.sampled_from(["1", "3"])),
)
step = st.tuples(st.integers(0, 2), st.one_of(edit, st.tuples(st.just("sync"), st.integers(0, 2))))


def _apply(store: Store, what: tuple) -> None:
    kind = what[0]
    if kind == "checkin":
        day = TODAY - timedelta(days=what[1])
        now = store.checkin_for(day)
        if now is None:
            store.save_checkin(Checkin(day=day, mood=what[2], intensity=3, note=what[3]))
        else:
            store.save_checkin(replace(now, mood=what[2], note=what[3]), base=now)
    elif kind == "reframe":
        found = store.reframes(include_deleted=True)
        if not found:
            store.save_reframe(replace(Reframe(critic="c", reframe="r"), **{what[1]: what[2]}), TODAY)
        else:
            store.save_reframe(replace(found[0], **{what[1]: what[2]}), TODAY, base=found[0])
    elif kind == "delete":
        found = store.reframes(include_deleted=True)
        if found:
            (store.restore_reframe if found[0].deleted_at else store.delete_reframe)(found[0].id)
    elif kind == "adopt":
        if not any(p.practice_id == what[1] for p in store.plan()):
            store.adopt(what[1], TODAY - timedelta(days=what[2]))
    elif kind == "rate":
        item = next((p for p in store.plan() if p.practice_id == what[1]), None)
        if item is not None:
            store.review("practice", item.id, Rating(what[2]), TODAY)
    elif kind == "rehearse":
        found = [r for r in store.reframes() if r.deleted_at is None]
        if found:
            store.review("reframe", found[0].id, Rating(what[1]), TODAY)


def _schedules_are_replayed(store: Store) -> None:
    for item in store.plan(include_removed=True):
        reviews = sorted(store.reviews(item.id), key=lambda r: (r.day, r.created_at, r.id))
        if reviews:
            assert item.schedule == replay(
                item.adopted_on, [(r.day, r.rating) for r in reviews], item_id=item.id, kind="practice"
            )


def _tables(folder: Path) -> dict:
    part = journal_part(read_journal_file(database_path(folder), NOW))
    return {name: part[name] for name in JOURNAL_TABLES}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(steps=st.lists(step, max_size=16), skew=st.lists(st.integers(-72, 72), min_size=3, max_size=3))
def test_machines_that_edit_and_sync_in_any_order_keep_every_rule(steps: list, skew: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = [root / f"m{n}" for n in range(3)]
        clocks = [FixedClock(NOON + timedelta(hours=hours)) for hours in skew]  # clocks up to three days apart
        for folder, clock in zip(folders, clocks, strict=False):
            Store.open(folder, clock=clock).close()
        for n, (machine, what) in enumerate(steps):
            clocks[machine].advance(minutes=1)
            store = Store.open(folders[machine], clock=clocks[machine])
            if what[0] == "sync":
                source = folders[what[1]]
                if what[1] == machine:
                    continue
                if n % 2:  # a conflict copy, merged on open
                    shutil.copy(database_path(source), folders[machine] / COPY)
                    store = Store.open(folders[machine], clock=clocks[machine])
                    assert not any("could not be merged" in notice for notice in store.notices), store.notices
                else:  # an import of its export: the same rule
                    store.import_data(Store.open(source, clock=clocks[what[1]]).export_data())
            else:
                _apply(store, what)
            _schedules_are_replayed(store)

        # An import and a merge of the same journal give the same journal.
        twin = root / "twin"
        shutil.copytree(folders[0], twin)
        Store.open(folders[0], clock=clocks[0]).import_data(Store.open(folders[1], clock=clocks[1]).export_data())
        merge_into(Store.open(twin, clock=clocks[0]), read_journal_file(database_path(folders[1]), NOW))
        assert _tables(folders[0]) == _tables(twin)

        # Everyone merges everyone, twice round: the same entries everywhere, every schedule replayed.
        for _round in range(2):
            for target in range(3):
                for source in range(3):
                    if source != target:
                        merge_into(
                            Store.open(folders[target], clock=clocks[target]),
                            read_journal_file(database_path(folders[source]), NOW),
                        )
        held = [_tables(folder) for folder in folders]
        assert held[0] == held[1] == held[2]
        for folder, clock in zip(folders, clocks, strict=False):
            _schedules_are_replayed(Store.open(folder, clock=clock))

"""Attacks on what a merge reads (issue 25): copies, outboxes and exports that are odd, forged or large."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY, FixedClock
from .two_machines import (
    SYNCTHING,
    SYNCTHING_2,
    journal_of,
    leave_conflict_copy,
    legacy_checkin,
    sync_whole,
    two_machines,
)

# --------------------------------------------------------------------------------------------------
# Copies, outboxes and exports that are odd, forged or large


def test_two_accepted_copies_never_make_a_journal_too_large_to_open(tmp_path: Path, clock: FixedClock) -> None:
    # FINDING 10: each copy is held to the 64 MiB cap when read, but the merged journal is written without
    # one. Two 33 MiB copies (about 1,700 check-ins with full notes each, or a few records with huge clocks)
    # make a 66 MiB rootwork.json: the open that merges the second crashes (JournalRefused raised from
    # _after_commit), and from then on every command refuses the journal ("larger than 64 MiB ... will not
    # open it"). Recovery from damage already checks the size of what it would write; the merge does not.
    from rootwork.state.records.convert import checkin_to_doc
    from rootwork.state.records.errors import StoreError

    laptop = tmp_path / "laptop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    base = journal_of(laptop)

    def big_copy(first: int, name: str) -> None:
        docs = {}
        for n in range(1700):
            docs[str(n + 1)] = checkin_to_doc(
                Checkin(
                    day=TODAY - timedelta(days=first + n),
                    mood=3,
                    intensity=3,
                    note="n" * 10_000,
                    gratitude="g" * 10_000,
                    id=f"{first + n:032x}",
                    created_at="2026-01-01T00:00:00Z",
                    updated_at="2026-01-01T00:00:00Z",
                    rev=1,
                )
            )
        (laptop / name).write_text(json.dumps({**base, "checkins": docs}))

    big_copy(10, SYNCTHING)
    Store.open(laptop, clock=clock)
    big_copy(5000, SYNCTHING_2)
    try:
        Store.open(laptop, clock=clock)
    except StoreError:
        pass
    reopened = Store.open(laptop, clock=clock)  # raises JournalRefused now
    assert reopened.checkin_for(TODAY) is not None


def _forge_aside(source: Path, target: Path, prefix: str) -> None:
    """``source``'s journal with 64 values kept aside for its check-in's note: the most a copy may hold."""
    data = journal_of(source)
    [doc] = data["checkins"].values()
    doc["clock"]["open"] = {"note": [[f"aside {prefix} {n}", [f"{prefix}{n:031x}", 1]] for n in range(64)]}
    target.write_text(json.dumps(data))


def test_two_accepted_copies_never_make_a_journal_the_other_machine_refuses(tmp_path: Path, clock: FixedClock) -> None:
    # FINDING 11: what a copy may hold is not closed under merging. Each copy keeps 64 values aside for one
    # answer (MAX_KEPT_ASIDE: accepted); merged, the journal keeps 128. From then on the desktop refuses
    # every copy of the laptop's journal as a whole ("clock keeps values aside for note, which cannot have
    # any"), so nothing written on the laptop reaches the desktop through a conflict copy again, and the
    # laptop's own export loses that check-in on import ("Skipped"). Ordinary use grows the list too: each
    # round of concurrent edits of one answer that nobody settles adds one value (stamp keeps them aside).
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="start"))
    sync_whole(laptop, desktop)
    _forge_aside(laptop, laptop / SYNCTHING, "a")
    Store.open(laptop, clock=clock)
    _forge_aside(laptop, laptop / SYNCTHING_2, "b")
    here = Store.open(laptop, clock=clock)
    here.save_checkin(Checkin(day=TODAY + timedelta(days=1), mood=3, intensity=3, note="written on the laptop"))
    Store.open(desktop, clock=clock).save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3))
    leave_conflict_copy(laptop, desktop, "rootwork.sync-conflict-20261125-140000-ABCDEF7.json")
    there = Store.open(desktop, clock=clock)
    assert not any("could not be merged" in notice for notice in there.notices), there.notices
    assert there.checkin_for(TODAY + timedelta(days=1)) is not None


@pytest.mark.parametrize(
    "change",
    [
        {"seen": 2**41},  # beyond MAX_COUNT
        {"writer": "not a machine"},
        {"open": {"day": [["2026-11-01", ["a" * 32, 1]]]}},  # what a record is about is never kept aside
        {"open": {"mood": [["very", ["a" * 32, 1]]]}},  # a value the record could not hold
    ],
)  # (65 values aside are accepted since FINDING 11: merges of accepted copies make such; the size cap bounds it)
def test_a_copy_with_a_forged_clock_is_refused_whole_and_changes_nothing(
    tmp_path: Path, clock: FixedClock, change: dict
) -> None:
    # HOLDS: a copy whose clock breaks a rule is refused whole (one notice), never half merged, and stays.
    laptop = tmp_path / "laptop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="start"))
    data = journal_of(laptop)
    [doc] = data["checkins"].values()
    doc["note"] = "forged"
    writer = next(iter(doc["clock"]["seen"]))
    if "seen" in change:
        doc["clock"]["seen"][writer] = change["seen"]
    elif "writer" in change:
        doc["clock"]["seen"][change["writer"]] = doc["clock"]["seen"].pop(writer)
    else:
        doc["clock"]["open"] = change["open"]
    (laptop / SYNCTHING).write_text(json.dumps(data))
    before = database_path(laptop).read_bytes()
    opened = Store.open(laptop, clock=clock)
    assert database_path(laptop).read_bytes() == before and (laptop / SYNCTHING).is_file()
    assert len(opened.notices) == 1 and "could not be merged" in opened.notices[0]


def test_export_then_import_keeps_a_check_in_kept_whole_in_the_conflict_log(tmp_path: Path, clock: FixedClock) -> None:
    # FINDING 13: two check-ins for one day under different ids (journals from before a day's check-in had
    # one id) keep one and put the other, whole, in the conflict log ("what was logged is never lost"). The
    # export holds the log, and merging that journal as a copy keeps it, but `rootwork import` of the export
    # reads only self-checks from meta (incoming.read_export): the logged check-in is silently dropped. Import
    # and merge of the same journal give different journals, and moving a journal by export loses writing.
    laptop, desktop = two_machines(tmp_path, clock)

    legacy_checkin(laptop, "the laptop's words", "2026-11-25T08:00:00Z", "1" * 32)
    legacy_checkin(desktop, "the desktop's words", "2026-11-25T09:00:00Z", "2" * 32)
    leave_conflict_copy(desktop, laptop)
    exported = Store.open(laptop, clock=clock).export_data()
    assert any(d.get("kind") == "merge_conflict" for d in exported["meta"])

    merged_as_copy = tmp_path / "merged"
    Store.open(merged_as_copy, clock=clock)
    leave_conflict_copy(laptop, merged_as_copy)
    Store.open(merged_as_copy, clock=clock)
    assert "the laptop's words" in database_path(merged_as_copy).read_text()  # merge keeps it

    imported = tmp_path / "imported"
    Store.open(imported, clock=clock).import_data(exported)
    assert "the laptop's words" in database_path(imported).read_text()

"""Revisions: every record counts its writes, and a save from a stale copy never overwrites silently."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from rootwork.state.records.errors import SaveConflict
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store

from .conftest import TODAY


def _checkin(**fields) -> Checkin:
    return Checkin(**{"day": TODAY, "mood": 3, "intensity": 5, **fields})


def test_every_write_increments_the_revision(store: Store) -> None:
    first = store.save_checkin(_checkin())
    assert first.rev == 1
    second = store.save_checkin(replace(first, mood=4))
    assert second.rev == 2 == store.checkin_for(TODAY).rev
    r = store.save_reframe(Reframe(critic="c", reframe="r"), TODAY)
    assert r.rev == 1
    assert store.delete_reframe(r.id).rev == 2
    assert store.restore_reframe(r.id).rev == 3


def test_a_document_without_a_revision_reads_as_zero_and_saves_as_one(data_dir: Path, clock) -> None:
    Store.open(data_dir, clock=clock).save_checkin(_checkin(note="old"))
    path = data_dir / "rootwork.json"
    data = json.loads(path.read_text())
    for doc in data["checkins"].values():
        del doc["rev"]
    path.write_text(json.dumps(data))
    store = Store.open(data_dir, clock=clock)
    loaded = store.checkin_for(TODAY)
    assert loaded.rev == 0
    assert store.save_checkin(replace(loaded, mood=1), base=loaded).rev == 1


def test_a_stale_base_with_other_fields_changed_merges(data_dir: Path, clock) -> None:
    form_store = Store.open(data_dir, clock=clock)
    loaded = form_store.save_checkin(_checkin(note="morning"))
    shell = Store.open(data_dir, clock=clock)
    shell.save_checkin(replace(shell.checkin_for(TODAY), note="from the shell"))
    saved = form_store.save_checkin(replace(loaded, mood=1), base=loaded)
    assert (saved.mood, saved.note, saved.rev) == (1, "from the shell", 3)
    assert Store.open(data_dir, clock=clock).checkin_for(TODAY) == saved


def test_overlapping_changes_raise_and_write_nothing(data_dir: Path, clock) -> None:
    form_store = Store.open(data_dir, clock=clock)
    loaded = form_store.save_checkin(_checkin(note="morning"))
    shell = Store.open(data_dir, clock=clock)
    shell.save_checkin(replace(shell.checkin_for(TODAY), note="from the shell"))
    path = data_dir / "rootwork.json"
    before = path.read_bytes()
    with pytest.raises(SaveConflict) as caught:
        form_store.save_checkin(replace(loaded, note="from the form", mood=2), base=loaded)
    assert path.read_bytes() == before
    conflict = caught.value
    assert [(c.field, c.yours, c.saved) for c in conflict.conflicts] == [("note", "from the form", "from the shell")]
    assert conflict.merged.mood == 2 and conflict.merged.note == "from the shell"
    assert conflict.saved.rev == 2
    # Choosing, then saving on the new base, goes through.
    chosen = replace(conflict.merged, note=conflict.conflicts[0].both())
    saved = form_store.save_checkin(chosen, base=conflict.saved)
    assert saved.note == "from the shell\n\nfrom the form" and saved.mood == 2


def test_a_new_day_form_meets_a_check_in_saved_meanwhile(store: Store) -> None:
    store.save_checkin(_checkin(note="from the shell", mood=2))
    saved = store.save_checkin(_checkin(mood=2, intensity=5, gratitude="sun"), base=None)
    assert (saved.note, saved.gratitude) == ("from the shell", "sun")
    with pytest.raises(SaveConflict):
        store.save_checkin(_checkin(mood=5), base=None)


def test_reframe_edits_merge_and_conflict(store: Store, clock) -> None:
    loaded = store.save_reframe(Reframe(critic="c", reframe="r", evidence_for="e"), TODAY)
    store.save_reframe(replace(loaded, evidence_for="more evidence"), TODAY, base=loaded)
    saved = store.save_reframe(replace(loaded, belief_after=20), TODAY, base=loaded)
    assert (saved.evidence_for, saved.belief_after, saved.schedule) == ("more evidence", 20, loaded.schedule)
    with pytest.raises(SaveConflict):
        store.save_reframe(replace(loaded, evidence_for="mine"), TODAY, base=loaded)
    assert store.reframe(loaded.id) == saved

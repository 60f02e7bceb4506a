"""Export and import between stores: everything copied, merged by day and practice, bad data refused.

Run on memory and on the atomic JSON file, like the rest of the Store API (test_store.py).
"""

from __future__ import annotations

import pytest

from rootwork.state.records.model import Checkin, Rating
from rootwork.state.records.safety_plan import SafetyPlan
from rootwork.state.store import SCHEMA_VERSION, Store, ValidationError
from tests.state.test_store import PRACTICE, YESTERDAY, reframe

from .conftest import TODAY


def fill(store: Store) -> None:
    store.save_checkin(Checkin(day=YESTERDAY, mood=2, intensity=7, note="[@click=app.quit]x[/]"))
    item = store.adopt(PRACTICE, YESTERDAY)
    store.review("practice", item.id, Rating.DID_IT, YESTERDAY)
    saved = store.save_reframe(reframe(), YESTERDAY)
    store.delete_reframe(saved.id)
    store.save_selfcheck(["perfectionism.all-or-nothing"], {"perfectionism": 1}, YESTERDAY)
    store.save_safety_plan(SafetyPlan(parts={"reasons": "[b]my sister[/b]"}), YESTERDAY)


def test_export_into_an_empty_store_copies_everything(store: Store, clock) -> None:
    fill(store)
    other = Store.in_memory(clock=clock)
    counts = other.import_data(store.export_data(safety_plan=True))
    assert counts == {
        "checkins": {"added": 1, "updated": 0},
        "reframes": {"added": 1, "updated": 0},
        "plan": {"added": 1, "updated": 0},
        "reviews": {"added": 1, "updated": 0},
        "safety": {"added": 1, "updated": 0},
        "selfchecks": {"added": 1, "updated": 0},
    }
    assert other.safety_plan() == store.safety_plan()
    assert other.checkins() == store.checkins()
    assert other.plan() == store.plan()
    assert other.reframes(include_deleted=True) == store.reframes(include_deleted=True)
    assert other.reviews() == store.reviews()
    assert other.selfchecks() == store.selfchecks()


def test_an_export_holds_the_safety_plan_only_when_asked(store: Store) -> None:
    fill(store)
    assert "safety" not in store.export_data()
    assert "my sister" not in str(store.export_data())
    other = Store.in_memory()
    counts = other.import_data(store.export_data())
    assert counts["safety"] == {"added": 0, "updated": 0} and other.safety_plan() is None
    assert [d["part.reasons"] for d in store.export_data(safety_plan=True)["safety"]] == ["[b]my sister[/b]"]


def test_import_twice_adds_nothing(store: Store) -> None:
    fill(store)
    exported = store.export_data()
    counts = store.import_data(exported)
    assert all(c == {"added": 0, "updated": 0} for c in counts.values())
    assert len(store.checkins()) == 1 and len(store.reviews()) == 1


def test_import_merges_by_day_and_practice_field_by_field(store: Store, clock) -> None:
    """The same day (practice) on two machines is one record: what one side wrote alone is kept, and what both
    wrote without seeing the other is kept aside, whichever clock ran ahead (the one rule sync merges by)."""
    mine = store.save_checkin(Checkin(day=TODAY, mood=2, intensity=7))
    my_item = store.adopt(PRACTICE, TODAY)
    other = Store.in_memory(clock=clock)
    clock.advance(hours=1)
    other.save_checkin(Checkin(day=TODAY, mood=5, intensity=1, note="from the laptop"))
    theirs_item = other.adopt(PRACTICE, TODAY)
    other.review("practice", theirs_item.id, Rating.DID_IT, TODAY)
    other.save_checkin(Checkin(day=YESTERDAY, mood=3, intensity=3))

    counts = store.import_data(other.export_data())
    assert counts["checkins"] == {"added": 1, "updated": 1}
    assert counts["reviews"] == {"added": 1, "updated": 0}
    today = store.checkin_for(TODAY)
    assert today.id == mine.id and today.note == "from the laptop"
    assert {(k.field, k.shown, k.aside[0][0]) for k in store.kept_aside()} in (
        {("mood", 2, 5), ("intensity", 7, 1)},
        {("mood", 5, 2), ("intensity", 1, 7)},
    )
    assert [p.id for p in store.plan()] == [my_item.id] == [theirs_item.id]
    assert store.reviews()[0].item_id == my_item.id
    assert store.plan()[0].schedule.reps == 1  # recomputed from the review made on the other machine
    assert len(store.checkins()) == 2


def test_import_gives_what_merging_the_same_journal_gives(clock, tmp_path) -> None:
    """One rule: importing another machine's export and merging its journal file make the same journal."""
    from rootwork.state.files.locations import database_path
    from rootwork.state.store.copies import merge_into, read_journal_file
    from rootwork.state.store.schema import JOURNAL_TABLES
    from rootwork.state.sync.merge import journal_part

    mine, other, twin = (Store.open(tmp_path / name, clock=clock) for name in ("mine", "other", "twin"))
    mine.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="mine"))
    other.import_data(mine.export_data())
    twin.import_data(mine.export_data())
    clock.advance(hours=1)
    mine.save_checkin(Checkin(day=TODAY, mood=1, intensity=2, note="mine"))
    twin.import_data(mine.export_data())
    other.save_checkin(Checkin(day=TODAY, mood=4, intensity=9, note="theirs"))

    mine.import_data(other.export_data())
    merge_into(twin, read_journal_file(database_path(tmp_path / "other"), "2026-11-25T12:00:00Z"))
    journals = [read_journal_file(database_path(tmp_path / name), "2026-11-25T12:00:00Z") for name in ("mine", "twin")]
    mine_part, twin_part = ([journal_part(j)[t] for t in JOURNAL_TABLES] for j in journals)
    assert mine_part == twin_part
    checkin = mine.checkin_for(TODAY)
    assert (checkin.mood, checkin.intensity, checkin.note) == (1, 9, "theirs") and mine.kept_aside() == []


def test_import_never_lets_a_clock_that_ran_ahead_decide(store: Store, clock) -> None:
    other = Store.in_memory(clock=clock)
    other.save_checkin(Checkin(day=TODAY, mood=1, intensity=9))
    clock.advance(hours=1)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2))
    result = store.import_data(other.export_data())
    assert result["checkins"] == {"added": 0, "updated": 1}
    kept = {k.field: {k.shown, *(v for v, _by in k.aside)} for k in store.kept_aside()}
    assert kept == {"mood": {1, 4}, "intensity": {2, 9}}
    assert len(result.notes) == 2 and all("rootwork conflicts" in note for note in result.notes)


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"checkins": []},
        {"schema_version": SCHEMA_VERSION + 1},
        {"schema_version": 1, "checkins": [{"day": "x"}]},
        {"schema_version": 1, "checkins": [{"id": "a", "day": "2026-11-25", "mood": 9, "intensity": 1}]},
    ],
)
def test_bad_import_is_refused_and_changes_nothing(store: Store, data) -> None:
    with pytest.raises(ValidationError):
        store.import_data(data)
    assert store.checkins() == []


def test_import_cleans_control_characters(store: Store) -> None:
    doc = {
        "id": "a" * 32,
        "day": "2026-11-25",
        "mood": 3,
        "intensity": 1,
        "note": "x\x1b[31my",
        "created_at": "2026-11-25T10:00:00Z",
        "updated_at": "2026-11-25T10:00:00Z",
    }
    store.import_data({"schema_version": 1, "checkins": [doc]})
    assert store.checkin_for(TODAY).note == "xy"

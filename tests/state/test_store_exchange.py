"""Export and import between stores: everything copied, merged by day and practice, bad data refused.

Run on memory and on the atomic JSON file, like the rest of the Store API (test_store.py).
"""

from __future__ import annotations

import pytest

from rootwork.state.model import Checkin, Rating
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


def test_export_into_an_empty_store_copies_everything(store: Store, clock) -> None:
    fill(store)
    other = Store.in_memory(clock=clock)
    counts = other.import_data(store.export_data())
    assert counts == {
        "checkins": {"added": 1, "updated": 0},
        "reframes": {"added": 1, "updated": 0},
        "plan": {"added": 1, "updated": 0},
        "reviews": {"added": 1, "updated": 0},
        "selfchecks": {"added": 1, "updated": 0},
    }
    assert other.checkins() == store.checkins()
    assert other.plan() == store.plan()
    assert other.reframes(include_deleted=True) == store.reframes(include_deleted=True)
    assert other.reviews() == store.reviews()
    assert other.selfchecks() == store.selfchecks()


def test_import_twice_adds_nothing(store: Store) -> None:
    fill(store)
    exported = store.export_data()
    counts = store.import_data(exported)
    assert all(c == {"added": 0, "updated": 0} for c in counts.values())
    assert len(store.checkins()) == 1 and len(store.reviews()) == 1


def test_import_merges_by_day_and_practice_newer_wins(store: Store, clock) -> None:
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
    assert counts["plan"] == {"added": 0, "updated": 1}
    today = store.checkin_for(TODAY)
    assert today.id == mine.id and today.note == "from the laptop"
    assert [p.id for p in store.plan()] == [my_item.id]
    assert store.reviews()[0].item_id == my_item.id  # the review follows the surviving item
    assert len(store.checkins()) == 2


def test_import_keeps_local_when_it_is_newer(store: Store, clock) -> None:
    other = Store.in_memory(clock=clock)
    other.save_checkin(Checkin(day=TODAY, mood=1, intensity=9))
    clock.advance(hours=1)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2))
    assert store.import_data(other.export_data())["checkins"] == {"added": 0, "updated": 0}
    assert store.checkin_for(TODAY).mood == 4


@pytest.mark.parametrize(
    "data",
    [[], {"checkins": []}, {"schema_version": SCHEMA_VERSION + 1}, {"schema_version": 1, "checkins": [{"day": "x"}]},
     {"schema_version": 1, "checkins": [{"id": "a", "day": "2026-11-25", "mood": 9, "intensity": 1}]}],
)
def test_bad_import_is_refused_and_changes_nothing(store: Store, data) -> None:
    with pytest.raises(ValidationError):
        store.import_data(data)
    assert store.checkins() == []


def test_import_cleans_control_characters(store: Store) -> None:
    doc = {"id": "a" * 32, "day": "2026-11-25", "mood": 3, "intensity": 1, "note": "x\x1b[31my",
           "created_at": "2026-11-25T10:00:00Z", "updated_at": "2026-11-25T10:00:00Z"}
    store.import_data({"schema_version": 1, "checkins": [doc]})
    assert store.checkin_for(TODAY).note == "xy"

"""One strict reader (issue 13): what enters the journal by open, import or migration is checked value by value."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.journal_file.storage import parse, serialise
from rootwork.state.records import strict
from rootwork.state.records.convert import plan_item_from_doc, review_from_doc
from rootwork.state.records.model import Checkin, Rating
from rootwork.state.store import Store, ValidationError

from .conftest import TODAY

PRACTICE = "perfectionism.good-enough"
STAMP = "2026-11-20T10:00:00Z"
LATER = "2026-11-24T10:00:00Z"


def export_of(store: Store) -> dict:
    return store.export_data()


def filled(clock) -> Store:
    """A small journal: one check-in, one adopted practice reviewed once."""
    store = Store.in_memory(clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=4))
    item = store.adopt(PRACTICE, TODAY - timedelta(days=1))
    store.review("practice", item.id, Rating.DID_IT, TODAY - timedelta(days=1))
    return store


# ---------------------------------------------------------------- the reader


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, "2.5", None, True, 1.29, 3.01, 10**30])
def test_ease_must_be_a_finite_number_in_its_range(value) -> None:
    doc = {
        "id": "a" * 32,
        "created_at": STAMP,
        "updated_at": STAMP,
        "practice_id": PRACTICE,
        "adopted_on": "2026-11-20",
        "schedule": {"ease": value},
    }
    with pytest.raises(strict.BadValue):
        plan_item_from_doc(doc)


@pytest.mark.parametrize(
    "key, value",
    [
        ("interval_before", 10**30),
        ("interval_after", 36501),
        ("interval_after", -1),
        ("interval_before", 2.0),
        ("ease_after", math.nan),
        ("ease_before", math.inf),
        ("item_id", "x\ud800"),
        ("item_id", "c1"),
        ("id", "a" * 31 + "\ud800"),
        ("day", "2026-02-30"),
        ("day", "20261125"),
        ("due_after", "2026-13-01"),
        ("belief", 101),
        ("rating", ["3"]),
        ("rating", "5"),
        ("created_at", "yesterday"),
        ("answer", "\udc80"),
    ],
)
def test_a_review_with_a_bad_value_is_refused_with_the_field_named(key, value) -> None:
    doc = {
        "id": "a" * 32,
        "created_at": STAMP,
        "updated_at": STAMP,
        "item_kind": "practice",
        "item_id": "b" * 32,
        "day": "2026-11-20",
        "rating": "3",
        "interval_before": 1,
        "interval_after": 3,
        "due_after": "2026-11-23",
        "ease_before": 2.5,
        "ease_after": 2.5,
        key: value,
    }
    with pytest.raises(strict.BadValue, match=key):
        review_from_doc(doc)


def test_content_ids_have_one_shape() -> None:
    for good in ("perfectionism", "perfectionism.good-enough", "childhood-criticism.shows.fear-of-mistakes"):
        assert strict.is_content_id(good)
    for bad in ("", "Perfectionism", "a..b", "a.b.c.d.e", "-a", "a-", "a b", "[red]x", "x" * 81, 3):
        assert not strict.is_content_id(bad)


def test_every_library_id_has_the_shape_the_reader_accepts() -> None:
    from rootwork.content import load_library

    library = load_library()
    ids = [c.id for c in library.causes] + [p.id for p in library.practices] + [s.id for s in library.signs]
    ids += [d.id for d in library.distortions] + [m.id for c in library.causes for m in c.manifestations]
    assert ids and all(strict.is_content_id(i) for i in ids)


def test_a_sign_the_reader_would_hide_is_never_saved(store: Store) -> None:
    with pytest.raises(ValidationError):
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, signs=("[red]not an id",)))
    assert store.checkins() == []


# ------------------------------------------------------------------ opening


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["plan"]["1"]["schedule"].update(ease=7.5),
        lambda d: d["plan"]["1"]["schedule"].update(interval=10**30),  # orjson reads it as 1e30
        lambda d: d["checkins"]["1"].update(day="2026-02-30"),
        lambda d: d["checkins"]["1"].update(mood=9),
    ],
)
def test_on_open_a_bad_document_is_hidden_and_counted_never_a_crash(data_dir: Path, clock, change) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=4))
    store.adopt(PRACTICE, TODAY)
    store.close()
    path = database_path(data_dir)
    data = parse(path.read_bytes())
    change(data)
    path.write_bytes(json.dumps(data).encode())

    reopened = Store.open(data_dir, clock=clock)
    assert len(reopened.checkins()) + len(reopened.plan()) == 1
    assert any("could not be read" in notice for notice in reopened.notices)


def test_migrating_a_version_0_file_gives_every_document_a_proper_id(data_dir: Path, clock) -> None:
    data_dir.mkdir(mode=0o700)
    old = {
        "plan": {
            "1": {
                "id": "p1",
                "created_at": STAMP,
                "updated_at": STAMP,
                "practice_id": PRACTICE,
                "adopted_on": "2026-11-20",
                "schedule": {"due": "2026-11-21"},
            }
        },
        "reviews": {
            "1": {
                "id": "v1",
                "item_kind": "practice",
                "item_id": "p1",
                "day": "2026-11-21",
                "rating": "3",
                "interval_before": 1,
                "interval_after": 3,
                "due_after": "2026-11-24",
            }
        },
    }
    database_path(data_dir).write_bytes(serialise(old))
    store = Store.open(data_dir, clock=clock)
    (item,) = store.plan()
    (review,) = store.reviews()
    assert strict.doc_id(item.id) and review.item_id == item.id
    assert not any("could not be read" in notice for notice in store.notices)


# ------------------------------------------------------------------ importing


def test_nan_and_infinity_are_skipped_and_named_not_imported_and_hidden(clock) -> None:
    data = export_of(filled(clock))
    data["plan"][0]["schedule"]["ease"] = math.nan
    data["reviews"][0]["ease_after"] = math.inf
    target = Store.in_memory(clock=clock)
    result = target.import_data(data)
    assert result["checkins"] == {"added": 1, "updated": 0}
    assert result["plan"]["added"] == 0 and result["reviews"]["added"] == 0
    assert result.notes == [
        f"Skipped practice {PRACTICE}: ease is not a number.",
        "Skipped practice review 1 of 1: ease_after is not a number.",
    ]
    assert target.plan() == [] and target.reviews() == []


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda d: d["plan"][0]["schedule"].update(interval=10**30), "interval is too large"),
        (lambda d: d["plan"][0]["schedule"].update(reps=-1), "reps is too small"),
        (lambda d: d["plan"][0].update(id="a" * 31 + "\ud800"), "id is not a rootwork id"),
        (lambda d: d["plan"][0].update(practice_id="perfectionism.\ud800"), "practice_id is not a library id"),
    ],
)
def test_huge_numbers_and_lone_surrogates_are_skipped_and_named(clock, change, reason) -> None:
    data = export_of(filled(clock))
    change(data)
    result = Store.in_memory(clock=clock).import_data(data)
    assert any(reason in note for note in result.notes), result.notes


def test_a_file_with_nothing_readable_is_refused_whole(store: Store) -> None:
    with pytest.raises(ValidationError, match="Nothing in this file could be read"):
        store.import_data({"schema_version": 1, "checkins": [{"id": "x", "day": "soon"}]})
    assert store.checkins() == []


def test_a_checkin_carrying_another_days_id_never_makes_two_checkins_on_a_day(store: Store, clock) -> None:
    day_a, day_b = TODAY - timedelta(days=2), TODAY - timedelta(days=1)
    mine_a = store.save_checkin(Checkin(day=day_a, mood=2, intensity=6))
    mine_b = store.save_checkin(Checkin(day=day_b, mood=2, intensity=6))
    clock.advance(hours=1)
    other = Store.in_memory(clock=clock)
    other.save_checkin(Checkin(day=day_b, mood=5, intensity=1))
    data = other.export_data()
    data["checkins"][0]["id"] = mine_a.id  # day B's check-in, with day A's id

    result = store.import_data(data)
    assert sorted(c.day for c in store.checkins()) == [day_a, day_b]
    assert store.checkin_for(day_a) == mine_a
    assert store.checkin_for(day_b) == mine_b  # the day's own record; the other is kept in the conflict log
    assert result.notes == [  # the other is kept whole in the conflict log, each answer that differs listed
        f"Kept aside an answer ({name}) in the check-in {day_b.isoformat()}: it was changed on both sides without "
        "either seeing the other. One is shown; choose in the app's Kept aside or with 'rootwork conflicts'."
        for name in ("How insecure", "Mood")
    ]


def test_a_checkin_with_a_clashing_id_and_a_free_day_is_added_under_a_new_id(store: Store, clock) -> None:
    day_a, day_b = TODAY - timedelta(days=2), TODAY - timedelta(days=1)
    mine_a = store.save_checkin(Checkin(day=day_a, mood=2, intensity=6))
    other = Store.in_memory(clock=clock)
    other.save_checkin(Checkin(day=day_b, mood=5, intensity=1))
    data = other.export_data()
    data["checkins"][0]["id"] = mine_a.id

    result = store.import_data(data)
    assert store.checkin_for(day_a) == mine_a
    added = store.checkin_for(day_b)
    assert added is not None and added.mood == 5 and added.id != mine_a.id
    assert len(store.checkins()) == 2 and result["checkins"] == {"added": 1, "updated": 0}


def test_a_checkin_changed_on_both_sides_is_named_as_kept_aside_not_decided_by_the_clock(store: Store, clock) -> None:
    other = Store.in_memory(clock=clock)
    other.save_checkin(Checkin(day=TODAY, mood=1, intensity=9))
    clock.advance(hours=1)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=9))
    result = store.import_data(other.export_data())
    assert result["checkins"] == {"added": 0, "updated": 1}
    assert result.notes == [
        f"Kept aside an answer (Mood) in the check-in {TODAY.isoformat()}: it was changed on both sides without "
        "either seeing the other. One is shown; choose in the app's Kept aside or with 'rootwork conflicts'."
    ]
    assert {store.checkin_for(TODAY).mood, *(v for v, _by in store.kept_aside()[0].aside)} == {1, 4}


def test_importing_the_same_export_again_says_nothing(store: Store, clock) -> None:
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2))
    result = store.import_data(store.export_data())
    assert result.notes == []


def test_on_open_two_checkins_for_one_day_show_as_one_the_newest(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=6))
    store.close()
    path = database_path(data_dir)
    data = parse(path.read_bytes())
    newer = {**data["checkins"]["1"], "id": "f" * 32, "mood": 5, "updated_at": "2026-11-25T13:00:00Z"}
    data["checkins"]["2"] = newer
    path.write_bytes(serialise(data))

    reopened = Store.open(data_dir, clock=clock)
    assert [c.mood for c in reopened.checkins()] == [5]
    assert reopened.checkin_for(TODAY).id == "f" * 32
    assert any("1 entry in your journal could not be read" in notice for notice in reopened.notices)


def test_a_removed_practice_keeps_its_own_reviews_when_a_journal_is_imported_into_its_copy(
    data_dir: Path, clock
) -> None:
    """An id that matches one of the same practice is that record, even when another item of the practice is active."""
    Store.open(data_dir, clock=clock).close()
    path = database_path(data_dir)
    data = parse(path.read_bytes())
    old, new = "1" * 32, "2" * 32
    item = {"practice_id": PRACTICE, "adopted_on": "2026-11-01", "schedule": {"due": "2026-11-02"}, "paused": False}
    data["plan"] = {
        "1": {**item, "id": old, "created_at": STAMP, "updated_at": STAMP, "removed_at": STAMP},
        "2": {**item, "id": new, "created_at": LATER, "updated_at": LATER, "removed_at": None},
    }
    data["reviews"] = {
        "1": {
            "id": "3" * 32,
            "created_at": STAMP,
            "updated_at": STAMP,
            "item_kind": "practice",
            "item_id": old,
            "day": "2026-11-02",
            "rating": "3",
            "interval_before": 1,
            "interval_after": 3,
            "due_after": "2026-11-05",
        }
    }
    path.write_bytes(serialise(data))
    store = Store.open(data_dir, clock=clock)

    result = store.import_data(store.export_data())
    assert result.notes == []
    assert [r.item_id for r in store.reviews()] == [old]
    assert {p.id for p in store.plan(include_removed=True)} == {old, new}

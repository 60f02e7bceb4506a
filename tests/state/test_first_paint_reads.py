"""Today's reads before the check-ins and thought records are indexed: the same answers, strictly read, never a crash.

Opening a journal indexes only the plan. In the app (snapshot mode) ``due``,
``checkin_for``, ``checkins(start, end)`` and ``has_reframes`` answer from the
raw documents until the view is built (``Store.warm``, or the first read that
needs it), and convert only what they return. Elsewhere (the command line) a
read builds the view, so a command reports the damaged entries of what it reads.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.state.demo.sample import generate_journal
from rootwork.state.files.locations import database_path
from rootwork.state.records.convert import CONVERTERS
from rootwork.state.records.model import Checkin, Rating, Reframe
from rootwork.state.store import Store

TODAY = date(2026, 11, 25)
WEEK = (TODAY - timedelta(days=6), TODAY)


def _opened(data_dir: Path, **kwargs) -> Store:
    store = Store.open(data_dir, **kwargs)
    store.use_snapshots()  # as the app does
    return store


def _answers(store: Store, days: list[date]) -> tuple:
    return (
        [[(item.id, item.schedule.due) for item in store.due(day, cap=50)] for day in days],
        [store.checkin_for(day) for day in days],
        [store.checkins(day - timedelta(days=6), day) for day in days],
        store.has_reframes(),
    )


@pytest.fixture(scope="module")
def long_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("long") / "data"
    generate_journal(Store.open(data_dir), days=400, today=TODAY, scale=0.5)
    return data_dir


def test_before_and_after_indexing_the_answers_are_the_same(long_journal: Path) -> None:
    days = [TODAY - timedelta(days=n) for n in (0, 1, 30, 200, 399, 500)] + [TODAY + timedelta(days=40)]
    before = _opened(long_journal)
    early = _answers(before, days)
    before.warm()
    assert _answers(before, days) == early
    assert early[0] and any(early[1]) and early[3]


def test_opening_converts_only_the_plan_and_today_converts_only_what_it_shows(
    long_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: dict[str, int] = {}
    for name, (to_doc, from_doc) in list(CONVERTERS.items()):

        def counted(doc, name=name, from_doc=from_doc):
            converted[name] = converted.get(name, 0) + 1
            return from_doc(doc)

        monkeypatch.setitem(CONVERTERS, name, (to_doc, counted))
    store = _opened(long_journal)
    assert set(converted) == {"plan"}
    due = store.due(TODAY)
    store.checkin_for(TODAY)
    store.checkins(*WEEK)
    stored = len(json.loads(database_path(long_journal).read_text())["reframes"])
    assert 0 < converted["reframes"] <= len(due) < stored / 100
    assert converted["checkins"] <= 7
    store.due(TODAY)  # read again while painting: not converted again
    assert converted["reframes"] <= len(due)
    store.warm()
    assert store.due(TODAY) == due


def _damage(data_dir: Path, changes: list) -> None:
    path = database_path(data_dir)
    data = json.loads(path.read_text())
    for change in changes:
        change(data)
    path.write_text(json.dumps(data))
    for outbox in data_dir.glob("outbox-*.json"):  # damage alone: this machine's outbox would undo some
        outbox.unlink()


def _reframe(store: Store, critic: str) -> Reframe:
    return store.save_reframe(Reframe(critic=critic, reframe="kinder words"), TODAY - timedelta(days=3))


DAMAGE = [
    lambda doc: doc["schedule"].update(due=20261120),
    lambda doc: doc["schedule"].update(due="2026-02-30"),
    lambda doc: doc["schedule"].update(due="yesterday"),
    lambda doc: doc.update(schedule="soon"),
    lambda doc: doc["schedule"].update(ease=9.0),
    lambda doc: doc.update(critic=12),
    lambda doc: doc.update(deleted_at="not a time"),
    lambda doc: doc.update(id="short"),
    lambda doc: doc.update(distortions="all of them"),
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_thought_record_is_never_due_never_a_crash_and_is_reported_once_indexed(
    data_dir: Path, damage
) -> None:
    store = Store.open(data_dir)
    good, bad = _reframe(store, "good one"), _reframe(store, "bad one")
    store.close()

    def spoil(data: dict) -> None:
        (doc,) = [d for d in data["reframes"].values() if d["id"] == bad.id]
        damage(doc)

    _damage(data_dir, [spoil])
    reopened = _opened(data_dir)
    assert [item.id for item in reopened.due(TODAY)] == [good.id]
    assert reopened.has_reframes()
    reopened.warm()
    assert [r.id for r in reopened.reframes()] == [good.id]
    assert any("1 entry in your journal could not be read" in notice for notice in reopened.notices)


@pytest.mark.parametrize("spoiled", [0, 1, 3])
def test_more_due_than_the_cap_with_a_damaged_one_among_the_first_fills_the_cap_past_it(
    data_dir: Path, spoiled: int
) -> None:
    # The first ``cap`` due records are found by a heap; one of them unreadable means going on past it.
    store = Store.open(data_dir)
    records = [
        store.save_reframe(Reframe(critic=f"record {n}", reframe="kinder"), TODAY - timedelta(days=10 - n))
        for n in range(6)
    ]
    store.close()
    bad = sorted(records, key=lambda r: (r.schedule.due, r.id))[spoiled]

    def spoil(data: dict) -> None:
        (doc,) = [d for d in data["reframes"].values() if d["id"] == bad.id]
        doc.update(critic=12)

    _damage(data_dir, [spoil])
    reopened = _opened(data_dir)
    early = [item.id for item in reopened.due(TODAY, cap=3)]
    reopened.warm()
    assert early == [item.id for item in reopened.due(TODAY, cap=3)]
    assert len(early) == 3 and bad.id not in early


def test_a_damaged_checkin_this_week_is_left_out_as_the_view_leaves_it(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=4, intensity=2))
    store.close()
    _damage(data_dir, [lambda data: data["checkins"]["1"].update(mood=9)])
    reopened = _opened(data_dir)
    assert reopened.checkin_for(TODAY) is None
    assert [c.mood for c in reopened.checkins(*WEEK)] == [4]
    assert [c.mood for c in reopened.checkins()] == [4]


def test_two_checkins_for_one_day_show_the_newest_before_indexing_too(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=6))
    store.close()

    def second(data: dict) -> None:
        data["checkins"]["2"] = {
            **data["checkins"]["1"],
            "id": "f" * 32,
            "mood": 5,
            "updated_at": "2026-11-25T13:00:00Z",
        }

    _damage(data_dir, [second])
    reopened = _opened(data_dir, clock=clock)
    assert reopened.checkin_for(TODAY).mood == 5
    assert [c.mood for c in reopened.checkins(*WEEK)] == [5]


def test_two_documents_with_one_id_are_left_to_the_view(data_dir: Path) -> None:
    store = Store.open(data_dir)
    first = _reframe(store, "first")
    store.close()

    def twin(data: dict) -> None:
        data["reframes"]["2"] = {**data["reframes"]["1"], "critic": "twin", "schedule": {"due": "2030-01-01"}}

    _damage(data_dir, [twin])
    reopened = _opened(data_dir)
    early = reopened.due(TODAY)
    reopened.warm()
    assert early == reopened.due(TODAY)
    assert reopened.reframe(first.id).critic == "twin"


def test_without_snapshots_a_read_indexes_the_table_and_reports_its_damage(data_dir: Path) -> None:
    store = Store.open(data_dir)
    _reframe(store, "good one")
    bad = _reframe(store, "bad one")
    store.close()

    def spoil(data: dict) -> None:
        (doc,) = [d for d in data["reframes"].values() if d["id"] == bad.id]
        doc["critic"] = 12

    _damage(data_dir, [spoil])
    reopened = Store.open(data_dir)  # as ``rootwork due`` opens it
    assert reopened.notices == []
    assert len(reopened.due(TODAY)) == 1
    assert reopened.notices == [
        "1 entry in your journal could not be read and is not shown. It is kept in the file as it is."
    ]


@pytest.mark.parametrize("snapshots", [True, False])
def test_writes_and_reviews_are_seen_before_indexing(store: Store, snapshots: bool) -> None:
    if snapshots:
        store.use_snapshots()
    r = _reframe(store, "the critic")
    assert [item.id for item in store.due(TODAY)] == [r.id]
    store.review("reframe", r.id, Rating.DID_IT, TODAY)
    assert store.due(TODAY) == []
    store.delete_reframe(r.id)
    assert not store.has_reframes()
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    assert store.checkin_for(TODAY).mood == 3

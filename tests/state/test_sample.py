"""The sample journal generator: deterministic, consistent with the scheduler, and a journal the store reads back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from state.model import Rating
from state.sample import generate_journal
from state.schedule import new_schedule, schedule_next
from state.store import Store

TODAY = date(2026, 11, 25)
SMALL = {"days": 60, "today": TODAY, "scale": 0.01}


def _journal(store: Store) -> dict:
    """What was generated; the schema and focus documents are the store's own (its clock, its ids)."""
    data = store.export_data()
    tables = {name: data[name] for name in ("checkins", "reframes", "plan", "reviews")}
    return {**tables, "selfchecks": store.selfchecks(), "focus": store.focus()}


def test_same_seed_same_journal_and_another_seed_another() -> None:
    first, second, other = Store.in_memory(), Store.in_memory(), Store.in_memory()
    generate_journal(first, seed=3, **SMALL)
    generate_journal(second, seed=3, **SMALL)
    generate_journal(other, seed=4, **SMALL)
    assert _journal(first) == _journal(second)
    assert _journal(first) != _journal(other)


def test_counts_are_what_the_store_holds() -> None:
    store = Store.in_memory()
    counts = generate_journal(store, **SMALL)
    assert counts["checkins"] == len(store.checkins())
    assert counts["reframes"] == len(store.reframes(include_deleted=True)) == 30
    assert counts["plan"] == len(store.plan(include_removed=True))
    assert counts["reviews"] == len(store.reviews())
    assert counts["selfchecks"] == len(store.selfchecks()) == 1
    # Most days of the span have a check-in, none today or before the span.
    days = [c.day for c in store.checkins()]
    assert 0.8 * 60 <= len(days) <= 60
    assert TODAY - timedelta(days=60) <= days[0] and days[-1] < TODAY
    assert store.focus()


def test_every_schedule_is_its_review_history_replayed() -> None:
    store = Store.in_memory()
    generate_journal(store, **SMALL)
    items = [*store.plan(include_removed=True), *store.reframes(include_deleted=True)]
    assert store.reviews(), "a journal without reviews would test nothing"
    for item in items:
        kind = "reframe" if hasattr(item, "critic") else "practice"
        start = item.day if kind == "reframe" else item.adopted_on
        schedule = new_schedule(start)
        for review in store.reviews(item.id):
            assert review.item_kind == kind
            assert review.interval_before == schedule.interval
            schedule = schedule_next(schedule, Rating(review.rating), review.day, item_id=item.id, kind=kind)
            assert (review.interval_after, review.due_after) == (schedule.interval, schedule.due)
        assert item.schedule == schedule


def test_the_file_reopens_as_written(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    counts = generate_journal(store, **SMALL)
    again = Store.open(tmp_path)
    assert again.notices == []
    assert len(again.reviews()) == counts["reviews"]
    assert len(again.checkins()) == counts["checkins"]
    assert _journal(again) == _journal(store)

"""The sample journal generator: deterministic, consistent with the scheduler, and a journal the store reads back."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.content import load_library
from rootwork.state.demo.sample import generate_journal
from rootwork.state.demo.sample_stories import CRITIC_CAUSE, SITUATION_CAUSE, STORIES, due_spans
from rootwork.state.records.model import Rating, Review
from rootwork.state.records.schedule import new_schedule, schedule_next
from rootwork.state.store import Store

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


# --- the demo reads like one person's ninety days ------------------------------------------------


def _demo(today: date) -> Store:
    from rootwork.tui.cli.main import fill_demo_journal  # the demo exactly as `rootwork --demo` makes it (no Textual)

    store = Store.in_memory()
    fill_demo_journal(store, today)
    return store


def _due_reframes_by_day(store: Store, first: date, today: date):
    """Replay the journal: the thought records in each day's due list, drawn before that day's rehearsals."""
    records = store.reframes(include_deleted=True)
    history = {r.id: store.reviews(r.id) for r in records}
    for n in range((today - first).days + 1):
        day = first + timedelta(days=n)
        due = []
        for r in records:
            if r.day > day or (r.deleted_at is not None and date.fromisoformat(r.deleted_at[:10]) < day):
                continue
            earlier = [review for review in history[r.id] if review.day < day]
            if (earlier[-1].due_after if earlier else r.day) <= day:
                due.append(r)
        yield day, due


@pytest.mark.parametrize("today", [TODAY, TODAY + timedelta(days=1), date(2027, 3, 2)])
def test_no_day_of_the_demo_lists_the_same_critics_words_twice(today: date) -> None:
    from rootwork.tui.cli.main import DEMO_DAYS

    store = _demo(today)
    seen_due = 0
    for day, due in _due_reframes_by_day(store, today - timedelta(days=DEMO_DAYS), today):
        words = [r.critic for r in due]
        assert len(words) == len(set(words)), (day, sorted(words))
        seen_due += len(due)
    assert seen_due > 30, "a demo where nothing is ever due would test nothing"
    # Today's list may hold practices only (which depends on the scheduler's intervals);
    # whatever reframes it holds are all different.
    today_list = [item.critic for item in store.due(today) if hasattr(item, "critic")]
    assert len(today_list) == len(set(today_list))


def test_every_demo_record_belongs_together() -> None:
    store = _demo(TODAY)
    records = store.reframes(include_deleted=True)
    assert len(records) == 30
    for r in records:
        assert r.cause_id == SITUATION_CAUSE[r.situation] == CRITIC_CAUSE[r.critic], r.situation
        situations, critics = STORIES[r.cause_id]
        [critic] = [c for c in critics if c.words == r.critic]
        [situation] = [s for s in situations if s.text == r.situation]
        assert (r.reframe, r.voice, r.distortions) == (critic.reframe, critic.voice, critic.distortions)
        assert r.evidence_for in ("", situation.evidence_for)
        assert r.evidence_against in ("", situation.evidence_against)
    # Most records are about the roots the person focuses on.
    focus = set(store.focus())
    assert sum(r.cause_id in focus for r in records) > len(records) / 2


def test_the_story_bank_covers_every_cause_with_real_thinking_traps() -> None:
    library = load_library()
    assert set(STORIES) == {c.id for c in library.causes}
    traps = {d.id for d in library.distortions}
    critics = [c for _, cs in STORIES.values() for c in cs]
    situations = [s for ss, _ in STORIES.values() for s in ss]
    assert len({c.words for c in critics}) == len(critics), "each critic line belongs to one cause"
    assert len({s.text for s in situations}) == len(situations), "each situation belongs to one cause"
    for critic in critics:
        assert critic.distortions and set(critic.distortions) <= traps, critic.words
        assert critic.voice and critic.reframe
    assert all(s.evidence_for and s.evidence_against for s in situations)


def test_due_spans_follow_the_reviews() -> None:
    start = date(2026, 1, 1)
    review = Review.of(
        "reframe",
        "r1",
        date(2026, 1, 3),
        Rating.DID_IT,
        new_schedule(start),
        schedule_next(new_schedule(start), Rating.DID_IT, date(2026, 1, 3), item_id="r1", kind="reframe"),
        id="v1",
        now="2026-01-03T20:00:00Z",
    )
    last = date(2026, 1, 31)
    spans = due_spans(start, [review], last)
    assert spans == [(start, date(2026, 1, 3)), (review.due_after, last)]
    assert due_spans(start, [], date(2026, 1, 2)) == [(start, date(2026, 1, 2))]


@pytest.mark.parametrize("today", [TODAY, date(2027, 3, 2)])
def test_the_demo_does_not_repeat_itself(today: date) -> None:
    # Issue 27: the same critic's words three times on the first page, one-off events logged four times.
    from rootwork.state.demo.sample_stories import NOTES, Told

    store = _demo(today)
    records = sorted(store.reframes(include_deleted=True), key=lambda r: (r.day, r.created_at))
    once = {s.text for situations, _ in STORIES.values() for s in situations if s.once}
    told = Counter(r.situation for r in records)
    assert all(told[text] <= 1 for text in once), [text for text in once if told[text] > 1]
    assert max(Counter(r.critic for r in records).values()) <= 2
    for n, record in enumerate(records):
        recent = records[max(0, n - Told.RECENT_CRITICS) : n]
        assert record.critic not in {r.critic for r in recent}, (record.day, record.critic)
    newest_page = records[-12:]
    assert len({r.critic for r in newest_page}) == len(newest_page)
    # A note never calls a hard day (several thought records, a high intensity) a good one.
    per_day = Counter(r.day for r in records)
    for checkin in store.checkins():
        if checkin.note in NOTES["good"]:
            assert per_day[checkin.day] == 0 and checkin.intensity <= 3, (checkin.day, checkin.note)

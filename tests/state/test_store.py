"""The Store API, run on memory and on the atomic JSON file (export and import: test_store_exchange.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from rootwork.state.records.model import Checkin, Rating, Reframe
from rootwork.state.records.schedule import new_schedule, schedule_next
from rootwork.state.store import (
    DEFAULT_SETTINGS,
    SCHEMA_VERSION,
    AlreadyAdopted,
    NotFound,
    Store,
    ValidationError,
)

from .conftest import TODAY

YESTERDAY = TODAY - timedelta(days=1)
PRACTICE = "perfectionism.good-enough"
HOSTILE = ["[/]", "[@click=app.quit]x[/]", "👩\u200d👩\u200d👧 we did it", "أنا أستحق الحب"]


def reframe(**fields) -> Reframe:
    return Reframe(**{"critic": "You always fail.", "reframe": "I am learning.", **fields})


# ------------------------------------------------------------------ basics


def test_new_store_has_defaults_and_nothing_else(store: Store) -> None:
    assert not store.read_only
    assert store.notices == []
    assert store.checkins() == [] and store.plan() == [] and store.reframes() == [] and store.reviews() == []
    assert {key: store.setting(key) for key in DEFAULT_SETTINGS} == DEFAULT_SETTINGS
    assert store.export_data()["schema_version"] == SCHEMA_VERSION


def test_settings_are_checked_and_kept(store: Store) -> None:
    store.set_setting("daily_cap", 3)
    store.set_setting("reminder_time", "7:30")
    assert store.setting("daily_cap") == 3
    assert store.setting("reminder_time") == "07:30"
    for key, bad in [("daily_cap", 0), ("day_start_hour", 24), ("reminder_time", "25:00"), ("nope", 1)]:
        with pytest.raises(ValidationError):
            store.set_setting(key, bad)
    with pytest.raises(KeyError):
        store.setting("nope")


def test_disclaimer_is_acknowledged_once(store: Store) -> None:
    assert not store.disclaimer_acknowledged()
    store.acknowledge_disclaimer()
    store.acknowledge_disclaimer()
    assert store.disclaimer_acknowledged()


# --------------------------------------------------------------- check-ins


def test_checkin_gets_id_and_timestamps_from_the_clock(store: Store) -> None:
    saved = store.save_checkin(Checkin(day=TODAY, mood=4, intensity=3, signs=("a", "b"), note=" hi "))
    assert len(saved.id) == 32
    assert saved.created_at == saved.updated_at == "2026-11-25T12:00:00Z"
    assert saved.note == "hi"
    assert store.checkin_for(TODAY) == saved


def test_one_checkin_per_day_is_updated_never_duplicated(store: Store, clock) -> None:
    first = store.save_checkin(Checkin(day=TODAY, mood=2, intensity=8))
    clock.advance(hours=2)
    second = store.save_checkin(Checkin(day=TODAY, mood=4, intensity=3, note="better"))
    assert second.id == first.id and second.created_at == first.created_at
    assert second.updated_at == "2026-11-25T14:00:00Z"
    assert store.checkins() == [second]


def test_checkins_by_range_oldest_first(store: Store) -> None:
    days = [TODAY - timedelta(days=n) for n in (0, 3, 1, 10)]
    for n, day in enumerate(days):
        store.save_checkin(Checkin(day=day, mood=1 + n % 5, intensity=n))
    assert [c.day for c in store.checkins()] == sorted(days)
    assert [c.day for c in store.checkins(TODAY - timedelta(days=3), YESTERDAY)] == [
        TODAY - timedelta(days=3),
        YESTERDAY,
    ]
    assert [c.day for c in store.checkins(start=YESTERDAY)] == [YESTERDAY, TODAY]
    assert [c.day for c in store.checkins(end=TODAY - timedelta(days=4))] == [TODAY - timedelta(days=10)]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": True}, "mood"),
        ({"intensity": 11}, "intensity"),
        ({"intensity": 2.5}, "intensity"),
        ({"note": "x" * 10_001}, "note"),
    ],
)
def test_invalid_checkin_is_refused_and_nothing_saved(store: Store, fields: dict, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.save_checkin(Checkin(**{"day": TODAY, "mood": 3, "intensity": 3, **fields}))
    assert caught.value.field == field
    assert store.checkins() == []


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_exactly(store: Store, text: str) -> None:
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note=text, gratitude=text, signs=("comparing",)))
    saved = store.save_reframe(reframe(critic=text, reframe=text, situation=text, voice=text), TODAY)
    assert store.checkin_for(TODAY).note == text
    assert store.checkin_for(TODAY).signs == ("comparing",)
    assert store.reframe(saved.id).critic == text and store.reframe(saved.id).voice == text


def test_control_characters_are_removed_before_saving(store: Store) -> None:
    saved = store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="a\x1b[2Jb\x1b]0;t\x07c\x00"))
    assert saved.note == "abc"
    assert store.checkin_for(TODAY).note == "abc"


# -------------------------------------------------------------------- plan


def test_adopt_is_due_today_and_twice_is_refused(store: Store) -> None:
    item = store.adopt(PRACTICE, TODAY)
    assert item.cause_id == "perfectionism" and item.adopted_on == TODAY
    assert item.schedule == new_schedule(TODAY)
    assert store.due(TODAY) == [item]
    with pytest.raises(AlreadyAdopted):
        store.adopt(PRACTICE, TODAY)
    assert store.plan() == [item]


def test_pause_hides_from_due_but_not_from_plan(store: Store) -> None:
    item = store.adopt(PRACTICE, TODAY)
    paused = store.set_paused(item.id, True)
    assert paused.paused and store.plan() == [paused] and store.due(TODAY) == []
    assert store.set_paused(item.id, False).paused is False
    assert store.due(TODAY) == [store.plan_item(item.id)]


def test_remove_is_soft_and_restorable(store: Store, clock) -> None:
    item = store.adopt(PRACTICE, TODAY)
    clock.advance(minutes=5)
    removed = store.remove_plan_item(item.id)
    assert removed.removed_at == "2026-11-25T12:05:00Z"
    assert store.plan() == [] and store.due(TODAY) == []
    assert store.plan(include_removed=True) == [removed]
    restored = store.restore_plan_item(item.id)
    assert restored.removed_at is None and store.plan() == [restored]


def test_adopting_a_removed_practice_brings_it_back_with_its_history(store: Store) -> None:
    item = store.adopt(PRACTICE, YESTERDAY)
    store.review("practice", item.id, Rating.DID_IT, YESTERDAY)
    store.remove_plan_item(item.id)
    back = store.adopt(PRACTICE, TODAY)
    assert back.id == item.id and back.removed_at is None
    assert back.schedule.due == TODAY and back.schedule.reps == 1
    assert len(store.plan(include_removed=True)) == 1
    assert len(store.reviews(item.id)) == 1


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.plan_item("nope")
    with pytest.raises(NotFound):
        store.reframe("nope")
    with pytest.raises(NotFound):
        store.review("practice", "nope", Rating.DID_IT, TODAY)


# ---------------------------------------------------------------- reframes


def test_new_reframe_is_due_today_and_an_edit_keeps_its_schedule(store: Store, clock) -> None:
    saved = store.save_reframe(reframe(belief_before=80, distortions=("labelling",)), TODAY)
    assert saved.day == TODAY and saved.schedule == new_schedule(TODAY)
    store.review("reframe", saved.id, Rating.CAME_EASILY, TODAY)
    rehearsed = store.reframe(saved.id)
    clock.advance(days=1)
    edited = store.save_reframe(replace(rehearsed, reframe="I am learning, and that is enough."), TODAY + timedelta(1))
    assert edited.schedule == rehearsed.schedule and edited.day == TODAY
    assert edited.created_at == saved.created_at and edited.updated_at == "2026-11-26T12:00:00Z"
    assert store.reframes() == [edited]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"critic": "  "}, "critic's words"),
        ({"reframe": ""}, "reframe"),
        ({"belief_before": 101}, "belief_before"),
        ({"belief_after": -1}, "belief_after"),
        ({"situation": "x" * 20_001}, "situation"),
    ],
)
def test_invalid_reframe_is_refused(store: Store, fields: dict, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.save_reframe(reframe(**fields), TODAY)
    assert caught.value.field == field
    assert store.reframes(include_deleted=True) == []


def test_reframes_newest_first_and_soft_delete(store: Store, clock) -> None:
    older = store.save_reframe(reframe(critic="old"), YESTERDAY)
    clock.advance(hours=1)
    newer = store.save_reframe(reframe(critic="new"), TODAY)
    assert [r.critic for r in store.reframes()] == ["new", "old"]
    deleted = store.delete_reframe(older.id)
    assert deleted.deleted_at is not None
    assert store.reframes() == [newer] and store.due(TODAY) == [newer]
    assert store.reframes(include_deleted=True) == [newer, deleted]
    assert store.restore_reframe(older.id).deleted_at is None
    assert len(store.reframes()) == 2


# ----------------------------------------------------------------- reviews


def test_review_reschedules_and_logs_in_one_go(store: Store) -> None:
    item = store.adopt(PRACTICE, TODAY)
    expected = schedule_next(item.schedule, Rating.DID_IT, TODAY, item_id=item.id, kind="practice")
    review = store.review("practice", item.id, Rating.DID_IT, TODAY, answer="  went fine ")
    assert store.plan_item(item.id).schedule == expected
    assert (review.interval_before, review.interval_after, review.due_after) == (1, expected.interval, expected.due)
    assert (review.ease_before, review.ease_after) == (item.schedule.ease, expected.ease)
    assert review.answer == "went fine" and review.rating is Rating.DID_IT
    assert store.reviews() == [review] and store.reviews(item.id) == [review]
    assert store.due(TODAY) == []


def test_reframe_rehearsal_keeps_the_belief(store: Store) -> None:
    saved = store.save_reframe(reframe(), TODAY)
    review = store.review("reframe", saved.id, Rating.STRUGGLED, TODAY, belief=40)
    assert review.belief == 40 and review.item_kind == "reframe"
    with pytest.raises(ValidationError):
        store.review("reframe", saved.id, Rating.DID_IT, TODAY, belief=140)
    assert len(store.reviews()) == 1


def test_reviews_by_item_and_range(store: Store) -> None:
    a = store.adopt(PRACTICE, TODAY - timedelta(days=5))
    b = store.save_reframe(reframe(), TODAY - timedelta(days=5))
    for n in range(5, -1, -1):
        day = TODAY - timedelta(days=n)
        store.review("practice", a.id, Rating.NOT_TODAY, day)
        store.review("reframe", b.id, Rating.NOT_TODAY, day)
    assert len(store.reviews()) == 12
    assert [r.day for r in store.reviews(a.id, start=YESTERDAY)] == [YESTERDAY, TODAY]
    assert {r.item_id for r in store.reviews(end=TODAY - timedelta(days=5))} == {a.id, b.id}
    assert [r.day for r in store.reviews()] == sorted(r.day for r in store.reviews())


def test_due_is_capped_overdue_first(store: Store) -> None:
    ids = []
    for n in range(7):
        ids.append(store.adopt(f"cause.practice-{n}", TODAY - timedelta(days=n)).id)
    due = store.due(TODAY)
    assert len(due) == DEFAULT_SETTINGS["daily_cap"]
    assert [d.id for d in due] == ids[::-1][:5]  # oldest due first
    store.set_setting("daily_cap", 2)
    assert len(store.due(TODAY)) == 2
    assert len(store.due(TODAY, cap=10)) == 7
    assert store.due(TODAY - timedelta(days=7)) == []


# ------------------------------------------------- drafts, self-check, focus


def test_drafts_round_trip_and_clear(store: Store) -> None:
    assert store.draft("checkin") is None
    store.save_draft("checkin", {"note": "[/] half written", "mood": 3})
    got = store.draft("checkin")
    got["mood"] = 5  # the caller's copy, not the store's
    assert store.draft("checkin") == {"note": "[/] half written", "mood": 3}
    store.save_draft("checkin", {"note": "more"})
    assert store.draft("checkin") == {"note": "more"}
    store.clear_draft("checkin")
    assert store.draft("checkin") is None
    with pytest.raises(ValidationError):
        store.save_draft("checkin", {"when": TODAY})


def test_selfchecks_newest_first_and_focus(store: Store) -> None:
    store.save_selfcheck(["perfectionism.all-or-nothing"], {"perfectionism": 1}, YESTERDAY)
    latest = store.save_selfcheck(["comparison.scrolling"], {"comparison": 2}, TODAY)
    assert latest["day"] == TODAY.isoformat()
    assert [s["scores"] for s in store.selfchecks()] == [{"comparison": 2}, {"perfectionism": 1}]
    assert store.focus() == []
    store.set_focus(["comparison", "perfectionism", "comparison"])
    assert store.focus() == ["comparison", "perfectionism"]


# ------------------------------------------------------------- performance


def test_five_years_of_reads_do_not_convert_everything_each_time(clock, monkeypatch) -> None:
    """Lists come from cached indexes; only a changed table is converted again, and only its new docs."""
    import rootwork.state.store.index as index_module

    store = Store.in_memory(clock=clock)
    start = TODAY - timedelta(days=1824)
    docs = [
        {
            "id": f"{n:032x}",
            "day": (start + timedelta(days=n)).isoformat(),
            "mood": 3,
            "intensity": 2,
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
        }
        for n in range(1825)
    ]
    store.import_data({"schema_version": 1, "checkins": docs})
    assert len(store.checkins()) == 1825

    converted = []
    real = index_module.CONVERTERS["checkins"]
    monkeypatch.setitem(index_module.CONVERTERS, "checkins", (real[0], lambda d: (converted.append(1), real[1](d))[1]))
    for _ in range(3):
        store.checkins(start=TODAY - timedelta(days=30))
    assert converted == []
    store.save_checkin(Checkin(day=TODAY, mood=5, intensity=0))
    assert store.checkin_for(TODAY).mood == 5
    assert len(converted) == 1
    store.adopt(PRACTICE, TODAY)  # another table changing leaves check-ins alone
    store.checkins()
    assert len(converted) == 1


def test_a_transaction_groups_changes_and_undoes_them_all_on_error(store: Store) -> None:
    with store.transaction():
        existing = store.checkin_for(TODAY)
        assert existing is None
        store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
        store.adopt(PRACTICE, TODAY)
    assert store.checkin_for(TODAY) is not None and len(store.plan()) == 1

    with pytest.raises(AlreadyAdopted):
        with store.transaction():
            store.save_checkin(Checkin(day=YESTERDAY, mood=3, intensity=3))
            store.adopt(PRACTICE, TODAY)
    assert store.checkin_for(YESTERDAY) is None
    assert len(store.checkins()) == 1


def test_revision_changes_only_when_the_table_changes(store) -> None:
    before = store.revision("reframes")
    assert store.revision("reframes") == before
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4))
    assert store.revision("reframes") == before
    store.save_reframe(Reframe(critic="c", reframe="r"), TODAY)
    assert store.revision("reframes") != before


def test_reframes_saved_in_the_same_second_list_newest_first(store) -> None:
    # The fixed clock gives every save the same timestamp; the order saved must still show.
    saved = [store.save_reframe(Reframe(critic=f"critic {n}", reframe=f"answer {n}"), TODAY) for n in range(12)]
    assert [r.id for r in store.reframes()] == [r.id for r in reversed(saved)]

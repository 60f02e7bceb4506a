"""Two data folders stand for two machines; copying a file stands for the sync tool leaving a conflict copy."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.records.schedule import replay
from rootwork.state.store import Store
from rootwork.state.sync.causal import open_fields

from .conftest import TODAY, FixedClock

PRACTICE = "perfectionism.good-enough"
SYNCTHING = "rootwork.sync-conflict-20261125-120000-ABCDEF7.json"
STYLES = [
    SYNCTHING,
    "rootwork (Ana's conflicted copy 2026-11-25).json",
    "rootwork (Ana's conflicted copy 2026-11-25) (1).json",
    "rootwork (conflicted copy 2026-11-25 120000).json",
]


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    return tmp_path / "laptop"


@pytest.fixture
def desktop(tmp_path: Path) -> Path:
    return tmp_path / "desktop"


def sync_whole(source: Path, target: Path) -> None:
    """The sync tool copying one machine's journal over the other's (no conflict)."""
    target.mkdir(mode=0o700, exist_ok=True)
    shutil.copy2(source / "rootwork.json", target / "rootwork.json")


def leave_conflict_copy(source: Path, target: Path, name: str = SYNCTHING) -> Path:
    """The sync tool keeping ``source``'s journal beside ``target``'s under a conflict name."""
    copy = target / name
    shutil.copy2(source / "rootwork.json", copy)
    return copy


def _checkin(day_offset: int = 0, **fields) -> Checkin:
    return Checkin(**{"day": TODAY + timedelta(days=day_offset), "mood": 3, "intensity": 5, **fields})


def _shared_start(laptop: Path, desktop: Path, clock: FixedClock) -> tuple[str, str]:
    """Both machines start from one journal: a check-in, a practice, a thought record."""
    first = Store.open(laptop, clock=clock)
    first.save_checkin(_checkin(-1, note="before the trip"))
    item = first.adopt(PRACTICE, TODAY)
    reframe = first.save_reframe(Reframe(critic="you always fail", reframe="I often manage"), TODAY)
    sync_whole(laptop, desktop)
    return item.id, reframe.id


def test_edits_on_both_machines_all_arrive(laptop: Path, desktop: Path, clock: FixedClock) -> None:
    item_id, reframe_id = _shared_start(laptop, desktop, clock)
    clock.advance(hours=1)
    here = Store.open(laptop, clock=clock)
    here.save_checkin(_checkin(1, note="laptop day"))
    here.review("practice", item_id, "3", TODAY)
    clock.advance(hours=1)
    there = Store.open(desktop, clock=clock)
    there.save_checkin(_checkin(2, note="desktop day"))
    there.save_reframe(replace(there.reframe(reframe_id), reframe="I manage more than I fail"), TODAY)
    there.review("practice", item_id, "4", TODAY + timedelta(days=1))

    copy = leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock)
    assert [c.note for c in merged.checkins()] == ["before the trip", "laptop day", "desktop day"]
    assert merged.reframe(reframe_id).reframe == "I manage more than I fail"
    assert len(merged.reviews(item_id)) == 2  # reviews are a set: both machines' reviews kept
    assert not copy.exists() and (laptop / "backups" / "merged" / SYNCTHING).is_file()
    assert oct(os.stat(laptop / "backups" / "merged" / SYNCTHING).st_mode & 0o777) == "0o600"
    assert merged.notices == [
        "Merged a copy from another machine: 1 check-in, 1 thought record, 1 practice, 1 review. "
        f"The copy is kept in {laptop / 'backups' / 'merged'}."
    ]


def test_same_day_checkins_are_one_record_and_what_both_wrote_is_kept_aside(
    laptop: Path, desktop: Path, clock: FixedClock
) -> None:
    """Issue 25: the later clock used to win the day (a machine whose clock ran ahead always won), and the
    other check-in went to a log nothing showed. Now a day's check-in is one record wherever it was made."""
    _shared_start(laptop, desktop, clock)
    Store.open(laptop, clock=clock).save_checkin(_checkin(note="written on the laptop", mood=2))
    clock.advance(hours=2)
    Store.open(desktop, clock=clock).save_checkin(_checkin(note="written on the desktop", mood=4))
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock)
    [record] = [
        d
        for d in json.loads((laptop / "rootwork.json").read_text())["checkins"].values()
        if d["day"] == TODAY.isoformat()
    ]
    assert {record["note"], *open_fields(record)["note"]} == {"written on the laptop", "written on the desktop"}
    assert {record["mood"], *open_fields(record)["mood"]} == {2, 4}
    assert merged.checkin_for(TODAY).note == record["note"]
    assert "2 answers changed on both machines: one is shown, the other kept aside" in merged.notices[0]
    # Which one is shown does not depend on the clocks: the same wherever it is merged.
    Store.open(desktop, clock=clock)
    leave_conflict_copy(laptop, desktop)
    assert Store.open(desktop, clock=clock).checkin_for(TODAY).note == record["note"]


@pytest.mark.parametrize("delete_first", [True, False])
def test_a_delete_wins_over_an_edit_made_without_seeing_it_whichever_came_first(
    laptop: Path, desktop: Path, clock: FixedClock, delete_first: bool
) -> None:
    """Issue 25: the later clock used to win, so an edit on the other machine brought a deleted record back."""
    _item, reframe_id = _shared_start(laptop, desktop, clock)

    def delete() -> None:
        Store.open(laptop, clock=clock).delete_reframe(reframe_id)

    def edit() -> None:
        there = Store.open(desktop, clock=clock)
        there.save_reframe(replace(there.reframe(reframe_id), critic="you fail sometimes"), TODAY)

    first, second = (delete, edit) if delete_first else (edit, delete)
    first()
    clock.advance(hours=1)
    second()
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock).reframe(reframe_id)
    assert merged.deleted_at is not None  # neither machine had seen the other's change
    assert merged.critic == "you fail sometimes"  # the edit is kept in the deleted record: undoing shows it


@pytest.mark.parametrize("name", STYLES)
def test_each_conflict_name_style_is_merged(laptop: Path, desktop: Path, clock: FixedClock, name: str) -> None:
    _shared_start(laptop, desktop, clock)
    Store.open(desktop, clock=clock).save_checkin(_checkin(3, note="from the desktop"))
    leave_conflict_copy(desktop, laptop, name)
    merged = Store.open(laptop, clock=clock)
    assert merged.checkin_for(TODAY + timedelta(days=3)).note == "from the desktop"
    assert (laptop / "backups" / "merged" / name).is_file() and not (laptop / name).exists()


def test_the_same_copy_merged_twice_changes_nothing(laptop: Path, desktop: Path, clock: FixedClock) -> None:
    _shared_start(laptop, desktop, clock)
    Store.open(desktop, clock=clock).save_checkin(_checkin(3, note="from the desktop"))
    leave_conflict_copy(desktop, laptop)
    Store.open(laptop, clock=clock)
    before = (laptop / "rootwork.json").read_bytes()
    first = (laptop / "backups" / "merged" / SYNCTHING).read_bytes()
    shutil.copy2(laptop / "backups" / "merged" / SYNCTHING, laptop / SYNCTHING)  # the sync tool brings it back
    clock.advance(hours=1)
    again = Store.open(laptop, clock=clock)
    assert (laptop / "rootwork.json").read_bytes() == before
    assert again.notices[0].startswith("Merged a copy from another machine: nothing new.")
    assert (laptop / "backups" / "merged" / "rootwork.sync-conflict-20261125-120000-ABCDEF7-2.json").is_file()
    assert (laptop / "backups" / "merged" / SYNCTHING).read_bytes() == first  # never moved over


def test_a_copy_that_fails_the_strict_reader_is_left_whole(laptop: Path, desktop: Path, clock: FixedClock) -> None:
    _shared_start(laptop, desktop, clock)
    Store.open(desktop, clock=clock).save_checkin(_checkin(3, note="from the desktop"))
    data = json.loads((desktop / "rootwork.json").read_text())
    next(iter(data["plan"].values()))["schedule"]["ease"] = 99
    copy = laptop / SYNCTHING
    copy.write_text(json.dumps(data))
    before = (laptop / "rootwork.json").read_bytes()
    opened = Store.open(laptop, clock=clock)
    assert (laptop / "rootwork.json").read_bytes() == before  # not half merged: the good check-in did not come in
    assert copy.is_file()
    assert opened.notices == [
        f"A copy of your journal from another machine, {SYNCTHING}, could not be merged: "
        f"practice {PRACTICE}: ease is too large (it must be from 1.3 to 3.0). "
        "It was left where it is, and nothing in your journal was changed."
    ]
    opened.refresh()
    assert len(opened.notices) == 1  # said once, not on every refresh


def test_a_copy_dropped_while_the_journal_is_open_is_merged_on_refresh(
    laptop: Path, desktop: Path, clock: FixedClock
) -> None:
    _shared_start(laptop, desktop, clock)
    app_store = Store.open(laptop, clock=clock)
    app_store.use_snapshots()
    Store.open(desktop, clock=clock).save_checkin(_checkin(3, note="from the desktop"))
    assert app_store.refresh() is False
    leave_conflict_copy(desktop, laptop)
    assert app_store.refresh() is True
    assert app_store.checkin_for(TODAY + timedelta(days=3)).note == "from the desktop"
    assert app_store.notices[-1].startswith("Merged a copy from another machine: 1 check-in.")
    assert app_store.refresh() is False


def test_a_practice_rated_on_both_machines_counts_both_ratings(laptop: Path, desktop: Path, clock: FixedClock) -> None:
    """Issue 25: both reviews were kept but the schedule was one machine's (reps=1). Now it is derived from both."""
    item_id, _reframe_id = _shared_start(laptop, desktop, clock)
    Store.open(laptop, clock=clock).review("practice", item_id, "3", TODAY)
    Store.open(desktop, clock=clock).review("practice", item_id, "4", TODAY)
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock)
    schedule = merged.plan_item(item_id).schedule
    assert len(merged.reviews(item_id)) == 2 and schedule.reps == 2
    ratings = sorted(merged.reviews(item_id), key=lambda r: (r.day, r.created_at, r.id))
    assert schedule == replay(
        merged.plan_item(item_id).adopted_on, [(r.day, r.rating) for r in ratings], item_id=item_id, kind="practice"
    )


def test_a_rehearsal_on_one_machine_never_undoes_a_rewrite_on_the_other(
    laptop: Path, desktop: Path, clock: FixedClock
) -> None:
    """Issue 25: a rehearsal bumped the record's revision and so beat a rewrite of the reframe made elsewhere."""
    _item_id, reframe_id = _shared_start(laptop, desktop, clock)
    Store.open(laptop, clock=clock).review("reframe", reframe_id, "3", TODAY)
    Store.open(laptop, clock=clock).review("reframe", reframe_id, "4", TODAY + timedelta(days=3))
    there = Store.open(desktop, clock=clock)
    there.save_reframe(
        replace(there.reframe(reframe_id), reframe="I manage more than I fail"), TODAY, base=there.reframe(reframe_id)
    )
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock).reframe(reframe_id)
    assert merged.reframe == "I manage more than I fail" and merged.schedule.reps == 2
    assert Store.open(laptop, clock=clock).kept_aside() == []


def test_merged_copies_are_kept_sixty_days_from_their_merge(laptop: Path, desktop: Path, clock: FixedClock) -> None:
    _shared_start(laptop, desktop, clock)
    merged_dir = laptop / "backups" / "merged"
    Store.open(desktop, clock=clock).save_checkin(_checkin(3, note="first copy"))
    leave_conflict_copy(desktop, laptop)
    Store.open(laptop, clock=clock)
    [first] = merged_dir.iterdir()
    assert abs(first.stat().st_mtime - clock().timestamp()) < 1  # counted from the merge, not the sync tool's time
    unmerged = laptop / "rootwork (conflicted copy 2026-11-25 120000).json"
    unmerged.write_text("{not a journal")  # refused: never merged, so never pruned
    clock.advance(days=61)
    Store.open(desktop, clock=clock).save_checkin(_checkin(4, note="second copy"))
    leave_conflict_copy(desktop, laptop)
    Store.open(laptop, clock=clock)
    assert [p.name for p in merged_dir.iterdir()] == [SYNCTHING]  # the second; the first is gone
    assert unmerged.exists()


def test_a_practice_adopted_on_two_machines_on_different_days_merges_both_ways(
    laptop: Path, desktop: Path, clock: FixedClock
) -> None:
    """Its adoption day is what the item is about, never kept aside (a copy keeping one was refused): the earliest."""
    Store.open(laptop, clock=clock).adopt(PRACTICE, TODAY - timedelta(days=3))
    Store.open(desktop, clock=clock).adopt(PRACTICE, TODAY)
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock)
    assert [p.adopted_on for p in merged.plan()] == [TODAY - timedelta(days=3)] and merged.kept_aside() == []
    leave_conflict_copy(laptop, desktop)
    there = Store.open(desktop, clock=clock)
    assert not any("could not be merged" in notice for notice in there.notices)
    assert there.plan() == merged.plan()


def test_a_schedule_is_replayed_from_the_merged_adoption_day(laptop: Path, desktop: Path, clock: FixedClock) -> None:
    """Found by test_journal_properties: a side's schedule was kept though it started from a later adoption day."""
    store = Store.open(laptop, clock=clock)
    item = store.adopt(PRACTICE, TODAY)
    store.review("practice", item.id, "3", TODAY)
    Store.open(desktop, clock=clock).adopt(PRACTICE, TODAY - timedelta(days=1))
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock).plan_item(item.id)
    assert merged.adopted_on == TODAY - timedelta(days=1)
    assert merged.schedule == replay(merged.adopted_on, [(TODAY, "3")], item_id=item.id, kind="practice")

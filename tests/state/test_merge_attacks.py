"""Attacks on the one merge rule (issue 25): a displaced file, grouping and deletes, forms, rivals, convergence."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.files.atomic import replace_checked, signature
from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from rootwork.state.sync.causal import merge_versions, open_fields, stamp
from rootwork.state.sync.merge import journal_part, merge_journals

from .conftest import TODAY, FixedClock
from .two_machines import (
    SYNCTHING,
    SYNCTHING_2,
    leave_conflict_copy,
    legacy_checkin,
    sync_whole,
    two_machines,
)

# --------------------------------------------------------------------------------------------------
# A file renamed in during a save


def test_a_displaced_file_is_never_deleted_when_keeping_it_fails(tmp_path: Path) -> None:
    # FINDING 6 (fixed): after RENAME_EXCHANGE the temporary name holds the *other machine's* file. When keeping it
    # under its own name failed (no hard links, then no room for a copy), the failure removed the temporary
    # name: the displaced file was deleted, and the store said "as it was before" with the new bytes in place.
    # Now it stays under its temporary name. (Without renameat2 the save fails first and changes nothing.)
    journal = tmp_path / "rootwork.json"
    journal.write_bytes(b"as read")
    read = signature(os.stat(journal))
    theirs = tmp_path / "theirs"
    theirs.write_bytes(b"the other machine's journal")
    os.replace(theirs, journal)  # the sync tool, during the save
    nowhere = tmp_path / "no such folder"  # keeping it there fails, linked or copied
    try:
        replace_checked(journal, b"saved", read, lambda n: nowhere / f"kept-{n}")
    except OSError:
        assert journal.read_bytes() == b"the other machine's journal"
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert b"the other machine's journal" in kept.values(), kept


# --------------------------------------------------------------------------------------------------
# The merge rule: commutative, associative, idempotent; deletes


A, B, C = "a" * 32, "b" * 32, "c" * 32


def test_merge_of_one_value_written_twice_then_replaced_does_not_depend_on_grouping() -> None:
    # FINDING 7 (fixed): merge_versions keeps one dot for a value written concurrently on two machines (the higher)
    # and drops the other. A third version that replaced it having seen only the dropped-or-kept one then
    # meets a different set of dots depending on grouping: (a+b)+d shows "z" and nothing aside, a+(b+d)
    # shows "z" with "x" kept aside. Merge is not associative, so which journal a machine holds (and whether
    # Kept aside lists something that later vanishes by itself) depends on the order copies arrive.
    base = stamp(None, {"id": "r", "rev": 1, "note": "first", "mood": 3}, C)
    a = stamp(base, {**base, "note": "x"}, A)
    b = stamp(base, {**base, "note": "x"}, B)
    d = stamp(b, {**b, "note": "z"}, "d" * 32)  # made after seeing b only
    left = merge_versions(merge_versions(a, b), d)
    right = merge_versions(a, merge_versions(b, d))
    assert (left["note"], open_fields(left)) == (right["note"], open_fields(right))


def test_a_delete_stays_whatever_order_the_copies_arrive_in(tmp_path: Path, clock: FixedClock) -> None:
    # FINDING 8 (same cause as 7, with a delete): the laptop deletes a thought record; the desktop, without
    # seeing that, edits and deletes it, then undoes its own delete. The desktop's undo never saw the
    # laptop's delete, so the README's rule keeps it deleted, and it is when the desktop's last file is
    # merged. But when the desktop's intermediate file arrives first (two conflict copies, or a copy and
    # then the file), the laptop's delete loses its dot to the desktop's (higher count), the undo covers
    # that dot, and the record comes back: the result depends on delivery order.
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    first = Store.open(laptop, clock=clock)
    reframe_id = first.save_reframe(Reframe(critic="you always fail", reframe="I often manage"), TODAY).id
    sync_whole(laptop, desktop)
    clock.advance(hours=1)
    Store.open(laptop, clock=clock).delete_reframe(reframe_id)
    there = Store.open(desktop, clock=clock)
    there.save_reframe(replace(there.reframe(reframe_id), critic="you fail sometimes"), TODAY)
    there.delete_reframe(reframe_id)
    intermediate = tmp_path / "intermediate.json"
    shutil.copy2(database_path(desktop), intermediate)
    there.restore_reframe(reframe_id)

    only_last = tmp_path / "only-last"
    shutil.copytree(laptop, only_last)
    leave_conflict_copy(desktop, only_last)
    assert Store.open(only_last, clock=clock).reframe(reframe_id).deleted_at is not None  # the rule

    shutil.copy2(intermediate, laptop / SYNCTHING)
    Store.open(laptop, clock=clock)
    leave_conflict_copy(desktop, laptop, SYNCTHING_2)
    assert Store.open(laptop, clock=clock).reframe(reframe_id).deleted_at is not None


def test_merging_whole_journals_in_any_order_gives_the_same_tables_for_ordinary_edits(
    tmp_path: Path, clock: FixedClock
) -> None:
    # HOLDS: three machines editing different and the same fields of one check-in (no equal values written
    # twice): every grouping and order of merge_journals gives the same journal part, and merging again
    # changes nothing.
    machines = [tmp_path / name for name in ("one", "two", "three")]
    Store.open(machines[0], clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="start"))
    for other in machines[1:]:
        sync_whole(machines[0], other)
    for n, (folder, change) in enumerate(
        zip(machines, ({"note": "one"}, {"mood": 5}, {"note": "three"}), strict=False)
    ):
        clock.advance(hours=n - 30)  # clocks days apart, in no order
        s = Store.open(folder, clock=clock)
        s.save_checkin(replace(s.checkin_for(TODAY), **change))
    x, y, z = (json.loads(database_path(m).read_text()) for m in machines)
    results = [
        merge_journals(merge_journals(x, y), z),
        merge_journals(x, merge_journals(y, z)),
        merge_journals(merge_journals(z, x), y),
        merge_journals(y, merge_journals(z, x)),
    ]
    parts = [journal_part(r) for r in results]
    assert all(p == parts[0] for p in parts)
    assert journal_part(merge_journals(results[0], results[1])) == parts[0]
    [record] = results[0]["checkins"].values()
    assert record["mood"] == 5 and {record["note"], *open_fields(record)["note"]} == {"one", "three"}


def test_a_schedule_after_a_merge_is_the_one_replayed_from_its_reviews_with_clocks_days_apart(
    tmp_path: Path, clock: FixedClock
) -> None:
    # FINDING 9 (fixed: a rating that comes before one already made replays the schedule): _derive_schedules keeps a side's stored schedule when that side already held every review
    # ("complete"), assuming it equals the replay. With clocks days apart it does not: the desktop (clock
    # three days behind) rates after seeing the laptop's rating, so its incremental schedule applies the
    # ratings in the order made, while replay sorts them by their (skewed) days. The merged schedule is the
    # desktop's (interval 48) and the replay gives 59: "each schedule equals the one recomputed from its
    # reviews" fails, and which of the two a journal holds depends on which side was complete at a merge.
    from rootwork.state.records.schedule import replay

    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    item = Store.open(laptop, clock=clock).adopt("perfectionism.good-enough", TODAY)
    Store.open(laptop, clock=clock).review("practice", item.id, "3", TODAY + timedelta(days=10))
    sync_whole(laptop, desktop)
    Store.open(desktop, clock=clock).review("practice", item.id, "4", TODAY + timedelta(days=7))  # clock behind
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock)
    made = sorted(merged.reviews(item.id), key=lambda r: (r.day, r.created_at, r.id))
    assert len(made) == 2
    assert merged.plan_item(item.id).schedule == replay(
        TODAY, [(r.day, r.rating) for r in made], item_id=item.id, kind="practice"
    )


# --------------------------------------------------------------------------------------------------
# The forms' save and Kept aside


@pytest.mark.xfail(strict=True, reason="FINDING 14, open: tick lists")
def test_a_tick_list_changed_concurrently_is_decided_alike_by_a_form_and_by_a_merge(
    tmp_path: Path, clock: FixedClock
) -> None:
    # FINDING 14 (low): "one rule in three places". The same concurrent change (one side ticks a sign, the
    # other another, from one starting list) gives both signs when it meets in a form's save (merge_fields'
    # _merge_ids: tick lists never conflict) but one list shown and the other kept aside when it meets in a
    # sync merge or import (merge_versions treats the list as one value). Nothing is lost, but the journal
    # differs by route and a person is asked to choose only in one of them.
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    sync_whole(laptop, desktop)
    here = Store.open(laptop, clock=clock)
    here.save_checkin(replace(here.checkin_for(TODAY), signs=("self-doubt",)), base=here.checkin_for(TODAY))
    there = Store.open(desktop, clock=clock)
    there.save_checkin(replace(there.checkin_for(TODAY), signs=("comparing",)), base=there.checkin_for(TODAY))
    leave_conflict_copy(desktop, laptop)
    by_merge = Store.open(laptop, clock=clock)

    one = Store.open(tmp_path / "one", clock=clock)
    one.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    loaded = one.checkin_for(TODAY)
    Store.open(tmp_path / "one", clock=clock).save_checkin(replace(loaded, signs=("comparing",)), base=loaded)
    one.save_checkin(replace(loaded, signs=("self-doubt",)), base=loaded)  # the form, loaded before
    by_form = Store.open(tmp_path / "one", clock=clock)

    assert set(by_form.checkin_for(TODAY).signs) == {"self-doubt", "comparing"} and by_form.kept_aside() == []
    assert set(by_merge.checkin_for(TODAY).signs) == set(by_form.checkin_for(TODAY).signs)
    assert by_merge.kept_aside() == []


def test_a_form_save_sees_a_change_kept_aside_and_settled_elsewhere_meanwhile(
    tmp_path: Path, clock: FixedClock
) -> None:
    # HOLDS: the form loaded a note with a value kept aside; meanwhile the other machine settled it, and that
    # arrived. The person's new note is not silently written over the settled one: the save asks.
    from rootwork.state.records.errors import SaveConflict

    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="start"))
    sync_whole(laptop, desktop)
    here = Store.open(laptop, clock=clock)
    here.save_checkin(replace(here.checkin_for(TODAY), note="laptop"), base=here.checkin_for(TODAY))
    there = Store.open(desktop, clock=clock)
    there.save_checkin(replace(there.checkin_for(TODAY), note="desktop"), base=there.checkin_for(TODAY))
    leave_conflict_copy(desktop, laptop)
    app = Store.open(laptop, clock=clock)
    [item] = app.kept_aside()
    form_base = app.checkin_for(TODAY)  # the form opens now, with one value aside
    sync_whole(laptop, desktop)
    settled = Store.open(desktop, clock=clock)
    settled.resolve_kept_aside(item.key, "both")
    sync_whole(desktop, laptop)
    with pytest.raises(SaveConflict) as raised:
        app.save_checkin(replace(form_base, note="typed in the form"), base=form_base)
    assert [c.field for c in raised.value.conflicts] == ["note"]


def test_kept_aside_settled_differently_on_each_machine_is_kept_aside_again_not_lost(
    tmp_path: Path, clock: FixedClock
) -> None:
    # HOLDS: each machine keeps "mine" (different values) before they sync: both choices survive, one aside.
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="start"))
    sync_whole(laptop, desktop)
    for folder, note in ((laptop, "laptop"), (desktop, "desktop")):
        s = Store.open(folder, clock=clock)
        s.save_checkin(replace(s.checkin_for(TODAY), note=note), base=s.checkin_for(TODAY))
    leave_conflict_copy(desktop, laptop)
    Store.open(laptop, clock=clock)
    sync_whole(laptop, desktop)
    for folder in (laptop, desktop):
        s = Store.open(folder, clock=clock)
        [item] = s.kept_aside()
        s.resolve_kept_aside(item.key, "mine")
    leave_conflict_copy(desktop, laptop)
    merged = Store.open(laptop, clock=clock)
    record = merged.checkin_for(TODAY)
    [item] = merged.kept_aside()
    assert {record.note, *(v for v, _by in item.aside)} == {"laptop", "desktop"}
    leave_conflict_copy(laptop, desktop)
    assert Store.open(desktop, clock=clock).checkin_for(TODAY) == record


# --------------------------------------------------------------------------------------------------
# Convergence: nothing left for the sync tool to copy


def test_two_machines_that_merge_the_same_copy_hold_the_same_bytes_and_quiet_rounds_write_nothing(
    tmp_path: Path, clock: FixedClock
) -> None:
    # HOLDS: Syncthing leaves the winner as rootwork.json and the loser as a conflict copy on *both*
    # machines. Each merges it (app open on both, clocks hours apart); the files are byte for byte the same,
    # and rounds of opening and syncing with no edit (plus outbox looks) write nothing.
    laptop, desktop = two_machines(tmp_path, clock)
    here = Store.open(laptop, clock=clock)
    here.save_checkin(
        replace(here.checkin_for(TODAY - timedelta(days=1)), note="laptop"),
        base=here.checkin_for(TODAY - timedelta(days=1)),
    )
    here.save_reframe(Reframe(critic="never enough", reframe="enough for today"), TODAY)
    clock.advance(hours=5)
    there = Store.open(desktop, clock=clock)
    there.save_checkin(
        replace(there.checkin_for(TODAY - timedelta(days=1)), mood=5), base=there.checkin_for(TODAY - timedelta(days=1))
    )
    there.save_checkin(Checkin(day=TODAY, mood=2, intensity=2, note="desktop"))
    loser = tmp_path / "loser.json"
    shutil.copy2(database_path(desktop), loser)
    sync_whole(laptop, desktop)  # the laptop's file won on both
    for folder in (laptop, desktop):
        shutil.copy2(loser, folder / SYNCTHING)
    clock.advance(hours=-9)
    Store.open(laptop, clock=clock)
    clock.advance(days=2)
    Store.open(desktop, clock=clock)
    assert database_path(laptop).read_bytes() == database_path(desktop).read_bytes()
    settled = database_path(laptop).read_bytes()
    for _round in range(3):
        clock.advance(hours=1)
        sync_whole(laptop, desktop)
        Store.open(desktop, clock=clock)
        sync_whole(desktop, laptop)
        Store.open(laptop, clock=clock)
    assert database_path(laptop).read_bytes() == settled == database_path(desktop).read_bytes()
    merged = Store.open(laptop, clock=clock).checkin_for(TODAY - timedelta(days=1))
    assert (merged.note, merged.mood) == ("laptop", 5)


def test_an_edit_of_a_rival_record_made_while_the_other_machine_folded_it_in_is_not_dropped(
    tmp_path: Path, clock: FixedClock
) -> None:
    # FINDING 15: a rival record of one day (two check-ins from before a day's check-in had one id) is folded
    # into the day's record when a person settles it in Kept aside (causal.absorb); its id goes into the
    # record's clock and `resolve` drops every version of that id from then on, "however old the copy that
    # still holds it". But a version edited on the other machine *after* the fold's snapshot, without seeing
    # it, is dropped as well: the desktop's gratitude, written to its own check-in of that day, vanishes from
    # the laptop with no conflict, no notice. (And when the desktop's file then replaces the laptop's, the
    # desktop shows it while the laptop does not, until copies cross again.)
    laptop, desktop = two_machines(tmp_path, clock)

    legacy_checkin(laptop, "the laptop's words", "2026-11-25T10:00:00Z", "1" * 32)  # the later: it keeps the day
    legacy_checkin(desktop, "the desktop's words", "2026-11-25T09:00:00Z", "2" * 32)
    leave_conflict_copy(desktop, laptop)
    here = Store.open(laptop, clock=clock)
    there = Store.open(desktop, clock=clock)  # has not seen the laptop's merge
    there.save_checkin(
        replace(there.checkin_for(TODAY), gratitude="the desktop, an hour later"), base=there.checkin_for(TODAY)
    )
    [rival] = [item for item in here.kept_aside() if item.rival_id and item.field == "note"]
    here.resolve_kept_aside(rival.key, "both")
    leave_conflict_copy(desktop, laptop, SYNCTHING_2)
    merged = Store.open(laptop, clock=clock)
    text = database_path(laptop).read_text()
    assert "the desktop, an hour later" in text, merged.notices

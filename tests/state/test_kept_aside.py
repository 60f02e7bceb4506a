"""What two machines changed without seeing each other is kept aside, listed, and settled by an edit that syncs."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.records.errors import NotFound, ValidationError
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.state.sync.machine import is_this_machine

from .conftest import TODAY, FixedClock
from .two_machines import journal_of

COPY = "rootwork.sync-conflict-20261125-120000-ABCDEF7.json"


def two_machines(tmp_path: Path, clock: FixedClock, **each: tuple) -> tuple[Store, Path, Path]:
    """A laptop and a desktop from one check-in, each changing it (``field=(laptop's, desktop's)``), merged."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="before"))
    desktop.mkdir()
    shutil.copy(database_path(laptop), database_path(desktop))
    for folder, n in ((laptop, 0), (desktop, 1)):
        store = Store.open(folder, clock=clock)
        now = store.checkin_for(TODAY)
        store.save_checkin(replace(now, **{field: values[n] for field, values in each.items()}), base=now)
    shutil.copy(database_path(desktop), laptop / COPY)
    return Store.open(laptop, clock=clock), laptop, desktop


def test_each_field_changed_on_both_is_listed_with_who_wrote_what(tmp_path: Path, clock: FixedClock) -> None:
    merged, _laptop, _desktop = two_machines(tmp_path, clock, note=("laptop's", "desktop's"), mood=(2, 5))
    items = {item.field: item for item in merged.kept_aside()}
    assert set(items) == {"mood", "note"} and merged.kept_aside_count() == 2
    note = items["note"]
    values = {note.shown: note.shown_by, **{value: by for value, by in note.aside}}
    assert is_this_machine(values["laptop's"], merged.machine_id)
    assert not is_this_machine(values["desktop's"], merged.machine_id)
    assert note.record_words == f"check-in {TODAY.isoformat()}"


@pytest.mark.parametrize(("keep", "note"), [("mine", "laptop's"), ("theirs", "desktop's")])
def test_keeping_one_settles_it_here_and_on_the_other_machine(
    keep: str, note: str, tmp_path: Path, clock: FixedClock
) -> None:
    merged, laptop, desktop = two_machines(tmp_path, clock, note=("laptop's", "desktop's"))
    [item] = merged.kept_aside()
    merged.resolve_kept_aside(item.key, keep)
    assert merged.checkin_for(TODAY).note == note and merged.kept_aside() == []
    shutil.copy(database_path(laptop), desktop / COPY)  # the choice syncs like any edit
    there = Store.open(desktop, clock=clock)
    assert there.checkin_for(TODAY).note == note and there.kept_aside() == []


def test_both_keeps_the_two_texts_and_refuses_for_a_number(tmp_path: Path, clock: FixedClock) -> None:
    merged, _laptop, _desktop = two_machines(tmp_path, clock, note=("laptop's", "desktop's"), mood=(2, 5))
    items = {item.field: item for item in merged.kept_aside()}
    with pytest.raises(ValidationError, match="only texts and tick lists can be kept both"):
        merged.resolve_kept_aside(items["mood"].key, "both")
    merged.resolve_kept_aside(items["note"].key, "both")
    assert set(merged.checkin_for(TODAY).note.split("\n\n")) == {"laptop's", "desktop's"}
    with pytest.raises(NotFound):
        merged.resolve_kept_aside(items["note"].key, "mine")  # settled already


def test_a_field_changed_on_one_machine_only_is_never_kept_aside(tmp_path: Path, clock: FixedClock) -> None:
    merged, _laptop, _desktop = two_machines(tmp_path, clock, note=("laptop's", "before"), mood=(3, 5))
    checkin = merged.checkin_for(TODAY)
    assert (checkin.note, checkin.mood) == ("laptop's", 5) and merged.kept_aside() == []


def test_editing_the_shown_value_keeps_the_other_aside_until_a_choice(tmp_path: Path, clock: FixedClock) -> None:
    """An attack found a typo fix of the shown note settled the conflict and dropped the other text unseen."""
    merged, _laptop, _desktop = two_machines(tmp_path, clock, note=("laptop's", "desktop's"))
    [before] = merged.kept_aside()
    now = merged.checkin_for(TODAY)
    merged.save_checkin(replace(now, note=f"{now.note}, typo fixed"), base=now)
    [item] = merged.kept_aside()
    assert item.shown == f"{before.shown}, typo fixed" and item.aside == before.aside


def test_a_folder_copied_whole_to_a_second_machine_never_loses_an_edit(tmp_path: Path, clock: FixedClock) -> None:
    """An attack found two machines sharing one machine-id (cp -r) made one edit's mark mean two edits."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="orig"))
    shutil.copytree(laptop, desktop)  # machine-id and all
    here = Store.open(laptop, clock=clock)
    here.save_checkin(replace(here.checkin_for(TODAY), note="written on the laptop"), base=here.checkin_for(TODAY))
    there = Store.open(desktop, clock=clock)
    there.save_checkin(replace(there.checkin_for(TODAY), mood=5), base=there.checkin_for(TODAY))
    there.save_checkin(replace(there.checkin_for(TODAY), note="written on the desktop"), base=there.checkin_for(TODAY))
    shutil.copy(database_path(desktop), laptop / COPY)
    merged = Store.open(laptop, clock=clock)
    [item] = merged.kept_aside()
    assert {item.shown, *(value for value, _by in item.aside)} == {"written on the laptop", "written on the desktop"}
    assert merged.checkin_for(TODAY).mood == 5


def test_a_journal_rolled_back_never_makes_a_later_edit_lose(tmp_path: Path, clock: FixedClock) -> None:
    """An attack found a rollback made the next edit reuse an old edit's mark, so the other machine dropped it."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="orig"))
    older = database_path(laptop).read_bytes()
    here = Store.open(laptop, clock=clock)
    here.save_checkin(replace(here.checkin_for(TODAY), note="v2"), base=here.checkin_for(TODAY))
    desktop.mkdir()
    shutil.copy(database_path(laptop), database_path(desktop))
    there = Store.open(desktop, clock=clock)
    there.save_checkin(
        replace(there.checkin_for(TODAY), note="rewritten on the desktop"), base=there.checkin_for(TODAY)
    )
    database_path(laptop).write_bytes(older)  # a restore, or a sync tool bringing an old file
    here = Store.open(laptop, clock=clock)
    here.save_checkin(replace(here.checkin_for(TODAY), note="v3 after the rollback"), base=here.checkin_for(TODAY))
    shutil.copy(database_path(desktop), laptop / COPY)
    merged = Store.open(laptop, clock=clock)
    values = {merged.checkin_for(TODAY).note, *(v for item in merged.kept_aside() for v, _by in item.aside)}
    assert {"v3 after the rollback", "rewritten on the desktop"} <= values


def test_keeping_both_of_three_keeps_all_three(tmp_path: Path, clock: FixedClock) -> None:
    merged, laptop, _desktop = two_machines(tmp_path, clock, note=("laptop's", "desktop's"))
    phone = tmp_path / "phone"
    phone.mkdir()
    shutil.copy(next((laptop / "backups").glob("rootwork-*.json")), database_path(phone))  # the first version
    third = Store.open(phone, clock=clock)  # a third machine, which saw neither edit
    third.save_checkin(replace(third.checkin_for(TODAY), note="phone's"), base=third.checkin_for(TODAY))
    shutil.copy(database_path(phone), laptop / "rootwork.sync-conflict-20261125-120001-ABCDEF7.json")
    merged = Store.open(laptop, clock=clock)
    [item] = merged.kept_aside()
    merged.resolve_kept_aside(item.key, "both")
    assert set(merged.checkin_for(TODAY).note.split("\n\n")) == {"laptop's", "desktop's", "phone's"}


def _my_checkin_as_a_copy_would_hold_it(laptop: Path, clock: FixedClock) -> tuple[dict, dict]:
    """Today's check-in saved in ``laptop``, and the journal as JSON with that check-in's document in it."""
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="mine"))
    data = journal_of(laptop)
    [doc] = data["checkins"].values()
    return data, doc


def test_a_copy_keeping_another_day_aside_for_a_checkin_is_refused(tmp_path: Path, clock: FixedClock) -> None:
    """An attack moved a check-in to another day with a value kept aside for its day; it then vanished."""
    laptop = tmp_path / "laptop"
    data, doc = _my_checkin_as_a_copy_would_hold_it(laptop, clock)
    doc["clock"]["open"] = {"day": [["2026-03-02", ["b" * 32, 1]]]}
    (laptop / COPY).write_text(json.dumps(data))
    opened = Store.open(laptop, clock=clock)
    assert opened.checkin_for(TODAY).note == "mine" and (laptop / COPY).exists()
    assert "could not be merged" in opened.notices[0] and "day, which cannot have any" in opened.notices[0]


def test_a_copy_with_dots_by_field_as_first_written_is_read_as_the_same_edits(
    tmp_path: Path, clock: FixedClock
) -> None:
    laptop = tmp_path / "laptop"
    data, doc = _my_checkin_as_a_copy_would_hold_it(laptop, clock)
    doc["clock"]["dots"] = {name: [writer, n] for writer, n, names in doc["clock"]["dots"] for name in names}
    doc["note"] = "changed in the copy"  # not seen: kept aside against the journal's own, never refused
    (laptop / COPY).write_text(json.dumps(data))
    opened = Store.open(laptop, clock=clock)
    assert not (laptop / COPY).exists() and "could not be merged" not in " ".join(opened.notices)


def test_both_of_two_tick_lists_keeps_every_id_ticked_on_either(tmp_path: Path, clock: FixedClock) -> None:
    merged, _laptop, _desktop = two_machines(
        tmp_path, clock, signs=(("self-doubt",), ("people-pleasing", "self-doubt"))
    )
    [item] = merged.kept_aside()
    merged.resolve_kept_aside(item.key, "both")
    assert set(merged.checkin_for(TODAY).signs) == {"self-doubt", "people-pleasing"} and merged.kept_aside() == []


def _legacy_rival(laptop: Path, desktop: Path, clock: FixedClock) -> Store:
    """The laptop's check-in for today, and the desktop's from before a day's check-in had one id: two records."""
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="laptop's"))
    desktop.mkdir()
    data = json.loads(database_path(laptop).read_text())
    data.pop("~layout")
    [doc] = data["checkins"].values()
    data["checkins"] = {
        "1": {key: value for key, value in doc.items() if key != "clock"}
        | {"id": "7" * 32, "mood": 5, "note": "desktop's", "rev": 2}
    }
    (laptop / COPY).write_text(json.dumps(data))
    return Store.open(laptop, clock=clock)


def test_a_rival_in_the_conflict_log_is_listed_and_choosing_merges_it_in_for_good(
    tmp_path: Path, clock: FixedClock
) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    merged = _legacy_rival(laptop, desktop, clock)
    rivals = {item.field: item for item in merged.kept_aside()}
    assert set(rivals) == {"mood", "note"} and merged.kept_aside_count() == 2
    assert (rivals["note"].shown, rivals["note"].aside[0][0]) == ("laptop's", "desktop's")
    merged.resolve_kept_aside(rivals["mood"].key, "theirs")
    assert merged.checkin_for(TODAY).mood == 5
    [left] = merged.kept_aside()  # the note, now kept aside in the day's own check-in
    assert (left.field, left.rival_id, {left.shown, left.aside[0][0]}) == ("note", "", {"laptop's", "desktop's"})
    # The old copy turning up again brings nothing back; the choice reaches the other machine like any edit.
    shutil.copy(database_path(laptop), tmp_path / "choice.json")
    (laptop / "backups" / "merged" / COPY).replace(laptop / COPY)
    again = Store.open(laptop, clock=clock)
    assert [c.mood for c in again.checkins()] == [5] and len(again.kept_aside()) == 1
    shutil.copy(tmp_path / "choice.json", desktop / "rootwork.json")
    there = Store.open(desktop, clock=clock)
    assert [(c.mood, c.id) for c in there.checkins()] == [(5, again.checkin_for(TODAY).id)]


def _legacy_practice_and_a_new_adoption(tmp_path: Path, clock: FixedClock, paused: bool) -> tuple[Path, str]:
    """A 0.2 practice (its own id, two reviews) on the laptop, and the same practice adopted on a new desktop
    (``paused`` there or not), whose journal is then left beside the laptop's as a conflict copy."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    store = Store.open(laptop, clock=clock)
    item = store.adopt("perfectionism.good-enough", TODAY)
    for day in (TODAY, TODAY + timedelta(days=1)):
        store.review("practice", item.id, "3", day)
    data = json.loads(database_path(laptop).read_text())
    data.pop("~layout")
    legacy = "5" * 32
    for doc in data["plan"].values():
        doc.update(id=legacy, rev=3)
        doc.pop("clock")
    for doc in data["reviews"].values():
        doc["item_id"] = legacy
    database_path(laptop).write_text(json.dumps(data))
    for outbox in laptop.glob("outbox-*.json"):  # a journal as 0.2 left it: no record of this machine's saves
        outbox.unlink()
    Store.open(desktop, clock=clock).adopt("perfectionism.good-enough", TODAY)
    if paused:
        fresh = Store.open(desktop, clock=clock)
        fresh.set_paused(fresh.plan()[0].id, True)
    shutil.copy(database_path(desktop), laptop / COPY)
    return laptop, legacy


def test_choosing_for_a_rival_practice_brings_its_reviews_and_schedule_along(tmp_path: Path, clock: FixedClock) -> None:
    """Once a person chooses in Kept aside, a 0.2 practice's history is the surviving item's, on every machine."""
    laptop, legacy = _legacy_practice_and_a_new_adoption(tmp_path, clock, paused=True)
    merged = Store.open(laptop, clock=clock)
    [rival] = [k for k in merged.kept_aside() if k.rival_id == legacy]
    merged.resolve_kept_aside(rival.key, "mine")
    [kept] = merged.plan()
    assert kept.id != legacy and [r.item_id for r in merged.reviews()] == [kept.id, kept.id]
    assert kept.schedule.reps == 2
    shutil.copy(tmp_path / "laptop" / "backups" / "merged" / COPY, laptop / COPY)  # an old copy again
    again = Store.open(laptop, clock=clock)
    assert [r.item_id for r in again.reviews()] == [kept.id, kept.id] and again.kept_aside() == []


def test_a_rival_practice_with_nothing_to_choose_is_merged_in_with_its_history(
    tmp_path: Path, clock: FixedClock
) -> None:
    laptop, legacy = _legacy_practice_and_a_new_adoption(tmp_path, clock, paused=False)
    merged = Store.open(laptop, clock=clock)
    [kept] = merged.plan(include_removed=True)
    assert kept.id != legacy and merged.kept_aside() == [] and kept.schedule.reps == 2
    assert [r.item_id for r in merged.reviews()] == [kept.id, kept.id]
    data = json.loads(database_path(laptop).read_text())
    assert [d["id"] for d in data["plan"].values()] == [kept.id]
    assert not [d for d in data["meta"].values() if d.get("kind") == "merge_conflict"]  # out of the log too

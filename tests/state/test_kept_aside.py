"""What two machines changed without seeing each other is kept aside, listed, and settled by an edit that syncs."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from rootwork.state.errors import NotFound, ValidationError
from rootwork.state.locations import database_path
from rootwork.state.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY, FixedClock

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
    assert values["laptop's"] == merged.machine_id and values["desktop's"] != merged.machine_id
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
    with pytest.raises(ValidationError, match="only texts can be kept both"):
        merged.resolve_kept_aside(items["mood"].key, "both")
    merged.resolve_kept_aside(items["note"].key, "both")
    assert set(merged.checkin_for(TODAY).note.split("\n\n")) == {"laptop's", "desktop's"}
    with pytest.raises(NotFound):
        merged.resolve_kept_aside(items["note"].key, "mine")  # settled already


def test_a_field_changed_on_one_machine_only_is_never_kept_aside(tmp_path: Path, clock: FixedClock) -> None:
    merged, _laptop, _desktop = two_machines(tmp_path, clock, note=("laptop's", "before"), mood=(3, 5))
    checkin = merged.checkin_for(TODAY)
    assert (checkin.note, checkin.mood) == ("laptop's", 5) and merged.kept_aside() == []

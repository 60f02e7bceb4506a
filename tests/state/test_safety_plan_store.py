"""The safety plan in the journal: saved, merged part by part between machines, migrated, kept literally."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.records.errors import SaveConflict, ValidationError
from rootwork.state.records.safety_plan import REVIEW_DAYS, SafetyPlan
from rootwork.state.store import SCHEMA_VERSION, Store
from rootwork.state.store.schema import check_journal

from .conftest import TODAY, FixedClock

COPY = "rootwork.sync-conflict-20261125-120000-ABCDEF7.json"
HOSTILE = "[bold red]not markup[/] \x1b[31mred\x1b[0m \x07 $accent {{x}} <b>html</b>\n\ttabbed"


def test_a_new_journal_has_no_plan_and_a_saved_one_reads_back(store: Store) -> None:
    assert store.safety_plan() is None and not store.safety_plan_review_due(TODAY)
    saved = store.save_safety_plan(SafetyPlan(parts={"reasons": "my dog", "calming-alone": "a walk"}), TODAY)
    again = store.safety_plan()
    assert again == saved and again.parts == {"reasons": "my dog", "calming-alone": "a walk"}
    assert again.reviewed_on == TODAY


def test_a_hostile_plan_is_stored_literally_without_terminal_controls(store: Store) -> None:
    big = "x" * 1_000_000
    store.save_safety_plan(SafetyPlan(parts={"reasons": HOSTILE, "people-to-ask": big}), TODAY)
    plan = store.safety_plan()
    assert plan.parts["people-to-ask"] == big
    assert "[bold red]not markup[/]" in plan.parts["reasons"] and "<b>html</b>" in plan.parts["reasons"]
    assert "\x1b" not in plan.parts["reasons"] and "\x07" not in plan.parts["reasons"]
    assert "\n\ttabbed" in plan.parts["reasons"]
    with pytest.raises(ValidationError):
        store.save_safety_plan(SafetyPlan(parts={"reasons": "x" * 1_000_001}), TODAY)
    assert store.safety_plan().parts["people-to-ask"] == big  # a refused save changed nothing


def test_a_save_from_a_stale_form_keeps_other_parts_and_names_a_part_changed_twice(store: Store) -> None:
    loaded = store.save_safety_plan(SafetyPlan(parts={"reasons": "a", "distractions": "b"}), TODAY)
    store.save_safety_plan(SafetyPlan(parts={"reasons": "a", "distractions": "b, from the shell"}), TODAY, base=loaded)
    merged = store.save_safety_plan(SafetyPlan(parts={"reasons": "a and c", "distractions": "b"}), TODAY, base=loaded)
    assert merged.parts == {"reasons": "a and c", "distractions": "b, from the shell"}
    with pytest.raises(SaveConflict) as conflict:
        store.save_safety_plan(SafetyPlan(parts={"reasons": "d", "distractions": "b"}), TODAY, base=loaded)
    assert [c.field for c in conflict.value.conflicts] == ["part.reasons"]
    assert store.safety_plan().parts["reasons"] == "a and c"  # nothing was written


def test_a_part_a_newer_version_added_is_kept_through_a_save(store: Store) -> None:
    store.import_data(
        {
            **{k: v for k, v in store.export_data().items() if k != "safety"},
            "safety": [
                {
                    "id": "4b03d0888171ade37c41ba286b247f3b",
                    "created_at": "2026-11-25T12:00:00Z",
                    "updated_at": "2026-11-25T12:00:00Z",
                    "rev": 1,
                    "part.pets": "the cat",
                    "part.reasons": "x",
                }
            ],
        }
    )
    store.save_safety_plan(SafetyPlan(parts={"reasons": "y"}), TODAY)
    assert store.safety_plan().parts == {"pets": "the cat", "reasons": "y"}


def _two_machines(tmp_path: Path, clock: FixedClock, laptop_parts: dict, desktop_parts: dict) -> tuple[Store, Path]:
    """A laptop and a desktop from one plan, each saving its parts, the desktop's file merged into the laptop."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    base = SafetyPlan(parts={"reasons": "before", "distractions": "before"})
    Store.open(laptop, clock=clock).save_safety_plan(base, TODAY)
    desktop.mkdir()
    shutil.copy(database_path(laptop), database_path(desktop))
    for folder, parts, later in ((laptop, laptop_parts, 0), (desktop, desktop_parts, 3)):
        store = Store.open(folder, clock=clock)
        loaded = store.safety_plan()
        store.save_safety_plan(SafetyPlan(parts={**loaded.parts, **parts}), TODAY + timedelta(days=later), base=loaded)
    shutil.copy(database_path(desktop), laptop / COPY)
    return Store.open(laptop, clock=clock), desktop


def test_two_machines_changing_different_parts_keep_both(tmp_path: Path, clock: FixedClock) -> None:
    merged, _desktop = _two_machines(tmp_path, clock, {"reasons": "laptop's"}, {"distractions": "desktop's"})
    plan = merged.safety_plan()
    assert plan.parts == {"reasons": "laptop's", "distractions": "desktop's"}
    assert merged.kept_aside() == []
    assert plan.reviewed_on == TODAY + timedelta(days=3)  # the later look-over, never a choice


def test_one_part_changed_on_both_is_kept_aside_and_both_texts_can_be_kept(tmp_path: Path, clock: FixedClock) -> None:
    merged, desktop = _two_machines(tmp_path, clock, {"reasons": "laptop's"}, {"reasons": "desktop's"})
    [item] = merged.kept_aside()
    assert (item.table, item.field, item.record_words) == ("safety", "part.reasons", "safety plan")
    assert {item.shown, *(value for value, _by in item.aside)} == {"laptop's", "desktop's"}
    merged.resolve_kept_aside(item.key, "both")
    assert set(merged.safety_plan().parts["reasons"].split("\n\n")) == {"laptop's", "desktop's"}
    shutil.copy(database_path(merged.data_dir), desktop / COPY)  # the choice syncs like any edit
    there = Store.open(desktop, clock=clock)
    assert there.safety_plan().parts["reasons"] == merged.safety_plan().parts["reasons"]
    assert there.kept_aside() == []


def test_no_word_of_the_plan_is_in_an_encrypted_folder_in_the_clear(tmp_path: Path, clock: FixedClock) -> None:
    from tests.encrypting import encrypt, key_codec

    store = Store.open(tmp_path / "data", clock=clock)
    encrypt(store)
    store = Store.open(tmp_path / "data", clock=clock, codec=key_codec())
    store.save_safety_plan(SafetyPlan(parts={"reasons": "marigold-sentinel"}), TODAY)
    assert store.safety_plan().parts["reasons"] == "marigold-sentinel"
    files = [path for path in (tmp_path / "data").rglob("*") if path.is_file()]
    assert files and not any(b"marigold-sentinel" in path.read_bytes() for path in files)


def test_the_plan_comes_back_for_review_after_ninety_days_and_a_look_over_puts_it_off(store: Store) -> None:
    store.save_safety_plan(SafetyPlan(parts={"reasons": "my dog"}), TODAY)
    due_day = TODAY + timedelta(days=REVIEW_DAYS)
    assert not store.safety_plan_review_due(due_day - timedelta(days=1))
    assert store.safety_plan_review_due(due_day)
    store.look_over_safety_plan(due_day)
    assert store.safety_plan().parts == {"reasons": "my dog"} and store.safety_plan().reviewed_on == due_day
    assert not store.safety_plan_review_due(due_day + timedelta(days=1))


def test_an_empty_plan_never_comes_back_for_review(store: Store) -> None:
    store.save_safety_plan(SafetyPlan(parts={"reasons": "  "}), TODAY)
    assert not store.safety_plan_review_due(TODAY + timedelta(days=REVIEW_DAYS * 3))


def test_a_version_one_journal_is_migrated_with_an_empty_safety_table(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "old"
    Store.open(folder, clock=clock).close()
    path = database_path(folder)
    journal = json.loads(path.read_text())
    del journal["safety"]
    for doc in journal["meta"].values():
        if doc.get("kind") == "schema":
            doc["schema_version"] = 1
    journal.pop("~layout", None)
    path.write_text(json.dumps(journal))
    assert check_journal(journal) == 1
    store = Store.open(folder, clock=clock)
    assert store.safety_plan() is None
    store.save_safety_plan(SafetyPlan(parts={"reasons": "now"}), TODAY)
    saved = json.loads(path.read_text())
    assert check_journal(saved) == SCHEMA_VERSION == 2
    assert [d["part.reasons"] for d in saved["safety"].values()] == ["now"]


def _edit_plan_doc(folder: Path, **fields) -> None:
    path = database_path(folder)
    journal = json.loads(path.read_text())
    journal.pop("~layout", None)
    [doc] = journal["safety"].values()
    doc.update(fields)
    path.write_text(json.dumps(journal))


@pytest.mark.parametrize(
    "odd",
    [{"part.": "x"}, {"part.X Y": "x"}, {"part.pets": 5}, {"warning_signs": "abc"}, {"reviewed_on": "never"}],
)
def test_one_odd_field_never_hides_the_plan_and_a_save_keeps_it(tmp_path: Path, clock: FixedClock, odd: dict) -> None:
    """Found in review: one unreadable field hid the whole plan, and the next save made a second one."""
    folder = tmp_path / "data"
    Store.open(folder, clock=clock).save_safety_plan(SafetyPlan(parts={"reasons": "my daughter"}), TODAY)
    _edit_plan_doc(folder, **odd)
    store = Store.open(folder, clock=clock)
    assert store.safety_plan().parts["reasons"] == "my daughter"
    store.save_safety_plan(SafetyPlan(parts={"reasons": "my daughter, and walks"}), TODAY)
    [doc] = json.loads(database_path(folder).read_text())["safety"].values()
    assert doc["part.reasons"] == "my daughter, and walks"
    key, value = next(iter(odd.items()))
    assert key in {"warning_signs", "reviewed_on"} or doc[key] == value  # an odd part stays as it was


def test_a_plan_that_cannot_be_read_is_never_saved_over_or_doubled(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "data"
    Store.open(folder, clock=clock).save_safety_plan(SafetyPlan(parts={"reasons": "my daughter"}), TODAY)
    _edit_plan_doc(folder, created_at="yesterday")
    store = Store.open(folder, clock=clock)
    assert store.safety_plan() is None
    with pytest.raises(ValidationError, match="cannot be read"):
        store.save_safety_plan(SafetyPlan(parts={"reasons": "new"}), TODAY)
    [doc] = json.loads(database_path(folder).read_text())["safety"].values()
    assert doc["part.reasons"] == "my daughter"


def test_a_plan_imported_under_another_id_merges_into_the_one_plan(store: Store) -> None:
    """Found in review: it was counted as added and never shown."""
    store.save_safety_plan(SafetyPlan(parts={"reasons": "mine"}), TODAY)
    export = store.export_data(safety_plan=True)
    other = {k: v for k, v in export["safety"][0].items() if k not in ("clock", "part.reasons")}
    export["safety"] = [{**other, "id": "a" * 32, "part.people-to-ask": "Sam 555-0100"}]
    store.import_data(export)
    assert store.safety_plan().parts == {"reasons": "mine", "people-to-ask": "Sam 555-0100"}
    assert {doc["id"] for doc in store.export_data(safety_plan=True)["safety"]} == {store.safety_plan().id}

"""Files that are not what they seem: a damaged journal behind a link, FIFOs, devices, huge files, strangers behind links.

Each test here failed on the code before these rules: recovery wrote through
the link over the damaged file (the "kept" copy was a second link to it), a
FIFO hung the opening, a huge file was read whole before being refused.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import backups_dir, database_path, drafts_path
from rootwork.state.files.regular_file import MAX_FILE_BYTES
from rootwork.state.journal_file.backups import list_backups
from rootwork.state.records.errors import JournalRefused
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def forget_outbox(data_dir: Path) -> None:
    """Damage made here, to the salvage alone: without this machine's outbox (which would bring back the rest)."""
    for outbox in data_dir.glob("outbox-*.json"):
        outbox.unlink()


def synced_journal(tmp_path: Path, data_dir: Path) -> Path:
    """A data folder whose rootwork.json is a link into a 'sync' folder; returns the link's target."""
    synced = tmp_path / "Sync"
    synced.mkdir()
    target = synced / "rootwork.json"
    data_dir.mkdir(parents=True, exist_ok=True)
    database_path(data_dir).symlink_to(target)
    return target


def opened_in_time(open_it: Callable[[], object], seconds: float = 10) -> list[object]:
    """What ``open_it`` returned or raised, from a thread: empty if it hung."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(open_it())
        except Exception as error:  # the test looks at what was raised
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    return outcome


def test_a_damaged_journal_behind_a_link_is_copied_aside_and_rebuilt_through_the_link(
    tmp_path: Path, data_dir: Path, clock
) -> None:
    target = synced_journal(tmp_path, data_dir)
    first = TODAY - timedelta(days=18)
    clock.advance(days=-18)
    store = Store.open(data_dir, clock=clock)
    for n in range(19):  # one check-in a day, and a backup of each day; all but the oldest are removed below
        store.save_checkin(Checkin(day=first + timedelta(days=n), mood=3, intensity=n % 11, note=f"day {n}"))
        clock.advance(days=1)
    clock.advance(days=-1)
    store.close()
    *newer, (oldest, _path) = list_backups(backups_dir(data_dir))
    for _day, path in newer:
        path.unlink()
    in_backup = (oldest - first).days + 1
    whole = target.read_bytes()
    cut = whole[: len(whole) * 9 // 10]
    target.write_bytes(cut)  # a sync tool stopped mid-copy
    forget_outbox(data_dir)

    reopened = Store.open(data_dir, clock=clock)

    assert database_path(data_dir).is_symlink() and Path(os.readlink(database_path(data_dir))) == target
    [kept] = data_dir.glob("rootwork.broken-*.json")
    assert not kept.is_symlink() and kept.stat().st_ino != target.stat().st_ino
    assert kept.read_bytes() == cut  # the damaged bytes, whole
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    records = [
        (doc["note"], json.dumps(doc, separators=(",", ":")).encode()) for doc in json.loads(whole)["checkins"].values()
    ]
    whole_before_cut = [note for note, text in records if whole.index(text) + len(text) <= len(cut)]
    assert len(whole_before_cut) >= 15  # most of them: the cut is in the last tenth of the file
    notes = {checkin.note for checkin in reopened.checkins()}
    assert notes >= set(whole_before_cut) and notes <= {f"day {n}" for n in range(19)}
    [notice] = reopened.notices
    assert oldest == date(2026, 11, 12) and in_backup == 6
    assert (
        f"rebuilt it: 6 entries from the backup from 12 Nov, and {len(notes) - 6} entries added or changed since"
        in notice
    )
    assert str(kept) in notice
    reopened.save_checkin(Checkin(day=TODAY, mood=4, intensity=1, note="after"))  # saves still go to the target
    assert b"after" in target.read_bytes() and database_path(data_dir).is_symlink()


def test_what_was_saved_after_the_days_first_backup_survives_damage(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    for hour, note in enumerate(("morning", "noon", "evening")):
        store.save_checkin(Checkin(day=TODAY - timedelta(days=hour), mood=3, intensity=3, note=note))
    path = database_path(data_dir)
    payload = path.read_bytes()
    path.write_bytes(payload[: payload.index(b'"meta":')])  # the backup was made at the day's first save

    reopened = Store.open(data_dir, clock=clock)

    assert sorted(c.note for c in reopened.checkins()) == ["evening", "morning", "noon"]
    assert "1 entry from today's backup" in reopened.notices[0]


def five_notes_the_third_damaged(data_dir: Path, clock) -> None:
    """Five days' check-ins saved, no backup, then a stretch of bad bytes over the third one's note."""
    store = Store.open(data_dir, clock=clock)
    for n in range(5):
        store.save_checkin(Checkin(day=TODAY - timedelta(days=n), mood=3, intensity=3, note=f"note {n}"))
    for _day, path in list_backups(backups_dir(data_dir)):
        path.unlink()
    path = database_path(data_dir)
    payload = path.read_bytes()
    at = payload.index(b"note 2")
    path.write_bytes(payload[:at] + b"\xff\x00" * 8 + payload[at + 16 :])


def test_a_stretch_of_bad_bytes_costs_only_the_records_it_touches(data_dir: Path, clock) -> None:
    five_notes_the_third_damaged(data_dir, clock)

    forget_outbox(data_dir)
    reopened = Store.open(data_dir, clock=clock)

    assert sorted(c.note for c in reopened.checkins()) == ["note 0", "note 1", "note 3", "note 4"]
    assert "4 entries that could still be read" in reopened.notices[0]


def test_a_link_to_a_file_that_is_not_a_journal_is_never_written_or_chmodded(
    tmp_path: Path, data_dir: Path, clock
) -> None:
    stranger = tmp_path / "passwd"
    stranger.write_text("root:x:0:0:root:/root:/bin/bash\n")
    os.chmod(stranger, 0o644)
    data_dir.mkdir()
    database_path(data_dir).symlink_to(stranger)

    with pytest.raises(JournalRefused, match="is a link to .*passwd, which is not a rootwork journal"):
        Store.open(data_dir, clock=clock)

    assert stranger.read_text() == "root:x:0:0:root:/root:/bin/bash\n"
    assert stat.S_IMODE(stranger.stat().st_mode) == 0o644
    assert not list(data_dir.glob("rootwork.broken-*"))


@needs_fifo
@pytest.mark.parametrize("which", [database_path, drafts_path])
def test_a_fifo_as_the_journal_or_its_drafts_is_refused_without_hanging(which, data_dir: Path, clock) -> None:
    data_dir.mkdir()
    os.mkfifo(which(data_dir))
    [outcome] = opened_in_time(lambda: Store.open(data_dir, clock=clock))
    assert isinstance(outcome, JournalRefused) and "is a pipe" in str(outcome)
    assert stat.S_ISFIFO(os.lstat(which(data_dir)).st_mode)  # left as it was


@needs_fifo
def test_a_link_to_a_fifo_is_refused_without_hanging(tmp_path: Path, data_dir: Path, clock) -> None:
    target = synced_journal(tmp_path, data_dir)
    os.mkfifo(target)
    [outcome] = opened_in_time(lambda: Store.open(data_dir, clock=clock))
    assert isinstance(outcome, JournalRefused) and "is a pipe" in str(outcome)


def test_a_folder_or_a_device_as_the_journal_is_refused(tmp_path: Path, data_dir: Path, clock) -> None:
    database_path(data_dir).mkdir(parents=True)
    with pytest.raises(JournalRefused, match="is a folder"):
        Store.open(data_dir, clock=clock)
    other = tmp_path / "other"
    other.mkdir()
    database_path(other).symlink_to("/dev/zero")
    [outcome] = opened_in_time(lambda: Store.open(other, clock=clock))
    assert isinstance(outcome, JournalRefused) and "is a device" in str(outcome)


def test_a_journal_over_the_cap_is_refused_before_it_is_read(data_dir: Path, clock) -> None:
    data_dir.mkdir()
    with database_path(data_dir).open("wb") as handle:  # sparse: no disk is used, and nothing may read it
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(JournalRefused, match="larger than 64 MiB"):
        Store.open(data_dir, clock=clock)
    assert database_path(data_dir).stat().st_size == MAX_FILE_BYTES + 1
    assert not list(data_dir.glob("rootwork.broken-*"))


@needs_fifo
def test_a_journal_swapped_for_a_fifo_while_open_is_refused_on_the_next_read(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    path = database_path(data_dir)
    path.unlink()
    os.mkfifo(path)
    [outcome] = opened_in_time(lambda: store.save_checkin(Checkin(day=TODAY, mood=4, intensity=3)))
    assert isinstance(outcome, JournalRefused)


def test_a_record_changed_by_damage_loses_to_the_backups_copy_of_the_same_version(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="written whole"))
    store.close()
    path = database_path(data_dir)
    payload = path.read_bytes()
    path.write_bytes(payload.replace(b"written whole", b"wrXtten whole")[: payload.index(b'"meta":')])

    reopened = Store.open(data_dir, clock=clock)

    assert reopened.checkin_for(TODAY).note == "written whole"
    assert "restored today's backup" in reopened.notices[0]


@pytest.mark.parametrize(
    "content", [b'{"editor.fontSize": 14}\n', b'{\n  "name": "x", "version": "1.0.0"\n}\n'], ids=["settings", "package"]
)
def test_a_link_to_someone_elses_json_is_refused_and_keeps_its_mode(
    content: bytes, tmp_path: Path, data_dir: Path, clock
) -> None:
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3))  # a backup exists
    stranger = tmp_path / "settings.json"
    stranger.write_bytes(content)
    os.chmod(stranger, 0o644)
    database_path(data_dir).unlink()
    database_path(data_dir).symlink_to(stranger)

    with pytest.raises(JournalRefused, match="not a rootwork journal"):
        Store.open(data_dir, clock=clock)

    assert stranger.read_bytes() == content and stat.S_IMODE(stranger.stat().st_mode) == 0o644


@pytest.mark.parametrize("content", [b"", b"\0" * 4096, b"  \n"], ids=["empty", "zeros", "blank"])
def test_a_link_to_a_blank_or_zeroed_file_is_recovered_through_the_link(
    content: bytes, tmp_path: Path, data_dir: Path, clock
) -> None:
    target = synced_journal(tmp_path, data_dir)
    Store.open(data_dir, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="kept"))
    target.write_bytes(content)  # a crash, or a sync tool's preallocated file
    reopened = Store.open(data_dir, clock=clock)
    assert reopened.checkin_for(TODAY).note == "kept" and database_path(data_dir).is_symlink()


def test_a_journal_swapped_for_a_link_to_a_stranger_while_open_is_never_written(
    tmp_path: Path, data_dir: Path, clock
) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    stranger = tmp_path / "package.json"
    stranger.write_text('{"name": "x"}')
    database_path(data_dir).unlink()
    database_path(data_dir).symlink_to(stranger)
    with pytest.raises(JournalRefused):
        store.save_checkin(Checkin(day=TODAY, mood=4, intensity=3))
    assert stranger.read_text() == '{"name": "x"}'


def test_drafts_are_never_written_through_a_link(tmp_path: Path, data_dir: Path, clock) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes")
    data_dir.mkdir()
    drafts_path(data_dir).symlink_to(notes)
    store = Store.open(data_dir, clock=clock)
    store.save_draft("reframe", {"critic": "draft words"})
    assert notes.read_text() == "my own notes"
    assert not drafts_path(data_dir).is_symlink() and store.draft("reframe")["critic"] == "draft words"


def test_deep_nesting_in_a_damaged_journal_is_recovered_not_a_crash(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3, note="kept"))
    for _day, path in list_backups(backups_dir(data_dir)):
        path.unlink()
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="lost"))
    path = database_path(data_dir)
    payload = path.read_bytes()
    at = payload.index(b'"2":') + 4
    path.write_bytes(payload[:at] + b"[" * 100_000 + payload[at:])
    forget_outbox(data_dir)
    reopened = Store.open(data_dir, clock=clock)
    assert [c.note for c in reopened.checkins()] == ["kept"]


def test_a_table_twice_in_a_damaged_file_keeps_every_whole_record(tmp_path: Path, data_dir: Path, clock) -> None:
    """A sync tool copying a new version over an old one in place, stopped part way: new start, old end."""
    older = tmp_path / "older"
    store = Store.open(older, clock=clock)
    for n in range(2):
        store.save_checkin(Checkin(day=TODAY - timedelta(days=10 + n), mood=3, intensity=3, note=f"old {n}"))
    store = Store.open(data_dir, clock=clock)
    for n in range(3):
        store.save_checkin(Checkin(day=TODAY - timedelta(days=n), mood=3, intensity=3, note=f"new {n}"))
    for _day, path in list_backups(backups_dir(data_dir)):
        path.unlink()
    new = database_path(data_dir).read_bytes()
    database_path(data_dir).write_bytes(new[: new.index(b'"meta":')] + database_path(older).read_bytes())
    notes = sorted(c.note for c in Store.open(data_dir, clock=clock).checkins())
    assert notes == ["new 0", "new 1", "new 2", "old 0", "old 1"]


def test_a_record_damage_left_out_of_range_never_beats_the_backup(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="first"))
    saved = store.checkin_for(TODAY)
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=3, note="second", id=saved.id), base=saved)
    path = database_path(data_dir)
    payload = path.read_bytes()
    path.write_bytes(payload.replace(b'"mood":4', b'"mood":9')[: payload.index(b'"meta":')])
    forget_outbox(data_dir)
    reopened = Store.open(data_dir, clock=clock)
    assert reopened.checkin_for(TODAY).note == "first"  # the backup's; the damaged one is out of range


def test_settings_changed_after_the_backup_survive_the_rebuild(data_dir: Path, clock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    store.set_setting("daily_cap", 9)
    path = database_path(data_dir)
    payload = path.read_bytes()
    at = payload.index(b'"checkins":') + 20
    path.write_bytes(payload[:at] + b"\xff" * 4 + payload[at + 4 :])
    assert Store.open(data_dir, clock=clock).setting("daily_cap") == 9


def test_what_damage_took_comes_back_from_this_machines_outbox(data_dir: Path, clock) -> None:
    """The salvage keeps what can be read; what this machine saved and the damage took comes back from its outbox."""
    five_notes_the_third_damaged(data_dir, clock)

    reopened = Store.open(data_dir, clock=clock)

    assert sorted(c.note for c in reopened.checkins()) == [f"note {n}" for n in range(5)]
    assert "4 entries that could still be read" in reopened.notices[0]
    assert "Merged back from this machine's own copy: 1 check-in" in reopened.notices[1]

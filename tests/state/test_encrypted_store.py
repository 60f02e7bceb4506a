"""An encrypted journal's folder: nothing in the clear, the store works on it, a wrong passphrase changes nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from pyrage import passphrase as rage

from rootwork.state.codec import FileCodec, PassphraseNeeded, WrongPassphrase, is_encrypted
from rootwork.state.encryption import convert_folder, journal_files
from rootwork.state.model import Checkin, Reframe
from rootwork.state.store import Store

from .conftest import TODAY, FixedClock

PASS = "a long quiet passphrase"
SECRET = "my father said I was worthless"
DRAFT_SECRET = "half written about the bullying"


def codec(passphrase: str | None = PASS) -> FileCodec:
    return FileCodec(passphrase, work_factor=10)  # tests stay fast; test_age_format uses the real default


def folder_hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def clear_text_anywhere(folder: Path, *needles: str) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            found += [f"{path.name}: {n}" for n in needles if n.encode() in raw]
    return found


def filled(data_dir: Path, clock: FixedClock) -> Store:
    store = Store.open(data_dir, clock=clock, codec=codec())
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=7, note=SECRET))
    store.save_reframe(Reframe(critic=SECRET, reframe="I am enough"), TODAY)
    store.save_draft("reframe", {"critic": DRAFT_SECRET})
    clock.advance(days=1)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="second day"))  # a second backup
    return store


def encrypted(data_dir: Path, clock: FixedClock) -> Store:
    store = filled(data_dir, clock)
    convert_folder(store, encrypt=True)
    return store


def test_encrypt_leaves_no_clear_text_anywhere_and_pyrage_opens_the_journal(data_dir: Path, clock: FixedClock) -> None:
    store = filled(data_dir, clock)
    assert clear_text_anywhere(data_dir, SECRET, DRAFT_SECRET)  # the test would see it
    result = convert_folder(store, encrypt=True)
    assert len(result.converted) == len(journal_files(data_dir)) >= 4  # journal, drafts, two backups
    assert clear_text_anywhere(data_dir, SECRET, DRAFT_SECRET, "checkins") == []
    plain = rage.decrypt((data_dir / "rootwork.json").read_bytes(), PASS)
    assert SECRET.encode() in plain
    for path in journal_files(data_dir):
        assert is_encrypted(path.read_bytes()), path


def test_the_store_works_on_an_encrypted_journal_and_saves_stay_encrypted(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    header = (data_dir / "rootwork.json").read_bytes()[:150]
    clock.advance(days=1)
    again = Store.open(data_dir, clock=clock, codec=codec())
    assert again.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert again.draft("reframe") == {"critic": DRAFT_SECRET}
    again.save_checkin(Checkin(day=TODAY + timedelta(days=1), mood=4, intensity=2, note="a new secret day"))
    again.save_draft("reframe", {"critic": "a new draft secret"})
    assert clear_text_anywhere(data_dir, "a new secret day", "a new draft secret") == []
    raw = (data_dir / "rootwork.json").read_bytes()
    assert raw[:150] == header  # the same key, reused: no scrypt per save
    backups = sorted((data_dir / "backups").iterdir())
    assert len(backups) == 3 and all(is_encrypted(p.read_bytes()) for p in backups)
    export = again.export_data()
    assert any(c["note"] == SECRET for c in export["checkins"])


@pytest.mark.parametrize("given", [None, "not the passphrase"])
def test_a_missing_or_wrong_passphrase_changes_no_byte(data_dir: Path, clock: FixedClock, given: str | None) -> None:
    encrypted(data_dir, clock)
    (data_dir / ".rootwork-00ff.tmp").write_bytes(b"left by a kill")  # even tidying waits for the passphrase
    before = folder_hashes(data_dir)
    names = sorted(os.listdir(data_dir))
    with pytest.raises(PassphraseNeeded if given is None else WrongPassphrase):
        Store.open(data_dir, clock=clock, codec=codec(given))
    assert folder_hashes(data_dir) == before
    assert sorted(os.listdir(data_dir)) == names  # nothing moved aside, nothing restored


def test_decrypt_gives_back_plain_json_everywhere(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    store = Store.open(data_dir, clock=clock, codec=codec())
    result = convert_folder(store, encrypt=False)
    assert result.converted and not result.other_passphrase
    for path in journal_files(data_dir):
        assert not is_encrypted(path.read_bytes()), path
    plain = Store.open(data_dir, clock=clock)  # no passphrase needed now
    assert plain.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    plain.save_checkin(Checkin(day=TODAY + timedelta(days=1), mood=4, intensity=2))
    assert not is_encrypted((data_dir / "rootwork.json").read_bytes())


def test_a_half_converted_folder_opens_and_a_second_run_finishes(data_dir: Path, clock: FixedClock) -> None:
    store = filled(data_dir, clock)
    files = journal_files(data_dir)
    # As if killed after the journal and one more file: encrypt those two by hand.
    store.codec.start_encrypting()
    for path in (files[-1], files[0]):
        path.write_bytes(store.codec.encode(path.read_bytes()))
    again = Store.open(data_dir, clock=clock, codec=codec())
    assert again.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert again.draft("reframe") == {"critic": DRAFT_SECRET}
    result = convert_folder(again, encrypt=True)
    assert result.already and result.converted
    assert clear_text_anywhere(data_dir, SECRET, DRAFT_SECRET) == []


def test_a_damaged_encrypted_journal_comes_back_from_its_encrypted_backup(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    journal = data_dir / "rootwork.json"
    journal.write_bytes(journal.read_bytes()[:-5])
    store = Store.open(data_dir, clock=clock, codec=codec())
    assert any("restored" in notice for notice in store.notices)
    assert store.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert is_encrypted(journal.read_bytes())
    assert clear_text_anywhere(data_dir, SECRET) == []


def _checkin_on(data_dir: Path, clock: FixedClock, offset: int, note: str) -> None:
    Store.open(data_dir, clock=clock, codec=codec()).save_checkin(
        Checkin(day=TODAY + timedelta(days=offset), mood=3, intensity=3, note=note)
    )


def test_two_encrypted_copies_of_one_journal_merge(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    desktop.mkdir(mode=0o700)
    shutil.copy2(laptop / "rootwork.json", desktop / "rootwork.json")
    _checkin_on(laptop, clock, 1, "laptop day")
    _checkin_on(desktop, clock, 2, "desktop day")
    shutil.copy2(desktop / "rootwork.json", laptop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json")
    merged = Store.open(laptop, clock=clock, codec=codec())
    assert merged.checkin_for(TODAY + timedelta(days=1)).note == "laptop day"
    assert merged.checkin_for(TODAY + timedelta(days=2)).note == "desktop day"
    kept = list((laptop / "backups" / "merged").iterdir())
    assert len(kept) == 1 and is_encrypted(kept[0].read_bytes())
    assert clear_text_anywhere(laptop, "desktop day", "laptop day", SECRET) == []


def test_a_copy_encrypted_separately_with_the_same_passphrase_merges(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    other = Store.open(desktop, clock=clock, codec=codec())
    other.save_checkin(Checkin(day=TODAY + timedelta(days=3), mood=5, intensity=1, note="desktop alone"))
    convert_folder(other, encrypt=True)  # its own salt and key
    shutil.copy2(desktop / "rootwork.json", laptop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json")
    merged = Store.open(laptop, clock=clock, codec=codec())
    assert merged.checkin_for(TODAY + timedelta(days=3)).note == "desktop alone"


def test_a_copy_under_another_passphrase_is_left_where_it_is(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    other = Store.open(desktop, clock=clock, codec=FileCodec("another one", work_factor=10))
    other.save_checkin(Checkin(day=TODAY + timedelta(days=3), mood=5, intensity=1))
    convert_folder(other, encrypt=True)
    copy = laptop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json"
    shutil.copy2(desktop / "rootwork.json", copy)
    merged = Store.open(laptop, clock=clock, codec=codec())
    assert copy.exists() and merged.checkin_for(TODAY + timedelta(days=3)) is None
    assert any("another passphrase" in notice for notice in merged.notices)


def test_a_journal_encrypted_by_another_process_while_open_refuses_saves_plainly(data_dir: Path,
                                                                                  clock: FixedClock) -> None:
    from rootwork.state.errors import SaveFailed

    plain_open = Store.open(data_dir, clock=clock)
    plain_open.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    convert_folder(Store.open(data_dir, clock=clock, codec=codec()), encrypt=True)  # "rootwork encrypt" elsewhere
    before = folder_hashes(data_dir)
    with pytest.raises(SaveFailed, match="encrypted"):
        plain_open.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=2, note="not in clear"))
    assert folder_hashes(data_dir) == before


def test_without_a_passphrase_even_a_damaged_encrypted_journal_is_left_alone(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    journal = data_dir / "rootwork.json"
    journal.write_bytes(b"age-encryption.org/v1\n-> scrypt garbage")  # a header cut short
    before = folder_hashes(data_dir)
    with pytest.raises(PassphraseNeeded):
        Store.open(data_dir, clock=clock)
    assert folder_hashes(data_dir) == before
    recovered = Store.open(data_dir, clock=clock, codec=codec())  # with it: damaged, and recovered
    assert recovered.checkin_for(TODAY - timedelta(days=1)).note == SECRET


def test_copies_kept_aside_and_unmerged_conflict_copies_are_encrypted_too(data_dir: Path, clock: FixedClock) -> None:
    store = filled(data_dir, clock)
    (data_dir / "rootwork (Ana's conflicted copy 2026-11-25).json").write_text(f'{{"broken": "{SECRET}"')
    (data_dir / "rootwork.broken-20261125T120000Z.json").write_text(SECRET)
    (data_dir / "notes-of-mine.json").write_text("not rootwork's")
    convert_folder(Store.open(data_dir, clock=clock, codec=store.codec), encrypt=True)
    assert clear_text_anywhere(data_dir, SECRET) == []
    assert (data_dir / "notes-of-mine.json").read_text() == "not rootwork's"


def test_an_encrypted_copy_beside_a_plain_journal_waits_for_the_passphrase(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    Store.open(desktop, clock=clock).save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    copy = desktop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json"
    shutil.copy2(laptop / "rootwork.json", copy)
    plain = Store.open(desktop, clock=clock)
    assert copy.exists() and any("without a passphrase" in n for n in plain.notices)
    merged = Store.open(desktop, clock=clock, codec=codec())  # now it merges
    assert not copy.exists() and merged.checkin_for(TODAY - timedelta(days=1)).note == SECRET

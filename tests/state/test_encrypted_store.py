"""An encrypted journal's folder: nothing in the clear, the store works on it, a wrong passphrase changes nothing.

Folders are encrypted to one key per test process (tests/encrypting.py), and opened with its identity
held, as a store holds it once the passphrase opened identity.age; the passphrase tests pay scrypt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest

from rootwork.state.encryption import folder
from rootwork.state.encryption.codec import FileCodec, PassphraseNeeded, WrongPassphrase, is_encrypted
from rootwork.state.encryption.folder import journal_files
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from tests.encrypting import MADE, PASS, encrypt, is_ours, key_codec, shared_key

from .conftest import TODAY, FixedClock

SECRET = "my father said I was worthless"
DRAFT_SECRET = "half written about the bullying"


def folder_hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def clear_text_anywhere(folder: Path, *needles: str) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            found += [f"{path.name}: {n}" for n in needles if n.encode() in raw]
    return found


def filled(data_dir: Path, clock: FixedClock) -> Store:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=7, note=SECRET))
    store.save_reframe(Reframe(critic=SECRET, reframe="I am enough"), TODAY)
    store.save_draft("reframe", {"critic": DRAFT_SECRET})
    clock.advance(days=1)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="second day"))  # a second backup
    return store


def encrypted(data_dir: Path, clock: FixedClock) -> Store:
    store = filled(data_dir, clock)
    encrypt(store)
    return store


def test_encrypt_leaves_no_clear_text_anywhere_and_pyrage_opens_the_journal(data_dir: Path, clock: FixedClock) -> None:
    store = filled(data_dir, clock)
    assert clear_text_anywhere(data_dir, SECRET, DRAFT_SECRET)  # the test would see it
    result = encrypt(store)
    assert len(result.converted) == len(journal_files(data_dir)) >= 4  # journal, drafts, two backups
    assert clear_text_anywhere(data_dir, SECRET, DRAFT_SECRET, "checkins") == []
    plain = pyrage.decrypt((data_dir / "rootwork.json").read_bytes(), [shared_key().identity])
    assert SECRET.encode() in plain
    for path in journal_files(data_dir):
        assert is_ours(path), path
    # identity.age is the identity under the passphrase: pyrage's passphrase decryption opens it.
    assert str(shared_key().identity).encode() in pyrage.passphrase.decrypt(
        (data_dir / "identity.age").read_bytes(), PASS
    )


def test_the_store_works_on_an_encrypted_journal_and_saves_stay_encrypted(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    header = (data_dir / "rootwork.json").read_bytes()[:150]
    clock.advance(days=1)
    again = Store.open(data_dir, clock=clock, codec=key_codec())
    assert again.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert again.draft("reframe") == {"critic": DRAFT_SECRET}
    again.save_checkin(Checkin(day=TODAY + timedelta(days=1), mood=4, intensity=2, note="a new secret day"))
    again.save_draft("reframe", {"critic": "a new draft secret"})
    assert clear_text_anywhere(data_dir, "a new secret day", "a new draft secret") == []
    raw = (data_dir / "rootwork.json").read_bytes()
    assert raw[:150] != header  # a fresh file key (a new header) for every file written
    backups = sorted((data_dir / "backups").iterdir())
    assert len(backups) == 3 and all(is_ours(p) for p in backups)
    files = {p.read_bytes() for p in [*backups, data_dir / "rootwork.json", data_dir / "drafts.json"]}
    assert (
        len({raw[:150] for raw in files}) == len(files) >= 4
    )  # no header shared by two files (a backup may be a copy)
    export = again.export_data()
    assert any(c["note"] == SECRET for c in export["checkins"])


@pytest.mark.parametrize("given", [None, "not the passphrase"])
def test_a_missing_or_wrong_passphrase_changes_no_byte(data_dir: Path, clock: FixedClock, given: str | None) -> None:
    encrypted(data_dir, clock)
    (data_dir / ".rootwork-00ff.tmp").write_bytes(b"left by a kill")  # even tidying waits for the passphrase
    before = folder_hashes(data_dir)
    names = sorted(os.listdir(data_dir))
    with pytest.raises(PassphraseNeeded if given is None else WrongPassphrase):
        Store.open(data_dir, clock=clock, codec=FileCodec(given))
    assert folder_hashes(data_dir) == before
    assert sorted(os.listdir(data_dir)) == names  # nothing moved aside, nothing restored


def test_decrypt_gives_back_plain_json_everywhere(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    store = Store.open(data_dir, clock=clock, codec=key_codec())
    result = store.rewrite_files(lambda where: folder.decrypt_folder(where, store.codec, MADE))
    assert result.converted and not result.other_passphrase
    for path in journal_files(data_dir):
        assert not is_encrypted(path.read_bytes()), path
    assert not (data_dir / "identity.age").exists() and folder.retired_identities(data_dir)
    assert not (data_dir / "encryption").exists()
    plain = Store.open(data_dir, clock=clock)  # no passphrase needed now
    assert plain.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    plain.save_checkin(Checkin(day=TODAY + timedelta(days=1), mood=4, intensity=2))
    assert not is_encrypted((data_dir / "rootwork.json").read_bytes())


def test_a_half_converted_folder_opens_and_the_next_opening_finishes(data_dir: Path, clock: FixedClock) -> None:
    store = filled(data_dir, clock)
    files = journal_files(data_dir)
    # As if killed after the journal and one more file: the note says "encrypting", the rest is plain.
    store.rewrite_files(lambda where: folder.begin_encrypting(where, store.codec, shared_key(), MADE))
    for path in (files[-1], files[0]):
        path.write_bytes(store.codec.seal(path.read_bytes()))
    again = Store.open(data_dir, clock=clock, codec=key_codec())
    assert any("interrupted 'rootwork encrypt' was finished" in n for n in again.notices)
    assert again.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert again.draft("reframe") == {"critic": DRAFT_SECRET}
    assert clear_text_anywhere(data_dir, SECRET, DRAFT_SECRET) == []
    assert (data_dir / "encryption").read_text().startswith("encrypted age1")


def test_a_damaged_encrypted_journal_comes_back_from_its_encrypted_backup(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    journal = data_dir / "rootwork.json"
    journal.write_bytes(journal.read_bytes()[:-5])
    store = Store.open(data_dir, clock=clock, codec=key_codec())
    assert any("restored" in notice for notice in store.notices)
    assert store.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert is_ours(journal)
    assert clear_text_anywhere(data_dir, SECRET) == []


def _checkin_on(data_dir: Path, clock: FixedClock, offset: int, note: str) -> None:
    Store.open(data_dir, clock=clock, codec=key_codec()).save_checkin(
        Checkin(day=TODAY + timedelta(days=offset), mood=3, intensity=3, note=note)
    )


def test_two_encrypted_copies_of_one_journal_merge(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    desktop.mkdir(mode=0o700)
    for name in ("rootwork.json", "identity.age"):  # what a sync tool brings
        shutil.copy2(laptop / name, desktop / name)
    _checkin_on(laptop, clock, 1, "laptop day")
    _checkin_on(desktop, clock, 2, "desktop day")
    shutil.copy2(desktop / "rootwork.json", laptop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json")
    merged = Store.open(laptop, clock=clock, codec=key_codec())
    assert merged.checkin_for(TODAY + timedelta(days=1)).note == "laptop day"
    assert merged.checkin_for(TODAY + timedelta(days=2)).note == "desktop day"
    kept = list((laptop / "backups" / "merged").iterdir())
    assert len(kept) == 1 and is_ours(kept[0])
    assert clear_text_anywhere(laptop, "desktop day", "laptop day", SECRET) == []


def test_a_copy_encrypted_to_another_key_is_left_where_it_is_and_said(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    other = Store.open(desktop, clock=clock)
    other.save_checkin(Checkin(day=TODAY + timedelta(days=3), mood=5, intensity=1))
    other_key = folder.make_key("another long passphrase", MADE)  # its own identity: another encrypt
    other.rewrite_files(lambda where: folder.encrypt_folder(where, other.codec, other_key, MADE))
    copy = laptop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json"
    shutil.copy2(desktop / "rootwork.json", copy)
    merged = Store.open(laptop, clock=clock, codec=key_codec())
    assert copy.exists() and merged.checkin_for(TODAY + timedelta(days=3)) is None
    assert any("another key" in notice for notice in merged.notices)


def test_a_journal_encrypted_by_another_process_while_open_refuses_saves_plainly(
    data_dir: Path, clock: FixedClock
) -> None:
    from rootwork.state.records.errors import SaveFailed

    plain_open = Store.open(data_dir, clock=clock)
    plain_open.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    encrypt(Store.open(data_dir, clock=clock))  # "rootwork encrypt" elsewhere
    before = folder_hashes(data_dir)
    with pytest.raises(SaveFailed, match="encrypted"):
        plain_open.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=2, note="not in clear"))
    assert folder_hashes(data_dir) == before


def test_without_a_passphrase_even_a_damaged_encrypted_journal_is_left_alone(data_dir: Path, clock: FixedClock) -> None:
    encrypted(data_dir, clock)
    journal = data_dir / "rootwork.json"
    journal.write_bytes(b"age-encryption.org/v1\n-> X25519 garbage")  # a header cut short
    before = folder_hashes(data_dir)
    with pytest.raises(PassphraseNeeded):
        Store.open(data_dir, clock=clock)
    assert folder_hashes(data_dir) == before
    recovered = Store.open(data_dir, clock=clock, codec=key_codec())  # with it: damaged, and recovered
    assert recovered.checkin_for(TODAY - timedelta(days=1)).note == SECRET


def test_copies_kept_aside_and_unmerged_conflict_copies_are_encrypted_too(data_dir: Path, clock: FixedClock) -> None:
    store = filled(data_dir, clock)
    (data_dir / "rootwork (Ana's conflicted copy 2026-11-25).json").write_text(f'{{"broken": "{SECRET}"')
    (data_dir / "rootwork.broken-20261125T120000Z.json").write_text(SECRET)
    (data_dir / "notes-of-mine.json").write_text("not rootwork's")
    encrypt(store)
    assert clear_text_anywhere(data_dir, SECRET) == []
    assert (data_dir / "notes-of-mine.json").read_text() == "not rootwork's"


def test_a_machine_that_gets_the_key_by_sync_follows_with_its_passphrase(tmp_path: Path, clock: FixedClock) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    encrypted(laptop, clock)
    Store.open(desktop, clock=clock).save_checkin(
        Checkin(day=TODAY + timedelta(days=5), mood=3, intensity=3, note="desktop plain")
    )
    copy = desktop / "rootwork.sync-conflict-20261126-120000-ABCDEF7.json"
    shutil.copy2(laptop / "rootwork.json", copy)
    shutil.copy2(laptop / "identity.age", desktop / "identity.age")  # the folder's key arrives by sync
    with pytest.raises(PassphraseNeeded):
        Store.open(desktop, clock=clock)  # it needs the passphrase now, and nothing is read plain
    merged = Store.open(desktop, clock=clock, codec=key_codec())
    assert any("encrypted on another machine" in n for n in merged.notices)
    assert not copy.exists() and merged.checkin_for(TODAY - timedelta(days=1)).note == SECRET
    assert merged.checkin_for(TODAY + timedelta(days=5)).note == "desktop plain"
    assert clear_text_anywhere(desktop, SECRET, "desktop plain") == []

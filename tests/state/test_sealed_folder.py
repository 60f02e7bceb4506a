"""An encrypted folder stays encrypted: plain files refused, hostile copies cheap, a rollback noticed, fresh keys.

The issue's "must show" for encryption, each as a test: two saves have different
headers and a payload spliced under another file's header does not open; a plain
journal and a plain conflict copy are never read into the journal; a copy asking
for scrypt work factor 20, 21, 22 or 30 costs nothing at opening; a journal
rolled back to an older encrypted file gets this machine's saves back.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.encryption.folder import journal_files
from rootwork.state.encryption.identity import unwrap
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.state.store.sealing import Refusal
from tests.encrypting import PASS, encrypt, is_ours, key_codec, shared_key

from .conftest import TODAY, FixedClock

COPY = "rootwork.sync-conflict-20261126-120000-ABCDEF7.json"


def sealed(data_dir: Path, clock: FixedClock) -> Store:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=6, note="the first secret"))
    encrypt(store)
    return Store.open(data_dir, clock=clock, codec=key_codec())


def plain_journal_with(tmp_path: Path, clock: FixedClock, note: str) -> Path:
    other = tmp_path / "elsewhere"
    Store.open(other, clock=clock).save_checkin(Checkin(day=TODAY + timedelta(days=9), mood=5, intensity=1, note=note))
    return other / "rootwork.json"


def test_two_saves_have_different_headers_and_a_spliced_payload_does_not_open(
    data_dir: Path, clock: FixedClock
) -> None:
    store = sealed(data_dir, clock)
    first = (data_dir / "rootwork.json").read_bytes()
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="the second secret"))
    second = (data_dir / "rootwork.json").read_bytes()
    head_1, head_2 = first[: first.index(b"\n---") + 48], second[: second.index(b"\n---") + 48]
    assert head_1 != head_2
    spliced = head_2 + first[len(head_1) :]  # an older payload under the newer header: a rollback attempt
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(spliced, [shared_key().identity])
    (data_dir / "rootwork.json").write_bytes(spliced)
    again = Store.open(data_dir, clock=clock, codec=key_codec())  # damaged: recovered, never read as the older one
    assert any("could not be read" in notice for notice in again.notices)
    assert again.checkin_for(TODAY - timedelta(days=1)).note == "the first secret"


def test_a_plain_journal_in_an_encrypted_folder_is_kept_aside_unread(
    tmp_path: Path, data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    shutil.copy2(plain_journal_with(tmp_path, clock, "planted in the clear"), data_dir / "rootwork.json")
    store = Store.open(data_dir, clock=clock, codec=key_codec())
    refusals = [notice for notice in store.notices if isinstance(notice, Refusal)]
    assert len(refusals) == 1 and "not encrypted" in refusals[0] and "rootwork decrypt" in refusals[0]
    assert store.checkin_for(TODAY + timedelta(days=9)) is None  # nothing of it was read
    assert store.checkin_for(TODAY - timedelta(days=1)).note == "the first secret"
    aside = list(data_dir.glob("rootwork.plain-*.json"))
    assert len(aside) == 1 and is_ours(aside[0])  # kept, never deleted, and encrypted at once
    assert b"planted" in pyrage.decrypt(aside[0].read_bytes(), [shared_key().identity])
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="written after"))
    for path in journal_files(data_dir):
        assert is_ours(path), path
    assert not any(
        b"planted" in p.read_bytes() or b"written after" in p.read_bytes() for p in data_dir.rglob("*") if p.is_file()
    )


def test_a_plain_conflict_copy_in_an_encrypted_folder_is_not_merged(
    tmp_path: Path, data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    shutil.copy2(plain_journal_with(tmp_path, clock, "a plain copy"), data_dir / COPY)
    store = Store.open(data_dir, clock=clock, codec=key_codec())
    assert any(isinstance(n, Refusal) and COPY in n for n in store.notices)
    assert store.checkin_for(TODAY + timedelta(days=9)) is None and not (data_dir / COPY).exists()
    assert not (data_dir / "backups" / "merged").exists() or not any((data_dir / "backups" / "merged").iterdir())
    aside = list(data_dir.glob("rootwork.plain-*.json"))
    assert len(aside) == 1 and is_ours(aside[0])


def test_a_plain_copy_arriving_while_open_is_not_merged(tmp_path: Path, data_dir: Path, clock: FixedClock) -> None:
    store = sealed(data_dir, clock)
    shutil.copy2(plain_journal_with(tmp_path, clock, "while open"), data_dir / COPY)
    store.refresh()
    assert store.checkin_for(TODAY + timedelta(days=9)) is None and (data_dir / COPY).exists()
    assert any("not encrypted" in notice for notice in store.notices)


def scrypt_copy(work_factor: int) -> bytes:
    """A file whose header asks for scrypt at ``work_factor``: what someone who can write to the folder could drop."""
    salt = base64.b64encode(os.urandom(16)).rstrip(b"=")
    body = base64.b64encode(os.urandom(32)).rstrip(b"=")
    mac = base64.b64encode(os.urandom(32)).rstrip(b"=")
    return (
        b"age-encryption.org/v1\n-> scrypt "
        + salt
        + b" %d\n" % work_factor
        + body
        + b"\n--- "
        + mac
        + b"\n"
        + os.urandom(64)
    )


@pytest.mark.parametrize("work_factor", [20, 21, 22, 30])
def test_a_copy_asking_for_scrypt_costs_nothing_and_the_journal_still_opens(
    data_dir: Path, clock: FixedClock, work_factor: int
) -> None:
    sealed(data_dir, clock)
    (data_dir / COPY).write_bytes(scrypt_copy(work_factor))
    started = time.perf_counter()
    store = Store.open(data_dir, clock=clock, codec=FileCodec(identity=shared_key().identity))
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=3))
    assert time.perf_counter() - started < 1.0
    assert (data_dir / COPY).exists()  # left where it is, and said
    assert any("only when you name it" in notice for notice in store.notices)


def test_a_journal_rolled_back_to_an_older_encrypted_file_gets_this_machines_saves_back(
    data_dir: Path, clock: FixedClock
) -> None:
    store = sealed(data_dir, clock)
    older = (data_dir / "rootwork.json").read_bytes()
    store.save_checkin(Checkin(day=TODAY, mood=4, intensity=2, note="saved here, then rolled back"))
    (data_dir / "rootwork.json").write_bytes(older)  # a restore, or a sync tool that missed a conflict
    again = Store.open(data_dir, clock=clock, codec=key_codec())
    assert again.checkin_for(TODAY).note == "saved here, then rolled back"
    assert any("replaced by one without some of what you saved" in notice for notice in again.notices)


def test_identity_age_opens_with_the_passphrase_and_the_age_tool_opens_every_file(
    data_dir: Path, clock: FixedClock
) -> None:
    store = sealed(data_dir, clock)
    store.save_draft("reframe", {"critic": "a drafted secret"})
    identity = unwrap((data_dir / "identity.age").read_bytes(), PASS)
    assert str(identity.to_public()) == str(shared_key().identity.to_public())
    age = shutil.which("age")
    if age is None:
        pytest.skip("the age tool is not installed (apt-get install age)")
    key_file = data_dir.parent / "key.txt"
    key_file.write_text(str(identity) + "\n")
    key_file.chmod(0o600)
    for path in journal_files(data_dir):
        done = subprocess.run([age, "-d", "-i", str(key_file), str(path)], capture_output=True, check=False)
        assert done.returncode == 0 and done.stdout.lstrip().startswith(b"{"), (path, done.stderr)


def test_a_killed_encrypt_is_named_without_the_passphrase_and_finished_with_it(
    data_dir: Path, clock: FixedClock
) -> None:
    from rootwork.state.encryption import folder
    from rootwork.state.encryption.codec import PassphraseNeeded
    from tests.encrypting import MADE

    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=6, note="still plain when killed"))
    store.rewrite_files(lambda where: folder.begin_encrypting(where, store.codec, shared_key(), MADE))  # then killed
    with pytest.raises(PassphraseNeeded, match="interrupted 'rootwork encrypt'"):
        Store.open(data_dir, clock=clock)  # named, and nothing read or written plain
    again = Store.open(data_dir, clock=clock, codec=key_codec())
    assert again.checkin_for(TODAY).note == "still plain when killed"
    assert not any(b"still plain" in p.read_bytes() for p in data_dir.rglob("*") if p.is_file())

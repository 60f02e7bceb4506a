"""Attacks on an encrypted folder (security review of the pyrage / identity.age change): each a finding of the security review, fixed.

Every test opens the folder as a real opening does: the codec holds the
passphrase *and* the identity until ``Store.open`` returns (``FileCodec(PASS,
identity=...)``: ``unlock`` is then a no-op, so identity.age costs no scrypt
here). Nothing is patched: a hostile file that made rootwork run scrypt would
cost seconds, past the bound ``opened_in_time`` sets, and be left changed.
"""

from __future__ import annotations

import base64
import os
import shutil
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import pyrage
import pytest

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.encryption.header import is_encrypted
from rootwork.state.journal_file.storage import serialise, serialise_for_file
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from tests.encrypting import PASS, encrypt, shared_key

from .conftest import TODAY, FixedClock

COPY = "rootwork.sync-conflict-20261126-120000-ABCDEF7.json"
SECRET = "the first secret"
LEGACY = Path(__file__).resolve().parent.parent / "fixtures" / "encrypted-0.1"
LEGACY_PASS = "correct horse 0.1"


def sealed(data_dir: Path, clock: FixedClock) -> None:
    store = Store.open(data_dir, clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=6, note=SECRET))
    store.save_draft("reframe", {"critic": "a draft"})
    encrypt(store)
    store.close()


def opening_codec(passphrase: str = PASS) -> FileCodec:
    """What ``Store.open`` holds during an opening: the passphrase and, once identity.age is opened, the identity."""
    return FileCodec(passphrase, identity=shared_key().identity)


def scrypt_file(work_factor: int) -> bytes:
    """An age header asking for scrypt at ``work_factor``: what anyone who can write to the folder can drop."""

    def b64(n: int) -> bytes:
        return base64.b64encode(os.urandom(n)).rstrip(b"=")

    return (
        b"age-encryption.org/v1\n-> scrypt "
        + b64(16)
        + b" %d\n" % work_factor
        + b64(32)
        + b"\n--- "
        + b64(32)
        + b"\n"
        + os.urandom(64)
    )


def opened_in_time(data_dir: Path, clock: FixedClock, codec: FileCodec) -> Store:
    """The folder opened, in well under what one scrypt at work factor 20 costs here (several seconds).

    No library is patched: a regression that ran scrypt on a hostile file would
    take seconds and gigabytes, and fail this bound; the outcome checks say why.
    """
    started = time.perf_counter()
    store = Store.open(data_dir, clock=clock, codec=codec)
    assert time.perf_counter() - started < 1.0
    return store


def plain_journal_bytes(clock: FixedClock, note: str) -> bytes:
    store = Store.in_memory(clock=clock)
    store.save_checkin(Checkin(day=TODAY - timedelta(days=5), mood=1, intensity=10, note=note))
    return serialise_for_file(dict(store.journal_tables()))


def notes(store: Store) -> list[str]:
    return [c.note for c in store.checkins()]


# ---------------------------------------------------------------- finding 1


def test_a_forged_decrypting_note_does_not_decrypt_the_folder(data_dir: Path, clock: FixedClock) -> None:
    sealed(data_dir, clock)
    (data_dir / "encryption").write_text("decrypting\n")  # e.g. carried by Dropbox, which the README does not exclude
    Store.open(data_dir, clock=clock, codec=opening_codec()).close()
    assert is_encrypted((data_dir / "rootwork.json").read_bytes())
    assert (data_dir / "identity.age").exists()


# ---------------------------------------------------------------- finding 2


@pytest.mark.parametrize("name", [COPY, "backups/rootwork-2026-11-20.json", "drafts.json", "rootwork.broken-x.json"])
def test_a_scrypt_file_that_arrived_by_sync_never_runs_scrypt_at_opening(
    data_dir: Path, clock: FixedClock, name: str
) -> None:
    sealed(data_dir, clock)
    hostile = scrypt_file(20)
    (data_dir / name).write_bytes(hostile)
    store = opened_in_time(data_dir, clock, opening_codec())
    assert SECRET in notes(store)
    assert (data_dir / name).read_bytes() == hostile  # never opened, never converted, never deleted


# ---------------------------------------------------------------- finding 3


def test_a_conflict_copy_asking_for_scrypt_21_is_not_opened_while_a_0_1_folder_converts(
    tmp_path: Path, clock: FixedClock
) -> None:
    data_dir = tmp_path / "legacy"
    shutil.copytree(LEGACY, data_dir)
    (data_dir / "README.md").unlink()
    data_dir.chmod(0o700)
    hostile = scrypt_file(21)  # the 0.1 files share one scrypt stanza (work factor 10); this one is not theirs
    (data_dir / COPY).write_bytes(hostile)
    store = Store.open(data_dir, clock=clock, codec=FileCodec(LEGACY_PASS))
    assert store.checkin_for(date(2026, 11, 19)) is not None
    # Refused before pyrage was asked (had scrypt run, its random key would have made it a wrong passphrase).
    assert (data_dir / COPY).read_bytes() == hostile
    assert any("only when you name it" in notice for notice in store.notices)


# ---------------------------------------------------------------- finding 4


def test_a_journal_replaced_by_a_scrypt_file_is_set_aside_without_running_scrypt(
    data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    (data_dir / "rootwork.json").write_bytes(scrypt_file(20))
    store = opened_in_time(data_dir, clock, opening_codec())
    assert SECRET in notes(store)
    assert len(list(data_dir.glob("rootwork.plain-*.json"))) == 1


@pytest.mark.parametrize("kind", ["armored", "unknown stanza", "scrypt 30"])
def test_a_journal_replaced_by_an_age_file_rootwork_does_not_open_is_recovered(
    data_dir: Path, clock: FixedClock, kind: str
) -> None:
    sealed(data_dir, clock)
    other = pyrage.x25519.Identity.generate().to_public()
    payload = {
        "armored": pyrage.encrypt(b'{"checkins":{}}', [other], armored=True),
        "unknown stanza": b"age-encryption.org/v1\n-> grease-x a b\nAAAA\n--- " + b"A" * 43 + b"\n" + os.urandom(64),
        "scrypt 30": scrypt_file(30),
    }[kind]
    (data_dir / "rootwork.json").write_bytes(payload)
    store = Store.open(data_dir, clock=clock, codec=opening_codec())
    assert SECRET in notes(store)


# ---------------------------------------------------------------- finding 5


def test_a_plain_outbox_dropped_in_a_sealed_folder_is_never_read_into_the_journal(
    data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    machine = (data_dir / "machine-id").read_text().strip()
    doc = {
        "id": uuid.uuid4().hex,
        "created_at": "2026-11-20T10:00:00Z",
        "updated_at": "2026-11-25T10:00:00Z",
        "rev": 1,
        "day": "2026-11-20",
        "mood": 1,
        "intensity": 10,
        "signs": [],
        "causes": [],
        "note": "planted in the clear",
        "gratitude": "",
    }
    (data_dir / f"outbox-{machine}.json").write_bytes(serialise({"entries": {"checkins": {doc["id"]: doc}}}))
    journal = (data_dir / "rootwork.json").read_bytes()
    (data_dir / "rootwork.json").unlink()
    (data_dir / "rootwork.json").write_bytes(journal)  # the same file, as a sync tool writes it: a new inode
    store = Store.open(data_dir, clock=clock, codec=opening_codec())
    assert "planted in the clear" not in notes(store)


def test_a_plain_backup_dropped_in_a_sealed_folder_is_never_restored_into_the_journal(
    data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    backup = data_dir / "backups" / f"rootwork-{clock().date().isoformat()}.json"
    assert backup.exists()
    backup.write_bytes(plain_journal_bytes(clock, "planted backup"))
    Store.open(data_dir, clock=clock, codec=opening_codec()).close()
    (data_dir / "rootwork.json").unlink()
    store = Store.open(data_dir, clock=clock, codec=opening_codec())
    assert "planted backup" not in notes(store)

"""Second attack round on the encryption fixes of 7058cf2: each test a finding of that round, fixed since.

As in test_attacks_encryption.py, nothing is patched: the folder is opened as
a real opening does, with the passphrase and the test key held by the codec.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.encryption.header import is_encrypted
from rootwork.state.journal_file.storage import serialise_for_file
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from tests.encrypting import encrypt

from .conftest import TODAY, FixedClock
from .test_attacks_encryption import SECRET, opening_codec, sealed


def in_the_clear(data_dir: Path, text: str) -> list[str]:
    """Every file of the folder holding ``text`` as plain bytes."""
    return sorted(
        str(p.relative_to(data_dir))
        for p in data_dir.rglob("*")
        if p.is_file() and not p.is_symlink() and text.encode() in p.read_bytes()
    )


def recipient_from_the_note(data_dir: Path) -> str:
    """What anyone who can read the folder learns: the note states the folder's recipient in the clear."""
    return (data_dir / "encryption").read_text().split()[1]


# ---------------------------------------------------------------- finding 1: the recipient check is no secret


def test_a_decrypting_note_that_copies_the_recipient_from_the_note_does_not_decrypt(
    data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    (data_dir / "encryption").write_text(f"decrypting {recipient_from_the_note(data_dir)}\n")
    Store.open(data_dir, clock=clock, codec=opening_codec()).close()
    assert is_encrypted((data_dir / "rootwork.json").read_bytes())
    assert in_the_clear(data_dir, SECRET) == []


def test_an_encrypting_note_that_copies_the_recipient_lets_no_plain_journal_in(
    data_dir: Path, clock: FixedClock
) -> None:
    sealed(data_dir, clock)
    planted = Store.in_memory(clock=clock)
    planted.save_checkin(Checkin(day=TODAY - timedelta(days=5), mood=1, intensity=10, note="planted in the clear"))
    (data_dir / "rootwork.json").write_bytes(serialise_for_file(dict(planted.journal_tables())))
    (data_dir / "encryption").write_text(f"encrypting {recipient_from_the_note(data_dir)}\n")
    store = Store.open(data_dir, clock=clock, codec=opening_codec())
    assert "planted in the clear" not in [c.note for c in store.checkins()]


# ---------------------------------------------------------------- finding 2: an old window's drafts


def _old_window_and_encrypt(data_dir: Path, clock: FixedClock) -> Store:
    """A window opened on the plain folder stays open while 'rootwork encrypt' runs in another terminal."""
    old = Store.open(data_dir, clock=clock)
    old.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=6, note=SECRET))
    other = Store.open(data_dir, clock=clock)
    encrypt(other)
    other.close()
    return old


def test_a_window_opened_before_encrypt_writes_no_draft_in_the_clear(data_dir: Path, clock: FixedClock) -> None:
    old = _old_window_and_encrypt(data_dir, clock)
    with contextlib.suppress(Exception):  # refusing the draft (as the journal's save is refused) is a fix too
        old.save_draft("reframe", {"critic": "old window draft"})
    assert in_the_clear(data_dir, "old window draft") == []


def test_a_window_opened_before_encrypt_loses_no_encrypted_draft(data_dir: Path, clock: FixedClock) -> None:
    old = _old_window_and_encrypt(data_dir, clock)
    new = Store.open(data_dir, clock=clock, codec=opening_codec())
    new.save_draft("selfcheck", {"answers": "kept draft"})
    new.close()
    with contextlib.suppress(Exception):
        old.save_draft("reframe", {"critic": "old window draft"})
    old.close()
    store = Store.open(data_dir, clock=clock, codec=opening_codec())
    assert store.draft("selfcheck") == {"answers": "kept draft"}


# ---------------------------------------------------------------- finding 3: what was moved aside cannot come back


@pytest.mark.parametrize("name", ["drafts.json", "outbox"])
def test_a_side_file_moved_aside_says_how_to_read_it_and_keeps_it_whole(
    data_dir: Path, clock: FixedClock, name: str
) -> None:
    """Round 2 finding 3: a drafts or outbox file is not a journal, so its notice no longer says 'rootwork merge'."""
    sealed(data_dir, clock)
    if name == "outbox":
        (outbox,) = data_dir.glob("outbox-*.json")
        kept = Store.open(data_dir, clock=clock, codec=opening_codec())
        plain = kept.codec.decode(outbox.read_bytes())  # this machine's own outbox, as an old window wrote it
        kept.close()
        outbox.write_bytes(plain)
    else:
        plain = b'{"drafts": {"reframe": {"saved_at": "2026-11-25T11:00:00Z", "data": {"critic": "old window draft"}}}}'
        (data_dir / "drafts.json").write_bytes(plain)
    store = Store.open(data_dir, clock=clock, codec=opening_codec())
    (moved,) = data_dir.glob("rootwork.plain-*.json")
    said = [notice for notice in store.notices if moved.name in notice and "age -d -i identity.age" in notice]
    assert len(said) == 1 and "rootwork merge" not in said[0]
    assert store.codec.decode(moved.read_bytes(), named=True) == plain  # kept whole, encrypted to the key

"""A folder encrypted before identity.age (rootwork 0.1 and 0.2: every file under the passphrase alone) opens and converts.

The fixture (tests/fixtures/encrypted-0.1) was written by the in-house age writer
those versions had; pyrage opens it with the passphrase. Opening it converts
every file to the folder's new identity (same passphrase), once, with a notice.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pyrage
import pytest

from rootwork.state.encryption.codec import FileCodec, WrongPassphrase
from rootwork.state.encryption.folder import journal_files
from rootwork.state.encryption.header import read_header
from rootwork.state.encryption.identity import unwrap
from rootwork.state.store import Store

from .conftest import FixedClock

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "encrypted-0.1"
PASS = "correct horse 0.1"


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    (folder / "README.md").unlink()
    folder.chmod(0o700)
    return folder


def test_the_fixture_is_what_0_1_wrote_and_pyrage_opens_it(legacy: Path) -> None:
    for path in journal_files(legacy):
        assert read_header(path.read_bytes()).types == ("scrypt",), path
    assert b"0.1 note" in pyrage.passphrase.decrypt((legacy / "rootwork.json").read_bytes(), PASS)


def test_a_0_1_journal_opens_with_its_passphrase_and_every_file_is_converted_once(
    legacy: Path, clock: FixedClock
) -> None:
    store = Store.open(legacy, clock=clock, codec=FileCodec(PASS))
    assert store.checkin_for(date(2026, 11, 18)).note.startswith("0.1 note")
    assert store.checkin_for(date(2026, 11, 19)).note == "0.1 note: a calmer day"
    assert store.draft("checkin") == {"note": "0.1 draft: half written"}
    converted = [n for n in store.notices if "encrypted by an older rootwork" in n]
    assert len(converted) == 1
    identity = unwrap((legacy / "identity.age").read_bytes(), PASS)  # the same passphrase opens the new key
    for path in journal_files(legacy):
        assert read_header(path.read_bytes()).is_x25519_file, path
        pyrage.decrypt(path.read_bytes(), [identity])
    again = Store.open(legacy, clock=clock, codec=FileCodec(PASS))  # the second opening converts nothing
    assert not any("older rootwork" in n for n in again.notices)
    assert again.checkin_for(date(2026, 11, 19)).note == "0.1 note: a calmer day"


def test_a_wrong_passphrase_leaves_a_0_1_folder_untouched(legacy: Path, clock: FixedClock) -> None:
    before = {p: p.read_bytes() for p in legacy.rglob("*") if p.is_file()}
    with pytest.raises(WrongPassphrase):
        Store.open(legacy, clock=clock, codec=FileCodec("not it"))
    assert {p: p.read_bytes() for p in legacy.rglob("*") if p.is_file()} == before


def test_the_0_1_files_share_one_header_and_a_copy_of_only_its_stanza_line_does_not(legacy: Path) -> None:
    digests = {read_header(path.read_bytes()).scrypt for path in journal_files(legacy)}
    assert len(digests) == 1  # 0.1 wrote every file under one header: the conversion opens those and no other
    journal = (legacy / "rootwork.json").read_bytes()
    stanza_end = journal.index(b"\n", journal.index(b"-> scrypt")) + 1
    forged = journal[:stanza_end] + b"A" * 43 + b"\n--- " + b"B" * 43 + b"\n" + b"\0" * 64  # same salt, other key
    assert read_header(forged).scrypt not in digests

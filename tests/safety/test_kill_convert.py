"""SIGKILL during encrypt, decrypt, a passphrase change and the conversion of a 0.1 folder, 20 rounds each.

Each round copies a filled folder (twelve check-ins with a known note over
three days, so three daily backups; a draft; a conflict copy merged into
``backups/merged/``; a copy kept aside beside the journal; the outbox; for
the conversion, the 0.1 fixture with a kept-aside and a merged copy added).
A child process opens it, prints "go" and starts the operation as the command
does it; the parent SIGKILLs it after a seeded delay. The child is forked by
a helper (``sys.executable -c HELPER``, started once per test process with
rootwork imported, as in test_kill.py; convert_rounds.py): 81 Python start-ups
would cost as much CPU as everything else here.

The delays are stratified: round k is killed at a seeded point of the k-th
twentieth of the operation's duration (measured once per test process, by a
child run to the end), stretched by 5 % so the last rounds also see a run that
finished. That duration is the disk's more than the CPU's (each write is
fsynced twice) and swings with the machine's load, so where a round lands
varies from run to run; the checks hold wherever it lands. Then:

- every file is whole: each file of user text decrypts (pyrage, with the
  identity) or is plain, parses as JSON and holds exactly the bytes it held
  before (a conversion is byte for byte); ``identity.age`` and this machine's
  note are what the last step reached left them;
- the next opening (or the command run again, where the kill came before
  ``identity.age`` was there or before the first change) opens the folder
  with every check-in note and the draft, and finishes the job: after
  ``encrypt`` every file is an age file for the key (``is_ours``) and neither
  a note nor the draft is anywhere in the clear; after ``decrypt`` every file
  is plain and the key is kept retired, never deleted; after a passphrase
  change ``identity.age`` opens with the old passphrase or the new one, and
  every other file is byte for byte as before, the opening after it
  included; after the 0.1 conversion every file is an age file for the key in
  ``identity.age``, which opens with the 0.1 passphrase, and no 0.1 text is
  in the clear;
- no temporary file of a write cut short is left after that opening. The
  last test plants one wherever a conversion writes, as a killed ``decrypt``
  leaves it, since a round meets that only when its kill lands in the right
  few milliseconds.

Speed: 15 to 20 s of CPU with -n 3 (and about 7 s more for the workers' own
start), most of it scrypt. Nothing pays scrypt that the operation under test
does not: ``encrypt`` and ``decrypt`` get the shared test identity of
tests/encrypting.py (in a 0600 file, never on a command line), ``encrypt``
uses it as the key the command makes beforehand, and the parent opens
folders with the identity (``FileCodec(identity=...)``) once it has checked
that ``identity.age`` holds the bytes that open with the passphrase.

A passphrase change and the 0.1 conversion do run scrypt (pyrage picks work
factor 18 to 20 here, 0.7 to 3 s each time): 20 rounds of each, and the
parent's scrypt to open what they wrote, would cost more than a minute of CPU.
But their scrypt is computation that writes nothing, followed by one atomic
write of ``identity.age``: a kill during it leaves the folder as a kill just
before that write does. So:

- rounds 9 and 19 (``SCRYPT_ROUNDS``) run the operation unchanged, scrypt
  included: round 9 is killed in the middle of scrypt (at a seeded point of
  the middle half of the time scrypt took in this run), round 19 runs to the
  end, and what it wrote is opened with the passphrase (``unwrap``);
- the 18 others get what scrypt returns, made once per test run and shared by
  its workers (``run_key``: a key under the 0.1 passphrase, and the same key
  under the new passphrase): ``wrap`` and ``make_key`` return it in the
  child, and the kills spread over the rest of the operation, where the files
  are written. Their ``identity.age`` is one of those bytes, compared as
  bytes. The folder whose passphrase is changed is encrypted to that key (its
  old passphrase is the 0.1 one); an opening that makes the 0.1 folder's key
  again (killed before ``identity.age`` was written) gets it too.

An age file with one scrypt stanza opens with one passphrase only (age allows
no other recipient beside it, and ``read_header`` shows there is none), so a
passphrase change's ``identity.age`` is checked to open with the passphrase it
should, not also tried with the other one.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rootwork.state.encryption import folder as folders
from rootwork.state.encryption.codec import FileCodec
from rootwork.state.encryption.folder import convert, decrypt_folder, journal_files, plain_files, retired_identities
from rootwork.state.encryption.header import read_header
from rootwork.state.encryption.identity import unwrap
from rootwork.state.encryption.marker import PLAIN, FolderState, read_mark
from rootwork.state.files.locations import TEMP_PREFIX, backups_dir, identity_path
from rootwork.state.store import Store
from tests.encrypting import encrypt, is_ours, key_codec, shared_key
from tests.safety.convert_rounds import (
    DRAFT,
    NEW_PASS,
    NOTE,
    NOTES,
    PASS_01,
    ROUNDS,
    Kit,
    after_migration,
    check_everything_there,
    clock,
    identity_of,
    in_clear,
    opened,
    raw_files,
    temp_files,
)

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32", reason="needs SIGKILL")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kit]:
    base = tmp_path_factory.getbasetemp()  # its parent is shared by the workers of a run (the run's key)
    kit = Kit(tmp_path_factory.mktemp("kill-convert"), base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base)
    yield kit
    kit.helper.close()


def check_temp_files_cleaned(data_dir: Path, left: list[Path]) -> None:
    """After the next opening, no temporary file the kill left is anywhere in the folder."""
    cleaned = {data_dir, backups_dir(data_dir)}
    assert temp_files(data_dir) == [], (
        f"left by the kill {[str(p.relative_to(data_dir)) for p in left]}; the opening cleans only "
        f"{sorted(str(p.relative_to(data_dir.parent)) for p in cleaned)}"
    )


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_encrypt_killed_loses_nothing_and_is_finished(kit: Kit, tmp_path: Path, round_no: int) -> None:
    data_dir, key = kit.copy("encrypt", tmp_path), shared_key()
    kit.kill("encrypt", round_no, data_dir)
    left = temp_files(data_dir)
    assert opened(data_dir, key.identity) == kit.originals
    mark = read_mark(data_dir)
    if identity_path(data_dir).exists():
        assert identity_path(data_dir).read_bytes() == key.wrapped  # opens with PASS
        assert mark.state in (FolderState.ENCRYPTING, FolderState.ENCRYPTED)
        store = Store.open(data_dir, clock=clock, codec=key_codec())  # the next opening finishes
        assert store.rewrite_files(lambda where: convert(where, store.codec, encrypt=True)).converted == []
    else:  # killed before the key was kept: nothing converted, and the command is run again
        assert (mark.state, mark.recipient) in (
            (PLAIN.state, None),
            (FolderState.ENCRYPTING, str(key.identity.to_public())),
        )
        assert plain_files(data_dir) == journal_files(data_dir)
        store = Store.open(data_dir, clock=clock)
        encrypt(store)
    check_everything_there(store, NOTES, DRAFT)
    assert all(is_ours(path) for path in journal_files(data_dir))
    assert opened(data_dir, key.identity) == kit.originals
    assert in_clear(data_dir, [NOTE, DRAFT[1]["critic"]]) == []
    done = read_mark(data_dir)
    assert (done.state, done.recipient) == (FolderState.ENCRYPTED, str(key.identity.to_public()))
    assert FileCodec(identity=key.identity).signed(
        done.signed_text(), done.mac
    )  # this machine's own note, signed with the key
    check_temp_files_cleaned(data_dir, left)


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_decrypt_killed_loses_nothing_and_is_finished(kit: Kit, tmp_path: Path, round_no: int) -> None:
    data_dir, key = kit.copy("decrypt", tmp_path), shared_key()
    before = raw_files(data_dir)
    kit.kill("decrypt", round_no, data_dir)
    left = temp_files(data_dir)
    assert opened(data_dir, key.identity) == kit.originals
    kept = [identity_path(data_dir)] if identity_path(data_dir).exists() else retired_identities(data_dir)
    assert [path.read_bytes() for path in kept] == [key.wrapped]
    # The next opening, with the passphrase: it opens identity.age while there is one.
    store = Store.open(data_dir, clock=clock, codec=key_codec() if identity_path(data_dir).exists() else None)
    if read_mark(data_dir).state is FolderState.ENCRYPTED:  # killed before the first change: the command again
        assert raw_files(data_dir) == before
        codec = key_codec()
        codec.plain_accepted = True
        store = Store.open(data_dir, clock=clock, codec=codec)
        store.rewrite_files(lambda where: decrypt_folder(where, store.codec, clock()))
    check_everything_there(store, NOTES, DRAFT)
    assert plain_files(data_dir) == journal_files(data_dir)
    assert opened(data_dir) == kit.originals
    assert not identity_path(data_dir).exists()
    assert [path.read_bytes() for path in retired_identities(data_dir)] == [key.wrapped]
    assert read_mark(data_dir) == PLAIN
    check_everything_there(Store.open(data_dir, clock=clock), NOTES, DRAFT)  # no passphrase needed now
    check_temp_files_cleaned(data_dir, left)


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_passphrase_change_killed_rewrites_identity_age_only(kit: Kit, tmp_path: Path, round_no: int) -> None:
    data_dir, run = kit.copy("passphrase", tmp_path), kit.run_key  # identity.age opens with PASS_01 before
    before = raw_files(data_dir)
    del before["identity.age"]
    kit.kill("passphrase", round_no, data_dir)
    left = temp_files(data_dir)
    after = raw_files(data_dir)
    wrapped = after.pop("identity.age")
    assert after == before  # the journal, its backups, the draft, the outbox, the note: byte for byte
    assert read_header(wrapped).types == ("scrypt",)  # one passphrase stanza: it opens with one passphrase only
    if wrapped not in (run.key.wrapped, run.new_wrapped):  # written by scrypt in the child (SCRYPT_ROUNDS)
        assert str(unwrap(wrapped, NEW_PASS)) == str(run.key.identity)
    store = Store.open(data_dir, clock=clock, codec=FileCodec(identity=run.key.identity))
    check_everything_there(store, NOTES, DRAFT)
    after_opening = raw_files(data_dir)
    assert after_opening.pop("identity.age") == wrapped
    assert after_opening == before
    check_temp_files_cleaned(data_dir, left)


@pytest.mark.parametrize("round_no", range(ROUNDS))
def test_01_conversion_killed_loses_nothing_and_is_finished(
    kit: Kit, tmp_path: Path, round_no: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, prepared = kit.copy("convert", tmp_path), kit.run_key.key
    kit.kill("convert", round_no, data_dir)
    left = temp_files(data_dir)
    identity = identity_of(data_dir, prepared)  # opened with the 0.1 passphrase
    wrapped = identity_path(data_dir).read_bytes() if identity is not None else None
    assert after_migration(opened(data_dir, identity, PASS_01), kit.originals_01)
    if identity is None:  # killed before the key was kept: every file as 0.1 left it
        assert read_mark(data_dir).state in (FolderState.PLAIN, FolderState.ENCRYPTING)
        assert plain_files(data_dir) == []
    # The next opening, with the 0.1 passphrase; a key it makes again is the prepared one (no scrypt).
    monkeypatch.setattr(folders, "make_key", lambda passphrase, now: prepared if passphrase == PASS_01 else None)
    store = Store.open(data_dir, clock=clock, codec=FileCodec(PASS_01, identity=identity))
    notes, draft = kit.notes_01
    check_everything_there(store, notes, draft)
    if identity is None:
        assert identity_path(data_dir).read_bytes() == prepared.wrapped  # made at this opening
        identity = prepared.identity
    else:
        assert identity_path(data_dir).read_bytes() == wrapped  # already opened with the passphrase above
    for path in journal_files(data_dir):
        assert read_header(path.read_bytes()).is_x25519_file, path
    assert after_migration(opened(data_dir, identity), kit.originals_01)
    assert in_clear(data_dir, ["0.1 note", "0.1 draft", "0.1 critic"]) == []
    done = read_mark(data_dir)
    assert (done.state, done.recipient) == (FolderState.ENCRYPTED, str(identity.to_public()))
    check_temp_files_cleaned(data_dir, left)


def test_a_write_cut_short_wherever_a_conversion_writes_is_gone_at_the_next_opening(kit: Kit, tmp_path: Path) -> None:
    """What a kill leaves wherever ``convert`` writes, as a killed ``decrypt`` leaves it: plain text.

    The rounds above meet this only when a kill lands in the right millisecond;
    here it is every time. Once the folder is encrypted again, none of it may
    be left in the clear.
    """
    data_dir = kit.copy("encrypt", tmp_path)
    planted = []
    for path in journal_files(data_dir):
        temp = path.parent / f"{TEMP_PREFIX}{'0' * 16}.tmp"
        if not temp.exists():
            temp.write_bytes(path.read_bytes())
            planted.append(temp)
    store = Store.open(data_dir, clock=clock)
    encrypt(store)
    clear = [str(path.relative_to(data_dir)) for path in in_clear(data_dir, [NOTE])]
    assert clear == [], f"user text in the clear in an encrypted folder: {clear}"
    check_temp_files_cleaned(data_dir, planted)

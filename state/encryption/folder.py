"""Encrypting and decrypting a journal's folder in place, and finishing a conversion that was interrupted.

Every file that holds user text is converted (``journal_files``): the journal,
``drafts.json``, the outbox, copies kept aside beside it
(``rootwork.broken-*.json``, ``rootwork.plain-*.json``, ...), conflict copies
not merged, every backup and every merged copy in ``backups/merged/``. Other
files in the folder are not rootwork's and are left as they are. Each is
rewritten with ``write_atomic``, so a kill leaves each file either as it was
or converted, never half. Files are converted byte for byte, without being
parsed, so a damaged file is encrypted like any other and comes back exactly
as it was.

The steps, each one a file written atomically, so a kill between any two
leaves a folder the next opening with the passphrase finishes
(``state.store.sealing``) and a command without it names:

``encrypt`` (``make_key`` before the lock, then ``begin_encrypting``,
``convert``, ``end_encrypting``): this machine's note says "encrypting"
(marker.py, signed with the new key) and names the new recipient; ``identity.age`` is
written (an older one is kept as ``identity-<time>.age``, never deleted); the
journal is converted first, then every other file; the note says "encrypted".

``decrypt``: the note says "decrypting"; every other file is converted, the
journal last; ``identity.age`` is kept as ``identity-retired-<time>.age`` (a
folder without ``identity.age`` is plain; another machine may still hold files
encrypted to it, and its ``decrypt`` opens them with it); the note is removed.

All of it happens under the process lock, held by the caller.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rootwork.state.encryption.codec import (
    WRONG,
    FileCodec,
    ForeignKeyFile,
    PassphraseError,
    UnsupportedEncryption,
    WrongPassphrase,
)
from rootwork.state.encryption.header import NotAnAgeHeader, is_encrypted, read_header
from rootwork.state.encryption.identity import (
    Identity,
    IdentityError,
    WrongIdentityPassphrase,
    new_identity,
    unwrap,
    wrap,
)
from rootwork.state.encryption.marker import FolderState, Mark, clear_mark, write_mark
from rootwork.state.files.atomic import move_new, write_atomic, write_new
from rootwork.state.files.locations import (
    BACKUPS_NAME,
    DATABASE_NAME,
    DRAFTS_NAME,
    OUTBOX_PREFIX,
    database_path,
    identity_path,
    journal_folders,
    stamped_names,
)
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_head, read_regular
from rootwork.state.records.errors import UnreadableDatabase

#: How much of a file is read to tell whether it is plain or encrypted to this folder's key.
_HEAD = 1024


@dataclass
class Conversion:
    """What a conversion did: files converted, files already so, files it could not open."""

    converted: list[Path] = field(default_factory=list)
    already: list[Path] = field(default_factory=list)
    other_passphrase: list[Path] = field(default_factory=list)
    damaged: list[Path] = field(default_factory=list)


def _ours(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


def journal_files(data_dir: Path) -> list[Path]:
    """The files of the folder that hold user text, the journal last (regular files of ours, never links).

    The journal itself may be a symlink (into a sync folder): it is written through, as every save is.
    """
    found: list[Path] = []
    for folder in journal_folders(data_dir):
        top = folder == Path(data_dir)
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if not name.endswith(".json") or (top and name == DATABASE_NAME):
                continue
            if top and not (name == DRAFTS_NAME or name.startswith(("rootwork", OUTBOX_PREFIX))):
                continue  # what rootwork keeps beside the journal, and sync tools' copies of it
            path = folder / name
            if _ours(path):
                found.append(path)
    journal = database_path(data_dir)
    if journal.is_file():
        found.append(journal)
    return found


def _read(path: Path, head: int | None = None) -> bytes:
    try:  # the journal may be a link into a sync folder; nothing else is followed
        if head is None:
            return read_regular(path, follow_symlinks=path.name == DATABASE_NAME)
        return read_head(path, head, follow_symlinks=path.name == DATABASE_NAME)
    except (NotRegularFile, TooLarge) as error:
        raise OSError(errno.EINVAL, f"{path} is {error}") from None


def _done(head: bytes, encrypt: bool) -> bool:
    """Whether a file starting with ``head`` is already as ``encrypt`` wants: plain, or encrypted to a key."""
    if not encrypt:
        return not is_encrypted(head)
    try:
        return read_header(head).is_x25519_file  # a passphrase file (rootwork 0.1) is converted to the key
    except NotAnAgeHeader:
        return is_encrypted(head)  # armored or damaged: left as it is, never parsed here


def convert(data_dir: Path, codec: FileCodec, *, encrypt: bool) -> Conversion:
    """Encrypt to the codec's identity (or decrypt) every file of the folder that is not so yet.

    Encrypting converts the journal first (from then on every start needs the
    passphrase), decrypting converts it last (while anything is still
    encrypted, the journal is too). The caller holds the process lock.
    """
    result = Conversion()
    files = journal_files(data_dir)
    if encrypt and files and files[-1].name == DATABASE_NAME:
        files.insert(0, files.pop())
    for path in files:
        try:
            head = _read(path, _HEAD)
        except OSError:
            result.damaged.append(path)
            continue
        if _done(head, encrypt):
            result.already.append(path)
            continue
        try:
            plain = codec.decode(_read(path), converting=True)
        except ForeignKeyFile:
            result.other_passphrase.append(path)
            continue
        except (PassphraseError, UnsupportedEncryption):  # another passphrase, or a file we will not open
            result.other_passphrase.append(path)
            continue
        except UnreadableDatabase:  # an encrypted file cut short: left as it is, never lost
            result.damaged.append(path)
            continue
        write_atomic(path, codec.seal(plain) if encrypt else plain)
        result.converted.append(path)
    return result


def plain_write_refused(data_dir: Path, codec: FileCodec) -> bool:
    """Whether writing a plain file into ``data_dir`` must be refused: the folder has a key, and this
    process opened it plain (another program ran ``encrypt`` since). One stat."""
    return not codec.encrypting and identity_path(data_dir).exists()


def plain_files(data_dir: Path) -> list[Path]:
    """The files of ``journal_files`` that are not encrypted (their first bytes read)."""
    found = []
    for path in journal_files(data_dir):
        try:
            if not is_encrypted(_read(path, _HEAD)):
                found.append(path)
        except OSError:
            continue
    return found


@dataclass(frozen=True)
class NewKey:
    """A new identity for the folder and its ``identity.age`` bytes (``make_key``)."""

    identity: Identity
    wrapped: bytes


def encrypted_files(data_dir: Path) -> list[Path]:
    """The files of ``journal_files`` that are encrypted (their first bytes read)."""
    found = []
    for path in journal_files(data_dir):
        try:
            if is_encrypted(_read(path, _HEAD)):
                found.append(path)
        except OSError:
            continue
    return found


def make_key(passphrase: str, now: datetime) -> NewKey:
    """A new identity, wrapped with ``passphrase``: scrypt runs (about a second), so before taking the lock."""
    identity = new_identity()
    return NewKey(identity, wrap(identity, passphrase, now))


def begin_encrypting(data_dir: Path, codec: FileCodec, key: NewKey, now: datetime) -> None:
    """Note "encrypting" and write ``identity.age``; saves are encrypted to ``key`` from now on.

    Nothing of the journal is converted yet: ``convert`` and ``end_encrypting``
    follow. A 0.1 folder's scrypt stanza is noted too, so that finishing after a
    kill opens those files and no other passphrase file.
    """
    codec.start_encrypting(key.identity)
    write_mark(data_dir, Mark(FolderState.ENCRYPTING, str(key.identity.to_public()), codec.legacy_scrypt), codec.sign)
    keep_old_identity(data_dir, now)
    write_atomic(identity_path(data_dir), key.wrapped)


def keep_old_identity(data_dir: Path, now: datetime) -> Path | None:
    """An ``identity.age`` already there (from an earlier ``encrypt``) kept as ``identity-<time>.age``."""
    path = identity_path(data_dir)
    try:
        old = read_regular(path, 64 * 1024, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except (OSError, NotRegularFile, TooLarge):
        return None  # not an identity of ours: replaced by the new one's atomic write
    for kept in stamped_names(data_dir, "identity", ".age", now):
        try:
            write_new(kept, old)
        except FileExistsError:
            if read_regular(kept, 64 * 1024, follow_symlinks=False) == old:
                return kept
            continue
        return kept
    raise AssertionError("unreachable: the names go on")


def end_encrypting(data_dir: Path, codec: FileCodec) -> None:
    """Every file is converted: note "encrypted", and refuse plain files from now on."""
    write_mark(data_dir, Mark(FolderState.ENCRYPTED, codec.recipient), codec.sign)
    codec.sealed = True
    codec.legacy_scrypt = None  # the conversion is done: no passphrase file is opened unnamed from now on


def retire_identity(data_dir: Path, now: datetime) -> Path | None:
    """After ``decrypt``: ``identity.age`` kept as ``identity-retired-<time>.age``, never deleted.

    A folder without ``identity.age`` is a plain folder (``needs_passphrase``);
    the retired file still opens what another machine may hold encrypted to it.
    """
    path = identity_path(data_dir)
    if not path.exists():
        return None
    return move_new(path, stamped_names(data_dir, "identity-retired", ".age", now))


def retired_identities(data_dir: Path) -> list[Path]:
    """The retired identities of the folder, oldest first (their names sort by time)."""
    return sorted(Path(data_dir).glob("identity-retired-*.age"))


def change_passphrase(data_dir: Path, codec: FileCodec, new: str, now: datetime, *, current: str | None = None) -> None:
    """Write ``identity.age`` again under ``new``; nothing else is rewritten. The caller holds the lock.

    With ``current`` (the app, whose journal is already open), ``identity.age``
    must open with it and hold the key the journal is open with
    (``WrongPassphrase`` otherwise): someone at an open screen cannot change
    the passphrase without knowing it. The command checked it by opening.
    """
    path = identity_path(data_dir)
    if current is not None:
        try:
            held = unwrap(read_regular(path, 64 * 1024, follow_symlinks=False), current)
        except WrongIdentityPassphrase:
            raise WrongPassphrase(WRONG) from None
        except (IdentityError, NotRegularFile, TooLarge, OSError) as error:
            raise UnsupportedEncryption(f"identity.age cannot be read ({error})") from None
        if str(held.to_public()) != codec.recipient:
            raise UnsupportedEncryption("identity.age holds another key than the one your journal is open with")
    write_atomic(path, codec.rewrap(new, now))


def begin_decrypting(data_dir: Path, codec: FileCodec) -> None:
    """Note "decrypting" (a kill from here on is finished by the next command) and write plain from now on."""
    write_mark(data_dir, Mark(FolderState.DECRYPTING, codec.recipient), codec.sign)
    codec.stop_encrypting()


def end_decrypting(data_dir: Path, now: datetime) -> None:
    """Every file is plain: retire the identity, then forget that the folder was encrypted."""
    retire_identity(data_dir, now)
    clear_mark(data_dir)


def encrypt_folder(data_dir: Path, codec: FileCodec, key: NewKey, now: datetime) -> Conversion:
    """``rootwork encrypt`` of a plain (or 0.1-encrypted) folder, start to end; the caller holds the lock."""
    begin_encrypting(data_dir, codec, key, now)
    result = convert(data_dir, codec, encrypt=True)
    end_encrypting(data_dir, codec)
    return result


def decrypt_folder(data_dir: Path, codec: FileCodec, now: datetime) -> Conversion:
    """``rootwork decrypt``, start to end; the caller holds the lock and the codec holds the identity."""
    begin_decrypting(data_dir, codec)
    result = convert(data_dir, codec, encrypt=False)
    end_decrypting(data_dir, now)  # what could not be opened is named by the command, and stays as it was
    return result


__all__ = [
    "BACKUPS_NAME",
    "Conversion",
    "NewKey",
    "begin_decrypting",
    "change_passphrase",
    "begin_encrypting",
    "convert",
    "decrypt_folder",
    "encrypt_folder",
    "encrypted_files",
    "end_decrypting",
    "end_encrypting",
    "journal_files",
    "retire_identity",
    "retired_identities",
    "keep_old_identity",
    "make_key",
    "plain_files",
    "plain_write_refused",
]

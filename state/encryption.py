"""Encrypting and decrypting a journal's folder in place: ``convert_folder`` (``rootwork encrypt | decrypt``).

Every file that holds user text is converted: the journal, ``drafts.json``,
copies kept aside beside it (``rootwork.broken-*.json``, ``rootwork.v0-*.json``),
conflict copies not merged (``rootwork (... conflicted copy ...).json``; any
``rootwork*.json`` there), every backup and every merged copy in
``backups/merged/``. Other files in the folder are not rootwork's and are left
as they are. Each is rewritten
with ``write_atomic``, so a kill leaves each file either as it was or
converted, never half; the store opens such a mixed folder (with the
passphrase), and running the command again finishes the job. All of it
happens under the process lock, so no other rootwork writes meanwhile.

The order keeps the journal saying what is meant: ``encrypt`` does the journal
first (from then on every start asks for the passphrase), ``decrypt`` does it
last (while anything is still encrypted, the journal is too). Files are
converted byte for byte, without being parsed, so a damaged file is encrypted
like any other and comes back exactly as it was.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rootwork.state.atomic import write_atomic
from rootwork.state.codec import FileCodec, PassphraseError, is_encrypted
from rootwork.state.errors import StoreError, UnreadableDatabase
from rootwork.state.locations import BACKUPS_NAME, DATABASE_NAME, DRAFTS_NAME, OUTBOX_PREFIX, backups_dir, database_path
from rootwork.state.regular_file import NotRegularFile, TooLarge, read_regular

if TYPE_CHECKING:
    from rootwork.state.store.core import Store

MERGED = "merged"


@dataclass
class Conversion:
    """What ``convert_folder`` did: files converted, files already so, files it could not open."""

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
    places = [(data_dir, True), (backups_dir(data_dir), False), (backups_dir(data_dir) / MERGED, False)]
    for folder, top in places:
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


def _read(path: Path) -> bytes:
    try:  # the journal may be a link into a sync folder; nothing else is followed
        return read_regular(path, follow_symlinks=path.name == DATABASE_NAME)
    except (NotRegularFile, TooLarge) as error:
        raise OSError(errno.EINVAL, f"{path} is {error}") from None


def convert_folder(store: Store, *, encrypt: bool) -> Conversion:
    """Encrypt (or decrypt) every file of ``store``'s folder in place; see the module docstring.

    ``store`` must be opened with a codec holding the passphrase. Encrypting
    keeps the journal's key when it is already encrypted (a second run after a
    kill), else makes a new one (``FileCodec.start_encrypting``: a new salt).
    """
    if store.data_dir is None or store.read_only:
        raise StoreError("this journal is open read-only, so it cannot be converted")
    codec, storage = store.codec, store._storage
    result = Conversion()
    with storage.lock:
        storage.read()  # the journal as it is now, under the lock: its key becomes the codec's
        if encrypt and not codec.encrypting:
            codec.start_encrypting()
        if not encrypt:
            codec.stop_encrypting()
        files = journal_files(store.data_dir)
        if encrypt:  # the journal first: see the module docstring
            files.insert(0, files.pop())
        for path in files:
            _convert(path, encrypt, codec, result)
        storage._discard()  # read again, with its new signature, on the next use
        storage.read()
    return result


def _convert(path: Path, encrypt: bool, codec: FileCodec, result: Conversion) -> None:
    raw = _read(path)
    if is_encrypted(raw) == encrypt:
        result.already.append(path)
        return
    try:
        plain = codec.decode(raw)
    except PassphraseError:  # encrypted under another passphrase (a file from another machine)
        result.other_passphrase.append(path)
        return
    except UnreadableDatabase:  # an encrypted file cut short: left as it is, never lost
        result.damaged.append(path)
        return
    write_atomic(path, codec.encode(plain) if encrypt else plain)
    result.converted.append(path)


__all__ = ["BACKUPS_NAME", "Conversion", "convert_folder", "journal_files"]

"""Opening a journal, and what happens when it is damaged, missing, older, newer or cannot be written.

``open_store`` (behind ``Store.open``) takes the process lock, tidies temp files
left by a crash (beside a symlinked journal's target too), tightens file modes,
then:

- a file that cannot be read is kept aside (``_keep_aside``) and the newest
  usable backup restored (``_recover``); with no backup, or a file we may not
  read, the journal opens read-only and empty, the file untouched;
- a missing file comes back from the newest backup (``_restore_missing``);
  backups come newest first up to today, a future-dated one only if there is
  no other (``_newest_backup``, backups.py);
- an older version's file is kept aside and migrated (``_migrate_file``);
- a newer version's file opens read-only;
- a folder that cannot be written opens read-only in memory (``_open_unwritable``).

Each case leaves a plain sentence in ``Store.notices``. An encrypted journal
(codec.py) is unlocked first (``_check_passphrase``): a missing or wrong
passphrase raises before anything in the folder is touched, and is never taken
for damage. Backups are read and restored as they are on disk, encrypted or not.
"""

from __future__ import annotations

import errno
import os
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from rootwork.state.backups import newest_valid_backup, secure_backups
from rootwork.state.codec import DamagedEncryptedFile, FileCodec, is_encrypted
from rootwork.state.convert import utc_stamp
from rootwork.state.days import short_date
from rootwork.state.errors import SaveFailed, UnreadableDatabase
from rootwork.state.locations import backups_dir, database_path, lock_path
from rootwork.state.storage import (
    AtomicJSONStorage,
    ProcessLock,
    TransactionalMemoryStorage,
    parse,
    remove_temp_files,
    resolve_target,
    secure_dir,
    secure_file,
    write_atomic,
)
from rootwork.state.store.schema import (
    SCHEMA_VERSION,
    Clock,
    _empty_journal,
    _system_clock,
    _upgraded,
    _usable_backup,
    check_journal,
    migrate_journal,
)

if TYPE_CHECKING:
    from rootwork.state.store.core import Store

# Enough of a file to hold an age header (about 150 bytes for ours).
_HEAD_BYTES = 16 * 1024
# Why a folder cannot be written: a read-only disk, or no permission.
_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def open_store(cls: type[Store], data_dir: Path, clock: Clock | None, codec: FileCodec) -> Store:
    """Open (or create) the journal in ``data_dir``, recovering from a damaged file.

    A journal in a folder that cannot be written (a read-only disk, another
    user's folder) opens read-only, with a notice saying why.
    """
    data_dir, clock = Path(data_dir), clock or _system_clock
    _check_passphrase(database_path(data_dir), codec)
    try:
        return _open(cls, data_dir, clock, codec)
    except OSError as error:
        if error.errno not in _UNWRITABLE or not database_path(data_dir).is_file():
            raise
        return _open_unwritable(cls, data_dir, clock, error, codec)


def _check_passphrase(db_file: Path, codec: FileCodec) -> None:
    """An encrypted journal's passphrase, checked before anything in the folder is touched.

    Raises ``PassphraseNeeded``, ``WrongPassphrase`` or ``UnsupportedEncryption``
    (codec.py), never ``UnreadableDatabase``: a journal we cannot unlock is
    never taken for a damaged one, moved aside or replaced by a backup.
    """
    try:
        with open(db_file, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return  # missing or unreadable: the opening below says what it is
    if is_encrypted(head):
        try:
            codec.key_for(head)
        except DamagedEncryptedFile:
            pass  # a damaged header: recovered from a backup like any damaged file


def _open_unwritable(cls: type[Store], data_dir: Path, clock: Clock, error: OSError, codec: FileCodec) -> Store:
    """Show a journal whose folder cannot be written, read-only and in memory; never write anything."""
    data = parse(codec.decode(database_path(data_dir).read_bytes()))
    version = check_journal(data)
    if version < SCHEMA_VERSION:
        data = migrate_journal(data, version, utc_stamp(clock()))  # in memory only
    notice = (
        f"Your journal's folder {data_dir} cannot be written ({error.strerror or error}), so rootwork "
        "has opened your journal read-only: you can look through it, but nothing you change will be saved."
    )
    storage = TransactionalMemoryStorage(read_only=True, initial=data)
    store = cls(storage, data_dir=None, clock=clock, notices=[notice])
    store.data_dir = data_dir
    store._load_all()
    return store


def _open(cls: type[Store], data_dir: Path, clock: Clock, codec: FileCodec) -> Store:
    secure_dir(data_dir)
    lock = ProcessLock.for_path(lock_path(data_dir))
    db_file = database_path(data_dir)
    notices: list[str] = []
    with lock:
        secure_file(lock_path(data_dir))
        # Under the lock, so a temp file another rootwork is writing right now is never touched.
        remove_temp_files(data_dir)
        remove_temp_files(backups_dir(data_dir))
        if db_file.is_symlink():  # a journal written through a link leaves its temp files by the target
            remove_temp_files(resolve_target(db_file).parent)
        secure_backups(backups_dir(data_dir))
        storage = AtomicJSONStorage(db_file, lock=lock, codec=codec)
        if db_file.exists():
            secure_file(db_file)
            try:
                # The storage parses the file once here and keeps it: checking
                # it first and letting the storage read it again would parse
                # five years of journal twice on every start.
                version = check_journal(storage.read())
            except (UnreadableDatabase, OSError) as problem:
                store = _recover(cls, data_dir, db_file, clock, problem, notices, codec)
                if store is not None:
                    return store
                storage = AtomicJSONStorage(db_file, lock=lock, codec=codec)
            else:
                if version > SCHEMA_VERSION:
                    storage.read_only = True
                    notices.append(
                        "Your journal was saved by a newer version of rootwork, so this version "
                        "has opened it read-only to keep it safe. Update rootwork to make changes."
                    )
                elif version < SCHEMA_VERSION:
                    _migrate_file(db_file, storage, version, clock, notices)
        else:
            _restore_missing(data_dir, db_file, clock, notices, codec)
        store = cls(storage, data_dir=data_dir, clock=clock, notices=notices)
        if not db_file.exists():
            store._initialise()
        store._load_all()
    return store


def _recover(
    cls: type[Store], data_dir: Path, db_file: Path, clock: Clock, problem: Exception, notices: list[str],
    codec: FileCodec,
) -> Store | None:
    """Restore the newest usable backup (returns None to open it), or open read-only and empty."""
    found = None if isinstance(problem, OSError) else _newest_backup(data_dir, clock, codec)
    if found is None:
        if isinstance(problem, OSError):
            # Not a damaged file but one we may not read (permissions, I/O):
            # restoring a backup over it would hide the real problem.
            why = f"could not be opened ({problem.strerror or problem})"
        else:
            why = "could not be read, and there is no backup to restore"
        notices.append(
            f"Your journal file {why}, so rootwork has opened read-only with nothing in it: "
            f"nothing you do now will be saved. Your file was left untouched at {db_file}."
        )
        storage = TransactionalMemoryStorage(read_only=True, initial=_empty_journal(utc_stamp(clock())))
        store = cls(storage, data_dir=data_dir, clock=clock, notices=notices)
        store._load_all()
        return store
    backup_day, _backup_file, payload = found
    payload = _upgraded(payload, clock, codec)
    kept = _keep_aside(db_file, clock())
    # Only now is the damaged file replaced, atomically: if this fails, it is still
    # in place (and also kept aside), never swapped for an empty journal.
    try:
        write_atomic(db_file, payload)
    except OSError as error:
        raise SaveFailed(
            f"Your journal file could not be read, and restoring its backup failed "
            f"({error.strerror or error}). Nothing was changed; a copy of the file is at {kept}."
        ) from error
    notices.append(
        f"Your journal file could not be read, so rootwork restored {_backup_words(backup_day, clock)}. "
        f"The unreadable file was kept at {kept}."
    )
    return None


def _migrate_file(
    db_file: Path, storage: AtomicJSONStorage, version: int, clock: Clock, notices: list[str]
) -> None:
    """Keep an older version's file aside, then rewrite it in this version's shape (one atomic write)."""
    kept = _keep_aside(db_file, clock(), kind=f"v{version}")
    try:
        with storage.transaction():
            storage.write(migrate_journal(storage.read() or {}, version, utc_stamp(clock())))
    except OSError as error:
        raise SaveFailed(
            f"Your journal was saved by an older version of rootwork and could not be updated "
            f"({error.strerror or error}). Nothing was changed; a copy of the file is at {kept}."
        ) from error
    notices.append(
        f"Your journal was saved by an older version of rootwork, so it has been updated for this one. "
        f"A copy of it as it was is kept at {kept}."
    )


def _restore_missing(data_dir: Path, db_file: Path, clock: Clock, notices: list[str], codec: FileCodec) -> None:
    """A journal file that vanished while backups remain comes back from the newest one."""
    found = _newest_backup(data_dir, clock, codec)
    if found is None:
        return
    backup_day, _backup_file, payload = found
    write_atomic(db_file, _upgraded(payload, clock, codec))
    notices.append(
        f"Your journal file was missing, so rootwork restored {_backup_words(backup_day, clock)}. "
        f"Earlier backups are in {backups_dir(data_dir)}."
    )


def _newest_backup(data_dir: Path, clock: Clock, codec: FileCodec) -> tuple[date, Path, bytes] | None:
    """The newest usable backup (its bytes as on disk); one dated after today only if there is no other.

    Today is the calendar date here (the journal's day-start setting may be
    unreadable): it is never earlier than the rootwork day, so no backup of
    today's is taken for a future one.
    """
    return newest_valid_backup(
        backups_dir(data_dir), lambda payload: _usable_backup(codec.decode(payload)), clock().astimezone().date()
    )


def _backup_words(backup_day: date, clock: Clock) -> str:
    """'yesterday's backup from 24 Nov', 'the backup from 3 Oct 2025'."""
    today = clock().astimezone().date()
    if backup_day == today:
        which = "today's backup"
    elif backup_day == today - timedelta(days=1):
        which = "yesterday's backup"
    else:
        which = "the backup"
    return f"{which} from {short_date(backup_day, with_year=backup_day.year != today.year)}"


def _keep_aside(db_file: Path, moment: datetime, kind: str = "broken") -> Path:
    """Keep a copy of the journal as ``rootwork.<kind>-<stamp>.json`` (never over another file); return it."""
    stamp = moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = db_file.with_name(f"rootwork.{kind}-{stamp}.json")
    n = 1
    while target.exists():
        n += 1
        target = db_file.with_name(f"rootwork.{kind}-{stamp}-{n}.json")
    try:
        os.link(db_file, target)  # the same bytes under a second name, instantly
    except OSError:
        shutil.copy2(db_file, target)
        os.chmod(target, 0o600)
    return target

"""Opening a journal, and what happens when it is damaged, missing, older, newer or cannot be written.

``open_store`` (behind ``Store.open``) takes the process lock, tidies temp files
left by a crash (beside a symlinked journal's target too), tightens file modes,
then:

- a journal or drafts file that is not a regular file, is over the size cap
  (``state.files.regular_file``), or is a link to something that is not a journal,
  raises ``JournalRefused`` before anything is opened or written
  (``_refuse_odd_files``);
- a file that cannot be read has its bytes copied aside (``_keep_aside``:
  a new file, never a link or a rename through one), then is rebuilt from the
  newest usable backup and every record still readable in it, merged by the
  one merge rule (``_recover``, ``state.store.rebuild``); with neither, or a
  file we may not read, the journal opens read-only and empty, the file untouched;
- a missing file comes back from the newest backup (``_restore_missing``);
  backups come newest first up to today, a future-dated one only if there is
  no other (``_newest_backup``, backups.py);
- an older version's file is kept aside and migrated (``_migrate_file``);
- a newer version's file opens read-only;
- a folder that cannot be written opens read-only in memory (``_open_unwritable``).

Each case leaves a plain sentence in ``Store.notices``. An encrypted folder
(sealing.py) is unlocked first: a missing or wrong passphrase raises before
anything in the folder is touched, and is never taken for damage. Then, under
the lock, an interrupted ``encrypt`` or ``decrypt`` is finished, a 0.1 journal
converted, and plain files in an encrypted folder refused (``settle_folder``).
Backups are read and restored as they are on disk.
"""

from __future__ import annotations

import errno
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.encryption.marker import FolderState
from rootwork.state.files.atomic import write_new
from rootwork.state.files.locations import (
    backups_dir,
    database_path,
    drafts_path,
    journal_folders,
    lock_path,
    stamped_names,
)
from rootwork.state.files.regular_file import (
    MAX_FILE_BYTES,
    NotRegularFile,
    TooLarge,
    check_regular,
    open_regular,
    read_regular,
)
from rootwork.state.journal_file.backups import newest_valid_backup, secure_backups
from rootwork.state.journal_file.storage import (
    HEAD_BYTES,
    AtomicJSONStorage,
    ProcessLock,
    TransactionalMemoryStorage,
    parse,
    refuse_stranger_behind_link,
    remove_temp_files,
    resolve_target,
    secure_dir,
    secure_file,
    serialise_for_file,
    write_atomic,
)
from rootwork.state.records.convert import utc_stamp
from rootwork.state.records.days import short_date
from rootwork.state.records.errors import JournalRefused, SaveFailed, UnreadableDatabase
from rootwork.state.store.rebuild import rebuild
from rootwork.state.store.schema import (
    SCHEMA_VERSION,
    Clock,
    check_journal,
    check_usable_backup,
    migrate_journal,
    new_journal,
    system_clock,
    upgraded_journal,
)
from rootwork.state.store.sealing import Unlocked, settle_folder, unlock_folder

if TYPE_CHECKING:
    from rootwork.state.store.core import Store
    from rootwork.state.store.rebuild import Rebuilt

# Why a folder cannot be written: a read-only disk, or no permission.
_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def open_store(cls: type[Store], data_dir: Path, clock: Clock | None, codec: FileCodec) -> Store:
    """Open (or create) the journal in ``data_dir``, recovering from a damaged file.

    A journal in a folder that cannot be written (a read-only disk, another
    user's folder) opens read-only, with a notice saying why. A journal or
    drafts file that is not a regular file, is over the size cap, or is a
    link to something that is not a journal raises ``JournalRefused`` before
    anything in the folder is touched.
    """
    data_dir, clock = Path(data_dir), clock or system_clock
    _refuse_odd_files(data_dir)
    found = unlock_folder(data_dir, codec)
    try:
        return _open(cls, data_dir, clock, codec, found)
    except OSError as error:
        if error.errno not in _UNWRITABLE or not database_path(data_dir).is_file():
            raise
        return _open_unwritable(cls, data_dir, clock, error, codec, found)


def _refuse_odd_files(data_dir: Path) -> None:
    """Raise ``JournalRefused`` for a journal or drafts file rootwork must neither read nor write.

    Nothing is opened but a link's target, and that only when it is a regular
    file (to read its first bytes): a link is written through on every save, so
    its target must begin like a journal rootwork writes (``looks_like_journal``).
    A link to anything else is never written through. The drafts file is this
    machine's own and is never read or written through a link (``DraftBox``
    replaces a link with a file of its own), so only what it is itself counts.
    """
    db_file = database_path(data_dir)
    for path, follow in ((db_file, True), (drafts_path(data_dir), False)):
        try:
            check_regular(path, follow_symlinks=follow)
        except FileNotFoundError:
            continue  # missing (restored or made), or a link to nothing (written through, as always)
        except NotRegularFile as error:
            if error.kind == "a link":
                continue
            raise JournalRefused(
                f"{path} is {error.kind}, not a file rootwork wrote, so rootwork will not open it"
            ) from None
        except TooLarge as error:
            raise JournalRefused(
                f"{path} is {error.words}, more than a rootwork journal holds, so rootwork will not open it"
            ) from None
        except OSError:
            continue  # cannot be looked at (permissions): the opening says what it is
    if not db_file.is_symlink():
        return
    try:
        head = _head(db_file)
    except (OSError, NotRegularFile, TooLarge):
        return  # changed since it was checked: the opening says what it is now
    refuse_stranger_behind_link(db_file, head)


def _head(path: Path) -> bytes:
    """The first ``HEAD_BYTES`` of the regular file ``path`` (through a link)."""
    fd, _info = open_regular(path)
    try:
        return os.read(fd, HEAD_BYTES)
    finally:
        os.close(fd)


def _open_unwritable(
    cls: type[Store], data_dir: Path, clock: Clock, error: OSError, codec: FileCodec, found: Unlocked
) -> Store:
    """Show a journal whose folder cannot be written, read-only and in memory; never write anything."""
    codec.sealed = codec.unlocked and found.mark.state is FolderState.ENCRYPTED
    data = parse(codec.decode(read_regular(database_path(data_dir))))
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
    store.load_all()
    return store


def _open(cls: type[Store], data_dir: Path, clock: Clock, codec: FileCodec, found: Unlocked) -> Store:
    secure_dir(data_dir)
    lock = ProcessLock.for_path(lock_path(data_dir))
    db_file = database_path(data_dir)
    notices: list[str] = []
    with lock:
        secure_file(lock_path(data_dir))
        # Under the lock, so a temp file another rootwork is writing right now is never touched.
        for folder in journal_folders(data_dir):  # wherever a save or a conversion writes
            remove_temp_files(folder)
        if db_file.is_symlink():  # a journal written through a link leaves its temp files by the target
            remove_temp_files(resolve_target(db_file).parent)
        secure_backups(backups_dir(data_dir))
        settle_folder(
            data_dir,
            codec,
            found,
            clock(),
            notices,
            keep_aside=_keep_aside,
            newest_backup=lambda: _backup_payload(data_dir, clock, codec),
            empty_journal=lambda: codec.seal(serialise_for_file(new_journal(utc_stamp(clock())))),
        )
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
            store.initialise()
        store.load_all()
    return store


def _recover(
    cls: type[Store],
    data_dir: Path,
    db_file: Path,
    clock: Clock,
    problem: Exception,
    notices: list[str],
    codec: FileCodec,
) -> Store | None:
    """Rebuild a damaged journal from its newest usable backup and what can still be read of it (returns None
    to open the result), or open read-only and empty when there is neither.

    The damaged file's bytes are copied to ``rootwork.broken-<stamp>.json`` first, and only then is the
    journal replaced, atomically (through a link, its target): if anything fails, the damaged file is still
    in place as well as in the copy.
    """
    if isinstance(problem, OSError):
        # Not a damaged file but one we may not read (permissions, I/O):
        # restoring a backup over it would hide the real problem.
        return _open_empty(cls, data_dir, clock, notices, f"could not be opened ({problem.strerror or problem})")
    try:
        damaged = read_regular(db_file)
    except (OSError, NotRegularFile, TooLarge) as error:
        return _open_empty(cls, data_dir, clock, notices, f"could not be opened ({error})")
    found = _newest_backup(data_dir, clock, codec)
    base_payload = upgraded_journal(found[2], clock, codec) if found is not None else None
    now = utc_stamp(clock())
    rebuilt = rebuild(damaged, new_journal(now) if base_payload is None else parse(codec.decode(base_payload)), now)
    if rebuilt is None and base_payload is None:
        return _open_empty(cls, data_dir, clock, notices, "could not be read, and there is no backup to restore")
    payload = base_payload
    if rebuilt is not None:
        plain = serialise_for_file(rebuilt.journal)
        if len(plain) <= MAX_FILE_BYTES:  # else it could never be opened again: the backup alone
            payload = plain if base_payload is None else codec.encode_like(base_payload, plain)
        else:
            rebuilt = None
    if payload is None:
        return _open_empty(cls, data_dir, clock, notices, "could not be read, and there is no backup to restore")
    kept = _keep_aside(db_file, damaged, clock())
    words = _recovery_words(found[0] if found is not None else None, rebuilt, kept, clock)
    try:
        write_atomic(db_file, payload)
    except OSError as error:
        # Shown, not saved: the damaged file stays in place, and its copy is reused next time.
        notices.append(
            f"{words} The rebuilt journal could not be saved ({error.strerror or error}), so it is "
            "open read-only: nothing you change now will be saved."
        )
        storage = TransactionalMemoryStorage(read_only=True, initial=parse(codec.decode(payload)))
        store = cls(storage, data_dir=data_dir, clock=clock, notices=notices)
        store.load_all()
        return store
    notices.append(words)
    return None


def _open_empty(cls: type[Store], data_dir: Path, clock: Clock, notices: list[str], why: str) -> Store:
    """Open read-only with nothing in it, the journal file untouched; say why."""
    notices.append(
        f"Your journal file {why}, so rootwork has opened read-only with nothing in it: "
        f"nothing you do now will be saved. Your file was left untouched at {database_path(data_dir)}."
    )
    storage = TransactionalMemoryStorage(read_only=True, initial=new_journal(utc_stamp(clock())))
    store = cls(storage, data_dir=data_dir, clock=clock, notices=notices)
    store.load_all()
    return store


def _recovery_words(backup_day: date | None, rebuilt: Rebuilt | None, kept: Path, clock: Clock) -> str:
    """What the recovery did, with how many entries came from the backup and how many from the damaged file."""
    if rebuilt is None:
        assert backup_day is not None, "nothing rebuilt: a backup was restored"
        return (
            f"Your journal file could not be read, so rootwork restored {_backup_words(backup_day, clock)}. "
            f"Nothing newer could be read from the damaged file; a copy of it is kept at {kept}."
        )
    salvaged = _entries(rebuilt.from_damaged)
    if backup_day is None:
        return (
            f"Your journal file could not be read whole, and there is no backup, so rootwork rebuilt it "
            f"from the {salvaged} that could still be read in it. A copy of the damaged file is kept at {kept}."
        )
    return (
        f"Your journal file could not be read whole, so rootwork rebuilt it: {_entries(rebuilt.from_backup)} "
        f"from {_backup_words(backup_day, clock)}, and {salvaged} added or changed since, still readable "
        f"in the damaged file. A copy of the damaged file is kept at {kept}."
    )


def _entries(n: int) -> str:
    return f"{n:,} {'entry' if n == 1 else 'entries'}"


def _migrate_file(db_file: Path, storage: AtomicJSONStorage, version: int, clock: Clock, notices: list[str]) -> None:
    """Keep an older version's file aside, then rewrite it in this version's shape (one atomic write)."""
    kept = _keep_aside(db_file, read_regular(db_file), clock(), kind=f"v{version}")
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
    write_atomic(db_file, upgraded_journal(payload, clock, codec))
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
        backups_dir(data_dir), lambda payload: check_usable_backup(codec.decode(payload)), clock().astimezone().date()
    )


def _backup_payload(data_dir: Path, clock: Clock, codec: FileCodec) -> bytes | None:
    """The newest usable backup's bytes, in this version's shape (None when there is none)."""
    found = _newest_backup(data_dir, clock, codec)
    return None if found is None else upgraded_journal(found[2], clock, codec)


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


def _keep_aside(db_file: Path, payload: bytes, moment: datetime, kind: str = "broken") -> Path:
    """Write ``payload`` (the journal's bytes as read) to a new ``rootwork.<kind>-<stamp>.json`` beside the
    journal's name, never over another file and never through a link; return its path.

    A copy, not a link or a rename: a journal that is a link into a sync folder
    is replaced through the link next, and must not take its only copy with it.
    A copy of ``kind`` already holding these very bytes (kept by an earlier
    try whose rewrite failed) is reused rather than written again.
    """
    for earlier in sorted(db_file.parent.glob(f"rootwork.{kind}-*.json")):
        try:
            if (
                check_regular(earlier, follow_symlinks=False).st_size == len(payload)
                and read_regular(earlier, follow_symlinks=False) == payload
            ):
                return earlier
        except (OSError, NotRegularFile, TooLarge):
            continue
    for target in stamped_names(db_file.parent, f"rootwork.{kind}", ".json", moment):
        try:
            write_new(target, payload)
        except FileExistsError:
            continue
        return target
    raise AssertionError("unreachable: the names go on")

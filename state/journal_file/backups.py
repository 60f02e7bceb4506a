"""Daily backup copies of the journal: ``backups/rootwork-YYYY-MM-DD.json``, one per rootwork day.

Backups only ever touch files rootwork wrote: a backup is a regular file (never
a symlink, never followed: ``lstat`` and ``O_NOFOLLOW``), owned by this user,
named ``rootwork-YYYY-MM-DD.json``. Anything else in ``backups/`` is left alone.

Days are rootwork days (the store's ``day_start_hour``), passed in as ``today``.
A backup dated after ``today`` (a clock that ran ahead, a copied-in file) is
never pruned and is restored only when no backup dated today or earlier is
usable: pruning keeps the newest ``KEEP`` backups dated up to ``today``, so a
row of future-dated files can never make today's backup the one deleted.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rootwork.state.files.regular_file import NotRegularFile, TooLarge, open_regular, read_open
from rootwork.state.journal_file.storage import secure_dir, secure_file, write_atomic
from rootwork.state.records.errors import StoreError

KEEP = 14
_NAME = re.compile(r"^rootwork-(\d{4}-\d{2}-\d{2})\.json$")


def backup_path(directory: Path, day: date) -> Path:
    """Return where the backup for ``day`` lives."""
    return directory / f"rootwork-{day.isoformat()}.json"


def _ours(info: os.stat_result) -> bool:
    """A regular file of this user's: what rootwork writes (a symlink's own lstat is never one)."""
    if not stat.S_ISREG(info.st_mode):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def list_backups(directory: Path) -> list[tuple[date, Path]]:
    """Return the backups in ``directory`` (regular files of ours with a backup's name), newest first."""
    found = []
    try:
        entries = list(os.scandir(directory))
    except OSError:  # missing, not a directory, or not ours to read: no backups
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match:
            continue
        try:
            day = date.fromisoformat(match.group(1))
            if not _ours(entry.stat(follow_symlinks=False)):
                continue
        except (ValueError, OSError):
            continue
        found.append((day, Path(entry.path)))
    found.sort(reverse=True)
    return found


def write_daily_backup(directory: Path, day: date, payload: bytes, keep: int = KEEP) -> Path | None:
    """Save ``payload`` as the backup for ``day`` (today's rootwork day) unless it has one; prune.

    Returns the new backup's path, or None when ``day`` already had one.
    Raises OSError when it cannot be written (``directory`` is a file, say, or
    something that is not our backup already has the name).
    """
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{directory} is not a folder")
    target = backup_path(directory, day)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        if _ours(info):
            return None
        raise FileExistsError(errno.EEXIST, f"{target} is not a backup rootwork wrote")
    secure_dir(directory)
    write_atomic(target, payload)
    prune_backups(directory, day, keep)
    return target


def secure_backups(directory: Path) -> None:
    """Make an existing backups folder 0700 and its backups 0600 (they hold the whole journal)."""
    if not directory.is_dir():
        return
    secure_dir(directory)
    for _day, path in list_backups(directory):
        secure_file(path)


def prune_backups(directory: Path, today: date, keep: int = KEEP) -> list[Path]:
    """Delete our backups dated up to ``today`` beyond the newest ``keep``; return what was deleted.

    Backups dated after ``today`` are neither counted nor deleted.
    """
    removed = []
    past = [(day, path) for day, path in list_backups(directory) if day <= today]
    for _day, path in past[keep:]:
        try:
            if not _ours(os.lstat(path)):  # replaced since it was listed: not ours to delete
                continue
            path.unlink()
            removed.append(path)
        except FileNotFoundError:  # another rootwork process pruned it first
            pass
    return removed


def read_backup(path: Path) -> bytes:
    """Read a backup without following a symlink; raise OSError unless it is a regular file of ours (under the cap)."""
    try:
        fd, info = open_regular(path, follow_symlinks=False)
    except (NotRegularFile, TooLarge):
        raise OSError(errno.EINVAL, f"{path} is not a backup rootwork wrote") from None
    try:
        if not _ours(info):
            raise OSError(errno.EINVAL, f"{path} is not a backup rootwork wrote")
        return read_open(fd)
    except TooLarge:
        raise OSError(errno.EINVAL, f"{path} is not a backup rootwork wrote") from None
    finally:
        os.close(fd)


def newest_valid_backup(
    directory: Path, validate: Callable[[bytes], object], today: date
) -> tuple[date, Path, bytes] | None:
    """Return the newest backup ``validate`` accepts (day, path, bytes), or None.

    Backups dated up to ``today`` come first; a future-dated one is restored
    only when none of those is usable (better than an empty journal, and the
    damaged file is always kept aside first).
    """
    backups = list_backups(directory)
    past = [item for item in backups if item[0] <= today]
    future = [item for item in backups if item[0] > today]
    for day, path in past + future:
        try:
            payload = read_backup(path)
            validate(payload)
        except (OSError, StoreError):  # damaged, or encrypted under a passphrase we do not have
            continue
        return day, path, payload
    return None

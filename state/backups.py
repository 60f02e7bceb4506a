"""Daily backup copies of the journal: ``backups/rootwork-YYYY-MM-DD.json``, newest 14 kept."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from state.errors import UnreadableDatabase
from state.storage import secure_dir, secure_file, write_atomic

KEEP = 14
_NAME = re.compile(r"^rootwork-(\d{4}-\d{2}-\d{2})\.json$")


def backup_path(directory: Path, day: date) -> Path:
    """Return where the backup for ``day`` lives."""
    return directory / f"rootwork-{day.isoformat()}.json"


def list_backups(directory: Path) -> list[tuple[date, Path]]:
    """Return the backups in ``directory``, newest first."""
    found = []
    try:
        entries = list(directory.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match:
            continue
        try:
            day = date.fromisoformat(match.group(1))
        except ValueError:
            continue
        found.append((day, entry))
    found.sort(reverse=True)
    return found


def write_daily_backup(directory: Path, day: date, payload: bytes, keep: int = KEEP) -> Path | None:
    """Save ``payload`` as the backup for ``day`` unless one exists; prune to the newest ``keep``.

    Returns the new backup's path, or None when ``day`` already had one.
    """
    target = backup_path(directory, day)
    if target.exists():
        return None
    secure_dir(directory)
    write_atomic(target, payload)
    prune_backups(directory, keep)
    return target


def secure_backups(directory: Path) -> None:
    """Make an existing backups folder 0700 and its backups 0600 (they hold the whole journal)."""
    if not directory.is_dir():
        return
    secure_dir(directory)
    for _day, path in list_backups(directory):
        secure_file(path)


def prune_backups(directory: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return what was deleted."""
    removed = []
    for _day, path in list_backups(directory)[keep:]:
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:  # another rootwork process pruned it first
            pass
    return removed


def newest_valid_backup(
    directory: Path, validate: Callable[[bytes], object]
) -> tuple[date, Path, bytes] | None:
    """Return the newest backup whose bytes ``validate`` accepts (day, path, bytes), or None."""
    for day, path in list_backups(directory):
        try:
            payload = path.read_bytes()
            validate(payload)
        except (OSError, UnreadableDatabase):
            continue
        return day, path, payload
    return None

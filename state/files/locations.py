"""Where rootwork keeps its files, and the fixed names of them. Nothing here creates anything.

The data directory is ``--data-dir`` if given, else ``$ROOTWORK_DATA_DIR``,
else the platform's user data directory (``~/.local/share/rootwork`` on Linux).
The keymap file is ``$ROOTWORK_KEYMAP``, else ``~/.config/rootwork/keymap.toml`` on Linux.

Named here: the data folder's fixed files and folders (the journal, its lock,
drafts, the outbox's prefix, the machine's id and last write, the encryption
mark, the identity, ``backups/`` and ``backups/merged/``, the crash log), the
keymap file, the prefix of the atomic write's temporary files, and
``stamped_names``, the time-stamped names of a file kept aside, whose prefix
its caller gives (``rootwork.broken`` in ``state.store.opening``,
``rootwork.plain`` in ``state.store.sealing``, ``identity-retired`` in
``state.encryption.folder``). Made elsewhere: the daily backups' names
(``state.journal_file.backups``), the conflict copies' (recognised, and
``rootwork.displaced-*`` made, in ``state.sync.names``), an export's temporary
file's (``state.files.private_file``) and the outbox's per-machine name
(``state.store.outbox``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

APP_NAME = "rootwork"
ENV_DATA_DIR = "ROOTWORK_DATA_DIR"
ENV_KEYMAP = "ROOTWORK_KEYMAP"
KEYMAP_NAME = "keymap.toml"
DATABASE_NAME = "rootwork.json"
LOCK_NAME = "rootwork.lock"
DRAFTS_NAME = "drafts.json"
#: This machine's own copy of what it saved, ``outbox-<machine-id>.json`` (``state.store.outbox``).
OUTBOX_PREFIX = "outbox-"
MACHINE_ID_NAME = "machine-id"
LAST_WRITE_NAME = "last-write"
#: This machine's note that the folder is encrypted (``state.encryption.marker``; never synced).
ENCRYPTION_MARK_NAME = "encryption"
#: The folder's key, encrypted with the passphrase (``state.encryption.identity``; synced with the journal).
IDENTITY_NAME = "identity.age"
BACKUPS_NAME = "backups"
#: Copies merged from other machines, kept whole under ``backups/`` (``state.store.copies``).
MERGED_NAME = "merged"
CRASH_LOG_NAME = "crash.log"
TEMP_PREFIX = ".rootwork-"


def resolve_data_dir(cli_value: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """Return the data directory chosen by the command line, the environment or the platform."""
    for candidate in (cli_value, environ.get(ENV_DATA_DIR)):
        if candidate:
            return Path(candidate).expanduser().absolute()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_keymap_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Return the user's keymap file: ``$ROOTWORK_KEYMAP``, else ``keymap.toml`` in the user config folder."""
    if environ.get(ENV_KEYMAP):
        return Path(environ[ENV_KEYMAP]).expanduser().absolute()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / KEYMAP_NAME


def database_path(data_dir: Path) -> Path:
    """Return the path of the journal file."""
    return Path(data_dir) / DATABASE_NAME


def drafts_path(data_dir: Path) -> Path:
    """Return the path of the drafts file (half-written forms), beside the journal."""
    return Path(data_dir) / DRAFTS_NAME


def machine_id_path(data_dir: Path) -> Path:
    """Return the path of this machine's id, beside the journal (one machine's: never synced)."""
    return Path(data_dir) / MACHINE_ID_NAME


def encryption_mark_path(data_dir: Path) -> Path:
    """Return where this machine notes that the folder is encrypted (``state.encryption.marker``; never synced)."""
    return Path(data_dir) / ENCRYPTION_MARK_NAME


def identity_path(data_dir: Path) -> Path:
    """Return the path of the folder's key, ``identity.age`` (``state.encryption.identity``)."""
    return Path(data_dir) / IDENTITY_NAME


def last_write_path(data_dir: Path) -> Path:
    """Return where this machine notes the journal file it last wrote (``state.sync.machine``; never synced)."""
    return Path(data_dir) / LAST_WRITE_NAME


def lock_path(data_dir: Path) -> Path:
    """Return the path of the lock file shared by every rootwork process."""
    return Path(data_dir) / LOCK_NAME


def backups_dir(data_dir: Path) -> Path:
    """Return the directory holding the daily backup copies."""
    return Path(data_dir) / BACKUPS_NAME


def merged_dir(data_dir: Path) -> Path:
    """Return the directory holding the copies merged from other machines."""
    return backups_dir(data_dir) / MERGED_NAME


def journal_folders(data_dir: Path) -> tuple[Path, Path, Path]:
    """Every folder rootwork writes what you wrote into: the data folder, ``backups/`` and ``backups/merged/``.

    The opening tidies each of them of temp files left by a kill; encrypting converts the files in each.
    """
    return Path(data_dir), backups_dir(data_dir), merged_dir(data_dir)


def stamped_names(folder: Path, prefix: str, suffix: str, moment: datetime) -> Iterator[Path]:
    """``<prefix>-<UTC time><suffix>``, then ``…-2<suffix>``, ``…-3<suffix>``: the names, in order, a file
    kept at ``moment`` may take (``rootwork.broken-…json``, ``rootwork.plain-…json``, ``identity-retired-…age``)."""
    stamp = moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    yield Path(folder) / f"{prefix}-{stamp}{suffix}"
    n = 2
    while True:
        yield Path(folder) / f"{prefix}-{stamp}-{n}{suffix}"
        n += 1


def crash_log_path(data_dir: Path) -> Path:
    """Return the path of the crash log."""
    return Path(data_dir) / CRASH_LOG_NAME

"""Which machine wrote the journal: a machine id per data folder, and a note of the file it last wrote.

Each machine keeps a random id of its own in ``machine-id`` beside the journal
(32 hex digits, 0600), and in ``last-write`` the size, modification time and
inode of the journal file as it last wrote it (``remember_written``, after
every commit). Both belong to one machine, like ``drafts.json``: the README
asks for them to be excluded from sync. When a sync tool replaces the journal
with the other machine's file, it no longer matches ``last-write``
(``written_elsewhere``), and the app says "updated on another machine".

Nothing that changes on every write is kept in the journal itself: a merge
that brings nothing new writes nothing, and two machines that merged the
same copies hold the same entries, so the sync tool has nothing left to copy. The journal names each machine that wrote to
it once, in a ``machine`` meta document made by its first write (merged as a
set, never changed after). Journals written before this hold a
``last_write`` document and a ``last_write_at`` in each machine document:
they are read as they are, and no longer updated.

A missing, damaged, oversized or symlinked ``machine-id`` is replaced by a new
one (nothing of the journal depends on it); a folder that cannot be written
gives no id, and writes are then simply not stamped.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rootwork.state.files.atomic import write_atomic
from rootwork.state.files.locations import last_write_path, machine_id_path
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular

#: The meta kind of a machine document.
MACHINE_KIND = "machine"
#: The meta kind of the "which machine wrote last" document of journals before ``last-write`` (read, never written).
LAST_WRITE_KIND = "last_write"
_ID = re.compile(r"[0-9a-f]{32}")


def _read(path: Path) -> str | None:
    try:
        text = read_regular(path, 64, follow_symlinks=False).decode("ascii").strip()
    except (OSError, UnicodeDecodeError, NotRegularFile, TooLarge):
        return None
    return text if _ID.fullmatch(text) else None


def machine_id(data_dir: Path) -> str | None:
    """This machine's id for ``data_dir``, made (atomically, 0600) the first time; None if it cannot be kept."""
    path = machine_id_path(data_dir)
    found = _read(path)
    if found is not None:
        return found
    made = secrets.token_hex(16)
    try:
        if path.is_symlink():  # never written through: the id is this folder's alone
            path.unlink()
        write_atomic(path, (made + "\n").encode("ascii"))
    except OSError:
        return None
    return made


#: The machine of a journal kept in memory only (tests, a folder whose machine id cannot be kept).
IN_MEMORY = "f" * 32


def actor_for(machine: str | None) -> str:
    """Who writes, in records' clocks: half of this machine's id and a random half, new for each opening.

    Two machines that share a ``machine-id`` (a data folder copied whole) or a
    journal rolled back to an older file never make one edit's mark mean two
    edits; ``is_this_machine`` still knows this machine's own.
    """
    return (machine or IN_MEMORY)[:16] + secrets.token_hex(8)


def is_this_machine(actor: str, machine: str | None) -> bool:
    """Whether ``actor`` (a clock's writer) was this machine's."""
    return machine is not None and actor[:16] == machine[:16]


def remember_written(data_dir: Path, journal: Path) -> None:
    """Note the journal file as this machine just wrote it (best effort: a lost note costs one notice at most)."""
    path = last_write_path(data_dir)
    try:
        info = os.stat(journal)
        if path.is_symlink():  # never written through, like machine-id
            path.unlink()
        write_atomic(path, f"{info.st_size} {info.st_mtime_ns} {info.st_ino}\n".encode("ascii"), durable=False)
    except OSError:
        pass


def written_elsewhere(data_dir: Path, journal: Path) -> str | None:
    """The journal file as it is now (size, time, inode), when it is not the one this machine last wrote.

    None when this machine wrote it last, or that cannot be told (no note yet,
    no file). A sync tool that brings the other machine's file gives a new
    value each time it does, so the app says so once each time.
    """
    try:
        noted = read_regular(last_write_path(data_dir), 128, follow_symlinks=False).decode("ascii").split()
        size, mtime, inode = (int(part) for part in noted)
        info = os.stat(journal)
    except (OSError, UnicodeDecodeError, ValueError, NotRegularFile, TooLarge):
        return None
    now = (info.st_size, info.st_mtime_ns, info.st_ino)
    return None if now == (size, mtime, inode) else ":".join(map(str, now))


def is_machine_doc(doc: Any) -> bool:
    """True for a well-formed machine document (kind, a 32-hex name, a ``last_write_at`` string)."""
    return (
        isinstance(doc, Mapping)
        and doc.get("kind") == MACHINE_KIND
        and isinstance(doc.get("name"), str)
        and _ID.fullmatch(doc["name"]) is not None
        and isinstance(doc.get("last_write_at"), str)
    )

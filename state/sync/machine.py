"""Which machine wrote the journal last: a machine id per data folder, and its ``meta`` document.

Each machine keeps a random id of its own in ``machine-id`` beside the journal
(32 hex digits, 0600). That file belongs to one machine, like ``drafts.json``:
the README asks for it to be excluded from sync. Every write that changes the
journal also stamps two ``meta`` documents: this machine's (kind ``machine``,
its id and name the machine id, with ``last_write_at``), merged as a set so a
journal knows every machine that wrote to it; and the journal's one
``last_write`` (``machine``, ``at``), which travels with the file whole. When
a sync tool replaces the file with the other machine's, ``last_write`` names
that machine, and the app says "updated on another machine".

A missing, damaged, oversized or symlinked ``machine-id`` is replaced by a new
one (nothing of the journal depends on it); a folder that cannot be written
gives no id, and writes are then simply not stamped.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rootwork.state.atomic import write_atomic
from rootwork.state.locations import machine_id_path
from rootwork.state.regular_file import NotRegularFile, TooLarge, read_regular

#: The meta kind of a machine document.
MACHINE_KIND = "machine"
#: The meta kind of the journal's one "which machine wrote last" document.
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


def is_machine_doc(doc: Any) -> bool:
    """True for a well-formed machine document (kind, a 32-hex name, a ``last_write_at`` string)."""
    return (
        isinstance(doc, Mapping)
        and doc.get("kind") == MACHINE_KIND
        and isinstance(doc.get("name"), str)
        and _ID.fullmatch(doc["name"]) is not None
        and isinstance(doc.get("last_write_at"), str)
    )

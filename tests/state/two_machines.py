"""Two data folders as two machines, and a sync tool between them, for the attack tests (issue 25)."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store

from .conftest import TODAY, FixedClock

SYNCTHING = "rootwork.sync-conflict-20261125-120000-ABCDEF7.json"
SYNCTHING_2 = "rootwork.sync-conflict-20261125-130000-ABCDEF7.json"


def sync_whole(source: Path, target: Path) -> None:
    """The sync tool renaming one machine's journal over the other's (no conflict copy)."""
    target.mkdir(mode=0o700, exist_ok=True)
    incoming = target / ".syncthing.rootwork.json.tmp"
    shutil.copy2(database_path(source), incoming)
    incoming.replace(database_path(target))


def leave_conflict_copy(source: Path, target: Path, name: str = SYNCTHING) -> Path:
    """The sync tool keeping ``source``'s journal beside ``target``'s under a conflict name."""
    copy = target / name
    shutil.copy2(database_path(source), copy)
    return copy


def two_machines(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path]:
    """A laptop with yesterday's check-in, and a desktop its sync tool gave the same journal."""
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop, clock=clock).save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3))
    sync_whole(laptop, desktop)
    return laptop, desktop


def journal_of(folder: Path) -> dict:
    """The journal in ``folder`` as JSON, without the file's layout index."""
    data = json.loads(database_path(folder).read_text())
    data.pop("~layout", None)
    return data


def legacy_checkin(folder: Path, note: str, stamp: str, ident: str) -> None:
    """Today's check-in written into ``folder``'s journal as 0.2 wrote it: its own id, no clock."""
    from rootwork.state.records.convert import checkin_to_doc

    data = journal_of(folder)
    doc = checkin_to_doc(
        Checkin(day=TODAY, mood=2, intensity=4, note=note, id=ident, created_at=stamp, updated_at=stamp, rev=1)
    )
    doc.pop("clock", None)
    data["checkins"]["99"] = doc
    database_path(folder).write_text(json.dumps(data))

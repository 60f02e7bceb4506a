"""Rebuilding a damaged journal: what can still be read of it, merged with the newest backup by the one merge rule.

A damaged journal usually holds everything written since its last backup,
most of it still readable (``state.salvage``). ``rebuild`` merges those
records into the backup with ``merge_journals``, the rule every other merge
uses: the newest version of each record, one check-in per day, a delete kept
unless edited after, the backup's settings. With no backup, the records are
merged into a new, empty journal. ``Store.open`` calls it when the journal
cannot be read (``state.store.opening``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rootwork.state.codec import is_encrypted
from rootwork.state.salvage import salvage
from rootwork.state.store.schema import SCHEMA_VERSION, TABLES, migrate_journal
from rootwork.state.sync.merge import canonical, merge_journals, pool

__all__ = ["Rebuilt", "rebuild"]


@dataclass(frozen=True)
class Rebuilt:
    """A rebuilt journal, and how many of its entries came from the backup and from the damaged file."""

    journal: dict[str, Any]
    from_backup: int
    from_damaged: int


def rebuild(damaged: bytes, backup: Mapping[str, Any], now: str) -> Rebuilt | None:
    """``backup`` (a journal, possibly empty) with every whole record of the ``damaged`` file's bytes merged in.

    None when the damaged file adds nothing to ``backup``: it is encrypted (an
    age file cut short cannot be read in part), from a newer version, or holds
    no whole record the backup lacks. ``now`` (UTC, as stored) stamps what
    migrating an older version's records adds.
    """
    if is_encrypted(damaged):
        return None
    found = salvage(damaged, TABLES)
    if not found:
        return None
    versions = [doc.get("schema_version") for doc in found.get("meta", {}).values() if doc.get("kind") == "schema"]
    version = versions[0] if len(versions) == 1 and type(versions[0]) is int else 0
    if version > SCHEMA_VERSION:
        return None
    salvaged: dict[str, Any] = {name: _not_in(found.get(name, {}), backup.get(name)) for name in TABLES}
    if version < SCHEMA_VERSION:  # also when the schema document was lost: ids and times are only filled in
        salvaged = migrate_journal(salvaged, version, now)
    merged = merge_journals(backup, salvaged)
    before, after = _entries(backup), _entries(merged)
    new = len(after - before)
    if not new:
        return None
    return Rebuilt(merged, len(after) - new, new)


def _not_in(records: Mapping[str, dict], backup_table: Any) -> dict[str, dict]:
    """``records`` less those the backup holds at the same revision and time.

    Bytes damaged inside a record's text can still leave valid JSON; where the
    backup has that very version, its copy (whole, as written) is the one kept,
    instead of leaving the choice to the merge's tie-break.
    """
    known = {
        (doc.get("id"), doc.get("rev"), doc.get("updated_at"))
        for doc in (backup_table or {}).values() if isinstance(doc, Mapping)
    }
    return {key: doc for key, doc in records.items() if (doc.get("id"), doc.get("rev"), doc.get("updated_at")) not in known}


def _entries(journal: Mapping[str, Any]) -> set[tuple[str, str]]:
    """What a person wrote or did, each version once: the journal's records, self-checks and conflict log.

    The machine documents (which machine wrote when) are bookkeeping, not entries.
    """
    return {(table, canonical(doc)) for table, docs in pool(journal).items() if table != "machines" for doc in docs}

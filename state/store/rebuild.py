"""Rebuilding a damaged journal: what can still be read of it, merged with the newest backup by the one merge rule.

A damaged journal usually holds everything written since its last backup,
most of it still readable (``state.journal_file.salvage``). ``rebuild`` merges those
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

from rootwork.state.encryption.codec import is_encrypted
from rootwork.state.journal_file.salvage import salvage
from rootwork.state.records.convert import Doc
from rootwork.state.store.copies import readable_records
from rootwork.state.store.schema import SCHEMA_VERSION, TABLES, migrate_journal
from rootwork.state.sync.merge import canonical, merge_journals, pool

__all__ = ["OWN_META", "Rebuilt", "rebuild"]

#: The meta documents of this machine's that a damaged file may hold newer than the backup, and what each holds.
OWN_META = {"settings": "values", "focus": "cause_ids"}


@dataclass(frozen=True)
class Rebuilt:
    """A rebuilt journal, and how many of its entries came from the backup and from the damaged file."""

    journal: dict[str, Any]
    from_backup: int
    from_damaged: int


def rebuild(damaged: bytes, backup: Mapping[str, Any], now: str) -> Rebuilt | None:
    """``backup`` (a journal, possibly empty) with every whole record of the ``damaged`` file's bytes merged in.

    None when the damaged file adds nothing to ``backup``: it is encrypted (an
    age file is only ever read whole), from a newer version, or holds
    no whole record the backup lacks. ``now`` (UTC, as stored) stamps what
    migrating an older version's records adds.
    """
    if is_encrypted(damaged):
        return None
    found = salvage(damaged, TABLES)
    if not found:
        return None
    versions = [doc.get("schema_version") for doc in found.get("meta", {}).values() if doc.get("kind") == "schema"]
    # No schema document found: its line was lost, and the file is this version's (an older one is
    # migrated, and rewritten, the first time it opens). Version 0 files have no ids to go by anyway.
    version = versions[0] if len(versions) == 1 and type(versions[0]) is int else SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        return None
    salvaged: dict[str, Any] = {name: found.get(name, {}) for name in TABLES}
    if version < SCHEMA_VERSION:
        salvaged = migrate_journal(salvaged, version, now)
    # Only what the strict reader accepts: a record damage left valid JSON but out of range is damage.
    checked = readable_records(salvaged)
    checked = {name: _not_in(checked.get(name, {}), backup.get(name)) for name in TABLES}
    merged = _with_own_meta(merge_journals(backup, checked), found.get("meta", {}))
    before, after = _entries(backup), _entries(merged)
    new = len(after - before)
    if not new and (not before or _docs(merged.get("meta")) == _docs(backup.get("meta"))):
        return None  # nothing written after the backup (settings alone never make a journal of nothing)
    return Rebuilt(merged, len(after) - new, new)


def _with_own_meta(journal: dict[str, Any], salvaged_meta: Mapping[str, Doc]) -> dict[str, Any]:
    """``journal`` with the settings and focus the damaged file still holds: set after the backup, they are newer.

    ``merge_journals`` keeps the backup's (``mine``'s) settings, as a merge
    with another machine keeps this machine's; here both are this machine's.
    """
    meta = dict(journal.get("meta") or {})
    for kind in OWN_META:
        found = [doc for doc in salvaged_meta.values() if doc.get("kind") == kind]
        if len(found) != 1 or not isinstance(found[0].get(OWN_META[kind]), (dict, list)):
            continue
        keys = [key for key, doc in meta.items() if isinstance(doc, Mapping) and doc.get("kind") == kind]
        for key in keys:
            del meta[key]
        meta[keys[0] if keys else str(max((int(k) for k in meta if k.isdigit()), default=0) + 1)] = dict(found[0])
    return {**journal, "meta": meta}


def _not_in(records: Mapping[str, Doc], backup_table: Any) -> dict[str, Doc]:
    """``records`` less those the backup holds at the same revision and time.

    Bytes damaged inside a record's text can still leave valid JSON; where the
    backup has that very version, its copy (whole, as written) is the one kept,
    instead of leaving the choice to the merge's tie-break.
    """
    known = {
        (doc.get("id"), doc.get("rev"), doc.get("updated_at"))
        for doc in (backup_table or {}).values()
        if isinstance(doc, Mapping)
    }
    return {
        key: doc for key, doc in records.items() if (doc.get("id"), doc.get("rev"), doc.get("updated_at")) not in known
    }


def _docs(table: Any) -> list[str]:
    return sorted(canonical(doc) for doc in (table or {}).values())


def _entries(journal: Mapping[str, Any]) -> set[tuple[str, str]]:
    """What a person wrote or did, each version once: the journal's records, self-checks and conflict log.

    The machine documents (which machine wrote when) are bookkeeping, not entries.
    """
    return {(table, canonical(doc)) for table, docs in pool(journal).items() if table != "machines" for doc in docs}

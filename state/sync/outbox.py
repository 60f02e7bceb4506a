"""What this machine saved, kept beside the journal, so a journal file replaced by one without it loses nothing.

A sync tool that missed a conflict, a restore, a rollback: the journal file
can be replaced by one that lacks what this machine saved since. So every
commit also keeps the entries it wrote (check-ins, thought records,
practices, reviews, each as saved, with its clock) in ``outbox.json``
beside ``machine-id``: this machine's alone, never synced (the README's
``.stignore``), encrypted when the journal is, never written through a link.
An entry leaves it ``KEEP_DAYS`` after its last save here.

``Outbox.restore`` runs when the journal is opened and is not the file this
machine last wrote, and whenever the open app finds it changed by another
program. If the journal lacks an entry of the outbox (no such record, or a
version whose clock has not seen this machine's save: values changed since
by an edit that saw it are not lacking), the outbox is merged in by
the one merge rule (``copies.merge_into``, as for a conflict copy) and a
notice says so once. The look is a merge per check-in, thought record and
practice of the outbox, then a look for its reviews by id; nothing is
written when nothing is lacking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootwork.state.atomic import write_atomic
from rootwork.state.errors import StoreError
from rootwork.state.locations import OUTBOX_NAME
from rootwork.state.regular_file import NotRegularFile, TooLarge, read_regular
from rootwork.state.storage import parse, serialise
from rootwork.state.journal_file import JOURNAL_TABLES
from rootwork.state.sync.causal import CLOCKED, clock_of, merge_versions

if TYPE_CHECKING:
    from rootwork.state.codec import FileCodec
    from rootwork.state.store.core import Store

__all__ = ["KEEP_DAYS", "OUTBOX_NAME", "Outbox", "lacking", "restore"]

#: How long an entry stays in the outbox after its last save here.
KEEP_DAYS = 30


class Outbox:
    """This machine's saved entries, by table and id, read once and kept in memory."""

    def __init__(self, data_dir: Path, codec: FileCodec) -> None:
        self.path = Path(data_dir) / OUTBOX_NAME
        self.codec = codec
        self._entries: dict[str, dict[str, dict]] | None = None

    def entries(self) -> dict[str, dict[str, dict]]:
        """What the outbox holds; empty when there is none or it cannot be read (it is a safety net only)."""
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> dict[str, dict[str, dict]]:
        try:
            data = parse(self.codec.decode(read_regular(self.path, follow_symlinks=False)))
        except (OSError, NotRegularFile, TooLarge, StoreError, ValueError):
            return {}
        tables = data.get("entries") if isinstance(data, Mapping) else None
        if not isinstance(tables, Mapping):
            return {}
        return {
            name: {str(key): dict(doc) for key, doc in table.items() if isinstance(doc, Mapping)}
            for name, table in tables.items() if name in JOURNAL_TABLES and isinstance(table, Mapping)
        }

    def remember(self, written: Iterable[tuple[str, Mapping[str, Any]]], now: datetime) -> None:
        """Add what a commit wrote (the newest version of each entry), dropping entries too old to keep.

        Best effort: an outbox that cannot be written costs the safety net, never the save.
        """
        written = list(written)
        if not written:
            return
        entries = self.entries()
        for table, doc in written:
            if table not in JOURNAL_TABLES:
                continue
            kept = entries.setdefault(table, {})
            key = str(doc.get("id"))
            kept[key] = merge_versions(kept[key], doc) if key in kept and table in CLOCKED else dict(doc)
        oldest = (now - timedelta(days=KEEP_DAYS)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        for name in list(entries):
            entries[name] = {key: doc for key, doc in entries[name].items() if str(doc.get("updated_at", "")) >= oldest}
        try:
            if self.path.is_symlink():  # never written through, like drafts.json
                self.path.unlink()
            write_atomic(self.path, bytes(self.codec.encode(serialise({"entries": entries}))), durable=False)
        except (OSError, StoreError, TypeError, ValueError):
            pass

    def as_journal(self) -> dict[str, Any]:
        """The outbox in a journal's shape, for ``merge_into``."""
        entries = self.entries()
        journal: dict[str, Any] = {
            name: {str(n): doc for n, doc in enumerate(entries.get(name, {}).values(), start=1)} for name in JOURNAL_TABLES
        }
        journal["meta"] = {}
        return journal


def _has_seen(current: Mapping[str, Any], saved: Mapping[str, Any]) -> bool:
    """Whether ``current`` was made after seeing every edit ``saved`` holds (its values may differ: replaced since)."""
    seen = clock_of(current)["seen"]
    return all(seen.get(writer, 0) >= n for writer, n in clock_of(saved)["seen"].items())


def lacking(entries: Mapping[str, Mapping[str, dict]], tables: Mapping[str, Mapping[str, Any]]) -> int:
    """How many entries of the outbox ``tables`` lacks, or holds in a version that has not seen this save.

    Reviews never change, so only their ids are looked at, and only when
    every other entry is there (the reviews are the journal's largest table).
    """
    missing = 0
    for name in CLOCKED:
        kept = entries.get(name) or {}
        if not kept:
            continue
        present = {str(doc.get("id")): doc for doc in (tables.get(name) or {}).values() if isinstance(doc, Mapping)}
        for key, doc in kept.items():
            current = present.get(key)
            if current is None or not _has_seen(current, doc):
                missing += 1
    reviews = entries.get("reviews") or {}
    if not missing and reviews:
        present_ids = {str(doc.get("id")) for doc in (tables.get("reviews") or {}).values() if isinstance(doc, Mapping)}
        missing = sum(1 for key in reviews if key not in present_ids)
    return missing


def restore(store: Store) -> bool:
    """Merge back what this machine saved and the journal lacks; True if the journal changed. Says so once."""
    from rootwork.state.sync.copies import merge_into  # copies builds on the store, which builds on this module

    outbox = store.outbox
    if outbox is None or store.read_only or not outbox.entries():
        return False
    if not lacking(outbox.entries(), store.journal_tables()):
        return False
    summary = merge_into(store, outbox.as_journal())
    if summary.changed:
        store.notices.append(
            "Your journal file was replaced by one without some of what you saved on this machine (a sync tool "
            f"that missed a conflict, a restore): {summary.words()} merged back from this machine's own copy."
        )
    return summary.changed

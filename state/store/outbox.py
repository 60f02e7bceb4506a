"""What this machine saved, kept beside the journal, so a journal file replaced by one without it loses nothing.

A sync tool that missed a conflict, a restore, a rollback: the journal file
can be replaced by one that lacks what this machine saved since. So every
commit also keeps the entries it wrote (check-ins, thought records,
practices, reviews and self-checks, each as saved, with its clock) in
``outbox-<machine-id>.json`` beside ``machine-id``: this machine's alone,
never synced (the README's ``.stignore``; carried anyway, it is never taken
for another machine's), encrypted when the journal is, never written through
a link, read back through the strict reader.
An entry leaves it ``KEEP_DAYS`` after its last save here.

``Outbox.restore`` runs when the journal is opened and is not the file this
machine last wrote, and whenever the open app finds it changed by another
program, and after a save that found the file changed by another program.
If the journal lacks an entry of the outbox (no such record, or a
version whose clock has not seen this machine's save: values changed since
by an edit that saw it are not lacking), the outbox is merged in by
the one merge rule (``copies.merge_into``, as for a conflict copy) and a
notice says so once. The look is a merge per check-in, thought record and
practice of the outbox, then a look for its reviews by id; nothing is
written when nothing is lacking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootwork.state.encryption.codec import ENCRYPTION_CHANGED
from rootwork.state.encryption.folder import plain_write_refused
from rootwork.state.files.atomic import write_atomic
from rootwork.state.files.locations import OUTBOX_PREFIX
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular
from rootwork.state.journal_file.layout import JOURNAL_TABLES
from rootwork.state.journal_file.storage import parse, serialise
from rootwork.state.records.convert import Doc
from rootwork.state.records.errors import StoreError
from rootwork.state.store.copies import merge_into
from rootwork.state.store.incoming import clean_record, clean_selfcheck
from rootwork.state.sync.causal import CLOCKED, clock_of, has_seen, merge_versions

if TYPE_CHECKING:
    from rootwork.state.encryption.codec import FileCodec
    from rootwork.state.store.core import Store

__all__ = ["KEEP_DAYS", "KEPT", "Outbox", "lacking", "restore"]

#: What the outbox keeps: the journal's tables and the self-check results.
KEPT = (*JOURNAL_TABLES, "selfchecks")

#: How long an entry stays in the outbox after its last save here.
KEEP_DAYS = 30


class Outbox:
    """This machine's saved entries, by table and id: the file is read for each use (another process, a
    ``rootwork checkin`` in a shell, may have added to it), each entry through the strict reader."""

    def __init__(self, data_dir: Path, codec: FileCodec, machine: Callable[[], str | None]) -> None:
        self.data_dir = Path(data_dir)
        self.codec = codec
        self.machine = machine

    @property
    def path(self) -> Path | None:
        """``outbox-<machine-id>.json``: a sync tool that carries it anyway never puts one machine's in another's
        place. None when this machine has no id (a folder where it cannot be kept)."""
        machine = self.machine()
        return None if machine is None else self.data_dir / f"{OUTBOX_PREFIX}{machine}.json"

    def entries(self) -> dict[str, dict[str, Doc]]:
        """What the outbox holds; empty when there is none or it cannot be read (it is a safety net only)."""
        try:
            return self._entries_in(self._stored())
        except ENCRYPTION_CHANGED:
            return {}

    @staticmethod
    def _entries_in(data: Any) -> dict[str, dict[str, Doc]]:
        """The entries of a parsed outbox, each through the strict reader (what it refuses is left out)."""
        tables = data.get("entries") if isinstance(data, Mapping) else None
        found: dict[str, dict[str, Doc]] = {}
        for name, table in tables.items() if isinstance(tables, Mapping) else ():
            if name not in KEPT or not isinstance(table, Mapping):
                continue
            for key, doc in table.items():
                try:
                    found.setdefault(name, {})[str(key)] = (
                        clean_selfcheck(dict(doc)) if name == "selfchecks" else clean_record(name, doc)
                    )
                except (ValueError, TypeError, KeyError, AttributeError):
                    continue  # what the strict reader refuses never reaches the journal
        return found

    def _stored(self) -> Any:
        """The outbox file as parsed; {} when there is none or it is damaged. Raises ``ENCRYPTION_CHANGED``
        errors (codec.py): a file this process can no longer read as it was opened is never written over."""
        path = self.path
        try:
            return parse(self.codec.decode(read_regular(path, follow_symlinks=False))) if path is not None else {}
        except ENCRYPTION_CHANGED:
            raise
        except (OSError, NotRegularFile, TooLarge, StoreError, ValueError):
            return {}

    def remember(self, written: Iterable[tuple[str, Mapping[str, Any]]], now: datetime) -> None:
        """Add what a commit wrote (the newest version of each entry), dropping entries too old to keep.

        Best effort: an outbox that cannot be written costs the safety net, never the save.
        """
        written = [
            (("selfchecks" if table == "meta" else table), doc)
            for table, doc in written
            if table in JOURNAL_TABLES or (table == "meta" and doc.get("kind") == "selfcheck")
        ]
        path = self.path
        if not written or path is None or plain_write_refused(self.data_dir, self.codec):
            return  # nothing to keep, or a folder encrypted by another program since this one opened it
        try:
            entries = self._entries_in(self._stored())
        except ENCRYPTION_CHANGED:
            return  # encrypted (or made plain) by another program since: never written over, never plain
        for table, doc in written:
            kept = entries.setdefault(table, {})
            key = str(doc.get("id"))
            kept[key] = merge_versions(kept[key], doc) if key in kept and table in CLOCKED else dict(doc)
        oldest = (now - timedelta(days=KEEP_DAYS)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for name in list(entries):
            entries[name] = {key: doc for key, doc in entries[name].items() if str(doc.get("updated_at", "")) >= oldest}
        try:
            if path.is_symlink():  # never written through, like drafts.json
                path.unlink()
            write_atomic(path, bytes(self.codec.encode(serialise({"entries": entries}))), durable=False)
        except (OSError, StoreError, TypeError, ValueError):
            pass

    @staticmethod
    def as_journal(entries: Mapping[str, Mapping[str, Doc]]) -> dict[str, Any]:
        """``entries`` in a journal's shape, for ``merge_into``."""
        journal: dict[str, Any] = {
            name: {str(n): doc for n, doc in enumerate(entries.get(name, {}).values(), start=1)}
            for name in JOURNAL_TABLES
        }
        journal["meta"] = {str(n): doc for n, doc in enumerate(entries.get("selfchecks", {}).values(), start=1)}
        return journal


def lacking(entries: Mapping[str, Mapping[str, Doc]], tables: Mapping[str, Mapping[str, Any]]) -> int:
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
            if current is None or not has_seen(clock_of(current)["seen"], doc):
                missing += 1
    for name, table in (("reviews", "reviews"), ("selfchecks", "meta")):
        kept = entries.get(name) or {}
        if not missing and kept:
            present_ids = {str(doc.get("id")) for doc in (tables.get(table) or {}).values() if isinstance(doc, Mapping)}
            missing = sum(1 for key in kept if key not in present_ids)
    return missing


def restore(store: Store) -> bool:
    """Merge back what this machine saved and the journal lacks; True if the journal changed. Says so once."""
    outbox = store.outbox
    entries = outbox.entries() if outbox is not None and not store.read_only else {}
    if not entries or not lacking(entries, store.journal_tables()):
        return False
    summary = merge_into(store, Outbox.as_journal(entries))
    if summary.changed:
        store.notices.append(
            "Your journal file was replaced by one without some of what you saved on this machine (a sync tool "
            f"that missed a conflict, a restore). Merged back from this machine's own copy: {summary.words()}."
        )
    return summary.changed

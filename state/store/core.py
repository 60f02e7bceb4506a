"""``Store``, the user's journal as the UI and the command line see it.

Built from its parts: ``StoreBase`` (base.py: transactions, reads, settings),
``Entries`` (entries.py: check-ins, plan, thought records, reviews); opening
is in opening.py and importing in merge.py. Here: building a store, drafts,
self-checks, focus, and export and import.

Meta documents carry a ``kind``: ``schema`` (``schema_version``), ``settings``
(``values``), ``disclaimer`` (``acknowledged_at``), ``selfcheck`` (``day``,
``recognised``, ``scores``), ``focus`` (``cause_ids``) and, only in journals
from before drafts moved to ``drafts.json`` (drafts.py), ``draft`` (``name``,
``data``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tinydb.table import Document

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.files.locations import drafts_path
from rootwork.state.journal_file.storage import TransactionalMemoryStorage, parse, serialise
from rootwork.state.records.convert import CONVERTERS, Doc, day_to_str, new_id, next_rev
from rootwork.state.records.errors import NotFound, ReadOnlyStore, SaveFailed, StoreError, ValidationError
from rootwork.state.records.text import SHORT_MAX, clean_text
from rootwork.state.store.drafts import DraftBox
from rootwork.state.store.entries import Entries
from rootwork.state.store.importing import ImportResult, import_export
from rootwork.state.store.index import EMPTY_TABLE
from rootwork.state.store.opening import open_store
from rootwork.state.store.outbox import restore
from rootwork.state.store.safety import SafetyPlans
from rootwork.state.store.schema import SCHEMA_VERSION, TABLES, Clock
from rootwork.state.store.validate import required_text
from rootwork.state.sync.causal import CLOCKED, absorb, open_fields
from rootwork.state.sync.kept_aside import KeptAside, chosen_value, kept_aside_in, rivals_to_merge
from rootwork.state.sync.merge import CONFLICT_KIND, SCHEDULED, replayed_schedule

T = TypeVar("T")


def _draft_name(name: str) -> str:
    return required_text(clean_text(name, max_len=SHORT_MAX, field="draft name"), "draft name")


class Store(Entries, SafetyPlans):
    """The user's journal. Build it with ``Store.open(data_dir)`` or ``Store.in_memory()``."""

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None, codec: FileCodec | None = None) -> Store:
        """Open (or create) the journal in ``data_dir``, recovering from a damaged file.

        A journal in a folder that cannot be written (a read-only disk, another
        user's folder) opens read-only, with a notice saying why. An encrypted
        folder needs ``codec`` to hold (or ask for) its passphrase (``PassphraseNeeded``,
        ``WrongPassphrase`` otherwise, before anything is touched); the passphrase is
        dropped once the journal is open.
        """
        codec = codec or FileCodec()
        try:
            store = open_store(cls, data_dir, clock, codec)
            replaced = store.written_elsewhere() is not None  # before a merge writes it: not the file saved here last
            store._merge_copies()  # noqa: SLF001 - the class's own step of opening: conflict copies left beside it
            if replaced:
                restore(store)  # what this machine saved, if the file that replaced its own lacks it
            store._merge_settled_rivals()  # noqa: SLF001 - the class's own step of opening
        finally:
            codec.forget_passphrase()  # from here on only the folder's identity is held (codec.py)
        return store

    def rewrite_files(self, change: Callable[[Path], T]) -> T:
        """Run ``change(data_dir)`` under the process lock, the journal read first, then read it again.

        For what rewrites the folder's files beside the store (``rootwork encrypt``,
        ``decrypt``, ``passphrase``: ``state.encryption.folder``): no other rootwork
        writes meanwhile, and reads afterwards see the files as they are now.
        """
        if self.data_dir is None or self.read_only:
            raise ReadOnlyStore("This journal is open read-only, so its files cannot be rewritten.")
        with self._storage.lock:
            self._storage.read()
            try:
                return change(self.data_dir)
            finally:
                self._storage.close()  # forgets the file as last read: the next read takes it as it is now
                self._storage.read()
                self._publish()

    def journal_tables(self) -> Mapping[str, Any]:
        """The journal's tables as stored (to read only: never change what this returns)."""
        return self._tables()

    @property
    def codec(self) -> FileCodec:
        """How this journal's files are read and written (plain or age; codec.py)."""
        codec = self._storage.codec  # the file's; none in memory
        if codec is not None:
            return codec
        if self._plain_codec is None:
            self._plain_codec = FileCodec()
        return self._plain_codec

    @classmethod
    def in_memory(cls, *, clock: Clock | None = None) -> Store:
        """Return an empty journal held in memory (for tests and trying things out)."""
        store = cls(TransactionalMemoryStorage(), data_dir=None, clock=clock)
        store.initialise()
        return store

    # ------------------------------------------------------------- kept aside

    def kept_aside(self) -> list[KeptAside]:
        """Every field changed on two machines without either seeing the other (``state.sync.kept_aside``)."""
        return kept_aside_in(self._tables())

    def kept_aside_count(self) -> int:
        """How many answers are kept aside: a cheap look at each record's clock, for Today's one line."""
        tables = self._tables()
        count = 0
        for name in CLOCKED:
            for doc in (tables.get(name) or EMPTY_TABLE).values():
                clock = doc.get("clock")
                if clock and clock.get("open"):
                    count += len(open_fields(doc))
        if self._meta_all(CONFLICT_KIND):  # rivals from journals merged before a day's records had one id
            count += sum(1 for item in kept_aside_in(tables) if item.rival_id)
        return count

    def resolve_kept_aside(self, key: str, keep: str) -> KeptAside:
        """Keep "mine", "theirs" or "both" in the field named ``key``: an ordinary edit, which syncs.

        ``NotFound`` when nothing is kept aside under ``key`` (settled here or
        on another machine meanwhile); ``ValidationError`` when ``keep`` cannot
        be done ("both" for a number).
        """
        with self._writing():
            found = [item for item in kept_aside_in(self._tables()) if item.key == key]
            if not found:
                raise NotFound("Nothing is kept aside under that name (it may have been settled already).")
            item = found[0]
            try:
                value = chosen_value(item, keep, self.machine_id)
            except ValueError as error:
                raise ValidationError("keep", str(error)) from None
            if item.rival_id:
                self._absorb_rival(item.table, item.record_id, item.rival_id)
            stored = next(d for d in self._view(item.table).items if d.id == item.record_id)
            doc = {**CONVERTERS[item.table][0](self._touched(stored)), item.field: value}
            CONVERTERS[item.table][1](doc)  # the value must be one the record can hold
            self._replace(item.table, doc, resolved=(item.field,))
        return item

    def _merge_settled_rivals(self) -> None:
        """Merge in each record of the conflict log that differs in no answer from the one that kept its day
        (practice): nothing to choose, and a practice's history then follows it. Best effort, at opening."""
        if self.read_only or not self._meta_all(CONFLICT_KIND):
            return
        try:
            with self._writing():
                for table, keeper_id, rival_id in rivals_to_merge(self._tables()):
                    self._absorb_rival(table, keeper_id, rival_id)
        except StoreError:  # a full disk, say: the rival stays in the log, tried again next time
            pass

    def _absorb_rival(self, table_name: str, record_id: str, rival_id: str) -> None:
        """Inside a write: merge the rival ``rival_id`` into its record and take it out of the conflict log.

        Its other answers that differ are then kept aside in the record itself
        (``causal.absorb``), and every merge drops the rival from then on. A
        practice's reviews follow it (newer versions of them, so they win in
        every merge) and its schedule is replayed from all of them.
        """
        meta = self._db.table("meta", cache_size=0)
        entry = next(d for d in meta.all() if d.get("kind") == CONFLICT_KIND and d["record"].get("id") == rival_id)
        table = self._db.table(table_name, cache_size=0)
        key = self._view(table_name).keys[record_id]
        current = table.get(doc_id=key)
        assert current is not None, "the record the rival is folded into is in its table"
        folded = absorb(current, entry["record"])
        if table_name in SCHEDULED:  # its reviews are the record's history now: they follow it (newer versions)
            reviews = self._db.table("reviews", cache_size=0)
            now, history = self._now(), []
            for stored in reviews.all():
                if stored.get("item_id") == rival_id:
                    rev = stored["rev"] if type(stored.get("rev")) is int else 0
                    moved = {**stored, "item_id": record_id, "rev": next_rev(rev), "updated_at": now}
                    reviews.remove(doc_ids=[stored.doc_id])
                    reviews.insert(Document(moved, doc_id=stored.doc_id))
                    self._written.append(("reviews", moved))
                    history.append(moved)
                elif stored.get("item_id") == record_id:
                    history.append(stored)
            folded = {**folded, "schedule": replayed_schedule(folded, table_name, history)}
        table.remove(doc_ids=[key])
        table.insert(Document(folded, doc_id=key))
        meta.remove(doc_ids=[entry.doc_id])

    # ------------------------------------------------------------ the disclaimer

    def disclaimer_acknowledged(self) -> bool:
        """True once the user has read and accepted the disclaimer."""
        return self._meta("disclaimer") is not None

    def acknowledge_disclaimer(self) -> None:
        """Remember that the disclaimer was accepted."""
        with self._writing():
            if self._meta("disclaimer") is None:
                self._put_meta("disclaimer", {"acknowledged_at": self._now()})

    # ----------------------------------------------------- drafts, self-checks

    def save_draft(self, name: str, data: dict[str, Any]) -> None:
        """Keep an unfinished form's contents (JSON values only) until it is saved or cleared.

        Drafts go to ``drafts.json`` beside the journal, never into it (see drafts.py).
        """
        name = _draft_name(name)
        if not isinstance(data, dict):
            raise ValidationError("draft", "A draft must be a set of named values.")
        try:
            serialise(data)
        except (TypeError, ValueError):
            raise ValidationError("draft", "This draft holds something that cannot be saved.") from None
        if self.read_only:
            raise ReadOnlyStore("This journal is open read-only, so drafts cannot be kept.")
        try:
            self._drafts().put(name, data, self._now())
        except OSError as error:
            raise SaveFailed(f"The draft could not be kept ({error.strerror or error}).") from error

    def draft(self, name: str) -> dict[str, Any] | None:
        """Return the draft saved under ``name``, if any (one kept in the journal by an older version too)."""
        kept = self._drafts().get(name)
        if kept is not None:
            return kept
        doc = self._meta("draft", name)
        return copy.deepcopy(doc["data"]) if doc and isinstance(doc.get("data"), dict) else None

    def clear_draft(self, name: str) -> None:
        """Forget the draft saved under ``name`` (and an older version's copy of it in the journal)."""
        name = _draft_name(name)
        if self.read_only:
            raise ReadOnlyStore("This journal is open read-only, so drafts cannot be changed.")
        try:
            self._drafts().remove(name)
        except OSError as error:
            raise SaveFailed(f"The draft could not be cleared ({error.strerror or error}).") from error
        if self._meta("draft", name) is not None:
            with self._writing():
                doc = self._meta("draft", name)
                if doc is not None:
                    self._db.table("meta", cache_size=0).remove(doc_ids=[self._view("meta").keys[doc["id"]]])

    def _drafts(self) -> DraftBox:
        if self._draft_box is None:
            path = None if self.data_dir is None else drafts_path(self.data_dir)
            self._draft_box = DraftBox(path, self._storage.lock, self.codec)
        return self._draft_box

    def save_selfcheck(self, recognised: list[str], scores: dict[str, int], day: date) -> Doc:
        """Keep one self-check result; returns it as stored (``day`` as an ISO string)."""
        recognised = [clean_text(item, max_len=SHORT_MAX, field="sign") for item in recognised]
        if not isinstance(scores, Mapping):
            raise ValidationError("scores", "The scores must be numbers by cause.")
        clean_scores = {}
        for key, value in scores.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError("scores", "Each score must be a whole number, zero or more.")
            clean_scores[clean_text(key, max_len=SHORT_MAX, field="cause")] = value
        fields = {"day": day_to_str(day), "recognised": recognised, "scores": clean_scores}
        now = self._now()
        doc = {"id": new_id(), "created_at": now, "updated_at": now, "kind": "selfcheck", **fields}
        with self._writing():
            self._insert("meta", doc)
        return copy.deepcopy(doc)

    def selfchecks(self) -> list[Doc]:
        """Return the self-check results, newest first."""
        docs = sorted(
            self._meta_all("selfcheck"),
            key=lambda d: (str(d.get("day", "")), str(d.get("created_at", ""))),
            reverse=True,
        )
        return copy.deepcopy(docs)

    def focus(self) -> list[str]:
        """Return the cause ids the user chose to focus on."""
        doc = self._meta("focus")
        return list(doc.get("cause_ids", [])) if doc else []

    def set_focus(self, cause_ids: list[str]) -> None:
        """Choose the causes to focus on (order kept, duplicates dropped)."""
        cleaned = [clean_text(c, max_len=SHORT_MAX, field="cause") for c in cause_ids]
        cleaned = list(dict.fromkeys(c for c in cleaned if c))
        with self._writing():
            self._put_meta("focus", {"cause_ids": cleaned})

    # ---------------------------------------------------------- export, import

    def export_data(self, *, safety_plan: bool = False) -> dict[str, Any]:
        """Return the whole journal as JSON-ready data, with its schema version.

        Records keep their clocks (which edit saw which), so importing an
        export merges by the same rule as syncing (``state.store.importing``).
        The safety plan is in it only when asked for (``safety_plan``): an
        export is often made to be shown or kept elsewhere.
        """
        with self._storage.lock.thread_lock:
            tables = self._tables()
            data: dict[str, Any] = {
                "app": "rootwork",
                "schema_version": SCHEMA_VERSION,
                "exported_at": self._now(),
            }
            for name in TABLES:
                if name == "safety" and not safety_plan:
                    continue
                docs = list((tables.get(name) or EMPTY_TABLE).values())
                docs.sort(key=lambda d: (str(d.get("created_at", "")), str(d.get("id", ""))))
                data[name] = docs
            return parse(serialise(data))  # a deep copy the caller may change freely

    def import_data(self, data: dict[str, Any]) -> ImportResult:
        """Merge an export into this journal without duplicates; return counts added and updated.

        A file that is not an export raises ``ValidationError`` and changes
        nothing; a bad record in a good file is skipped, and the result's
        ``notes`` name every record skipped or replaced, and why.
        """
        return import_export(self, data)

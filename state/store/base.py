"""The store's plumbing (transactions, indexed reads, the primitive writes every method uses) and settings.

Every write is one transaction (``_writing``: thread lock + ``flock`` on
``rootwork.lock``, staged TinyDB writes, one atomic file write at the end); a
failed write raises ``SaveFailed`` and leaves the file and the in-memory state
as they were; a file a newer version has written since it was opened is
never written (``_refuse_newer``); the first commit of a rootwork day writes
that day's backup, still under the lock. Reads come through ``_view``
(``index.py``), rebuilt only when its table's dict changed; in snapshot mode
(the app), from the published ``Snapshot`` with no lock (``snapshot.py``).
Documents are never mutated in place: ``_replace`` removes and re-inserts a
document under the same TinyDB id, with its clock stamped (``state.sync.causal``).
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar, overload

from tinydb import TinyDB
from tinydb.table import Document

from rootwork.state.encryption.codec import ENCRYPTION_CHANGED, ENCRYPTION_CHANGED_WORDS, FileCodec
from rootwork.state.files.locations import backups_dir, database_path
from rootwork.state.journal_file.backups import write_daily_backup
from rootwork.state.journal_file.layout import DEFERRED, Journal, Table
from rootwork.state.journal_file.storage import AtomicJSONStorage, TransactionalMemoryStorage, storage_factory
from rootwork.state.records.convert import Doc, new_id, next_rev, utc_stamp
from rootwork.state.records.days import local_day
from rootwork.state.records.errors import ReadOnlyStore, SaveFailed
from rootwork.state.records.model import Checkin, PlanItem, Reframe, Review
from rootwork.state.records.safety_plan import SafetyPlan
from rootwork.state.store.copies import merge_copies
from rootwork.state.store.index import EMPTY_JOURNAL, TableView, build_view, table_in
from rootwork.state.store.outbox import Outbox, restore
from rootwork.state.store.schema import (
    DEFAULT_SETTINGS,
    EAGER_TABLES,
    NEWER_WHILE_OPEN,
    SCHEMA_VERSION,
    TABLES,
    Clock,
    new_journal,
    schema_version_of,
    system_clock,
)
from rootwork.state.store.snapshot import Snapshot, first_snapshot, next_snapshot
from rootwork.state.store.validate import check_setting
from rootwork.state.sync.causal import CLOCKED, stamp
from rootwork.state.sync.machine import MACHINE_KIND, actor_for, machine_id, remember_written, written_elsewhere
from rootwork.state.sync.names import displaced_name

if TYPE_CHECKING:
    from rootwork.state.store.drafts import DraftBox

T = TypeVar("T")
#: A journal record the store stamps when it writes one.
Record = TypeVar("Record", bound=Checkin | PlanItem | Reframe | Review | SafetyPlan)


LOCKED_WHILE_OPEN = ENCRYPTION_CHANGED_WORDS


class StoreBase:
    """What every part of ``Store`` builds on; not used on its own."""

    def __init__(
        self,
        storage: AtomicJSONStorage | TransactionalMemoryStorage,
        *,
        data_dir: Path | None,
        clock: Clock | None,
        notices: list[str] | None = None,
    ) -> None:
        self._storage = storage
        self._db = TinyDB(storage=storage_factory(storage))
        self._clock = clock or system_clock
        self.data_dir = data_dir
        #: Plain sentences about what happened on open (or to a backup), for the UI to show once.
        self.notices: list[str] = list(notices or [])
        self._views: dict[str, TableView[Any]] = {}
        self._revisions = itertools.count(1)
        self._snapshot: Snapshot | None = None
        self._noted: set[str] = set()
        self._found: dict[tuple[Hashable, ...], tuple[Table, Any]] = {}  # see _before_view; answers of any type
        self._publishing = threading.Lock()  # only ever held while building views, never across I/O
        self._eager_done = False
        self._backup_day: date | None = None
        self._draft_box: DraftBox | None = None  # core.Store._drafts() builds it on first use
        self._machine: str | None | Literal[False] = False  # machine_id reads (or makes) it on first use
        self._writer: str | None = None  # _actor makes it on the first write
        self._written: list[tuple[str, Doc]] = []  # what the transaction under way wrote, for the outbox
        self._plain_codec: FileCodec | None = None  # the codec of a storage that has none (in memory)
        #: Conflict copies refused once (unreadable, foreign) by ``copies.merge_copies``: not tried again unchanged.
        self.refused_copies: set[tuple[str, int, int]] = set()
        self.outbox = (
            Outbox(data_dir, storage.codec, lambda: self.machine_id)
            if data_dir is not None and isinstance(storage, AtomicJSONStorage)
            else None
        )
        storage.check_data = self._refuse_newer
        if data_dir is not None and isinstance(storage, AtomicJSONStorage):
            storage.keep_displaced_as = lambda n: Path(data_dir) / displaced_name(self._clock(), n)

    def initialise(self) -> None:
        """Write a new, empty journal (opening.py, when there is none yet): a step of opening, not for callers."""
        with self._storage.transaction():
            self._storage.write(new_journal(self._now()))

    def load_all(self) -> None:
        """Index what opening must check at once (opening.py): a step of opening, not for callers."""
        # Builds now the small indexes (the plan), so a damaged entry is among the notices. The rest (nearly
        # all of a long journal) is indexed on first use (the app: just after its first paint, ``warm``), a
        # damaged entry reported then; until then the app's Today converts only what it shows (``_before_view``).
        self._note_unreadable(sum(self._view(name).unreadable for name in EAGER_TABLES))
        self._eager_done = True

    def _note_unreadable(self, skipped: int) -> None:
        if skipped:
            self.notices.append(
                "1 entry in your journal could not be read and is not shown. It is kept in the file as it is."
                if skipped == 1
                else f"{skipped} entries in your journal could not be read "
                "and are not shown. They are kept in the file as they are."
            )

    @contextmanager
    def transaction(self) -> Iterator[Self]:
        """Group reads and writes into one locked change, written once at the end (or not at all): other processes
        wait meanwhile, so what is read inside cannot change before it is written back."""
        with self._writing():
            yield self

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved (a newer version's file, or an unreadable one)."""
        return self._storage.read_only

    def use_snapshots(self) -> None:
        """Answer reads from the last published snapshot from now on (for the app's event loop).

        Reads then never wait for the lock or parse the file: this process's
        commits publish a new snapshot as they finish, and ``refresh`` (run off
        the event loop) publishes another process's changes.
        """
        with self._publishing:
            if self._snapshot is None:
                self._snapshot = first_snapshot(self._storage.published, self._views)

    def warm(self) -> None:
        """Build now the views left for first use (the reviews), so that first read finds them ready.

        Slow on a long journal: the app runs it on its store thread once the first screen is painted."""
        # The reviews (parsed only now) first: the parse's memory is given back before the rest is converted.
        for name in sorted(TABLES, key=lambda name: name not in DEFERRED):
            self._view(name)

    def refresh(self) -> bool:
        """Re-read the journal if another process changed it; True if that changed what reads return.

        Merges conflict copies, checks the file (a stat; a parse if it changed) and, if another program
        changed it, that it holds what was saved here (``state.store.outbox``): run it off the event loop.
        """
        outside = self._storage.published[1]
        merged = self._merge_copies()
        before = self._snapshot.outside_changes if self._snapshot is not None else None
        self._storage.read()
        self._publish()  # before the look below: it reads what is published
        if self._storage.published[1] != outside:  # another program's file: does it hold what was saved here?
            merged = restore(self) or merged  # type: ignore[arg-type]  # self is a Store (core.py): restore needs its journal_tables
        return merged or (self._snapshot is not None and self._snapshot.outside_changes != before)

    def _publish(self) -> None:
        with self._publishing:
            old = self._snapshot
            if old is not None and old.generation != self._storage.published[0]:
                self._snapshot = next_snapshot(old, self._storage.published, self._revisions, self._views)

    def close(self) -> None:
        """Release the database (the file is never held open between operations)."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _now(self) -> str:
        return utc_stamp(self._clock())

    def now(self) -> datetime:
        """The store's clock now (injected in tests)."""
        return self._clock()

    def stamp_now(self) -> str:
        """The store's clock now as the UTC stamp records carry."""
        return self._now()

    def write_raw(self, change: Callable[[Journal], tuple[Journal, list[tuple[str, Doc]]] | None]) -> None:
        """One locked write of the journal's documents as ``change`` makes them from those saved.

        ``change`` gets the journal as it is on disk and returns the new journal and the
        documents it wrote (``(table, doc)``, kept in this machine's outbox), or None to
        write nothing. For merges of whole journals (``state.store.copies``).
        """
        with self._writing():
            changed = change(self._storage.read() or {})
            if changed is not None:
                journal, written = changed
                self._storage.write(journal)
                self._written.extend(written)

    def _reading_snapshot(self) -> Snapshot | None:
        snapshot = self._snapshot  # unless snapshots are off or this thread is inside its own transaction
        return None if snapshot is None or self._storage.in_transaction() else snapshot

    def _tables(self) -> Journal:
        snapshot = self._reading_snapshot()
        return snapshot.tables if snapshot is not None else self._storage.read() or EMPTY_JOURNAL

    @overload
    def _view(self, name: Literal["checkins"]) -> TableView[Checkin]: ...
    @overload
    def _view(self, name: Literal["plan"]) -> TableView[PlanItem]: ...
    @overload
    def _view(self, name: Literal["reframes"]) -> TableView[Reframe]: ...
    @overload
    def _view(self, name: Literal["reviews"]) -> TableView[Review]: ...
    @overload
    def _view(self, name: Literal["safety"]) -> TableView[SafetyPlan]: ...
    @overload
    def _view(self, name: Literal["meta"]) -> TableView[Doc]: ...
    @overload
    def _view(self, name: str) -> TableView[Any]: ...

    def _view(self, name: str) -> TableView[Any]:
        """Table ``name``'s view, its entries as ``CONVERTERS`` makes them (``meta``: the documents)."""
        snapshot = self._reading_snapshot()
        if snapshot is not None:
            shown, built = snapshot.view(name, self._revisions)
            if built:
                self._note_lazy(name, shown)
            return shown
        with self._storage.lock.thread_lock:
            source = table_in(self._tables(), name)
            view = self._views.get(name)
            if view is None or view.source is not source:
                first = view is None
                view = build_view(name, source, view)
                view.revision = next(self._revisions)
                self._views[name] = view
                if first:
                    self._note_lazy(name, view)
            return view

    def _before_view(self, name: str, key: tuple[Hashable, ...], find: Callable[[Table], T | None]) -> T | None:
        """``find`` over table ``name``'s raw documents while the app's snapshot has no view of it yet; else None.

        Only the app reads this way (snapshot mode), for its first screen: the
        warm-up builds the view just after, and reports damaged entries then.
        Elsewhere (the command line) reads build the view, so a command reports
        the damaged entries of every table it reads. Answers are kept (by
        ``key``) while the table is the same dict, so a screen that reads the
        same thing three times while painting converts it once.
        """
        snapshot = self._reading_snapshot()
        if snapshot is None or name in snapshot.views:
            return None
        source = table_in(snapshot.tables, name)
        kept = self._found.get((name, *key))
        if kept is not None and kept[0] is source:
            answer: T | None = kept[1]  # kept by this very question (``key``), so of its type
            return answer
        answer = find(source)
        if len(self._found) > 32:
            self._found.clear()
        self._found[(name, *key)] = (source, answer)
        return answer

    def _note_lazy(self, name: str, view: TableView[Any]) -> None:
        # A table indexed on first use reports its damaged entries then, once.
        if self._eager_done and name not in EAGER_TABLES and name not in self._noted:
            self._noted.add(name)
            self._note_unreadable(view.unreadable)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction; OSError becomes SaveFailed. What follows a commit (``_after_commit``) runs
        under the lock, so no other rootwork process runs between the journal's rename and its backup."""
        if self.read_only:
            raise ReadOnlyStore("This journal is open read-only, so changes cannot be saved.")
        if not self._storage.in_transaction():
            self._written, outside = [], self._storage.published[1]
        try:
            with self._storage.lock:
                try:
                    with self._storage.transaction():
                        yield
                        if self._storage.pending:
                            self._stamp_machine()
                except ReadOnlyStore:
                    raise
                except ENCRYPTION_CHANGED as error:
                    raise SaveFailed(LOCKED_WHILE_OPEN) from error
                except OSError as error:
                    reason = error.strerror or str(error) or type(error).__name__
                    raise SaveFailed(
                        f"Your change could not be saved ({reason}). Your journal is as it was before."
                    ) from error
                self._after_commit()
        finally:
            # Even after a failure: the transaction may have read another process's changes.
            self._publish()
        if self._storage.displaced:  # a sync tool renamed its file in during this save: merged back, never lost
            self._storage.displaced.clear()
            self._merge_copies()
        elif not self._storage.in_transaction() and self._storage.published[1] != outside:
            # The save read another program's file: is all saved here in it?
            restore(self)  # type: ignore[arg-type]  # self is a Store (core.py): restore needs its journal_tables

    def _merge_copies(self) -> bool:
        """Merge the conflict copies beside the journal (``state.store.copies``); True if the journal changed."""
        return merge_copies(self)  # type: ignore[arg-type]  # self is a Store (core.py), which copies.py takes

    @property
    def machine_id(self) -> str | None:
        """This machine's id for the data folder (``state.sync.machine``); None in memory or when it cannot be kept."""
        machine = self._machine
        if machine is False:
            machine = self._machine = None if self.data_dir is None else machine_id(self.data_dir)
        return machine

    def _stamp_machine(self) -> None:
        """Inside a write: name this machine in the journal, once (``state.sync.machine``: nothing more per write)."""
        machine, now = self.machine_id, self._now()  # its id is the machine id: one per machine, whatever merges
        if machine is not None and self._meta(MACHINE_KIND, machine) is None:
            self._insert(
                "meta",
                {
                    "id": machine,
                    "created_at": now,
                    "updated_at": now,
                    "kind": MACHINE_KIND,
                    "name": machine,
                    "last_write_at": now,
                },
            )

    def written_elsewhere(self) -> str | None:
        """The journal file as it is now, when another machine wrote it (``state.sync.machine.written_elsewhere``)."""
        if self.data_dir is None or self.machine_id is None:
            return None
        return written_elsewhere(self.data_dir, database_path(self.data_dir))

    def _refuse_newer(self, data: Journal | None) -> None:
        """Storage hook, under the lock before every write: a newer version's file is never written."""
        if data is not None and schema_version_of(data) > SCHEMA_VERSION:
            self._storage.read_only = True
            raise ReadOnlyStore(NEWER_WHILE_OPEN)

    def _after_commit(self) -> None:
        """Note the file this machine wrote; the rootwork day's first commit copies it to ``backups/`` (under the lock)."""
        payload = self._storage.last_payload
        if self.data_dir is None or payload is None:
            return
        if self.machine_id is not None:
            remember_written(self.data_dir, database_path(self.data_dir))
        if self.outbox is not None:
            self.outbox.remember(self._written, self._clock())
        day = local_day(self._clock().astimezone(), self.setting("day_start_hour"))
        if self._backup_day == day:
            return
        self._backup_day = day
        try:
            write_daily_backup(backups_dir(self.data_dir), day, payload)
        except OSError as error:
            self.notices.append(
                f"Today's backup copy could not be written ({error.strerror or error}). Your journal itself was saved."
            )

    def _next_key(self, name: str) -> int:
        source = table_in(self._tables(), name)
        return max(map(int, source), default=0) + 1

    def _insert(self, name: str, doc: Doc) -> Doc:
        if name in CLOCKED:  # its clock: every field written here, now (state/sync/causal.py)
            doc = stamp(None, doc, self._actor())
        self._written.append((name, doc))
        self._db.table(name, cache_size=0).insert(Document(doc, doc_id=self._next_key(name)))
        return doc  # as stored, with its clock

    def _replace(self, name: str, doc: Doc, resolved: tuple[str, ...] = ()) -> Doc:
        key = self._view(name).keys[doc["id"]]
        table = self._db.table(name, cache_size=0)
        if name in CLOCKED:  # the fields this save changed (or ``resolved``) get its dot; the rest keep theirs
            doc = stamp(table.get(doc_id=key), doc, self._actor(), resolved=resolved)
        self._written.append((name, doc))
        table.remove(doc_ids=[key])
        table.insert(Document(doc, doc_id=key))
        return doc  # as stored, with its clock

    def _actor(self) -> str:  # who writes, in clocks: new for each opening (state.sync.machine.actor_for)
        self._writer = self._writer or actor_for(self.machine_id)
        return self._writer

    def _stamped_new(self, obj: Record, record_id: str | None = None) -> Record:
        now = self._now()
        return replace(obj, id=record_id or new_id(), created_at=now, updated_at=now, rev=1)

    def _touched(self, obj: Record, **changes: Any) -> Record:
        """``obj`` with ``changes``, stamped as written now: its revision one more than the stored one."""
        return replace(obj, **changes, updated_at=self._now(), rev=next_rev(obj.rev))

    # ---------------------------------------------------------------- settings

    def _meta(self, kind: str, name: str | None = None) -> Doc | None:
        for doc in self._view("meta").items:
            if doc.get("kind") == kind and (name is None or doc.get("name") == name):
                return doc
        return None

    def _meta_all(self, kind: str) -> list[Doc]:
        return [doc for doc in self._view("meta").items if doc.get("kind") == kind]

    def _put_meta(self, kind: str, fields: Mapping[str, Any], name: str | None = None) -> Doc:
        """Insert or replace the meta document of ``kind`` (and ``name``); call inside ``_writing``."""
        now = self._now()
        existing = self._meta(kind, name)
        head = {"kind": kind} if name is None else {"kind": kind, "name": name}
        if existing is None:
            doc = {"id": new_id(), "created_at": now, "updated_at": now, **head, **fields}
            self._insert("meta", doc)
        else:
            doc = {**existing, **fields, "updated_at": now}
            self._replace("meta", doc)
        return doc

    def setting(self, key: str) -> Any:
        """Return a setting's value (its default until it is set)."""
        if key not in DEFAULT_SETTINGS:
            raise KeyError(key)
        doc = self._meta("settings")
        values = doc.get("values", {}) if doc else {}
        return copy.deepcopy(values.get(key, DEFAULT_SETTINGS[key]))

    def set_setting(self, key: str, value: Any) -> None:
        """Change a setting after checking its value."""
        value = check_setting(key, value)
        with self._writing():
            doc = self._meta("settings")
            values = dict(doc.get("values", {})) if doc else {}
            values[key] = value
            self._put_meta("settings", {"values": values})

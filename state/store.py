"""The journal: check-ins, thought records, the plan, reviews and settings over TinyDB.

One ``Store`` is handed to the UI and the command line. Every write is one
transaction (thread lock + ``flock`` on ``rootwork.lock``, staged TinyDB writes,
one atomic file write at the end); a failed write raises ``SaveFailed`` and
leaves the file and the in-memory state as they were. Reads come from the
storage's cached dict through per-table indexes that are rebuilt only when that
table's dict changes (TinyDB replaces a table's dict on every write to it, and a
re-read of the file replaces them all), and converted dataclasses are reused for
documents that did not change. Documents are never mutated in place: an update
removes and re-inserts the document under the same TinyDB id.

Meta documents carry a ``kind``: ``schema`` (``schema_version``), ``settings``
(``values``), ``disclaimer`` (``acknowledged_at``), ``draft`` (``name``,
``data``), ``selfcheck`` (``day``, ``recognised``, ``scores``) and ``focus``
(``cause_ids``).

Import merges the four journal tables and self-check results by id (check-ins
also by day, plan items also by practice id, the local id surviving), newer
``updated_at`` winning; settings, drafts, focus and the disclaimer stay as they
are on this machine.
"""

from __future__ import annotations

import bisect
import copy
import errno
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from state.backups import newest_valid_backup, secure_backups, write_daily_backup
from state.convert import (
    CONVERTERS,
    checkin_to_doc,
    day_from_str,
    day_to_str,
    new_id,
    plan_item_to_doc,
    reframe_to_doc,
    review_to_doc,
    utc_stamp,
)
from state.days import short_date
from state.errors import (
    AlreadyAdopted,
    NotFound,
    ReadOnlyStore,
    SaveFailed,
    StoreError,
    UnreadableDatabase,
    ValidationError,
)
from state.locations import backups_dir, database_path, lock_path
from state.model import Checkin, ItemKind, PlanItem, Rating, Reframe, Review
from state.schedule import new_schedule, pick_due, schedule_next
from state.storage import (
    AtomicJSONStorage,
    ProcessLock,
    TransactionalMemoryStorage,
    parse,
    remove_temp_files,
    secure_dir,
    secure_file,
    serialise,
    storage_factory,
    write_atomic,
)
from state.text import FIELD_MAX, NOTE_MAX, SHORT_MAX, clean_text

__all__ = [
    "DEFAULT_SETTINGS",
    "SCHEMA_VERSION",
    "TABLES",
    "AlreadyAdopted",
    "NotFound",
    "ReadOnlyStore",
    "SaveFailed",
    "Store",
    "StoreError",
    "ValidationError",
    "check_journal",
]

SCHEMA_VERSION = 1
TABLES = ("checkins", "reframes", "plan", "reviews", "meta")
JOURNAL_TABLES = ("checkins", "reframes", "plan", "reviews")
# Indexed when the journal is opened; the rest on first use.
EAGER_TABLES = ("checkins", "reframes", "plan")
DEFAULT_SETTINGS: dict[str, Any] = {
    "day_start_hour": 4,
    "daily_cap": 5,
    "first_weekday": 0,
    "reminder_time": "09:00",
    "theme": "textual-dark",
}

_EMPTY: dict = {}
# Why a folder cannot be written: a read-only disk, or no permission.
_UNWRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}
# How each table's entries are kept in memory (all oldest first; ties by creation, then by
# the order they were stored in, since timestamps have whole seconds).
_ORDER: dict[str, Callable[[Any], tuple]] = {
    "checkins": lambda c: (c.day, c.created_at),
    "plan": lambda p: (p.adopted_on, p.created_at),
    "reframes": lambda r: (r.day or date.min, r.created_at),
    "reviews": lambda r: (r.day, r.created_at),
}
Clock = Callable[[], datetime]


def _system_clock() -> datetime:
    return datetime.now(timezone.utc)


def check_journal(data: Any) -> int:
    """Return the schema version of a parsed journal, or raise ``UnreadableDatabase``.

    A journal is a JSON object holding every table as an object of documents,
    with a ``schema`` document in ``meta``. A newer version's file is accepted
    on its version alone (it is only ever opened read-only). A file holding
    journal tables but no schema document is version 0 (made before versions
    existed, or by plain TinyDB): it is migrated on open, never taken as damaged.
    """
    if not isinstance(data, dict):
        raise UnreadableDatabase("the file does not hold a JSON object")
    if not any(name in data for name in TABLES):
        raise UnreadableDatabase("the file holds none of the journal's tables")
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        raise UnreadableDatabase("the file's meta table is damaged")
    versions = [
        doc.get("schema_version")
        for doc in meta.values()
        if isinstance(doc, dict) and doc.get("kind") == "schema"
    ]
    if not versions:
        version = 0
    elif len(versions) != 1 or isinstance(versions[0], bool) or not isinstance(versions[0], int):
        raise UnreadableDatabase("the file has no schema version")
    else:
        version = versions[0]
    if version > SCHEMA_VERSION:
        return version
    for name in TABLES:
        table = data.get(name)
        if table is None and version == 0:
            continue  # plain TinyDB only writes the tables that were used
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise UnreadableDatabase(f"the file's {name} table is missing or damaged")
    return version


def migrate_journal(data: dict, version: int, now: str) -> dict:
    """Return ``data`` (a journal of the older schema ``version``) in this version's shape, as a new dict."""
    migrated = dict(data)
    if version < 1:
        # Version 0 has no schema document and may lack whole tables.
        for name in TABLES:
            migrated[name] = dict(data.get(name) or {})
        meta = migrated["meta"]
        key = max((int(k) for k in meta if k.isdigit()), default=0) + 1
        meta[str(key)] = {"id": new_id(), "created_at": now, "updated_at": now, "kind": "schema",
                          "schema_version": 1}
    return migrated


def _check_payload(payload: bytes) -> int:
    return check_journal(parse(payload))


def _usable_backup(payload: bytes) -> None:
    if _check_payload(payload) > SCHEMA_VERSION:
        raise UnreadableDatabase("the backup is from a newer version")


def _upgraded(payload: bytes, clock: Clock) -> bytes:
    """A backup's bytes in this version's shape (the same bytes when it is already)."""
    version = _check_payload(payload)
    if version == SCHEMA_VERSION:
        return payload
    return serialise(migrate_journal(parse(payload), version, utc_stamp(clock())))


@dataclass
class _View:
    """One table's documents, converted and indexed, valid while ``source`` is the table's dict."""

    source: dict
    cache: dict[int, tuple[dict, Any]]
    by_id: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    items: list[Any] = field(default_factory=list)
    unreadable: int = 0
    revision: int = 0
    # Table-specific indexes.
    by_day: dict[date, Checkin] = field(default_factory=dict)
    days: list[date] = field(default_factory=list)
    by_item: dict[str, list[Review]] = field(default_factory=dict)


class Store:
    """The user's journal. Build it with ``Store.open(data_dir)`` or ``Store.in_memory()``."""

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
        self._clock = clock or _system_clock
        self.data_dir = data_dir
        #: Plain sentences about what happened on open (or to a backup), for the UI to show once.
        self.notices: list[str] = list(notices or [])
        self._views: dict[str, _View] = {}
        self._revisions = 0
        self._eager_done = False
        self._backup_day: date | None = None

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, data_dir: Path, *, clock: Clock | None = None) -> Store:
        """Open (or create) the journal in ``data_dir``, recovering from a damaged file.

        A journal in a folder that cannot be written (a read-only disk, another
        user's folder) opens read-only, with a notice saying why.
        """
        data_dir, clock = Path(data_dir), clock or _system_clock
        try:
            return cls._open(data_dir, clock)
        except OSError as error:
            if error.errno not in _UNWRITABLE or not database_path(data_dir).is_file():
                raise
            return cls._open_unwritable(data_dir, clock, error)

    @classmethod
    def _open_unwritable(cls, data_dir: Path, clock: Clock, error: OSError) -> Store:
        """Show a journal whose folder cannot be written, read-only and in memory; never write anything."""
        data = parse(database_path(data_dir).read_bytes())
        version = check_journal(data)
        if version < SCHEMA_VERSION:
            data = migrate_journal(data, version, utc_stamp(clock()))  # in memory only
        notice = (
            f"Your journal's folder {data_dir} cannot be written ({error.strerror or error}), so rootwork "
            "has opened your journal read-only: you can look through it, but nothing you change will be saved."
        )
        storage = TransactionalMemoryStorage(read_only=True, initial=data)
        store = cls(storage, data_dir=None, clock=clock, notices=[notice])
        store.data_dir = data_dir
        store._load_all()
        return store

    @classmethod
    def _open(cls, data_dir: Path, clock: Clock) -> Store:
        secure_dir(data_dir)
        lock = ProcessLock.for_path(lock_path(data_dir))
        db_file = database_path(data_dir)
        notices: list[str] = []
        with lock:
            secure_file(lock_path(data_dir))
            # Under the lock, so a temp file another rootwork is writing right now is never touched.
            remove_temp_files(data_dir)
            remove_temp_files(backups_dir(data_dir))
            secure_backups(backups_dir(data_dir))
            storage = AtomicJSONStorage(db_file, lock=lock)
            if db_file.exists():
                secure_file(db_file)
                try:
                    # The storage parses the file once here and keeps it: checking
                    # it first and letting the storage read it again would parse
                    # five years of journal twice on every start.
                    version = check_journal(storage.read())
                except (UnreadableDatabase, OSError) as problem:
                    store = cls._recover(data_dir, db_file, clock, problem, notices)
                    if store is not None:
                        return store
                    storage = AtomicJSONStorage(db_file, lock=lock)
                else:
                    if version > SCHEMA_VERSION:
                        storage.read_only = True
                        notices.append(
                            "Your journal was saved by a newer version of rootwork, so this version "
                            "has opened it read-only to keep it safe. Update rootwork to make changes."
                        )
                    elif version < SCHEMA_VERSION:
                        cls._migrate_file(db_file, storage, version, clock, notices)
            else:
                cls._restore_missing(data_dir, db_file, clock, notices)
            store = cls(storage, data_dir=data_dir, clock=clock, notices=notices)
            if not db_file.exists():
                store._initialise()
            store._load_all()
        return store

    @classmethod
    def _recover(
        cls, data_dir: Path, db_file: Path, clock: Clock, problem: Exception, notices: list[str]
    ) -> Store | None:
        """Restore the newest usable backup (returns None to open it), or open read-only and empty."""
        found = None if isinstance(problem, OSError) else newest_valid_backup(backups_dir(data_dir), _usable_backup)
        if found is None:
            if isinstance(problem, OSError):
                # Not a damaged file but one we may not read (permissions, I/O):
                # restoring a backup over it would hide the real problem.
                why = f"could not be opened ({problem.strerror or problem})"
            else:
                why = "could not be read, and there is no backup to restore"
            notices.append(
                f"Your journal file {why}, so rootwork has opened read-only with nothing in it: "
                f"nothing you do now will be saved. Your file was left untouched at {db_file}."
            )
            storage = TransactionalMemoryStorage(read_only=True, initial=_empty_journal(utc_stamp(clock())))
            store = cls(storage, data_dir=data_dir, clock=clock, notices=notices)
            store._load_all()
            return store
        backup_day, _backup_file, payload = found
        payload = _upgraded(payload, clock)
        kept = _keep_aside(db_file, clock())
        # Only now is the damaged file replaced, atomically: if this fails, it is still
        # in place (and also kept aside), never swapped for an empty journal.
        try:
            write_atomic(db_file, payload)
        except OSError as error:
            raise SaveFailed(
                f"Your journal file could not be read, and restoring its backup failed "
                f"({error.strerror or error}). Nothing was changed; a copy of the file is at {kept}."
            ) from error
        notices.append(
            f"Your journal file could not be read, so rootwork restored {_backup_words(backup_day, clock)}. "
            f"The unreadable file was kept at {kept}."
        )
        return None

    @classmethod
    def _migrate_file(
        cls, db_file: Path, storage: AtomicJSONStorage, version: int, clock: Clock, notices: list[str]
    ) -> None:
        """Keep an older version's file aside, then rewrite it in this version's shape (one atomic write)."""
        kept = _keep_aside(db_file, clock(), kind=f"v{version}")
        try:
            with storage.transaction():
                storage.write(migrate_journal(storage.read() or {}, version, utc_stamp(clock())))
        except OSError as error:
            raise SaveFailed(
                f"Your journal was saved by an older version of rootwork and could not be updated "
                f"({error.strerror or error}). Nothing was changed; a copy of the file is at {kept}."
            ) from error
        notices.append(
            f"Your journal was saved by an older version of rootwork, so it has been updated for this one. "
            f"A copy of it as it was is kept at {kept}."
        )

    @classmethod
    def _restore_missing(cls, data_dir: Path, db_file: Path, clock: Clock, notices: list[str]) -> None:
        """A journal file that vanished while backups remain comes back from the newest one."""
        found = newest_valid_backup(backups_dir(data_dir), _usable_backup)
        if found is None:
            return
        backup_day, _backup_file, payload = found
        write_atomic(db_file, _upgraded(payload, clock))
        notices.append(
            f"Your journal file was missing, so rootwork restored {_backup_words(backup_day, clock)}. "
            f"Earlier backups are in {backups_dir(data_dir)}."
        )

    @classmethod
    def in_memory(cls, *, clock: Clock | None = None) -> Store:
        """Return an empty journal held in memory (for tests and trying things out)."""
        store = cls(TransactionalMemoryStorage(), data_dir=None, clock=clock)
        store._initialise()
        return store

    def _initialise(self) -> None:
        with self._storage.transaction():
            self._storage.write(_empty_journal(self._now()))

    def _load_all(self) -> None:
        # Builds the indexes the first screen needs now, so a damaged entry is
        # reported among the notices. The reviews (most of a long journal, and
        # read by no first screen) are indexed on first use; a damaged one is
        # reported then, in ``notices``.
        self._note_unreadable(sum(self._view(name).unreadable for name in EAGER_TABLES))
        self._eager_done = True

    def _note_unreadable(self, skipped: int) -> None:
        if skipped:
            if skipped == 1:
                said = "1 entry in your journal could not be read and is not shown. It is kept in the file as it is."
            else:
                said = (f"{skipped} entries in your journal could not be read and are not shown. "
                        "They are kept in the file as they are.")
            self.notices.append(said)

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group reads and writes into one locked change, written once at the end (or not at all).

        Other processes wait meanwhile, so what is read inside cannot change
        before it is written back (``rootwork checkin`` updating a day's entry).
        """
        with self._writing():
            yield self

    @property
    def read_only(self) -> bool:
        """True when nothing can be saved (a newer version's file, or an unreadable one)."""
        return self._storage.read_only

    def close(self) -> None:
        """Release the database (the file is never held open between operations)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---------------------------------------------------------------- plumbing

    def _now(self) -> str:
        return utc_stamp(self._clock())

    def _tables(self) -> dict:
        return self._storage.read() or _EMPTY

    def _view(self, name: str) -> _View:
        with self._storage.lock.thread_lock:
            source = self._tables().get(name) or _EMPTY
            view = self._views.get(name)
            if view is None or view.source is not source:
                first = view is None
                view = self._build_view(name, source, view)
                self._revisions += 1
                view.revision = self._revisions
                self._views[name] = view
                if first and self._eager_done and name not in EAGER_TABLES:
                    self._note_unreadable(view.unreadable)
            return view

    def _build_view(self, name: str, source: dict, old: _View | None) -> _View:
        convert = CONVERTERS[name][1] if name in CONVERTERS else None
        old_cache = old.cache if old is not None else {}
        view = _View(source=source, cache={})
        reused: set[int] = set()
        fresh: list[Any] = []
        for key, doc in source.items():
            hit = old_cache.get(id(doc))
            if hit is not None and hit[0] is doc:
                obj = hit[1]
                reused.add(id(obj))
            else:
                if convert is None:
                    obj = doc
                else:
                    try:
                        obj = convert(doc)
                    except (ValueError, TypeError, KeyError):
                        view.unreadable += 1
                        continue
                fresh.append(obj)
            view.cache[id(doc)] = (doc, obj)
            doc_id = doc.get("id")
            if isinstance(doc_id, str) and doc_id:
                view.by_id[doc_id] = obj
                view.keys[doc_id] = int(key)
        base = _ORDER.get(name)
        keys = view.keys

        def order(obj: Any) -> tuple:
            return (*base(obj), keys.get(obj.id, 0), obj.id)

        if base is None:
            view.items = [obj for _doc, obj in view.cache.values()]
        elif old is not None and len(fresh) <= 64:
            # The usual write changes a document or two: keep the old order and
            # place the new ones, instead of sorting twenty thousand reviews again.
            view.items = [obj for obj in old.items if id(obj) in reused]
            for obj in fresh:
                bisect.insort(view.items, obj, key=order)
        else:
            view.items = sorted((obj for _doc, obj in view.cache.values()), key=order)
        if name == "checkins":
            view.by_day = {c.day: c for c in view.items}
            view.days = list(view.by_day)
        elif name == "reviews":
            view.days = [r.day for r in view.items]
            for review in view.items:
                view.by_item.setdefault(review.item_id, []).append(review)
        return view

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction; OSError becomes SaveFailed, and the day's backup follows a commit."""
        if self.read_only:
            raise ReadOnlyStore("This journal is open read-only, so changes cannot be saved.")
        try:
            with self._storage.transaction():
                yield
        except ReadOnlyStore:
            raise
        except OSError as error:
            reason = error.strerror or str(error) or type(error).__name__
            raise SaveFailed(
                f"Your change could not be saved ({reason}). Your journal is as it was before."
            ) from error
        self._after_commit()

    def _after_commit(self) -> None:
        payload = self._storage.last_payload
        if self.data_dir is None or payload is None:
            return
        day = self._clock().astimezone().date()
        if self._backup_day == day:
            return
        self._backup_day = day
        try:
            write_daily_backup(backups_dir(self.data_dir), day, payload)
        except OSError as error:
            self.notices.append(
                f"Today's backup copy could not be written ({error.strerror or error}). "
                "Your journal itself was saved."
            )

    def _next_key(self, name: str) -> int:
        source = self._tables().get(name) or _EMPTY
        return max(map(int, source), default=0) + 1

    def _insert(self, name: str, doc: dict) -> None:
        self._db.table(name, cache_size=0).insert(Document(doc, doc_id=self._next_key(name)))

    def _replace(self, name: str, doc: dict) -> None:
        key = self._view(name).keys[doc["id"]]
        table = self._db.table(name, cache_size=0)
        table.remove(doc_ids=[key])
        table.insert(Document(doc, doc_id=key))

    def _stamped_new(self, obj: Any) -> Any:
        now = self._now()
        return replace(obj, id=new_id(), created_at=now, updated_at=now)

    # ---------------------------------------------------------------- settings

    def _meta(self, kind: str, name: str | None = None) -> dict | None:
        for doc in self._view("meta").items:
            if doc.get("kind") == kind and (name is None or doc.get("name") == name):
                return doc
        return None

    def _meta_all(self, kind: str) -> list[dict]:
        return [doc for doc in self._view("meta").items if doc.get("kind") == kind]

    def _put_meta(self, kind: str, fields: Mapping[str, Any], name: str | None = None) -> dict:
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
        value = _check_setting(key, value)
        with self._writing():
            doc = self._meta("settings")
            values = dict(doc.get("values", {})) if doc else {}
            values[key] = value
            self._put_meta("settings", {"values": values})

    def disclaimer_acknowledged(self) -> bool:
        """True once the user has read and accepted the disclaimer."""
        return self._meta("disclaimer") is not None

    def acknowledge_disclaimer(self) -> None:
        """Remember that the disclaimer was accepted."""
        with self._writing():
            if self._meta("disclaimer") is None:
                self._put_meta("disclaimer", {"acknowledged_at": self._now()})

    # ---------------------------------------------------------------- check-ins

    def checkin_for(self, day: date) -> Checkin | None:
        """Return the check-in of ``day``, if there is one."""
        return self._view("checkins").by_day.get(day)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[Checkin]:
        """Return check-ins from ``start`` to ``end`` (both included), oldest day first."""
        view = self._view("checkins")
        low = 0 if start is None else bisect.bisect_left(view.days, start)
        high = len(view.days) if end is None else bisect.bisect_right(view.days, end)
        by_day = view.by_day
        return [by_day[day] for day in view.days[low:high]]

    def save_checkin(self, c: Checkin) -> Checkin:
        """Save the check-in of ``c.day``, replacing that day's earlier one; return what was stored."""
        c = _valid_checkin(c)
        with self._writing():
            view = self._view("checkins")
            existing = view.by_day.get(c.day) or (view.by_id.get(c.id) if c.id else None)
            if existing is None:
                stored = self._stamped_new(c)
                self._insert("checkins", checkin_to_doc(stored))
            else:
                stored = replace(c, id=existing.id, created_at=existing.created_at, updated_at=self._now())
                self._replace("checkins", checkin_to_doc(stored))
        return stored

    # --------------------------------------------------------------------- plan

    def plan(self, include_removed: bool = False) -> list[PlanItem]:
        """Return adopted practices, oldest first (removed ones only if asked)."""
        items = self._view("plan").items
        return list(items) if include_removed else [p for p in items if p.removed_at is None]

    def plan_item(self, item_id: str) -> PlanItem:
        """Return one adopted practice (removed ones included)."""
        try:
            return self._view("plan").by_id[item_id]
        except KeyError:
            raise NotFound("That practice is no longer in your plan.") from None

    def adopt(self, practice_id: str, today: date) -> PlanItem:
        """Add a practice to the plan, due today; a removed one comes back with its history."""
        practice_id = _required(clean_text(practice_id, max_len=SHORT_MAX, field="practice"), "practice")
        with self._writing():
            same = [p for p in self._view("plan").items if p.practice_id == practice_id]
            if any(p.removed_at is None for p in same):
                raise AlreadyAdopted("That practice is already in your plan.")
            if same:
                old = same[-1]
                stored = replace(
                    old,
                    removed_at=None,
                    paused=False,
                    schedule=replace(old.schedule, due=today),
                    updated_at=self._now(),
                )
                self._replace("plan", plan_item_to_doc(stored))
            else:
                stored = self._stamped_new(
                    PlanItem(practice_id=practice_id, adopted_on=today, schedule=new_schedule(today))
                )
                self._insert("plan", plan_item_to_doc(stored))
        return stored

    def _update_plan_item(self, item_id: str, **changes: Any) -> PlanItem:
        with self._writing():
            item = self.plan_item(item_id)
            if all(getattr(item, key) == value for key, value in changes.items()):
                return item
            stored = replace(item, **changes, updated_at=self._now())
            self._replace("plan", plan_item_to_doc(stored))
        return stored

    def set_paused(self, item_id: str, paused: bool) -> PlanItem:
        """Pause or resume a practice (a paused one is never due)."""
        return self._update_plan_item(item_id, paused=bool(paused))

    def remove_plan_item(self, item_id: str) -> PlanItem:
        """Take a practice out of the plan, keeping it and its history so it can be restored."""
        with self._writing():
            item = self.plan_item(item_id)
            if item.removed_at is not None:
                return item
            return self._update_plan_item(item_id, removed_at=self._now())

    def restore_plan_item(self, item_id: str) -> PlanItem:
        """Undo ``remove_plan_item``."""
        with self._writing():
            item = self.plan_item(item_id)
            if item.removed_at is not None and any(
                p.practice_id == item.practice_id and p.removed_at is None and p.id != item.id
                for p in self._view("plan").items
            ):
                raise AlreadyAdopted("That practice is already in your plan.")
            return self._update_plan_item(item_id, removed_at=None)

    def revision(self, table: str) -> int:
        """A number that changes whenever ``table`` changes (here or in another process): screens
        compare it to skip rebuilding what they show."""
        return self._view(table).revision

    # ----------------------------------------------------------------- reframes

    def reframes(self, include_deleted: bool = False) -> list[Reframe]:
        """Return thought records, newest first (deleted ones only if asked)."""
        items = reversed(self._view("reframes").items)
        return list(items) if include_deleted else [r for r in items if r.deleted_at is None]

    def reframe(self, reframe_id: str) -> Reframe:
        """Return one thought record (deleted ones included)."""
        try:
            return self._view("reframes").by_id[reframe_id]
        except KeyError:
            raise NotFound("That thought record is no longer in your journal.") from None

    def save_reframe(self, r: Reframe, today: date) -> Reframe:
        """Save a thought record: a new one is due for rehearsal today; an edit keeps its schedule."""
        r = _valid_reframe(r)
        with self._writing():
            if r.id:
                existing = self.reframe(r.id)
                stored = replace(
                    r,
                    day=existing.day or today,
                    schedule=existing.schedule,
                    deleted_at=existing.deleted_at,
                    created_at=existing.created_at,
                    updated_at=self._now(),
                )
                self._replace("reframes", reframe_to_doc(stored))
            else:
                stored = self._stamped_new(replace(r, day=today, schedule=new_schedule(today), deleted_at=None))
                self._insert("reframes", reframe_to_doc(stored))
        return stored

    def _update_reframe(self, reframe_id: str, **changes: Any) -> Reframe:
        with self._writing():
            item = self.reframe(reframe_id)
            if all(getattr(item, key) == value for key, value in changes.items()):
                return item
            stored = replace(item, **changes, updated_at=self._now())
            self._replace("reframes", reframe_to_doc(stored))
        return stored

    def delete_reframe(self, reframe_id: str) -> Reframe:
        """Move a thought record to the bin (it can be restored)."""
        with self._writing():
            item = self.reframe(reframe_id)
            if item.deleted_at is not None:
                return item
            return self._update_reframe(reframe_id, deleted_at=self._now())

    def restore_reframe(self, reframe_id: str) -> Reframe:
        """Undo ``delete_reframe``."""
        return self._update_reframe(reframe_id, deleted_at=None)

    # ------------------------------------------------------------------ reviews

    def review(
        self,
        kind: ItemKind,
        item_id: str,
        rating: Rating,
        today: date,
        *,
        belief: int | None = None,
        answer: str = "",
    ) -> Review:
        """Record a review: reschedule the item and log the review, in one transaction."""
        rating = Rating(rating)
        belief = _belief(belief, "belief")
        answer = clean_text(answer, max_len=NOTE_MAX, field="answer")
        if kind not in ("practice", "reframe"):
            raise ValidationError("kind", "A review is of a practice or a reframe.")
        with self._writing():
            item = self.plan_item(item_id) if kind == "practice" else self.reframe(item_id)
            before = item.schedule
            after = schedule_next(before, rating, today, item_id=item.id, kind=kind)
            now = self._now()
            updated = replace(item, schedule=after, updated_at=now)
            if kind == "practice":
                self._replace("plan", plan_item_to_doc(updated))
            else:
                self._replace("reframes", reframe_to_doc(updated))
            review = Review.of(
                kind, item.id, today, rating, before, after, id=new_id(), now=now, belief=belief, answer=answer
            )
            self._insert("reviews", review_to_doc(review))
        return review

    def reviews(
        self, item_id: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[Review]:
        """Return reviews (of one item, or all) from ``start`` to ``end`` included, oldest first."""
        view = self._view("reviews")
        if item_id is not None:
            return [
                r
                for r in view.by_item.get(item_id, ())
                if (start is None or r.day >= start) and (end is None or r.day <= end)
            ]
        low = 0 if start is None else bisect.bisect_left(view.days, start)
        high = len(view.days) if end is None else bisect.bisect_right(view.days, end)
        return view.items[low:high]

    def due(self, today: date, cap: int | None = None) -> list[PlanItem | Reframe]:
        """Return what is due today (active practices and reframes), overdue first, at most ``cap``."""
        if cap is None:
            cap = self.setting("daily_cap")
        candidates: dict[str, PlanItem | Reframe] = {}
        for p in self._view("plan").items:
            if p.removed_at is None and not p.paused:
                candidates[p.id] = p
        for r in self._view("reframes").items:
            if r.deleted_at is None:
                candidates[r.id] = r
        chosen = pick_due(((key, item.schedule) for key, item in candidates.items()), today, cap)
        return [candidates[key] for key in chosen]

    # ----------------------------------------------------- drafts, self-checks

    def save_draft(self, name: str, data: dict) -> None:
        """Keep an unfinished form's contents (JSON values only) until it is saved or cleared."""
        name = _required(clean_text(name, max_len=SHORT_MAX, field="draft name"), "draft name")
        if not isinstance(data, dict):
            raise ValidationError("draft", "A draft must be a set of named values.")
        try:
            serialise(data)
        except (TypeError, ValueError):
            raise ValidationError("draft", "This draft holds something that cannot be saved.") from None
        with self._writing():
            self._put_meta("draft", {"data": copy.deepcopy(data)}, name=name)

    def draft(self, name: str) -> dict | None:
        """Return the draft saved under ``name``, if any."""
        doc = self._meta("draft", name)
        return copy.deepcopy(doc["data"]) if doc else None

    def clear_draft(self, name: str) -> None:
        """Forget the draft saved under ``name``."""
        with self._writing():
            doc = self._meta("draft", name)
            if doc is not None:
                self._db.table("meta", cache_size=0).remove(doc_ids=[self._view("meta").keys[doc["id"]]])

    def save_selfcheck(self, recognised: list[str], scores: dict[str, int], day: date) -> dict:
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

    def selfchecks(self) -> list[dict]:
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

    def export_data(self) -> dict:
        """Return the whole journal as JSON-ready data, with its schema version."""
        with self._storage.lock.thread_lock:
            tables = self._tables()
            data: dict[str, Any] = {
                "app": "rootwork",
                "schema_version": SCHEMA_VERSION,
                "exported_at": self._now(),
            }
            for name in TABLES:
                docs = list((tables.get(name) or _EMPTY).values())
                docs.sort(key=lambda d: (str(d.get("created_at", "")), str(d.get("id", ""))))
                data[name] = docs
            return parse(serialise(data))  # a deep copy the caller may change freely

    def import_data(self, data: dict) -> dict[str, dict[str, int]]:
        """Merge an export into this journal without duplicates; return counts added and updated."""
        incoming = _read_export(data)
        counts = {name: {"added": 0, "updated": 0} for name in (*JOURNAL_TABLES, "selfchecks")}
        id_map: dict[str, str] = {}
        with self._writing():
            for name in ("checkins", "reframes", "plan", "reviews"):
                self._merge(name, incoming[name], counts[name], id_map)
            self._merge_selfchecks(incoming["selfchecks"], counts["selfchecks"])
        return counts

    def _merge(self, name: str, objects: list[Any], count: dict[str, int], id_map: dict[str, str]) -> None:
        view = self._view(name)
        to_doc = CONVERTERS[name][0]
        by_id = dict(view.by_id)
        by_second: dict[Any, Any] = {}
        if name == "checkins":
            by_second = dict(view.by_day)
        elif name == "plan":
            for p in view.items:  # an active item wins over a removed one for the same practice
                if p.removed_at is None or p.practice_id not in by_second:
                    by_second[p.practice_id] = p
        replaced: dict[int, dict] = {}
        added: list[dict] = []
        for obj in objects:
            if name == "reviews":
                obj = replace(obj, item_id=id_map.get(obj.item_id, obj.item_id))
            second = obj.day if name == "checkins" else obj.practice_id if name == "plan" else None
            local = by_id.get(obj.id) or (by_second.get(second) if second is not None else None)
            if local is None:
                added.append(to_doc(obj))
                by_id[obj.id] = obj
                if second is not None:
                    by_second[second] = obj
                count["added"] += 1
                continue
            if local.id != obj.id:
                id_map[obj.id] = local.id
            if obj.updated_at > local.updated_at:
                merged = replace(obj, id=local.id, created_at=local.created_at or obj.created_at)
                doc = to_doc(merged)
                if local.id in view.keys:
                    replaced[view.keys[local.id]] = doc
                else:  # added earlier in this same import
                    added = [doc if d["id"] == local.id else d for d in added]
                by_id[local.id] = merged
                if second is not None:
                    by_second[second] = merged
                count["updated"] += 1
        table = self._db.table(name, cache_size=0)
        if replaced:
            table.remove(doc_ids=list(replaced))
            table.insert_multiple(Document(doc, doc_id=key) for key, doc in replaced.items())
        if added:
            first = self._next_key(name)
            table.insert_multiple(Document(doc, doc_id=first + n) for n, doc in enumerate(added))

    def _merge_selfchecks(self, docs: list[dict], count: dict[str, int]) -> None:
        local = {doc.get("id"): doc for doc in self._meta_all("selfcheck")}
        for doc in docs:
            existing = local.get(doc["id"])
            if existing is None:
                self._insert("meta", doc)
                count["added"] += 1
            elif doc["updated_at"] > str(existing.get("updated_at", "")):
                self._replace("meta", doc)
                count["updated"] += 1
            local[doc["id"]] = doc


# ------------------------------------------------------------------ validation


def _required(value: str, field_name: str) -> str:
    if not value:
        raise ValidationError(field_name, f"The {field_name} cannot be empty.")
    return value


def _whole(value: Any, low: int, high: int, field_name: str, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field_name, f"The {label} must be a whole number from {low} to {high}.")
    return value


def _belief(value: Any, field_name: str) -> int | None:
    if value is None:
        return None
    return _whole(value, 0, 100, field_name, "belief")


def _ids(values: Any, field_name: str) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise ValidationError(field_name, f"The {field_name} must be a list.")
    cleaned = (clean_text(v, max_len=SHORT_MAX, field=field_name) for v in values)
    return tuple(dict.fromkeys(v for v in cleaned if v))


def _valid_day(value: Any, field_name: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(field_name, "The day must be a date.")
    return value


def _valid_checkin(c: Checkin) -> Checkin:
    """Return ``c`` with clean text, or raise ValidationError."""
    return replace(
        c,
        day=_valid_day(c.day, "day"),
        mood=_whole(c.mood, 1, 5, "mood", "mood"),
        intensity=_whole(c.intensity, 0, 10, "intensity", "intensity"),
        signs=_ids(c.signs, "signs"),
        causes=_ids(c.causes, "causes"),
        note=clean_text(c.note, max_len=NOTE_MAX, field="note"),
        gratitude=clean_text(c.gratitude, max_len=NOTE_MAX, field="gratitude"),
    )


def _valid_reframe(r: Reframe) -> Reframe:
    """Return ``r`` with clean text, or raise ValidationError."""
    cause_id = r.cause_id
    if cause_id is not None:
        cause_id = clean_text(cause_id, max_len=SHORT_MAX, field="cause") or None
    return replace(
        r,
        critic=_required(clean_text(r.critic, max_len=NOTE_MAX, field="critic's words"), "critic's words"),
        reframe=_required(clean_text(r.reframe, max_len=NOTE_MAX, field="reframe"), "reframe"),
        situation=clean_text(r.situation, max_len=FIELD_MAX, field="situation"),
        voice=clean_text(r.voice, max_len=SHORT_MAX, field="voice"),
        cause_id=cause_id,
        distortions=_ids(r.distortions, "distortions"),
        belief_before=_belief(r.belief_before, "belief_before"),
        evidence_for=clean_text(r.evidence_for, max_len=FIELD_MAX, field="evidence for"),
        evidence_against=clean_text(r.evidence_against, max_len=FIELD_MAX, field="evidence against"),
        belief_after=_belief(r.belief_after, "belief_after"),
    )


def _check_setting(key: str, value: Any) -> Any:
    if key not in DEFAULT_SETTINGS:
        raise ValidationError(key, f"There is no setting called {key!r}.")
    if key == "day_start_hour":
        return _whole(value, 0, 23, key, "hour a day starts")
    if key == "daily_cap":
        return _whole(value, 1, 50, key, "number of items a day")
    if key == "first_weekday":
        return _whole(value, 0, 6, key, "first day of the week")
    text = clean_text(value, max_len=SHORT_MAX, field=key.replace("_", " "))
    if key == "reminder_time":
        hours, _, minutes = text.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60
                and len(minutes) == 2):
            raise ValidationError(key, "The reminder time must look like 09:00.")
        return f"{int(hours):02d}:{minutes}"
    return _required(text, key)


def _read_export(data: Any) -> dict[str, list[Any]]:
    """Check an export and return its entries, cleaned, ready to merge."""
    if not isinstance(data, dict) or not isinstance(data.get("schema_version"), int):
        raise ValidationError("file", "This file is not a rootwork export.")
    if data["schema_version"] > SCHEMA_VERSION:
        raise ValidationError(
            "file", "This export was made by a newer version of rootwork; update rootwork to import it."
        )
    validators: dict[str, Callable[[Any], Any]] = {
        "checkins": _valid_checkin,
        "reframes": _valid_reframe,
        "plan": lambda p: replace(
            p, practice_id=_required(clean_text(p.practice_id, max_len=SHORT_MAX, field="practice"), "practice")
        ),
        "reviews": lambda r: replace(
            r,
            belief=_belief(r.belief, "belief"),
            answer=clean_text(r.answer, max_len=NOTE_MAX, field="answer"),
            item_id=_required(clean_text(r.item_id, max_len=SHORT_MAX, field="item"), "item"),
        ),
    }
    result: dict[str, list[Any]] = {}
    for name in JOURNAL_TABLES:
        docs = data.get(name, [])
        if not isinstance(docs, list):
            raise ValidationError("file", f"The {name} in this file are not a list.")
        objects = []
        for number, doc in enumerate(docs, start=1):
            if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
                raise ValidationError("file", f"Entry {number} of the {name} has no id.")
            try:
                obj = validators[name](CONVERTERS[name][1](doc))
            except ValidationError as error:
                raise ValidationError("file", f"Entry {number} of the {name}: {error.message}") from None
            except (ValueError, TypeError, KeyError) as error:
                raise ValidationError("file", f"Entry {number} of the {name} could not be read ({error}).") from None
            objects.append(obj)
        result[name] = objects
    selfchecks = []
    for doc in data.get("meta", []) if isinstance(data.get("meta"), list) else []:
        if isinstance(doc, dict) and doc.get("kind") == "selfcheck" and isinstance(doc.get("id"), str):
            try:
                day_from_str(doc.get("day"))
                stamps = {k: str(doc.get(k) or "") for k in ("created_at", "updated_at")}
                selfchecks.append({
                    "id": doc["id"],
                    **stamps,
                    "kind": "selfcheck",
                    "day": doc.get("day"),
                    "recognised": [clean_text(v, max_len=SHORT_MAX, field="sign") for v in doc.get("recognised") or []],
                    "scores": {
                        clean_text(k, max_len=SHORT_MAX, field="cause"): v
                        for k, v in (doc.get("scores") or {}).items()
                        if isinstance(v, int) and not isinstance(v, bool)
                    },
                })
            except (ValueError, TypeError, AttributeError) as error:
                raise ValidationError("file", f"A self-check in this file could not be read ({error}).") from None
    result["selfchecks"] = selfchecks
    return result


def _empty_journal(now: str) -> dict:
    """The first contents of a new journal: every table, and the schema version."""
    data: dict[str, dict] = {name: {} for name in TABLES}
    data["meta"]["1"] = {
        "id": new_id(), "created_at": now, "updated_at": now, "kind": "schema", "schema_version": SCHEMA_VERSION,
    }
    return data


def _backup_words(backup_day: date, clock: Clock) -> str:
    """'yesterday's backup from 24 Nov', 'the backup from 3 Oct 2025'."""
    today = clock().astimezone().date()
    if backup_day == today:
        which = "today's backup"
    elif backup_day == today - timedelta(days=1):
        which = "yesterday's backup"
    else:
        which = "the backup"
    return f"{which} from {short_date(backup_day, with_year=backup_day.year != today.year)}"


def _keep_aside(db_file: Path, moment: datetime, kind: str = "broken") -> Path:
    """Keep a copy of the journal as ``rootwork.<kind>-<stamp>.json`` (never over another file); return it."""
    stamp = moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = db_file.with_name(f"rootwork.{kind}-{stamp}.json")
    n = 1
    while target.exists():
        n += 1
        target = db_file.with_name(f"rootwork.{kind}-{stamp}-{n}.json")
    try:
        os.link(db_file, target)  # the same bytes under a second name, instantly
    except OSError:
        shutil.copy2(db_file, target)
        os.chmod(target, 0o600)
    return target

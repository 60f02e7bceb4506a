"""The journal file's shape: its tables, schema version and default settings; checking and migrating a file.

``check_journal`` says whether parsed JSON is a journal and of which version;
``migrate_journal`` brings an older version's data to this one (ids and
times included, so the strict reader in ``state.records.strict`` reads every entry). Backups go
through the same check (``check_usable_backup``) and migration (``upgraded_journal``)
before they are restored. ``new_journal`` is a new journal's first contents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.journal_file.layout import JOURNAL_TABLES as JOURNAL_TABLES  # the journal's tables, named here too
from rootwork.state.journal_file.layout import TABLES as TABLES  # named here too
from rootwork.state.journal_file.layout import DeferredTable, Journal
from rootwork.state.journal_file.storage import parse, serialise_for_file
from rootwork.state.records import strict
from rootwork.state.records.convert import new_id, utc_stamp
from rootwork.state.records.days import DEFAULT_DAY_START_HOUR
from rootwork.state.records.errors import UnreadableDatabase
from rootwork.state.records.schedule import DEFAULT_DAILY_CAP, DEFAULT_GENTLE_THRESHOLD

#: 2 added the ``safety`` table (the safety plan). A version-1 rootwork opens a version-2 journal read-only,
#: so it never merges or saves over a table it does not know.
SCHEMA_VERSION = 2
#: The tables a version added: a journal of an older version lacks them until it is migrated.
ADDED_IN = {"safety": 2}
# Indexed when the journal is opened (small); the rest on first use, or by ``Store.warm``
# after the app's first paint (see ``StoreBase._before_view`` for what Today reads before).
EAGER_TABLES = ("plan",)
DEFAULT_SETTINGS: dict[str, Any] = {
    "day_start_hour": DEFAULT_DAY_START_HOUR,
    "daily_cap": DEFAULT_DAILY_CAP,
    "gentle_threshold": DEFAULT_GENTLE_THRESHOLD,  # check-in intensity from which a day is gentler; None: off
    "first_weekday": 0,
    "reminder_time": "09:00",
    "theme": "textual-dark",
}
# The clock the store asks for "now": injected, so tests never patch time.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


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
        doc.get("schema_version") for doc in meta.values() if isinstance(doc, dict) and doc.get("kind") == "schema"
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
        if table is None and (version == 0 or version < ADDED_IN.get(name, 0)):
            continue  # plain TinyDB only writes the tables that were used; an older version lacks the newer
        if isinstance(table, DeferredTable) and not table.parsed:
            continue  # its bytes match the CRC our serialiser wrote beside them (journal_file/layout.py)
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise UnreadableDatabase(f"the file's {name} table is missing or damaged")
    return version


def migrate_journal(data: Journal, version: int, now: str) -> Journal:
    """Return ``data`` (a journal of the older schema ``version``) in this version's shape, as a new dict."""
    migrated = dict(data)
    if version < 1:
        # Version 0 has no schema document and may lack whole tables.
        for name in TABLES:
            migrated[name] = dict(data.get(name) or {})
        _reshape_ids(migrated, now)
        meta = migrated["meta"]
        key = max((int(k) for k in meta if k.isdigit()), default=0) + 1
        meta[str(key)] = {"id": new_id(), "created_at": now, "updated_at": now, "kind": "schema", "schema_version": 1}
    if version < 2:
        # Version 2 added the safety plan's table: empty until a plan is written.
        migrated["safety"] = dict(migrated.get("safety") or {})
        migrated["meta"] = {
            key: {**doc, "schema_version": 2, "updated_at": now} if doc.get("kind") == "schema" else doc
            for key, doc in migrated["meta"].items()
        }
    return migrated


def _reshape_ids(data: Journal, now: str) -> None:
    """Give version-0 documents what the strict reader asks of every document.

    Plain TinyDB files may hold ids of any shape ("c1") and no timestamps: each
    such document gets a new id (reviews follow their item to it) and ``now``
    as its missing times, so migrating never hides an entry that was there.
    """
    renamed: dict[str, str] = {}
    for name in TABLES:
        table = data[name]
        for key, doc in list(table.items()):
            if not isinstance(doc, dict):
                continue
            doc = dict(doc)
            try:
                strict.doc_id(doc.get("id"))
            except strict.BadValue:
                fresh = new_id()
                if isinstance(doc.get("id"), str):
                    renamed[doc["id"]] = fresh
                doc["id"] = fresh
            for stamp in ("created_at", "updated_at"):
                if not doc.get(stamp):
                    doc[stamp] = now
            table[key] = doc
    for key, doc in list(data["reviews"].items()):
        item = doc.get("item_id") if isinstance(doc, dict) else None
        if isinstance(item, str) and item in renamed:
            data["reviews"][key] = {**doc, "item_id": renamed[item]}


NEWER_WHILE_OPEN = (
    "Your journal was updated by a newer version of rootwork while this one was open, so this "
    "version can no longer save to it: your change was not saved. Update rootwork to go on."
)


def schema_version_of(data: Journal) -> int:
    """The schema version a journal's meta table names (0 when none); cheap, for every write."""
    meta = data.get("meta")
    if not isinstance(meta, dict):
        return 0
    for doc in meta.values():
        if isinstance(doc, dict) and doc.get("kind") == "schema":
            version = doc.get("schema_version")
            return version if isinstance(version, int) and not isinstance(version, bool) else 0
    return 0


def _check_payload(payload: bytes) -> int:
    return check_journal(parse(payload))


def check_usable_backup(payload: bytes) -> None:
    """Raise ``UnreadableDatabase`` unless ``payload`` (JSON bytes) is a journal this version can restore."""
    if _check_payload(payload) > SCHEMA_VERSION:
        raise UnreadableDatabase("the backup is from a newer version")


def upgraded_journal(payload: bytes, clock: Clock, codec: FileCodec) -> bytes:
    """A backup's bytes in this version's shape (the same bytes when it is already), encrypted as it was."""
    plain = codec.decode(payload)
    version = _check_payload(plain)
    if version == SCHEMA_VERSION:
        return payload
    return codec.encode_like(payload, serialise_for_file(migrate_journal(parse(plain), version, utc_stamp(clock()))))


def new_journal(now: str) -> Journal:
    """The first contents of a new journal: every table, and the schema version."""
    data: Journal = {name: {} for name in TABLES}
    data["meta"]["1"] = {
        "id": new_id(),
        "created_at": now,
        "updated_at": now,
        "kind": "schema",
        "schema_version": SCHEMA_VERSION,
    }
    return data

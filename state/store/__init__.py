"""The journal: check-ins, thought records, the plan, reviews and settings over TinyDB.

One ``Store`` is handed to the UI and the command line, imported from here
(``from rootwork.state.store import Store``); the modules below are its parts.
The command line also uses three of them directly: ``peek.py``, ``copies.py``
(``rootwork merge``) and ``sealing.py`` (``rootwork passphrase``).

- ``core.py``: ``Store`` itself (``Store.open``, ``Store.in_memory``), drafts,
  self-checks, focus, export and import; what meta documents hold.
- ``base.py``: transactions (one locked, atomic write each; a failed write
  raises ``SaveFailed`` and changes nothing), indexed reads, the primitive
  writes (documents are replaced, never mutated), the daily backup after a
  commit and settings (the disclaimer is in core.py).
- ``entries.py``: check-ins, the plan of practices, thought records, reviews
  and what is due.
- ``index.py``: how a table is held in memory (``TableView``), rebuilt only when
  the table changed, reusing converted entries; the order of each table.
- ``opening.py``: opening a journal and recovering one that is damaged,
  missing, older, newer or in a folder that cannot be written.
- ``schema.py``: the tables, schema version and default settings; checking
  (``check_journal``) and migrating (``migrate_journal``) a journal's data.
- ``validate.py``: every check on what may be saved. Every check on what is
  read (open, import, migration) is ``state.records.strict``, called by ``state.records.convert``.
- ``incoming.py``: reading an export: a file that is not one refused whole,
  each bad record skipped and named.
- ``importing.py``: importing an export: merging by day or practice, then by id,
  newer ``updated_at`` winning, never two check-ins on a day; every record
  skipped or replaced named in ``ImportResult.notes``; settings, drafts, focus
  and the disclaimer stay as they are on this machine.
- ``copies.py``, ``outbox.py``, ``rebuild.py``: the store's part in keeping several
  machines' journals one (conflict copies merged in, this machine's saves kept
  until they are seen in the journal, a journal rebuilt from what is left).
- ``drafts.py``, ``sealing.py``, ``snapshot.py``: drafts, keeping an encrypted
  folder encrypted, what the first screen reads without waiting.
- ``peek.py``: a setting read from the file without opening the store (the
  command line's check of ``--date`` before anything is opened).

It may import every other folder of ``state`` but ``exchange`` and ``demo``.
"""

from __future__ import annotations

from rootwork.state.records.errors import (
    AlreadyAdopted,
    JournalRefused,
    NotFound,
    ReadOnlyStore,
    SaveConflict,
    SaveFailed,
    StoreError,
    UnreadableDatabase,
    ValidationError,
)
from rootwork.state.store.core import Store
from rootwork.state.store.entries import DueToday
from rootwork.state.store.importing import ImportResult
from rootwork.state.store.schema import (
    DEFAULT_SETTINGS,
    JOURNAL_TABLES,
    SCHEMA_VERSION,
    TABLES,
    Clock,
    check_journal,
    migrate_journal,
)

__all__ = [
    "DEFAULT_SETTINGS",
    "JOURNAL_TABLES",
    "SCHEMA_VERSION",
    "TABLES",
    "AlreadyAdopted",
    "Clock",
    "DueToday",
    "JournalRefused",
    "NotFound",
    "ImportResult",
    "ReadOnlyStore",
    "SaveConflict",
    "SaveFailed",
    "Store",
    "StoreError",
    "UnreadableDatabase",
    "ValidationError",
    "check_journal",
    "migrate_journal",
]

"""TinyDB storages that never leave a half-written journal behind.

``AtomicJSONStorage`` writes the whole database to a temporary file in the same
directory, fsyncs it, renames it over the journal and fsyncs the directory, so
a crash or a full disk leaves either the old file or the new one, never a mix
(``atomic.py``; a symlinked journal is written through to its target).
It keeps the parsed database in memory and re-reads the file only when its
``(st_mtime_ns, st_size, st_ino)`` changes, which is how one process sees
another's writes. The file holds one table a line (``journal_file/layout.py``), so a
read (``read_journal``) parses what the first screen needs and leaves the
reviews in the file, checked against their CRC, until something reads them.

Both storages here support ``transaction()``: every ``write`` inside it is
staged in memory and the outermost exit writes once, under a thread lock and
an exclusive ``flock`` on ``rootwork.lock`` shared by every rootwork process.
Each transaction first re-reads the file under the lock and hands it to
``check_data`` (the store refuses to write a newer version's file there). If
the body or the write fails, the in-memory copy (which TinyDB mutates in
place before calling ``write``) is dropped and re-read from the last committed
state, so a failed save changes nothing.

Each commit and re-read publishes the data in ``published`` (one tuple, swapped
whole; its tables are never changed, as TinyDB replaces a table's dict on each
write): other threads read it without a lock and never see a write half done.
"""

from __future__ import annotations

import json
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import MemoryStorage, Storage

from rootwork.state.encryption.codec import FileCodec, is_encrypted
from rootwork.state.files.atomic import (
    FILE_MODE,
    remove_temp_files,
    replace_checked,
    resolve_target,
    signature,
    write_atomic,
)
from rootwork.state.files.process_lock import ProcessLock
from rootwork.state.files.regular_file import MAX_FILE_BYTES, NotRegularFile, TooLarge, open_regular, read_open
from rootwork.state.journal_file.layout import (
    LAYOUT_KEY,
    TABLES,
    Journal,
    Table,
    fill_all,
    parse_lazily,
    read_lazily,
    serialise_journal,
)
from rootwork.state.journal_file.reuse import reuse_unchanged
from rootwork.state.records.errors import JournalRefused, ReadOnlyStore, UnreadableDatabase

try:  # orjson is faster for five years of data; it is optional, never required.
    import orjson as _orjson

    _ORJSON_STRICT = _orjson.OPT_PASSTHROUGH_DATETIME | _orjson.OPT_PASSTHROUGH_DATACLASS
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None  # type: ignore[assignment]

DIR_MODE = 0o700

__all__ = [
    "FILE_MODE",
    "HEAD_BYTES",
    "AtomicJSONStorage",
    "ProcessLock",
    "TransactionalMemoryStorage",
    "parse",
    "looks_like_journal",
    "parse_journal",
    "read_journal",
    "refuse_stranger_behind_link",
    "remove_temp_files",
    "resolve_target",
    "secure_dir",
    "secure_file",
    "serialise",
    "serialise_for_file",
    "storage_factory",
    "write_atomic",
]


def serialise(data: Journal) -> bytes:
    """Return the compact UTF-8 JSON of ``data`` (raises TypeError/ValueError if it is not JSON)."""
    fill_all(data)  # orjson would write a table still unparsed as {}
    return _dumps(data)


def _dumps(data: Any) -> bytes:
    if _orjson is not None:
        # orjson would write dates, datetimes and dataclasses on its own; the
        # json fallback refuses them, and so must this (drafts rely on it).
        return _orjson.dumps(data, option=_ORJSON_STRICT)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def serialise_for_file(data: Journal, known: dict[str, tuple[Table, int]] | None = None) -> bytes:
    """The journal file's bytes for ``data``: one table a line (``journal_file/layout.py``; ``known``: see there)."""
    return serialise_journal(data, _dumps, known)


def _loads(payload: Any) -> Any:
    # The cycle collector is left as the entry point set it (tui/collector.py): switching it off
    # here, on the store thread, would change it for the whole process. Measured at five years
    # (10 MB), a parse takes 55 ms with the app's thresholds and 48 with the collector off.
    return _orjson.loads(payload) if _orjson is not None else json.loads(bytes(payload))


def parse(payload: bytes) -> dict[str, Any]:
    """Parse a journal file's bytes whole; raise ``UnreadableDatabase`` unless it is a JSON object."""
    if not payload.strip():
        raise UnreadableDatabase("the file is empty")
    try:
        data = _loads(payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableDatabase(f"the file is not valid JSON ({error})") from error
    except RecursionError:  # json (without orjson) recurses once per level of nesting
        raise UnreadableDatabase("the file is not valid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise UnreadableDatabase("the file does not hold a JSON object")
    data.pop(LAYOUT_KEY, None)  # where each table sits in the file: never part of the journal
    return data


def read_journal(fd: int, info: os.stat_result, codec: FileCodec) -> dict[str, Any]:
    """The journal in the open file ``fd`` (``info``: its fstat), decrypted by ``codec``.

    A plain regular file in our layout is read with ``pread``, its reviews
    checked and left in the file until read (``journal_file/layout.py``); any other
    is read whole and parsed by ``parse_journal``.
    """
    if hasattr(os, "pread") and stat.S_ISREG(info.st_mode) and not is_encrypted(os.pread(fd, 1024, 0)):
        data = read_lazily(fd, info.st_size, _loads)
        if data is not None:
            codec.follow_plain()
            return data
    os.lseek(fd, 0, os.SEEK_SET)
    return parse_journal(codec.decode(read_open(fd, MAX_FILE_BYTES), journal=True))


def parse_journal(payload: bytes) -> dict[str, Any]:
    """Like ``parse``, but a file in our layout keeps its reviews unparsed until they are read."""
    return parse_lazily(payload, _loads) or parse(payload)


#: How much of a file ``looks_like_journal`` needs: an age header is about 150 bytes.
HEAD_BYTES = 16 * 1024
_JOURNAL_START = re.compile(rb'\{[ \t\r\n]*"(?:' + b"|".join(name.encode() for name in TABLES) + rb')"')


def looks_like_journal(head: bytes) -> bool:
    """Whether a file beginning with ``head`` may be written over as a journal: it begins like one we write.

    Our JSON (``{`` and a table's name first, as every version has written
    it), an age file, or nothing that anyone wrote: empty, blank or all zero
    bytes (a crash or a sync tool's preallocation). Anything else, someone's
    ``settings.json`` included, is not ours to replace.
    """
    if not head.strip(b" \t\r\n\0"):
        return True
    return is_encrypted(head) or _JOURNAL_START.match(head.lstrip(b" \t\r\n")) is not None


def refuse_stranger_behind_link(path: Path, head: bytes) -> None:
    """Raise ``JournalRefused`` when ``path`` is a link and ``head`` (its target's first bytes) is not a journal's."""
    if path.is_symlink() and not looks_like_journal(head):
        raise JournalRefused(
            f"{path} is a link to {resolve_target(path)}, which is not a rootwork journal, "
            "so rootwork will not open it or write to it"
        )


def secure_dir(path: Path) -> None:
    """Create ``path`` (and parents) if needed and make it private to the user (0700)."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        os.chmod(path, DIR_MODE)


def secure_file(path: Path) -> None:
    """Make an existing file 0600; through a symlink, only if its target is not already private."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077 or (mode != FILE_MODE and not path.is_symlink()):
        os.chmod(path, FILE_MODE)


class _TransactionalMixin:
    """Staged writes, one commit per outermost transaction, rollback on failure."""

    read_only: bool
    lock: ProcessLock

    def _init_transactions(self, lock: ProcessLock, read_only: bool) -> None:
        self.lock = lock
        self.read_only = read_only
        self._cache: Journal | None = None
        self._depth = 0
        self._dirty = False
        #: The bytes written by the last transaction that wrote, as on disk (None if it wrote nothing).
        self.last_payload: bytes | None = None
        #: Called with the data as just read under the lock at the start of every
        #: transaction; it raises (ReadOnlyStore) to refuse a write to that data.
        self.check_data: Callable[[Journal | None], None] | None = None
        self._owner: int | None = None
        #: ``(generation, outside_changes, tables)`` as last committed or read; see the module docstring.
        #: ``outside_changes`` counts re-reads that found data this process had not written.
        self.published: tuple[int, int, Journal] = (0, 0, {})
        #: Files a sync tool renamed over the journal during a save, kept for the store to merge back.
        self.displaced: list[Path] = []

    def in_transaction(self) -> bool:
        """True when the calling thread is inside this storage's transaction."""
        return self._depth > 0 and self._owner == threading.get_ident()

    @property
    def pending(self) -> bool:
        """True inside a transaction that has staged a write (it will write when it ends)."""
        return self._dirty

    def _adopt(self, data: dict[str, Any]) -> None:
        # A fresh parse becomes the cache, sharing what did not change with the last published data.
        generation, outside, before = self.published
        data, changed = reuse_unchanged(data, before if generation else None)
        self._cache = data
        self._publish(outside + 1 if changed and generation else outside)

    def _publish(self, outside: int) -> None:
        self.published = (self.published[0] + 1, outside, dict(self._cache or {}))

    # Subclasses provide these three.
    def _refresh(self) -> None:
        raise NotImplementedError

    def _persist(self, data: Journal) -> bytes:
        raise NotImplementedError

    def _discard(self) -> None:
        raise NotImplementedError

    def read(self) -> Journal | None:
        """Return the database, re-reading it only if it changed since the last read."""
        with self.lock.thread_lock:
            if not self._depth:
                self._refresh()
            return self._cache

    def write(self, data: Journal) -> None:
        """Stage ``data`` inside a transaction, or write it at once outside one."""
        with self.lock.thread_lock:
            if self._depth:
                self._cache = data
                self._dirty = True
                return
        with self.transaction():
            self._cache = data
            self._dirty = True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the locks, see the latest data, and write once at the end (or not at all)."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._refresh()
            if self.check_data is not None:
                self.check_data(self._cache)
            self._depth = 1
            self._owner = threading.get_ident()
            self._dirty = False
            self.last_payload = None
            try:
                yield
                if self._dirty:
                    if self.read_only:
                        raise ReadOnlyStore("This journal is open read-only, so changes are not saved.")
                    self.last_payload = self._persist(self._cache or {})
                    self._publish(self.published[1])
            except BaseException:
                # Only a staged write can have touched the cached dict (TinyDB
                # mutates it just before calling write), so an error raised
                # before any write leaves the cache valid.
                if self._dirty:
                    self._discard()
                raise
            finally:
                self._depth = 0
                self._owner = None
                self._dirty = False


class AtomicJSONStorage(_TransactionalMixin, Storage):
    """The journal file: atomic replace on write, cached reads, cross-process lock."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock: ProcessLock | None = None,
        read_only: bool = False,
        codec: FileCodec | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        #: Plain or age bytes on disk (codec.py); saves follow the file as last read.
        self.codec = codec or FileCodec()
        self._init_transactions(lock or ProcessLock.for_path(self.path.with_suffix(".lock")), read_only)
        self._signature: tuple[int, int, int] | None = None
        self._crcs: dict[str, tuple[Table, int]] = {}  # each table's CRC as last saved, by its dict (serialise_journal)
        #: Where a file renamed over the journal during a save is kept (``replace_checked``), by number;
        #: None writes without that check. The store sets it, and merges what ``displaced`` lists.
        self.keep_displaced_as: Callable[[int], Path] | None = None

    def _refresh(self) -> None:
        try:
            fd, _info = open_regular(self.path)
        except FileNotFoundError:
            self._cache, self._signature = None, None
            return
        except NotRegularFile as error:
            raise JournalRefused(
                f"{self.path} is {error.kind}, not a journal file, so rootwork will not open it"
            ) from None
        except TooLarge as error:
            raise JournalRefused(
                f"{self.path} is {error.words}, more than a rootwork journal holds, so rootwork will not open it"
            ) from None
        try:
            # fstat and read the same open file, so the signature always
            # matches the bytes parsed even if another process replaces it.
            info = os.fstat(fd)
            seen = signature(info)
            if seen == self._signature and self._cache is not None:
                return
            # A file that changed may have been swapped for a link to someone else's file: never adopt it.
            refuse_stranger_behind_link(self.path, os.pread(fd, HEAD_BYTES, 0))
            data = read_journal(fd, info, self.codec)
        finally:
            os.close(fd)
        self._adopt(data)
        self._signature = seen

    def _persist(self, data: Journal) -> bytes:
        payload = self.codec.encode(serialise_for_file(data, self._crcs))
        if self.keep_displaced_as is None:
            write_atomic(self.path, payload)
            self._signature = signature(os.stat(self.path))
            return payload
        # The file replaced must be the one this transaction read: a sync tool's rename in between is kept.
        kept, self._signature = replace_checked(self.path, payload, self._signature, self.keep_displaced_as)
        if kept is not None:
            self.displaced.append(kept)
        return payload

    def _discard(self) -> None:
        self._cache, self._signature = None, None

    def close(self) -> None:
        """Forget the cached data (the file is never held open)."""
        self._discard()


class TransactionalMemoryStorage(_TransactionalMixin, MemoryStorage):
    """TinyDB's MemoryStorage with the same transactions as the file.

    Each commit is serialised to JSON, exactly as the file would be, so a value
    that could not be saved to disk fails here too, and a failed transaction
    rolls back to the last committed bytes.
    """

    #: No file, so no codec: the store reads and writes its exports with a plain one.
    codec: FileCodec | None = None

    def __init__(self, *, read_only: bool = False, initial: Journal | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # tinydb leaves MemoryStorage.__init__ unannotated
        self._init_transactions(ProcessLock(None), read_only)
        self._committed: bytes | None = serialise_for_file(initial) if initial is not None else None

    @property
    def memory(self) -> Journal | None:  # TinyDB's MemoryStorage attribute, kept for compatibility
        return self._cache

    @memory.setter
    def memory(self, value: Journal | None) -> None:
        self._cache = value

    def _refresh(self) -> None:
        if self._cache is None and self._committed is not None:
            self._adopt(parse_journal(self._committed))

    def _persist(self, data: Journal) -> bytes:
        self._committed = serialise_for_file(data)
        return self._committed

    def _discard(self) -> None:
        self._cache = None


def storage_factory(storage: Storage) -> Callable[[], Storage]:
    """Return a callable handing TinyDB an already-built storage instance."""
    return lambda: storage

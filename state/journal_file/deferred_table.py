"""A table of the journal left as bytes until something reads it, and where those bytes are.

``DeferredTable`` is a dict that parses its JSON the first time anything looks
inside. Its bytes come from a ``Source``: the file's bytes in memory
(``InMemory``, an encrypted journal once decrypted), or the journal file
itself (``OpenFile``: an open descriptor read with ``pread``, so five years of
reviews are not held in memory before they are needed). The descriptor is
the file as it was opened: a later save replaces the journal with a new file
and never changes this one, so the bytes stay those that were checked.
Either way the bytes are checked against their CRC-32 again before they are
parsed or written back.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from rootwork.state.records.convert import Doc
from rootwork.state.records.errors import UnreadableDatabase

_CHUNK = 1 << 20


class Source(Protocol):
    """Bytes at offsets: the journal file's, as it was read."""

    def read(self, start: int, length: int) -> bytes | memoryview: ...

    def crc(self, start: int, length: int) -> int: ...


class InMemory:
    """The file's bytes already in memory (slices are views, never copies)."""

    def __init__(self, payload: bytes | bytearray) -> None:
        self._view = memoryview(payload)

    def read(self, start: int, length: int) -> memoryview:
        return self._view[start : start + length]

    def crc(self, start: int, length: int) -> int:
        return zlib.crc32(self.read(start, length))


class OpenFile:
    """An open journal file read with ``pread``; the descriptor is closed when nothing holds this."""

    def __init__(self, fd: int) -> None:
        self._fd = os.dup(fd)

    def read(self, start: int, length: int) -> bytes:
        parts, done = [], 0
        while done < length:
            part = os.pread(self._fd, length - done, start + done)
            if not part:
                break  # the file is shorter than it was: the CRC check refuses what was read
            parts.append(part)
            done += len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def crc(self, start: int, length: int) -> int:
        # In chunks: checking the reviews must not hold them in memory.
        crc, done = 0, 0
        while done < length:
            part = self.read(start + done, min(_CHUNK, length - done))
            if not part:
                return -1
            crc = zlib.crc32(part, crc)
            done += len(part)
        return crc

    def __del__(self) -> None:
        fd, self._fd = getattr(self, "_fd", -1), -1
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass


class DeferredTable(dict[str, Doc]):
    """A table's documents, parsed from its bytes the first time anything looks inside.

    Every way of reading or changing a dict fills it first, under a lock (the
    store thread and the event loop may both reach it); afterwards it is an
    ordinary dict. Copies, pickles and deep copies are plain dicts.
    """

    __slots__ = ("_where", "_crc", "_lock", "_loads")

    def __init__(
        self,
        source: Source | None = None,
        start: int = 0,
        length: int = 0,
        crc: int = 0,
        loads: Callable[[Any], Any] | None = None,
    ) -> None:
        super().__init__()
        self._where: tuple[Source, int, int] | None = (source, start, length) if source is not None else None
        self._crc = crc
        self._loads = loads
        self._lock = threading.Lock()

    @property
    def parsed(self) -> bool:
        """False while the table is still only its bytes."""
        return self._where is None

    def bytes_and_crc(self) -> tuple[bytes | memoryview, int] | None:
        """The table's JSON, checked against its CRC-32, and that CRC, while unparsed (None once parsed)."""
        with self._lock:
            where = self._where
            if where is None:
                return None
            return self._checked(where), self._crc

    def _checked(self, where: tuple[Source, int, int]) -> bytes | memoryview:
        source, start, length = where
        raw = source.read(start, length)
        if len(raw) != length or zlib.crc32(raw) != self._crc:
            raise UnreadableDatabase("the journal file changed on disk while it was open")
        return raw

    def fill(self) -> None:
        """Parse the bytes now (a no-op once parsed)."""
        if self._where is None:
            return
        with self._lock:
            where = self._where
            if where is None:
                return
            try:
                assert self._loads is not None, "a table with bytes to parse is given its parser"
                data = self._loads(self._checked(where))
            except (ValueError, UnicodeDecodeError) as error:  # only a CRC collision gets here
                raise UnreadableDatabase(f"a table of the journal file is damaged ({error})") from error
            if not isinstance(data, dict) or not all(isinstance(doc, dict) for doc in data.values()):
                raise UnreadableDatabase("a table of the journal file is damaged")
            dict.update(self, data)
            self._where = None  # only now: a reader that sees None finds the documents in place

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DeferredTable) and not self.parsed and not other.parsed:
            mine, theirs = self.bytes_and_crc(), other.bytes_and_crc()
            if mine is not None and theirs is not None and mine[1] == theirs[1] and mine[0] == theirs[0]:
                return True  # the same bytes: the same table, and neither needs parsing
        if isinstance(other, DeferredTable):
            other.fill()
        self.fill()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None

    def copy(self) -> dict[str, Doc]:
        self.fill()
        return dict(dict.items(self))

    def __reduce_ex__(self, protocol: Any) -> tuple[type[dict[str, Doc]], tuple[dict[str, Doc]]]:
        return (dict, (self.copy(),))

    def __repr__(self) -> str:
        return dict.__repr__(self) if self.parsed else "DeferredTable(<not parsed yet>)"


def _filling(name: str) -> Callable[..., Any]:
    method = getattr(dict, name)

    def call(self: DeferredTable, *args: Any, **kwargs: Any) -> Any:
        self.fill()
        return method(self, *args, **kwargs)

    call.__name__ = name
    return call


for _name in (
    "__getitem__",
    "__contains__",
    "__iter__",
    "__len__",
    "__reversed__",
    "__or__",
    "__ror__",
    "__ior__",
    "__setitem__",
    "__delitem__",
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "clear",
):
    setattr(DeferredTable, _name, _filling(_name))


def fill_all(data: Mapping[str, object]) -> None:
    """Parse every deferred table of ``data`` now."""
    for value in data.values():
        if isinstance(value, DeferredTable):
            value.fill()

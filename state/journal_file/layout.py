"""The journal file's layout: one table a line, so the biggest table can wait to be parsed.

The file is still one JSON object, which any JSON reader (and rootwork 0.1) reads::

    {
    "checkins":{...},
    "meta":{...},
    "reviews":{...},
    "~layout":{"v":1,"tables":[["checkins",12,5301,1942113431],...]}
    }

Each table is on a line of its own (compact JSON never holds a raw newline),
and the last entry, ``~layout``, says where each table's value starts, how
long it is, and its CRC-32. ``parse_lazily`` parses the tables the first screen
needs and leaves those in ``DEFERRED`` (the reviews: most of a long journal's
bytes and documents, and nothing Today shows) as a ``DeferredTable``, a dict
that parses its bytes the first time anything looks inside.

A table is only left unparsed when its bytes match the CRC written beside
them, so they are bytes our serialiser wrote from a table of documents: a
damaged file is still found when it opens, and restored from a backup as
before. A file in any other shape (0.1's single line, a hand edit, a
pretty-printed copy, a CRC that does not match) is simply parsed whole.
``~layout`` never leaves this module's callers: ``parse`` and ``parse_lazily``
remove it, ``serialise_journal`` writes it anew.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from typing import Any

from rootwork.state.journal_file.deferred_table import DeferredTable, InMemory, OpenFile, Source, fill_all
from rootwork.state.records.convert import Doc

__all__ = [
    "DEFERRED",
    "JOURNAL_TABLES",
    "Journal",
    "LAYOUT_KEY",
    "TABLES",
    "Table",
    "DeferredTable",
    "fill_all",
    "parse_lazily",
    "read_lazily",
    "serialise_journal",
]

#: The tables two machines share, record by record (``meta`` holds settings and bookkeeping).
JOURNAL_TABLES = ("checkins", "reframes", "plan", "reviews", "safety")
#: The journal's tables, in the order a new journal has them.
TABLES = (*JOURNAL_TABLES, "meta")
LAYOUT_KEY = "~layout"
LAYOUT_VERSION = 1
#: A table: its documents by TinyDB key ("1", "2", ...); one left unparsed is a ``DeferredTable``.
Table = dict[str, Doc]
#: A journal: its tables by name, the shape of TinyDB's storage (``Storage.read``). A file is parsed
#: as untyped JSON (``dict[str, Any]``); ``store.schema.check_journal`` refuses one not of this shape.
Journal = dict[str, Table]
#: Tables left unparsed on open until something reads them.
DEFERRED = frozenset({"reviews"})

_NAME = re.compile(r"[A-Za-z0-9_]{1,64}")
_LAYOUT_HEAD = b'"' + LAYOUT_KEY.encode() + b'":'
_MAX_LAYOUT = 64 * 1024  # the layout line of a journal is a few hundred bytes


def serialise_journal(
    data: Journal, dumps: Callable[[Any], bytes], known: dict[str, tuple[Table, int]] | None = None
) -> bytes:
    """``data`` as the file holds it: one table a line, then ``~layout`` (see the module docstring).

    A table still unparsed is written from its bytes as read, without parsing
    it. Table names other than plain words (never ours) are written as one
    compact line instead, which reads back the same way. ``known`` (the
    caller's, kept between saves) holds each table's CRC by the table dict it
    was computed for: TinyDB replaces a table's dict on every write to it, so
    a save that changed only a check-in does not checksum five years of
    reviews again. Were a dict ever changed in place, the CRC would no longer
    match, and the next open would simply parse that table.
    """
    if LAYOUT_KEY in data or not all(isinstance(name, str) and _NAME.fullmatch(name) for name in data):
        fill_all(data)
        return dumps(data)
    parts: list[Any] = [b"{\n"]
    entries: list[list[Any]] = []
    position = 2
    for name, table in data.items():
        kept = table.bytes_and_crc() if isinstance(table, DeferredTable) else None
        value, crc = kept if kept is not None else (dumps(table), None)
        if crc is None:
            seen = known.get(name) if known is not None else None
            crc = seen[1] if seen is not None and seen[0] is table else zlib.crc32(value)
        if known is not None:
            known[name] = (table, crc)
        head = b'"' + name.encode("ascii") + b'":'
        position += len(head)
        entries.append([name, position, len(value), crc])
        parts += (head, value, b",\n")
        position += len(value) + 2
    parts += (_LAYOUT_HEAD, dumps({"v": LAYOUT_VERSION, "tables": entries}), b"\n}")
    return b"".join(parts)


def parse_lazily(
    payload: bytes | bytearray, loads: Callable[[Any], Any], deferred: frozenset[str] = DEFERRED
) -> dict[str, Any] | None:
    """The tables of a file in our layout, those in ``deferred`` left unparsed; None for any other file.

    None also when anything about the layout does not add up, or a table that
    is parsed is not valid JSON: the caller then parses the file whole, which
    reports a damaged file exactly as it always has.
    """
    return _tables(InMemory(payload), len(payload), loads, deferred)


def read_lazily(
    fd: int, size: int, loads: Callable[[Any], Any], deferred: frozenset[str] = DEFERRED
) -> dict[str, Any] | None:
    """``parse_lazily`` for an open plain file of ``size`` bytes, read with ``pread``: a deferred
    table is checked in chunks and never held in memory; it keeps a descriptor of the file to be read later."""
    return _tables(OpenFile(fd), size, loads, deferred)


def _tables(source: Source, size: int, loads: Callable[[Any], Any], deferred: frozenset[str]) -> dict[str, Any] | None:
    entries = _layout(source, size, loads)
    if entries is None:
        return None
    data: dict[str, Any] = {}
    try:
        for name, start, length, crc in entries:
            if name in deferred and source.read(start, 1) == b"{" and source.crc(start, length) == crc:
                data[name] = DeferredTable(source, start, length, crc, loads)
            else:
                data[name] = loads(source.read(start, length))
    except (ValueError, UnicodeDecodeError):
        return None
    return data


def _layout(source: Source, size: int, loads: Callable[[Any], Any]) -> list[tuple[str, int, int, int]] | None:
    """The checked ``(name, start, length, crc)`` of each table, or None if the file is not in our layout."""
    if size < 4 or source.read(0, 2) != b"{\n" or source.read(size - 2, 2) != b"\n}":
        return None
    tail_start = max(0, size - 2 - _MAX_LAYOUT)
    tail = bytes(source.read(tail_start, size - 2 - tail_start))
    line_start = tail_start + tail.rfind(b"\n") + 1
    if line_start <= tail_start or tail[line_start - tail_start :][: len(_LAYOUT_HEAD)] != _LAYOUT_HEAD:
        return None
    try:
        layout = loads(tail[line_start - tail_start + len(_LAYOUT_HEAD) :])
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(layout, dict) or layout.get("v") != LAYOUT_VERSION or not isinstance(layout.get("tables"), list):
        return None
    entries: list[tuple[str, int, int, int]] = []
    position = 2
    for entry in layout["tables"]:
        if not (
            isinstance(entry, list)
            and len(entry) == 4
            and isinstance(entry[0], str)
            and _NAME.fullmatch(entry[0])
            and all(type(n) is int for n in entry[1:])
        ):
            return None
        name, start, length, crc = entry
        head = b'"' + name.encode("ascii") + b'":'
        end = start + length
        if (
            start != position + len(head)
            or length <= 0
            or end + 2 > line_start
            or source.read(position, len(head)) != head
            or source.read(end, 2) != b",\n"
        ):
            return None
        entries.append((name, start, length, crc))
        position = end + 2
    if position != line_start or len({name for name, *_ in entries}) != len(entries):
        return None
    return entries

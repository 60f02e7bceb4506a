"""Reading the file given to ``rootwork import``: a regular file, at most ``IMPORT_MAX_BYTES``, parsed as JSON.

The file is opened with ``O_NONBLOCK`` and checked with ``fstat`` before a byte
is read, so a FIFO, a device (``/dev/zero``) or a socket is refused at once
instead of hanging or filling memory; at most ``IMPORT_MAX_BYTES + 1`` bytes
are ever read. The cap, 64 MiB, holds more than thirty years of a busy
journal: five years of daily check-ins, forty practices, three thousand
thought records and twenty thousand reviews export to about 9 MiB
(``tests/state/five_years.py``).

Parsing is done by Python's json, whichever parser the journal itself uses, so
an export reads the same everywhere; the values are then checked by the strict
reader (``state.strict``), not by the parser: ``NaN``, ``Infinity`` and an
integer of any length parse here (a number of more than 40 digits becomes
2**64, which no field accepts) and are refused there, record by record.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

IMPORT_MAX_BYTES = 64 * 1024 * 1024
# Longer integer literals are not parsed digit by digit (Python refuses past 4300 digits):
# they become a value no field accepts, so the record is skipped and named, not the file.
_LONGEST_INT = 40
_TOO_BIG = 2**64


class NotRegularFile(Exception):
    """The path is a folder, a FIFO, a device or a socket; ``kind`` says which, in words."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooLarge(Exception):
    """The file is longer than ``IMPORT_MAX_BYTES``."""


class NotJSON(Exception):
    """The bytes are not UTF-8 JSON."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_import_bytes(path: Path, limit: int = IMPORT_MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``; ``NotRegularFile``, ``TooLarge`` or ``OSError`` otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile("a folder") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(_kind(mode))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise TooLarge()
        return b"".join(chunks)
    finally:
        os.close(fd)


def _parse_int(text: str) -> int:
    return int(text) if len(text.lstrip("-")) <= _LONGEST_INT else _TOO_BIG


def parse_import(payload: bytes) -> Any:
    """The JSON value of ``payload``; ``NotJSON`` when it is not UTF-8 JSON (or nested beyond reason)."""
    try:
        return json.loads(payload.decode("utf-8"), parse_int=_parse_int)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise NotJSON() from None

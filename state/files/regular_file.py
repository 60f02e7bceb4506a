"""Reading a file only when it is a regular file under a size cap: the one way rootwork reads what it is given.

Everything rootwork reads from a path it does not control the shape of (the
journal, its drafts, a conflict copy, an import, a passphrase file, a backup)
goes through here, so a FIFO never hangs a command, a device (``/dev/zero``)
never fills memory, and a folder is named as one:

- the path is ``stat``-ed first, and anything but a regular file is refused
  (``NotRegularFile``) without being opened;
- a regular file is opened with ``O_NONBLOCK`` and ``O_NOCTTY`` (so a file
  swapped for a FIFO between the two steps cannot block either) and checked
  again with ``fstat``: what is read is what was checked;
- a file longer than the cap is refused (``TooLarge``) before a byte is read,
  and never more than the cap plus one byte is read, even from a file that
  grows while it is read.

The cap, ``MAX_FILE_BYTES`` (64 MiB), is the same for a journal, a copy of one
and an export: a busy five-year journal is about 10.5 MB and its export about
9 MiB (``tests/state/five_years.py``), so the cap holds some thirty busy years,
while a hostile or broken file costs at most 64 MiB of memory to refuse.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

__all__ = [
    "MAX_FILE_BYTES",
    "NotRegularFile",
    "TooLarge",
    "check_regular",
    "file_kind",
    "open_regular",
    "read_open",
    "read_regular",
]


class NotRegularFile(Exception):
    """The path is a folder, a FIFO, a device or a socket; ``kind`` says which, in words ("a pipe")."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooLarge(Exception):
    """The file is longer than the cap it was read under (``limit``, in bytes)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"larger than {limit} bytes")
        self.limit = limit

    @property
    def words(self) -> str:
        """'larger than 64 MiB'."""
        return f"larger than {self.limit // (1024 * 1024)} MiB" if self.limit >= 1024 * 1024 else str(self)


def file_kind(mode: int) -> str:
    """What a file of ``mode`` is, in words: 'a folder', 'a pipe', 'a device', 'a socket'."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: Path, limit: int = MAX_FILE_BYTES, *, follow_symlinks: bool = True) -> os.stat_result:
    """``path``'s stat when it is a regular file of at most ``limit`` bytes, without opening it.

    Raises ``NotRegularFile``, ``TooLarge``, or ``OSError`` (``FileNotFoundError``
    when there is nothing there). A symlink is followed unless ``follow_symlinks``
    is false, when the link itself is refused as not a regular file.
    """
    info = os.stat(path) if follow_symlinks else os.lstat(path)
    _check(info, limit)
    return info


def _check(info: os.stat_result, limit: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise NotRegularFile("a link")
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(file_kind(info.st_mode))
    if info.st_size > limit:
        raise TooLarge(limit)


def open_regular(
    path: Path, limit: int = MAX_FILE_BYTES, *, follow_symlinks: bool = True
) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file ``path`` and its ``fstat`` (see ``check_regular``); the caller closes it."""
    check_regular(path, limit, follow_symlinks=follow_symlinks)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | (0 if follow_symlinks else _NOFOLLOW))
    except IsADirectoryError:  # swapped for a folder since the stat
        raise NotRegularFile("a folder") from None
    try:
        info = os.fstat(fd)
        _check(info, limit)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_open(fd: int, limit: int = MAX_FILE_BYTES) -> bytes:
    """All of an open file's bytes from its current position; ``TooLarge`` past ``limit`` (at most ``limit`` + 1 read)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise TooLarge(limit)
    return b"".join(chunks)


def read_regular(path: Path, limit: int = MAX_FILE_BYTES, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file ``path``; ``NotRegularFile``, ``TooLarge`` or ``OSError`` otherwise."""
    fd, _info = open_regular(path, limit, follow_symlinks=follow_symlinks)
    try:
        return read_open(fd, limit)
    finally:
        os.close(fd)


def read_head(path: Path, size: int, *, follow_symlinks: bool = True) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (any length); ``NotRegularFile`` or ``OSError`` otherwise."""
    fd, _info = open_regular(path, follow_symlinks=follow_symlinks)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)

"""Replacing a file atomically, through a symlink, and tidying what a killed write left behind.

``write_atomic`` writes a temporary file ``.rootwork-<hex>.tmp`` in the same
directory as the file it replaces, fsyncs it, renames it over the file and
fsyncs the directory, so a crash or a full disk leaves the old bytes or the
new, never a mix.

A journal that is a symlink (into a sync folder, say) is written through: the
link is resolved and its target replaced in the target's own directory, so the
link stays a link and the target keeps getting every save. The new file keeps
the old one's permissions when they are already private (nothing for group or
others), and is 0600 otherwise.

``write_new`` writes a file that must not exist yet (a copy kept aside):
never over another file, never through a link.

``remove_temp_files`` deletes only what ``write_atomic`` leaves when killed
mid-write: regular files (never a symlink, never followed) named
``.rootwork-<hex>.tmp``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rootwork.state.files.locations import TEMP_PREFIX

FILE_MODE = 0o600
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[0-9a-f]{1,64}\.tmp")


def resolve_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself, or where its symlink(s) lead."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions if they are private; otherwise (or new) 0600."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return FILE_MODE
    return mode if mode & 0o077 == 0 and mode & 0o600 else FILE_MODE


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable. The new file is already in place when
    # this runs, so a failure here is not a failed save (and some platforms
    # cannot open directories at all).
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _removed_on_failure(path: Path) -> Iterator[None]:
    """Whatever goes wrong in the block, ``path`` (a file it was making) is removed before the error goes on."""
    try:
        yield
    except BaseException:
        try:
            os.unlink(path)
        except OSError:
            pass
        raise


def write_atomic(
    path: Path,
    payload: bytes,
    *,
    durable: bool = True,
    temp_name: str | None = None,
    mode: int | None = None,
    follow_links: bool = True,
) -> None:
    """Replace ``path`` (or its symlink's target) with ``payload``: readers see the old or the new bytes.

    ``durable=False`` skips the two fsyncs, for a note whose loss after a power
    cut costs nothing (readers still never see half of it). ``temp_name`` names
    the temporary file (``.rootwork-<hex>.tmp`` by default), ``mode`` the new
    file's permissions (the old file's by default, else 0600). With
    ``follow_links=False`` a link at ``path`` is replaced itself, never the file
    it names. The one atomic write: the journal's files here, exports through
    ``private_file``.
    """
    target = resolve_target(Path(path)) if follow_links else Path(path)
    temp = _written_temp(target, payload, durable=durable, name=temp_name, mode=mode)
    with _removed_on_failure(temp):
        os.replace(temp, target)
    if durable:
        _fsync_dir(target.parent)


def _written_temp(
    target: Path, payload: bytes, *, durable: bool = True, name: str | None = None, mode: int | None = None
) -> Path:
    """A new temporary file beside ``target`` holding ``payload`` (fsynced when ``durable``), with its mode."""
    mode = _mode_for(target) if mode is None else mode
    temp = target.parent / (name or f"{TEMP_PREFIX}{secrets.token_hex(8)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    with _removed_on_failure(temp):
        try:
            if mode != FILE_MODE and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    return temp


#: ``(st_mtime_ns, st_size, st_ino)`` of a file as read; None for no file.
Signature = tuple[int, int, int] | None
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def signature(info: os.stat_result) -> tuple[int, int, int]:
    """What tells one version of a file from another without reading it."""
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _renameat2() -> Callable[..., int] | None:
    """Linux's renameat2 from the C library, or None (another system, or a C library without it)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


_EXCHANGE = _renameat2() if sys.platform.startswith("linux") else None


def exchange(first: Path, second: Path) -> bool:
    """Swap two files in one step (``RENAME_EXCHANGE``); False where the system or file system cannot."""
    if _EXCHANGE is None:
        return False
    if _EXCHANGE(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOENT, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # no such call, a file system without it, or no file to swap with
    raise OSError(code, os.strerror(code), str(second))


def replace_checked(
    path: Path, payload: bytes, expected: Signature, keep_as: Callable[[int], Path]
) -> tuple[Path | None, tuple[int, int, int]]:
    """``write_atomic``, but a file renamed over ``path`` since it was read (``expected``) is kept, never lost.

    Sync tools do not take rootwork's lock: one may rename its copy over the
    journal between the moment a save read it and the moment it replaces it.
    Where Linux can swap the two files in one step (``renameat2`` with
    ``RENAME_EXCHANGE``), the new journal goes in and the file it displaced
    comes out at the temporary name; elsewhere the file is compared just before
    the rename. Either way, a displaced file that is not the one read is kept
    at ``keep_as(n)`` (the first free ``n``), moved or copied (never through a
    link), and its path returned for the caller to merge; None when the file
    replaced was the one read. Also returned: the signature of the file written,
    taken before it was renamed in, so a file a sync tool renames over it a
    moment later is never taken for it.
    """
    target = resolve_target(Path(path))
    temp = _written_temp(target, payload)
    written = signature(os.stat(temp))
    with _removed_on_failure(temp):
        exchanged = exchange(temp, target)
    if exchanged:  # ``temp`` now holds what was there: never removed unless it was the file read
        _fsync_dir(target.parent)
        if signature(os.lstat(temp)) == expected:
            os.unlink(temp)
            return None, written
        try:
            return _keep(temp, keep_as, moved=True), written
        except OSError:  # kept under its temporary name rather than lost (no room for a copy, say)
            return temp, written
    with _removed_on_failure(temp):
        try:
            current: Signature = signature(os.stat(target))
        except FileNotFoundError:
            current = None
        kept = None if current is None or current == expected else _keep(target, keep_as, moved=False)
        os.replace(temp, target)
    _fsync_dir(target.parent)
    return kept, written


def _keep(source: Path, keep_as: Callable[[int], Path], *, moved: bool) -> Path:
    """Keep ``source`` at the first free ``keep_as(n)``: renamed when ``moved`` and it can be, else copied."""
    n = 1
    while True:
        target = keep_as(n)
        if not os.path.lexists(target):
            if moved:
                try:
                    os.link(source, target)  # fails when the name was taken meanwhile, never overwrites
                    os.unlink(source)
                    os.chmod(target, FILE_MODE)  # a sync tool's file may be readable by others
                    return target
                except FileExistsError:
                    n += 1
                    continue
                except OSError:
                    pass  # another file system: copied below
            try:
                with open(source, "rb") as handle:
                    write_new(target, handle.read())
            except FileExistsError:
                n += 1
                continue
            if moved:
                os.unlink(source)
            return target
        n += 1


def write_new(path: Path, payload: bytes) -> None:
    """Write ``payload`` to a new file ``path`` (0600), never over anything there: not a file, not a link.

    ``FileExistsError`` when the name is taken. Whole or not at all, even when
    the process is killed: the bytes go to a temporary file first (fsynced),
    which is then linked to ``path`` (a link never replaces what holds the
    name) and unlinked; a kill in between leaves only the temporary file,
    which the next opening removes. So a copy kept before a risky write is
    on disk, whole, first, and never a truncated file under a journal's name.
    """
    path = Path(path)
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    temp = _written_temp(path, payload, mode=FILE_MODE)
    try:
        with _removed_on_failure(temp):
            os.link(temp, path, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network shares): written in place
        _write_in_place(path, payload)
        return
    os.unlink(temp)
    _fsync_dir(path.parent)


def _write_in_place(path: Path, payload: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    with _removed_on_failure(path):
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_dir(path.parent)


def move_new(path: Path, names: Iterable[Path]) -> Path:
    """Move ``path`` (itself, never what a link points to) to the first of ``names`` nothing holds; return it.

    Linked there first, then unlinked, so it is never moved over a file or a
    link another program put there in between. ``OSError`` when it cannot be moved.
    """
    for target in names:
        try:
            os.link(path, target, follow_symlinks=False)
        except FileExistsError:
            continue
        os.unlink(path)
        return target
    raise FileExistsError(errno.EEXIST, f"no free name to move {path} to")


def remove_temp_files(directory: Path) -> list[Path]:
    """Delete the ``.rootwork-<hex>.tmp`` files a process killed mid-write left in ``directory``.

    Only regular files with exactly that name (checked with ``lstat``) are
    removed; a ``directory`` that is missing or not a directory holds none.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except FileNotFoundError:
            pass
    return removed

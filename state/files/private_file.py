"""Write an export file atomically and privately, leaving no copy of the journal behind.

``write_private_file`` writes through ``atomic.write_atomic`` (the one atomic
write: a temporary file beside the target, fsynced, renamed over it), so a
reader never sees half a file. The temporary
file holds the whole journal, so it must not outlive the export:

- on an exception, Ctrl+C, SIGTERM or SIGHUP (the terminal closed) it is removed
  before the process goes on dying;
- SIGKILL or a power cut cannot be caught, so every export first removes the
  temporary files an interrupted export left in the same folder.

A leftover is removed only when it is surely one of ours: its name is
``.rootwork_export-PID-HEX.tmp``, it is a regular file (not a link) with a
single name, owned by this user and private (0600), and the process named by
PID is gone (or the file is over an hour old, so the PID has been reused). An
export in progress in another process is never touched, nor is any file that
rootwork did not write.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rootwork.state.files.atomic import FILE_MODE, write_atomic

#: How every export's temporary file is named (``temp_name``); ``rootwork doctor`` looks for it too (privacy_check.py).
EXPORT_TEMP_PREFIX = ".rootwork_export-"
TEMP_PATTERN = re.compile(re.escape(EXPORT_TEMP_PREFIX) + r"([0-9]{1,10})-[0-9a-f]{16}\.tmp")
# No export takes an hour to write: an older temporary file is abandoned even if its PID is in use again.
STALE_SECONDS = 3600
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def temp_name(pid: int | None = None) -> str:
    """A fresh temporary file name for an export by process ``pid`` (this one by default)."""
    return f"{EXPORT_TEMP_PREFIX}{os.getpid() if pid is None else pid}-{secrets.token_hex(8)}.tmp"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):  # another user's process, or cannot tell: keep the file
        return True
    return True


def is_abandoned_temp(path: Path, now: float | None = None) -> bool:
    """Whether ``path`` is a temporary file of an export that was interrupted (see the module's rules)."""
    match = TEMP_PATTERN.fullmatch(path.name)
    if match is None:
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or stat.S_IMODE(info.st_mode) != FILE_MODE:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    age = (time.time() if now is None else now) - info.st_mtime
    return age > STALE_SECONDS or not _process_alive(int(match.group(1)))


def remove_abandoned_temps(directory: Path) -> list[Path]:
    """Remove the temporary files interrupted exports left in ``directory``; best effort, returns those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        if is_abandoned_temp(path):
            try:
                os.unlink(path)
            except OSError:
                continue
            removed.append(path)
    return removed


@contextmanager
def _removed_on_signal(temp: Path) -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP remove ``temp`` first, then act as they would have."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; exceptions still clean up
        return
    previous: dict[int, Any] = {}

    def remove_then_resend(signum: int, _frame: object) -> None:
        try:
            os.unlink(temp)
        except OSError:
            pass
        for number, handler in previous.items():
            signal.signal(number, handler)
        os.kill(os.getpid(), signum)

    for signum in _SIGNALS:
        previous[signum] = signal.signal(signum, remove_then_resend)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable only by the user (0600), leaving no temporary file."""
    remove_abandoned_temps(path.parent)
    name = temp_name()
    with _removed_on_signal(path.parent / name):
        # 0600 whatever the umask or the file replaced, so a leftover is known as ours. A link at ``path``
        # is replaced, never followed: a link planted where an export goes must not steer it onto another file.
        write_atomic(path, data, temp_name=name, mode=FILE_MODE, follow_links=False)

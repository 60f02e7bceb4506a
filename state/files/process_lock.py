"""One writer at a time: an exclusive ``flock`` on ``rootwork.lock`` plus a thread lock."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from rootwork.state.files.atomic import FILE_MODE

try:
    import fcntl as _fcntl
except ImportError:  # pragma: no cover - Windows has no flock; one process at a time there
    _fcntl = None  # type: ignore[assignment]  # None stands for "no flock here"; the module type says otherwise

__all__ = ["ProcessLock"]


class ProcessLock:
    """An exclusive ``flock`` on one lock file plus a thread lock, re-entrant within a process.

    Use ``ProcessLock.for_path`` so that every store in this process opened on
    the same directory shares one lock (two ``flock`` descriptors in one
    process would otherwise block each other).
    """

    _registry: dict[Path, ProcessLock] = {}
    _registry_guard = threading.Lock()

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    @classmethod
    def for_path(cls, path: Path) -> ProcessLock:
        """Return the process-wide lock for ``path``."""
        key = Path(os.path.abspath(path))
        with cls._registry_guard:
            lock = cls._registry.get(key)
            if lock is None:
                lock = cls._registry[key] = cls(key)
            return lock

    def acquire(self) -> None:
        """Take the lock, waiting for other threads and processes."""
        self._thread_lock.acquire()
        if self._depth == 0 and self.path is not None and _fcntl is not None:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
                try:
                    _fcntl.flock(fd, _fcntl.LOCK_EX)
                except BaseException:
                    os.close(fd)
                    raise
            except BaseException:
                self._thread_lock.release()
                raise
            self._fd = fd
        self._depth += 1

    def release(self) -> None:
        """Give the lock back; the file lock is dropped when the outermost holder releases."""
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _fcntl.flock(fd, _fcntl.LOCK_UN)
            finally:
                os.close(fd)
        self._thread_lock.release()

    @property
    def thread_lock(self) -> threading.RLock:
        """The in-process part of the lock, for readers that only need thread safety."""
        return self._thread_lock

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

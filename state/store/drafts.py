"""Drafts (half-written forms) in a small file of their own, ``drafts.json`` beside the journal.

The thought-record editor keeps its draft about a second after each pause and
the self-check on every tick. In the journal, each would rewrite a file of
several megabytes and make every other rootwork process read it again; in
``drafts.json`` it is a write of a few hundred bytes, made like the journal's
(atomic replace, 0600) under the same lock, and the journal is never touched.

The file holds ``{"drafts": {name: {"saved_at": stamp, "data": {...}}}}``. One
that cannot be read holds no drafts (a draft is a convenience, and the journal
never depends on it); the next draft saved replaces it. It is never read or
written through a link: a link there is replaced by a file of its own, so a
draft never lands in a file it points to. It is encrypted when
the journal is (the journal's ``FileCodec``, codec.py).

Journals from before kept drafts as ``draft`` documents in their ``meta`` table.
Such a draft is still offered back (``drafts.json`` wins when both hold one of
that name) and leaves the journal when it is cleared: the one journal write a
draft can still cause, once.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from rootwork.state.encryption.codec import ENCRYPTION_CHANGED, ENCRYPTION_CHANGED_WORDS, FileCodec
from rootwork.state.encryption.folder import plain_write_refused
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, open_regular, read_open
from rootwork.state.journal_file.storage import ProcessLock, parse, serialise, write_atomic
from rootwork.state.records.errors import SaveFailed, StoreError


class DraftBox:
    """The drafts of one journal: a file beside it, or a dict when the journal is in memory."""

    def __init__(self, path: Path | None, lock: ProcessLock, codec: FileCodec | None = None) -> None:
        self.path = path
        self._lock = lock
        self._codec = codec or FileCodec()
        self._memory: dict[str, dict[str, Any]] = {}
        self._signature: tuple[int, int, int] | None = None
        self._cache: dict[str, dict[str, Any]] = {}

    def _read(self) -> dict[str, dict[str, Any]]:
        """Every draft by name (re-read only when the file changed)."""
        if self.path is None:
            return self._memory
        try:
            fd, info = open_regular(self.path, follow_symlinks=False)
            try:
                signature = (info.st_mtime_ns, info.st_size, info.st_ino)
                if signature == self._signature:
                    return self._cache
                payload = read_open(fd)
            finally:
                os.close(fd)
        except FileNotFoundError:
            self._signature, self._cache = None, {}
            return self._cache
        except (OSError, NotRegularFile, TooLarge):  # not a file of ours (the journal's opening said so)
            return {}
        try:
            drafts = parse(self._codec.decode(payload)).get("drafts")
        except ENCRYPTION_CHANGED:  # encrypted (or made plain) by another program since: never written over
            raise SaveFailed(ENCRYPTION_CHANGED_WORDS) from None
        except StoreError:  # unreadable: its drafts are lost to a damage, and the next write starts anew
            drafts = None
        if not isinstance(drafts, dict):
            drafts = {}
        self._signature = signature
        self._cache = {name: doc for name, doc in drafts.items() if isinstance(doc, dict)}
        return self._cache

    def get(self, name: str) -> dict[str, Any] | None:
        """The draft saved under ``name`` (a copy), or None (also when the file cannot be read any more)."""
        with self._lock.thread_lock:
            try:
                data = self._read().get(name, {}).get("data")
            except SaveFailed:
                return None
            return copy.deepcopy(data) if isinstance(data, dict) else None

    def put(self, name: str, data: dict[str, Any], stamp: str) -> None:
        """Keep ``data`` under ``name``; raises OSError when the file cannot be written."""
        with self._lock:
            drafts = dict(self._read())
            drafts[name] = {"saved_at": stamp, "data": copy.deepcopy(data)}
            self._write(drafts)

    def remove(self, name: str) -> None:
        """Forget the draft under ``name`` (nothing is written when there is none)."""
        with self._lock:
            drafts = dict(self._read())
            if drafts.pop(name, None) is not None:
                self._write(drafts)

    def _write(self, drafts: dict[str, dict[str, Any]]) -> None:
        if self.path is None:
            self._memory = drafts
            return
        if plain_write_refused(self.path.parent, self._codec):  # encrypted by another program since it opened
            raise SaveFailed(ENCRYPTION_CHANGED_WORDS)
        if self.path.is_symlink():  # never written through: drafts are this folder's alone
            self.path.unlink()
        write_atomic(self.path, self._codec.encode(serialise({"drafts": drafts})))
        self._signature = None

"""This machine's note that a folder is encrypted: ``encryption`` beside ``machine-id``, never synced.

A journal's own bytes cannot say whether the folder is meant to be
encrypted: a plain ``rootwork.json`` put in its place (by a sync from a
machine that ran ``decrypt``, a restore, or anyone who can write to the
synced folder) looks just like a folder that was never encrypted. So each
machine keeps its own note, one line: the state and the folder's recipient::

    encrypted age1... mac:<hex>

``encrypting`` and ``decrypting`` are written before ``rootwork encrypt`` or
``decrypt`` converts the first file and replaced when the last is done: a
command killed half-way leaves the note saying so, and the next command that
has the passphrase finishes the job (``state.store.sealing``), but only when
the note's mac (``FileCodec.sign``, keyed by the identity's secret) holds: a
note someone else wrote, even one naming the right recipient, does not
decrypt a folder or let a plain file in. While the note says ``encrypted``, no
plain journal or plain copy is read into the journal. The note must not be
synced (the README's ignore lines).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rootwork.state.files.atomic import write_atomic
from rootwork.state.files.locations import encryption_mark_path
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular


class FolderState(enum.Enum):
    PLAIN = "plain"
    ENCRYPTED = "encrypted"
    ENCRYPTING = "encrypting"
    DECRYPTING = "decrypting"


@dataclass(frozen=True)
class Mark:
    state: FolderState
    recipient: str | None = None
    #: While a folder of rootwork 0.1 is converted: the digest of its files' one header (header.py),
    #: the only passphrase files the conversion opens.
    legacy: str | None = None
    #: ``FileCodec.sign`` of ``signed_text()``: only the identity's holder can write a note that passes.
    mac: str | None = None

    def signed_text(self) -> str:
        """What the note's mac covers: its state, recipient and 0.1 stanza."""
        return " ".join((self.state.value, self.recipient or "-", self.legacy or "-"))


PLAIN = Mark(FolderState.PLAIN)


def read_mark(data_dir: Path) -> Mark:
    """What this machine last noted about ``data_dir``; ``PLAIN`` when nothing (or nothing readable) is noted.

    A damaged note errs towards safety: a word we do not know reads as encrypted.
    """
    try:
        words = read_regular(encryption_mark_path(data_dir), 4096, follow_symlinks=False).decode("ascii").split()
    except FileNotFoundError:
        return PLAIN
    except (OSError, UnicodeDecodeError, NotRegularFile, TooLarge):
        return Mark(FolderState.ENCRYPTED)
    if not words:
        return Mark(FolderState.ENCRYPTED)
    try:
        state = FolderState(words[0])
    except ValueError:
        state = FolderState.ENCRYPTED
    mac = words.pop()[4:] if len(words) > 1 and words[-1].startswith("mac:") else None
    recipient = words[1] if len(words) > 1 and words[1].startswith("age1") else None
    legacy = words[2] if len(words) == 3 and len(words[2]) == 64 else None
    return Mark(state, recipient, legacy, mac)


def write_mark(data_dir: Path, mark: Mark, sign: Callable[[str], str]) -> None:
    """Note ``mark`` for ``data_dir``, signed by ``sign`` (``FileCodec.sign``); atomically, and a note that is
    a link is replaced, never written through."""
    path = encryption_mark_path(data_dir)
    if mark.state is FolderState.PLAIN:
        clear_mark(data_dir)
        return
    if path.is_symlink():
        path.unlink()
    words = (mark.state.value, mark.recipient, mark.legacy, "mac:" + sign(mark.signed_text()))
    line = " ".join(word for word in words if word) + "\n"
    write_atomic(path, line.encode("ascii"))


def clear_mark(data_dir: Path) -> None:
    """Forget that ``data_dir`` was encrypted (after ``decrypt``)."""
    try:
        encryption_mark_path(data_dir).unlink()
    except FileNotFoundError:
        pass


__all__ = ["PLAIN", "FolderState", "Mark", "clear_mark", "read_mark", "write_mark"]

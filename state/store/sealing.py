"""An encrypted folder at opening: unlocked, finished, converted, and never read plain in silence.

``unlock_folder`` runs before anything in the folder is touched: it reads this
machine's note (``state.encryption.marker``), the journal's first bytes and
``identity.age``, and opens the identity with the passphrase (scrypt, once)
whenever the folder has one. A missing or wrong passphrase raises then, with
nothing changed, and says what it would have found (an interrupted
conversion, a plain journal). A journal rootwork 0.1 encrypted with the
passphrase alone has its passphrase checked on the journal itself.

``settle_folder`` runs under the process lock, before the journal is read:

- an ``encrypt`` or ``decrypt`` that was interrupted is finished, when this
  machine's note of it is signed with the folder's key (a forged or stale one
  is never acted on);
- a 0.1 journal gets an identity (same passphrase) and every file is
  converted to it, with one notice;
- a folder whose ``identity.age`` came from another machine is followed: this
  machine's own plain files are encrypted where they are (the journal only
  when it is the file this machine wrote last);
- in a folder this machine knows as encrypted, a journal that is not an age
  file for the folder's key (plain, a passphrase file, anything else) is kept
  aside unread as ``rootwork.plain-<time>.json`` and the journal comes back
  from the newest encrypted backup (or starts empty, encrypted); a plain file
  at a name rootwork reads unasked (a conflict copy, drafts, the outbox, a
  daily backup) is moved aside the same way. Each is a ``Refusal`` in the
  notices: a command stops there with exit 2 and that line alone, the app
  shows it. What was kept aside is encrypted to the identity at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path

from rootwork.state.encryption import folder
from rootwork.state.encryption.codec import (
    NEEDED,
    NO_IDENTITY,
    FileCodec,
    PassphraseNeeded,
    PlainFileRefused,
    UnsupportedEncryption,
)
from rootwork.state.encryption.header import NotAnAgeHeader, is_encrypted, read_header
from rootwork.state.encryption.marker import FolderState, Mark, clear_mark, read_mark, write_mark
from rootwork.state.files.atomic import move_new, write_atomic
from rootwork.state.files.locations import (
    DRAFTS_NAME,
    OUTBOX_PREFIX,
    backups_dir,
    database_path,
    identity_path,
    last_write_path,
    stamped_names,
)
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_head, read_regular
from rootwork.state.sync.machine import written_elsewhere
from rootwork.state.sync.names import conflict_copies


class Refusal(str):
    """A notice that a plain file was refused in an encrypted folder: a command stops with exit 2 on it."""


@dataclass
class Unlocked:
    """What ``unlock_folder`` found: this machine's note and the journal's kind."""

    mark: Mark
    #: "missing", "plain", "key" (X25519), "passphrase" (0.1) or "other".
    journal: str


def journal_kind(data_dir: Path) -> str:
    """What the journal is, from its first bytes: "missing", "plain", "key", "passphrase" or "other"."""
    try:
        head = read_head(database_path(data_dir), 16 * 1024)
    except (OSError, NotRegularFile):
        return "missing"
    except TooLarge:  # opening refuses it with one line; its head says nothing more
        return "plain"
    if not is_encrypted(head):
        return "plain"
    try:
        header = read_header(head)
    except NotAnAgeHeader:
        return "other"
    if header.is_passphrase_file:
        return "passphrase"
    return "key" if header.is_x25519_file else "other"


def _identity_bytes(path: Path) -> bytes | None:
    try:
        return read_regular(path, 64 * 1024, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except (OSError, NotRegularFile, TooLarge) as error:
        raise UnsupportedEncryption(f"identity.age cannot be read ({error}), so the journal cannot be opened") from None


def needs_passphrase(data_dir: Path) -> bool:
    """Whether opening ``data_dir`` needs the passphrase (the app asks on a screen first when it does)."""
    return journal_kind(data_dir) in ("key", "passphrase", "other") or identity_path(data_dir).exists()


def unlock_folder(data_dir: Path, codec: FileCodec) -> Unlocked:
    """Open the folder's identity when it has one (``identity.age``); nothing is written.

    ``rootwork decrypt`` in a folder whose identity was retired by a decrypt on
    another machine opens the newest retired one: this machine's files may
    still be encrypted to it. Without the passphrase, a command says what it
    would have found: an interrupted conversion, or a plain journal.
    """
    mark, kind = read_mark(data_dir), journal_kind(data_dir)
    wrapped = _identity_bytes(identity_path(data_dir))
    if wrapped is None and codec.plain_accepted and mark.state is not FolderState.PLAIN:
        retired = folder.retired_identities(data_dir)
        wrapped = _identity_bytes(retired[-1]) if retired else None
    if wrapped is not None:
        try:
            codec.unlock(wrapped)
        except PassphraseNeeded:
            raise PassphraseNeeded(_needed(data_dir, mark, kind)) from None
    elif kind in ("key", "other"):
        raise UnsupportedEncryption(NO_IDENTITY)
    elif kind == "passphrase":
        codec.decode(read_regular(database_path(data_dir)), journal=True)  # checks the passphrase: scrypt once
    return Unlocked(mark, kind)


def _needed(data_dir: Path, mark: Mark, kind: str) -> str:
    """What a command without the passphrase says, when there is more to say than that it is needed."""
    if mark.state in (FolderState.ENCRYPTING, FolderState.DECRYPTING):
        which, still = ("encrypt", "plain") if mark.state is FolderState.ENCRYPTING else ("decrypt", "encrypted")
        files = folder.plain_files(data_dir) if which == "encrypt" else folder.encrypted_files(data_dir)
        return (
            f"an interrupted 'rootwork {which}' is waiting to be finished ({_files(len(files))} of your "
            f"journal still {still}), and no passphrase was given to finish it"
        )
    if mark.state is FolderState.ENCRYPTED and kind == "plain":
        return (
            "your journal file is not encrypted, though this folder is: nothing was read from it or changed. "
            "Give the passphrase to have it kept aside unread and your journal restored from its backup"
        )
    return NEEDED


def settle_folder(
    data_dir: Path,
    codec: FileCodec,
    found: Unlocked,
    now: datetime,
    notices: list[str],
    *,
    keep_aside: Callable[[Path, bytes, datetime, str], Path],
    newest_backup: Callable[[], bytes | None],
    empty_journal: Callable[[], bytes],
) -> None:
    """Finish, convert and refuse as the module docstring says; the caller holds the process lock."""
    mark, kind = found.mark, found.journal
    if not codec.unlocked:
        _settle_without_identity(data_dir, codec, mark, kind, now, notices)
        return
    converting = mark.state in (FolderState.ENCRYPTING, FolderState.DECRYPTING)
    if converting and not (mark.recipient == codec.recipient and codec.signed(mark.signed_text(), mark.mac)):
        # Not this machine's own note of a conversion of this key (forged, or stale): never acted on.
        notices.append(
            "This machine's note of an unfinished encrypt or decrypt did not name your folder's key, "
            "so it was not acted on: your folder is treated as encrypted."
        )
        mark = Mark(FolderState.ENCRYPTED, codec.recipient)
    elif mark.state is FolderState.DECRYPTING:
        result = folder.decrypt_folder(data_dir, codec, now)
        notices.append(
            f"An interrupted 'rootwork decrypt' was finished: {_files(len(result.converted))} "
            "made plain. Your journal is not encrypted now."
        )
        return
    elif mark.state is FolderState.ENCRYPTING:
        codec.legacy_scrypt = mark.legacy  # a 0.1 folder's files under its one header, and no others
        codec.start_encrypting()
        result = folder.convert(data_dir, codec, encrypt=True)
        folder.end_encrypting(data_dir, codec)
        notices.append(
            f"An interrupted 'rootwork encrypt' was finished: {_files(len(result.converted))} "
            "encrypted now. Every file of your journal is encrypted."
        )
        return
    if codec.plain_accepted and kind == "plain":
        return  # 'rootwork decrypt' where the journal came plain from another machine: the command finishes it
    codec.start_encrypting()
    if mark.state is FolderState.PLAIN and (kind == "missing" or (kind == "plain" and _written_here(data_dir))):
        # identity.age came from another machine that ran 'rootwork encrypt', and the plain journal is the one
        # this machine wrote last: this one follows. (A plain journal from elsewhere is refused below.)
        result = folder.convert(data_dir, codec, encrypt=True)
        folder.end_encrypting(data_dir, codec)
        notices.append(
            f"Your journal was encrypted on another machine, so {_files(len(result.converted))} "
            "here are encrypted now too, to the same key."
        )
        return
    codec.sealed = True
    if not (
        mark.state is FolderState.ENCRYPTED
        and mark.recipient == codec.recipient
        and codec.signed(mark.signed_text(), mark.mac)
    ):
        write_mark(data_dir, Mark(FolderState.ENCRYPTED, codec.recipient), codec.sign)  # known from now on
    if kind != "key":  # plain, a passphrase file, or an age file we do not open: never read
        _refuse_journal(data_dir, codec, kind, now, notices, keep_aside, newest_backup, empty_journal)
    _refuse_plain_copies(data_dir, now, notices)
    sealed = folder.convert(data_dir, codec, encrypt=True)  # what is kept aside, never read unasked: sealed
    if sealed.converted:
        were = "was" if len(sealed.converted) == 1 else "were"
        notices.append(
            f"{_files(len(sealed.converted))} kept aside in your encrypted folder {were} still plain "
            f"and {'is' if were == 'was' else 'are'} encrypted now: "
            + ", ".join(path.name for path in sealed.converted)
            + "."
        )


def _written_here(data_dir: Path) -> bool:
    """Whether the journal is the file this machine wrote last (its note in ``last-write`` matches)."""
    return last_write_path(data_dir).exists() and written_elsewhere(data_dir, database_path(data_dir)) is None


def _settle_without_identity(
    data_dir: Path, codec: FileCodec, mark: Mark, kind: str, now: datetime, notices: list[str]
) -> None:
    if kind == "passphrase":
        _convert_legacy(data_dir, codec, now, notices)
    elif mark.state in (FolderState.ENCRYPTING, FolderState.DECRYPTING):
        clear_mark(data_dir)  # killed before identity.age was written, or after it was retired: nothing left to do
    elif mark.state is FolderState.ENCRYPTED and kind == "plain":
        if codec.plain_accepted:
            clear_mark(data_dir)  # 'rootwork decrypt': the switch another machine made is accepted here
            return
        raise PlainFileRefused(
            "your journal file is not encrypted, though this machine knew this folder as encrypted, and the "
            "folder's key (identity.age) is gone: nothing was read from it. If you turned encryption off on "
            "another machine, run 'rootwork decrypt' here too; if not, put identity.age back (from a backup "
            "of the folder or another machine)."
        )


def _convert_legacy(data_dir: Path, codec: FileCodec, now: datetime, notices: list[str]) -> None:
    result = folder.encrypt_folder(data_dir, codec, folder.make_key(codec.passphrase(), now), now)
    notices.append(
        "Your journal was encrypted by an older rootwork, so its files now use the folder's own key, kept in "
        f"identity.age and opened by the same passphrase ({_files(len(result.converted))} converted). "
        "'age -d -i identity.age rootwork.json' opens the journal."
    )


def _refuse_journal(
    data_dir: Path,
    codec: FileCodec,
    kind: str,
    now: datetime,
    notices: list[str],
    keep_aside: Callable[[Path, bytes, datetime, str], Path],
    newest_backup: Callable[[], bytes | None],
    empty_journal: Callable[[], bytes],
) -> None:
    journal = database_path(data_dir)
    if kind == "missing":
        return  # restored from a backup by the opening, or made anew (encrypted)
    kept = keep_aside(journal, read_regular(journal), now, "plain")
    backup = newest_backup()
    write_atomic(journal, backup if backup is not None else empty_journal())
    back = "restored from its newest backup" if backup is not None else "started anew, encrypted"
    what = "was not encrypted" if kind == "plain" else "was not encrypted to this folder's key"
    notices.append(
        Refusal(
            f"Your journal file {what}, though this folder is encrypted, so it was not read: it is kept aside as "
            f"{kept.name} (encrypted now) and your journal was {back}. If you turned encryption off on purpose, "
            f"run 'rootwork decrypt'; to bring its entries in, run 'rootwork merge {kept}'."
        )
    )


def _refuse_plain_copies(data_dir: Path, now: datetime, notices: list[str]) -> None:
    """Plain files where rootwork reads without being asked (conflict copies, drafts, the outbox, backups):
    moved aside as ``rootwork.plain-<time>.json``, never read, never converted where they are."""
    for path in _read_unasked(data_dir):
        try:
            if is_encrypted(read_head(path, 1024, follow_symlinks=False)):
                continue
        except (OSError, NotRegularFile):
            continue
        target = _move_aside(path, data_dir, now)
        if target is None:
            continue
        if path.name == DRAFTS_NAME or path.name.startswith(OUTBOX_PREFIX):
            what = "half-written forms" if path.name == DRAFTS_NAME else "this machine's copy of what it saved"
            back = (
                f"It holds {what}, not a journal: to read it, run 'age -d -i identity.age {target.name}' "
                "in the folder (your journal does not need it)."
            )
        else:
            back = f"To bring its entries in, run 'rootwork merge {target}'."
        notices.append(
            Refusal(
                f"{path.relative_to(data_dir)} was not encrypted, though this folder is, so it was "
                f"not read: it is kept aside as {target.name} (encrypted now). {back}"
            )
        )


def _move_aside(path: Path, data_dir: Path, now: datetime) -> Path | None:
    """``path`` moved to a new ``rootwork.plain-<time>.json`` in ``data_dir``, never over a file or a link;
    None when it cannot be moved (it is then left where it is, and read by nothing while the folder is sealed)."""
    try:
        return move_new(path, islice(stamped_names(data_dir, "rootwork.plain", ".json", now), 1000))
    except OSError:
        return None


def _read_unasked(data_dir: Path) -> list[Path]:
    """The files rootwork reads without being asked: conflict copies, drafts, outboxes and daily backups."""
    unasked = set(conflict_copies(data_dir))
    for path in folder.journal_files(data_dir):
        name = path.name
        if (path.parent == data_dir and (name == DRAFTS_NAME or name.startswith(OUTBOX_PREFIX))) or (
            path.parent == backups_dir(data_dir) and name.startswith("rootwork-")
        ):
            unasked.add(path)
    return sorted(unasked)


def _files(n: int) -> str:
    return f"{n} file{'' if n == 1 else 's'}"


__all__ = ["Refusal", "Unlocked", "journal_kind", "needs_passphrase", "settle_folder", "unlock_folder"]

"""Between "bytes of JSON" and "bytes on disk": the one place rootwork's files are encrypted and decrypted.

Every file of a journal's folder that holds user text (the journal, its
backups, ``drafts.json``, the outbox, conflict copies, a file given to
``merge``) is read through ``FileCodec.decode`` and written through
``FileCodec.encode``; pyrage does the age format, nothing here is
cryptography of our own.

An encrypted folder has one key, an X25519 identity kept in ``identity.age``
(identity.py). ``unlock`` opens that file with the passphrase (scrypt, once);
from then on the codec holds the identity, and ``forget_passphrase`` drops the
passphrase when the opening is done. Every file is encrypted to the
identity's recipient with a fresh file key (pyrage draws one per file), and
opened with the identity in microseconds.

What a file may cost to open is decided before pyrage is asked (header.py):

- an X25519 file: opened with the identity;
- an scrypt (passphrase) file: only a file the person names (``rootwork merge
  FILE``, up to ``MAX_NAMED_WORK_FACTOR``), the journal of a folder that has no
  key yet (rootwork 0.1 wrote it so: converted on opening, ``state.store.sealing``),
  and, while such a folder is converted, the files under that journal's very
  header (``legacy_scrypt``: 0.1 wrote every file under one header). A
  passphrase file that arrives by sync costs nothing: it is refused unread.

A plain file in a folder this machine knows as encrypted (``sealed``,
marker.py) raises ``PlainFileRefused`` unless it is named: an encrypted folder
never reads plain text into the journal in silence.

Whether saves are encrypted follows the journal as last read (``decode`` with
``journal=True``): encrypted to the identity when it is an age file, plain when
it is not (and refused when the folder is sealed).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable
from datetime import datetime

import pyrage

from rootwork.state.encryption import identity as identities
from rootwork.state.encryption.header import MAGIC, Header, NotAnAgeHeader, is_encrypted, read_header
from rootwork.state.records.errors import StoreError, UnreadableDatabase


class PassphraseError(StoreError):
    """The journal is encrypted and the passphrase is missing or wrong."""


class PassphraseNeeded(PassphraseError):
    """An encrypted file, and no passphrase to open it."""


class WrongPassphrase(PassphraseError):
    """The passphrase given does not open the file."""


class UnsupportedEncryption(StoreError):
    """An age file rootwork will not open (other recipients, an armored file, a hostile work factor)."""


class DamagedEncryptedFile(UnreadableDatabase):
    """An age file that is cut short or changed: as damaged as broken JSON, and recovered the same way."""


class ForeignKeyFile(DamagedEncryptedFile):
    """An age file for another key than this folder's (or whose header was changed: age cannot tell the two)."""


class PlainFileRefused(StoreError):
    """A plain file where this machine knows the folder is encrypted: never read into the journal unasked."""


#: What a save finds when another program changed the folder's encryption under it: nothing is written.
ENCRYPTION_CHANGED = (PassphraseError, PlainFileRefused)
#: What such a save says (the journal's, the drafts', the same words).
ENCRYPTION_CHANGED_WORDS = (
    "Your journal's encryption was changed by another program while this one was open (encrypted, "
    "decrypted, or replaced by a plain file), so your change was not saved. Quit and open your journal again."
)
PLAIN_JOURNAL = (
    "your journal file was replaced by one that is not encrypted, though this folder is: nothing was "
    "read from it or written to it; start rootwork again to have it set aside"
)


#: The most scrypt work a named passphrase file may ask for (20: about 1 GiB and a few seconds).
MAX_NAMED_WORK_FACTOR = 20
NEEDED = "your journal is encrypted, and no passphrase was given to open it"
WRONG = "that passphrase does not open your journal"
NO_IDENTITY = (
    "your journal is encrypted to a key, but identity.age, the file that holds the key, is not in "
    "the folder: put it back (from a backup or another machine) to open the journal"
)


class FileCodec:
    """Plain or age bytes on disk; see the module docstring. Thread-safe."""

    def __init__(
        self,
        passphrase: str | None = None,
        *,
        ask: Callable[[], str | None] | None = None,
        identity: identities.Identity | None = None,
    ) -> None:
        self._passphrase = passphrase or None
        #: Called once, the first time a passphrase is needed and none was given (a prompt).
        self._ask = ask
        self._identity = identity
        self._session = False
        #: This machine knows the folder as encrypted: plain files are refused (marker.py).
        self.sealed = False
        #: While a folder of rootwork 0.1 is converted: the digest of its files' one header (header.py), the
        #: only passphrase files opened without being named.
        self.legacy_scrypt: str | None = None
        #: ``rootwork decrypt``: a plain journal in a sealed folder is the deliberate switch, not refused.
        self.plain_accepted = False
        self._guard = threading.RLock()

    def __repr__(self) -> str:  # never the passphrase or the identity, in a log or a traceback
        return f"FileCodec(encrypting={self.encrypting}, unlocked={self.unlocked})"

    @property
    def has_passphrase(self) -> bool:
        return self._passphrase is not None

    @property
    def unlocked(self) -> bool:
        """True when the folder's identity is held (``unlock`` or ``start_encrypting`` ran)."""
        return self._identity is not None

    @property
    def recipient(self) -> str | None:
        """The folder's recipient (``age1...``) when the identity is held."""
        return None if self._identity is None else str(self._identity.to_public())

    @property
    def encrypting(self) -> bool:
        """True when saves are encrypted (the journal was last read or made encrypted)."""
        return self._session

    def passphrase(self) -> str:
        """The passphrase, asked for once if there is a way to; ``PassphraseNeeded`` when there is none."""
        with self._guard:
            if self._passphrase is None and self._ask is not None:
                ask, self._ask = self._ask, None
                self._passphrase = ask() or None
            if self._passphrase is None:
                raise PassphraseNeeded(NEEDED)
            return self._passphrase

    def unlock(self, wrapped: bytes) -> None:
        """Open the folder's identity (the bytes of ``identity.age``) with the passphrase: scrypt runs once."""
        with self._guard:
            if self._identity is not None:
                return
            try:
                self._identity = identities.unwrap(wrapped, self.passphrase())
            except identities.WrongIdentityPassphrase:
                raise WrongPassphrase(WRONG) from None
            except identities.IdentityError as error:
                raise UnsupportedEncryption(str(error)) from None

    def sign(self, text: str) -> str:
        """An HMAC-SHA256 of ``text`` under a key only the identity's holder has (marker.py's note).

        Not part of the age format (pyrage does all of that): the standard
        library's HMAC, keyed by a hash of the identity's secret, so that a note
        someone else wrote (a sync tool carrying it, anyone who can write to the
        folder) is never taken for this machine's own.
        """
        identity = self._identity
        if identity is None:
            raise PassphraseNeeded(NEEDED)
        key = hashlib.sha256(b"rootwork encryption note\0" + str(identity).encode("ascii")).digest()
        return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def signed(self, text: str, mac: str | None) -> bool:
        """Whether ``mac`` is ``sign(text)`` (False without the identity or a mac)."""
        if self._identity is None or not mac:
            return False
        return hmac.compare_digest(self.sign(text), mac)

    def rewrap(self, passphrase: str, now: datetime | None = None) -> bytes:
        """The held identity as a new ``identity.age`` under ``passphrase`` (``rootwork passphrase``)."""
        if self._identity is None:
            raise PassphraseNeeded(NEEDED)
        return identities.wrap(self._identity, passphrase, now)

    def forget_passphrase(self) -> None:
        """Drop the passphrase (the opening is done; from now on only the identity is held)."""
        with self._guard:
            self._passphrase = None
            self._ask = None

    def for_named_file(self, ask: Callable[[], str | None]) -> FileCodec:
        """A codec for one file the person named: this folder's identity, and ``ask`` for a passphrase file's."""
        named = FileCodec(ask=ask, identity=self._identity)
        named.sealed = self.sealed
        return named

    def set_passphrase(self, passphrase: str) -> None:
        """Use ``passphrase`` from now on (``encrypt``, which asks for a new one twice)."""
        self._passphrase = passphrase or None

    def decode(self, payload: bytes, *, journal: bool = False, named: bool = False, converting: bool = False) -> bytes:
        """The JSON bytes of a file as read from disk (plain files come back as they are).

        ``journal=True``: the journal file itself; saves from now on follow it.
        ``named=True``: a file the person named (``rootwork merge FILE``): a
        plain one is read even in a sealed folder, and a passphrase file is
        opened (up to ``MAX_NAMED_WORK_FACTOR``). ``converting=True``: ``encrypt``
        or ``decrypt`` reading a file to rewrite it, never into the journal.
        """
        if not is_encrypted(payload):
            if self.sealed and not (named or converting):
                raise PlainFileRefused(PLAIN_JOURNAL if journal else "it is not encrypted, though this folder is")
            if journal:
                self._session = False
            return payload
        try:
            header = read_header(payload)
        except NotAnAgeHeader as error:
            if payload.startswith(MAGIC):
                raise DamagedEncryptedFile(f"the encrypted file is damaged ({error})") from None
            raise UnsupportedEncryption(f"this encrypted file cannot be opened ({error})") from None
        if header.is_passphrase_file:
            plain = self._open_passphrase_file(payload, header, journal=journal, named=named)
        elif header.is_x25519_file:
            plain = self._open_x25519_file(payload)
        else:
            raise UnsupportedEncryption(
                f"this encrypted file is for a kind of key rootwork does not use ({', '.join(header.types)})"
            )
        if journal:
            self._session = True
        return plain

    def _open_passphrase_file(self, payload: bytes, header: Header, *, journal: bool, named: bool) -> bytes:
        legacy_journal = journal and self._identity is None  # rootwork 0.1's journal, before the folder has a key
        same_header = self.legacy_scrypt is not None and header.scrypt == self.legacy_scrypt
        if not (named or legacy_journal or same_header):
            raise UnsupportedEncryption(
                "it is encrypted with a passphrase, not with this folder's key: "
                "rootwork opens such a file only when you name it (rootwork merge FILE)"
            )
        limit = MAX_NAMED_WORK_FACTOR if named else identities.MAX_IDENTITY_WORK_FACTOR
        work_factor = header.work_factor or 0
        if work_factor > limit:
            raise UnsupportedEncryption(
                f"it asks for scrypt work factor {work_factor}, more than the {limit} "
                "rootwork allows, so it was not opened"
            )
        try:
            plain: bytes = pyrage.passphrase.decrypt(payload, self.passphrase())  # pyrage has no stubs
        except pyrage.DecryptError as error:
            if "Decryption failed" in str(error):
                raise WrongPassphrase(WRONG) from None
            raise DamagedEncryptedFile(f"the encrypted file is damaged ({error})") from None
        if legacy_journal and not named:
            self.legacy_scrypt = header.scrypt
        return plain

    def _open_x25519_file(self, payload: bytes) -> bytes:
        identity = self._identity
        if identity is None:
            raise PassphraseNeeded(NO_IDENTITY if self._passphrase is not None else NEEDED)
        try:
            plain: bytes = pyrage.decrypt(payload, [identity])  # pyrage has no stubs: its bytes, typed here
            return plain
        except pyrage.DecryptError as error:
            if "No matching keys" in str(error):
                raise ForeignKeyFile(
                    "it is encrypted to another key than this folder's, or its header was changed"
                ) from None
            raise DamagedEncryptedFile(f"the encrypted file is damaged ({error})") from None

    def follow_plain(self) -> None:
        """The journal was just read plain (without ``decode``): saves from now on are plain too."""
        if self.sealed:
            raise PlainFileRefused(PLAIN_JOURNAL)
        self._session = False

    def encode(self, plaintext: bytes | bytearray) -> bytes:
        """The bytes to write for ``plaintext``: encrypted to the folder's key when the journal is, else as they are."""
        if not self._session:
            return plaintext if isinstance(plaintext, bytes) else bytes(plaintext)
        return self.seal(plaintext)

    def encode_like(self, original: bytes, plaintext: bytes) -> bytes:
        """``plaintext`` encrypted to the folder's key when ``original`` is an age file, else as it is."""
        if not is_encrypted(original):
            return plaintext
        return self.seal(plaintext)

    def seal(self, plaintext: bytes | bytearray) -> bytes:
        """``plaintext`` as an age file to the folder's recipient, with a fresh file key."""
        identity = self._identity
        if identity is None:
            raise PassphraseNeeded(NEEDED)
        sealed: bytes = pyrage.encrypt(bytes(plaintext), [identity.to_public()])  # pyrage has no stubs
        return sealed

    def start_encrypting(self, identity: identities.Identity | None = None) -> None:
        """Encrypt every save from now on, to ``identity`` (or the one already held)."""
        with self._guard:
            if identity is not None:
                self._identity = identity
            if self._identity is None:
                raise PassphraseNeeded("a passphrase is needed to encrypt your journal")
            self._session = True

    def stop_encrypting(self) -> None:
        """Write plain files from now on."""
        self._session = False
        self.sealed = False


__all__ = [
    "MAX_NAMED_WORK_FACTOR",
    "ENCRYPTION_CHANGED",
    "ENCRYPTION_CHANGED_WORDS",
    "DamagedEncryptedFile",
    "FileCodec",
    "ForeignKeyFile",
    "PassphraseError",
    "PassphraseNeeded",
    "PlainFileRefused",
    "UnsupportedEncryption",
    "WrongPassphrase",
    "is_encrypted",
]

"""Between "bytes of JSON" and "bytes on disk": the one place rootwork encrypts and decrypts.

Every file of a journal's folder that holds user text (the journal, its
backups, ``drafts.json``, conflict copies, a file given to ``merge``) is read
through ``FileCodec.decode`` and written through ``FileCodec.encode``; no
other module handles ciphertext. A codec without a passphrase is the identity
for plain files and refuses an age file with ``PassphraseNeeded``, so an
encrypted journal is never mistaken for a damaged one.

Whether saves are encrypted follows the journal: reading it (``decode`` with
``journal=True``) sets the session to its header's key, or to none when it is
plain, and ``encode`` then encrypts with that key (a fresh payload nonce each
time) or not at all. ``start_encrypting`` makes a new key (a new salt, scrypt
once); ``stop_encrypting`` drops it. Keys are kept by header, so a backup or a
conflict copy written under another header costs one more scrypt, once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from rootwork.state.errors import StoreError, UnreadableDatabase


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


if TYPE_CHECKING:
    from rootwork.state import age_format

# age_format (and the cryptography it needs) is imported on first use only: a
# plain journal, and ``rootwork due`` on a shell prompt, never pay for it.
_MAGIC = b"age-encryption.org/v1\n"
_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
DEFAULT_WORK_FACTOR = 18


def _age():  # noqa: ANN202 - the module
    from rootwork.state import age_format

    return age_format


NEEDED = "your journal is encrypted, and no passphrase was given to open it"
WRONG = "that passphrase does not open your journal"


def is_encrypted(payload: bytes) -> bool:
    """True when ``payload`` is an age file."""
    return payload.startswith(_MAGIC) or payload[:1024].lstrip().startswith(_ARMOR)  # never a copy of it all


class FileCodec:
    """Plain or age bytes on disk; see the module docstring. Thread-safe."""

    def __init__(
        self,
        passphrase: str | None = None,
        *,
        work_factor: int = DEFAULT_WORK_FACTOR,
        ask: Callable[[], str | None] | None = None,
    ) -> None:
        self._passphrase = passphrase or None
        #: Called once, the first time an encrypted file needs a passphrase we do not have (a prompt).
        self._ask = ask
        self.work_factor = work_factor
        self._keys: dict[bytes, age_format.AgeKey] = {}
        self._session: age_format.AgeKey | None = None
        self._guard = threading.RLock()

    def __repr__(self) -> str:  # never the passphrase or a key, in a log or a traceback
        return f"FileCodec(encrypting={self.encrypting})"

    @property
    def has_passphrase(self) -> bool:
        return self._passphrase is not None

    @property
    def encrypting(self) -> bool:
        """True when saves are encrypted (the journal was last read or made encrypted)."""
        return self._session is not None

    def key_for(self, payload: bytes) -> age_format.AgeKey:
        """The key of the age file ``payload`` (scrypt once per header); PassphraseError, else."""
        age_format = _age()
        with self._guard:
            try:
                header = age_format.header_of(payload)
            except age_format.AgeUnsupported as error:
                raise UnsupportedEncryption(f"this encrypted file cannot be opened: {error}") from None
            except age_format.AgeError as error:
                # Without the passphrase, nothing about an age file can be checked: it
                # is never called damaged then (never moved aside, never replaced).
                self._passphrase_at_hand()
                raise DamagedEncryptedFile(f"the encrypted file is damaged ({error})") from None
            key = self._keys.get(header)
            if key is not None:
                return key
            try:
                key = age_format.open_key(payload, self._passphrase_at_hand())
            except age_format.AgeWrongPassphrase:
                raise WrongPassphrase(WRONG) from None
            except age_format.AgeError as error:
                raise DamagedEncryptedFile(f"the encrypted file is damaged ({error})") from None
            self._keys[header] = key
            return key

    def _passphrase_at_hand(self) -> str:
        """The passphrase, asked for once if there is a way to; ``PassphraseNeeded`` when there is none."""
        if self._passphrase is None and self._ask is not None:
            ask, self._ask = self._ask, None
            self._passphrase = ask() or None
        if self._passphrase is None:
            raise PassphraseNeeded(NEEDED)
        return self._passphrase

    def decode(self, payload: bytes, *, journal: bool = False) -> bytes:
        """The JSON bytes of a file as read from disk (plain files come back as they are).

        With ``journal=True`` (the journal file itself), saves from now on
        follow it: encrypted under its key when it is encrypted, plain when not.
        """
        if not is_encrypted(payload):
            if journal:
                self._session = None
            return payload
        key = self.key_for(payload)
        try:
            plain = _age().decrypt(key, payload)
        except _age().AgeError as error:
            raise DamagedEncryptedFile(f"the encrypted file is damaged ({error})") from None
        if journal:
            self._session = key
        return plain

    def follow_plain(self) -> None:
        """The journal was just read plain (without ``decode``): saves from now on are plain too."""
        self._session = None

    def encode(self, plaintext: bytes) -> bytes | bytearray:
        """The bytes to write for ``plaintext``: encrypted when the journal is, else as they are (bytes-like)."""
        key = self._session
        return plaintext if key is None else _age().encrypt_buffer(key, plaintext)

    def encode_like(self, original: bytes, plaintext: bytes) -> bytes:
        """``plaintext`` encrypted under the key of ``original`` when that is an age file, else as it is."""
        if not is_encrypted(original):
            return plaintext
        return _age().encrypt(self.key_for(original), plaintext)

    def set_passphrase(self, passphrase: str) -> None:
        """Use ``passphrase`` from now on (for ``encrypt``, which asks for a new one twice)."""
        self._passphrase = passphrase or None

    def start_encrypting(self) -> None:
        """Encrypt every save from now on under a new key (a new salt: scrypt runs once)."""
        if self._passphrase is None:
            raise PassphraseNeeded("a passphrase is needed to encrypt your journal")
        with self._guard:
            key = _age().new_key(self._passphrase, self.work_factor)
            self._keys[key.header] = key
            self._session = key

    def stop_encrypting(self) -> None:
        """Write plain files from now on."""
        self._session = None


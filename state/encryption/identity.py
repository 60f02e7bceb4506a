"""The folder's key: an age X25519 identity, kept in ``identity.age`` and encrypted with the passphrase.

This is age's own pattern, done by pyrage: ``rootwork encrypt`` makes an
identity (``new_identity``), wraps it with the passphrase (``wrap``: age's
scrypt recipient, at the work factor pyrage picks for about a second here, 18
or more), and keeps it in ``identity.age`` beside the journal, where it syncs
with it. Every file rootwork writes is then encrypted to the identity's
recipient, with a fresh file key each time. Opening the folder runs scrypt
once, on ``identity.age`` (``unwrap``); after that only the identity is held.

The file inside is an age identity file, so the age tool reads it as it is::

    age -d -i identity.age rootwork.json      # age asks for the passphrase

Changing the passphrase (``wrap`` again with the new one) rewrites this file
only: the journal and its backups stay byte for byte as they were.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeAlias

import pyrage

from rootwork.state.encryption.header import NotAnAgeHeader, read_header
from rootwork.state.files.locations import IDENTITY_NAME
from rootwork.state.records.errors import StoreError

#: More than any identity file holds (about 300 bytes): a larger one is not read at all.
MAX_IDENTITY_BYTES = 64 * 1024
#: The most scrypt work ``identity.age`` (or a 0.1 journal) may ask for. pyrage picks a factor for about a
#: second on the machine that wraps it (19 here); a machine four times as fast picks 21 (2 GiB to open).
#: 22 would take 4 GiB, more than a small machine has: ``identity.age`` syncs, so it is refused.
MAX_IDENTITY_WORK_FACTOR = 21
_SECRET_PREFIX = "AGE-SECRET-KEY-1"

Identity: TypeAlias = pyrage.x25519.Identity
Recipient = pyrage.x25519.Recipient


class IdentityError(StoreError):
    """``identity.age`` cannot be used: damaged, not an identity, or asking for hostile work."""


class WrongIdentityPassphrase(StoreError):
    """The passphrase does not open ``identity.age``."""


def new_identity() -> Identity:
    """A new X25519 identity (pyrage draws it from the system's random source)."""
    return Identity.generate()


def wrap(identity: Identity, passphrase: str, now: datetime | None = None) -> bytes:
    """``identity`` as an age identity file, encrypted with ``passphrase`` (scrypt: about a second)."""
    made = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = f"# created: {made} by rootwork\n# public key: {identity.to_public()}\n{identity}\n"
    wrapped: bytes = pyrage.passphrase.encrypt(text.encode("ascii"), passphrase)  # pyrage has no stubs
    return wrapped


def unwrap(wrapped: bytes, passphrase: str) -> Identity:
    """The identity in ``identity.age`` (its bytes), opened with ``passphrase``: scrypt runs once.

    ``WrongIdentityPassphrase`` when the passphrase does not open it;
    ``IdentityError`` when the file is not one we open: damaged, not a
    passphrase file, or asking for more than ``MAX_IDENTITY_WORK_FACTOR``
    (refused before any work is done, so a file that arrived by sync cannot
    make opening cost minutes and gigabytes).
    """
    if len(wrapped) > MAX_IDENTITY_BYTES:
        raise IdentityError("identity.age is far larger than an identity file, so it was not opened")
    try:
        header = read_header(wrapped)
    except NotAnAgeHeader as error:
        raise IdentityError(f"identity.age is not an encrypted age identity ({error})") from None
    if header.types != ("scrypt",) or header.work_factor is None:
        raise IdentityError("identity.age is not encrypted with a passphrase alone, so rootwork does not open it")
    if header.work_factor > MAX_IDENTITY_WORK_FACTOR:
        raise IdentityError(
            f"identity.age asks for scrypt work factor {header.work_factor}, more than the "
            f"{MAX_IDENTITY_WORK_FACTOR} rootwork allows, so it was not opened"
        )
    try:
        plain = pyrage.passphrase.decrypt(wrapped, passphrase)
    except pyrage.DecryptError as error:
        if "Decryption failed" in str(error):
            raise WrongIdentityPassphrase("that passphrase does not open your journal") from None
        raise IdentityError(f"identity.age is damaged ({error})") from None
    return parse_identity(plain)


def parse_identity(plain: bytes) -> Identity:
    """The one identity in an age identity file's text (comments allowed); ``IdentityError`` otherwise."""
    try:
        lines = plain.decode("ascii").splitlines()
    except UnicodeDecodeError:
        raise IdentityError("identity.age does not hold an age identity") from None
    keys = [line.strip() for line in lines if line.strip().startswith(_SECRET_PREFIX)]
    if len(keys) != 1:
        raise IdentityError("identity.age does not hold exactly one age identity")
    try:
        return Identity.from_str(keys[0])
    except pyrage.IdentityError:
        raise IdentityError("identity.age holds a damaged age identity") from None


__all__ = [
    "IDENTITY_NAME",
    "MAX_IDENTITY_WORK_FACTOR",
    "Identity",
    "IdentityError",
    "Recipient",
    "WrongIdentityPassphrase",
    "new_identity",
    "parse_identity",
    "unwrap",
    "wrap",
]

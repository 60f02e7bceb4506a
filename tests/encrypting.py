"""Encrypted folders for tests, without paying scrypt for each: one key per test process.

``make_key`` (scrypt, about a second, as ``rootwork encrypt`` pays it) runs once
per process; ``key_codec`` opens a folder with the identity already held, as a
store does after its passphrase was checked. Tests of the passphrase itself
(``unlock``, ``rootwork passphrase``) use ``PASS`` and pay scrypt.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from pathlib import Path

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.encryption.folder import Conversion, NewKey, encrypt_folder, make_key

PASS = "a long quiet passphrase for the tests"
MADE = datetime(2026, 11, 25, 12, tzinfo=UTC)


@functools.cache
def shared_key() -> NewKey:
    """The key every encrypted folder of this process gets (its ``identity.age`` opens with ``PASS``)."""
    return make_key(PASS, MADE)


def key_codec() -> FileCodec:
    """A codec holding the test key's identity: opens a folder encrypted by ``encrypt`` without scrypt."""
    return FileCodec(identity=shared_key().identity)


def encrypt(store) -> Conversion:  # a Store
    """``rootwork encrypt`` on ``store``'s folder, to the test key."""
    return store.rewrite_files(lambda where: encrypt_folder(where, store.codec, shared_key(), MADE))


def is_ours(path: Path) -> bool:
    """True when ``path`` is an age file for the test key (opened by pyrage with its identity)."""
    import pyrage

    try:
        pyrage.decrypt(path.read_bytes(), [shared_key().identity])
    except pyrage.DecryptError:
        return False
    return True

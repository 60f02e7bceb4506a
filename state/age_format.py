"""The age file format (age-encryption.org/v1) with one passphrase (scrypt) recipient.

A file is a text header, then the binary payload::

    age-encryption.org/v1
    -> scrypt <salt, 16 bytes, base64> <log2 N>
    <the 16-byte file key wrapped by ChaCha20-Poly1305, base64>
    --- <HMAC-SHA256 of the header up to "---", base64>
    <16-byte nonce><64 KiB chunks, each ChaCha20-Poly1305 with its own 16-byte tag>

Base64 is the standard alphabet without padding, body lines wrapped at 64
columns. The wrapping key is scrypt(passphrase, "age-encryption.org/v1/scrypt"
+ salt, N, r=8, p=1); the MAC key HKDF-SHA256(file key, "", "header"); the
payload key HKDF-SHA256(file key, nonce, "payload"); a chunk's nonce is its
11-byte big-endian number and a last-chunk byte (1 on the final chunk).

Why our own module instead of pyrage (which the tests use to check us): scrypt
takes about a second by design, and pyrage runs it on every encrypt and
decrypt. Here ``open_key`` runs it once and returns an ``AgeKey`` (the header's
exact bytes and the file key) that ``encrypt`` reuses with a fresh random
payload nonce for every file, so a save costs ChaCha20 over the JSON only. A
file key is never wrapped twice under one salt (that would reuse the zero
nonce under one wrapping key): ``new_key`` always draws a new salt and key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"age-encryption.org/v1\n"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
SCRYPT_LABEL = b"age-encryption.org/v1/scrypt"
DEFAULT_WORK_FACTOR = 18  # what the age tool uses: about a second, 256 MiB
MAX_WORK_FACTOR = 22  # a hostile file must not take gigabytes and minutes to refuse
CHUNK = 64 * 1024
_TAG = 16
_HEADER_MAX = 16 * 1024  # a one-stanza header is about 150 bytes
_ZERO_NONCE = bytes(12)


class AgeError(ValueError):
    """A file this module cannot open; ``str()`` says why, as a clause."""


class AgeWrongPassphrase(AgeError):
    """The passphrase does not unwrap the file key (or the stanza was damaged: age cannot tell the two apart)."""


class AgeDamaged(AgeError):
    """The file is age, but cut short or changed: its header MAC or a chunk's tag fails."""


class AgeUnsupported(AgeError):
    """An age file we will not open: armored, other recipients than one scrypt stanza, or too costly."""


@dataclass(frozen=True, repr=False)
class AgeKey:
    """A file key and the exact header that carries it (the header ends with its MAC line)."""

    header: bytes
    file_key: bytes


def is_age(payload: bytes) -> bool:
    """True when ``payload`` starts like an age file (binary or armored)."""
    return payload.startswith(MAGIC) or payload[:1024].lstrip().startswith(ARMOR)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _unb64(text: bytes) -> bytes:
    """Canonical unpadded standard base64, or AgeDamaged."""
    if b"=" in text or b"\r" in text or b"\n" in text:
        raise AgeDamaged("its header holds padded or broken base64")
    try:
        data = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise AgeDamaged("its header holds broken base64") from None
    if _b64(data) != text:
        raise AgeDamaged("its header holds non-canonical base64")
    return data


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(key)


def _passphrase_bytes(passphrase: str) -> bytes:
    # The same bytes the age tool hashes: the UTF-8 of what was typed, as typed.
    return passphrase.encode("utf-8")


def _wrapping_key(passphrase: str, salt: bytes, work_factor: int) -> bytes:
    n = 1 << work_factor
    return hashlib.scrypt(
        _passphrase_bytes(passphrase), salt=SCRYPT_LABEL + salt, n=n, r=8, p=1, dklen=32,
        maxmem=128 * 8 * n + (32 << 20),
    )


def _mac(file_key: bytes, header_to_dashes: bytes) -> bytes:
    return hmac.new(_hkdf(file_key, b"", b"header"), header_to_dashes, hashlib.sha256).digest()


def new_key(passphrase: str, work_factor: int = DEFAULT_WORK_FACTOR) -> AgeKey:
    """A new file key wrapped under ``passphrase`` with a new salt (runs scrypt once)."""
    if not passphrase:
        raise ValueError("an empty passphrase protects nothing")
    if not 1 <= work_factor <= MAX_WORK_FACTOR:
        raise ValueError(f"the work factor must be from 1 to {MAX_WORK_FACTOR}")
    salt, file_key = os.urandom(16), os.urandom(16)
    wrapped = ChaCha20Poly1305(_wrapping_key(passphrase, salt, work_factor)).encrypt(_ZERO_NONCE, file_key, None)
    lines = [MAGIC, b"-> scrypt " + _b64(salt) + b" " + str(work_factor).encode() + b"\n"]
    body = _b64(wrapped)  # 32 bytes: 43 characters, one line shorter than 64
    lines.append(body + b"\n")
    header = b"".join(lines) + b"---"
    return AgeKey(header + b" " + _b64(_mac(file_key, header)) + b"\n", file_key)


@dataclass(frozen=True)
class _Header:
    raw: bytes  # up to and including the MAC line's newline
    to_dashes: bytes  # what the MAC covers
    mac: bytes
    salt: bytes
    work_factor: int
    body: bytes


def _parse_header(payload: bytes) -> _Header:
    if not payload.startswith(MAGIC):
        if is_age(payload):
            raise AgeUnsupported("it is an armored (text) age file; decrypt it with 'age -d' first")
        raise AgeDamaged("it does not start like an age file")
    lines: list[bytes] = []
    position = len(MAGIC)
    while True:
        end = payload.find(b"\n", position, _HEADER_MAX)
        if end < 0:
            raise AgeDamaged("its header is cut short")
        lines.append(payload[position:end])
        position = end + 1
        if lines[-1].startswith(b"---"):
            break
    mac_line = lines.pop()
    if not mac_line.startswith(b"--- "):
        raise AgeDamaged("its header's last line is damaged")
    stanzas: list[tuple[list[bytes], bytes]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith(b"-> "):
            raise AgeDamaged("its header holds a line that is not a recipient")
        args = line[3:].split(b" ")
        index += 1
        body_parts = []
        while True:
            if index >= len(lines):
                raise AgeDamaged("a recipient in its header is cut short")
            part = lines[index]
            index += 1
            if len(part) > 64:
                raise AgeDamaged("a recipient in its header has an overlong line")
            body_parts.append(part)
            if len(part) < 64:
                break
        stanzas.append((args, b"".join(body_parts)))
    if len(stanzas) != 1 or stanzas[0][0][0] != b"scrypt":
        raise AgeUnsupported("it is not locked by a passphrase alone (age keys are not supported)")
    args, body = stanzas[0]
    if len(args) != 3:
        raise AgeDamaged("its passphrase recipient is damaged")
    salt, factor = _unb64(args[1]), args[2]
    if len(salt) != 16 or not factor.isdigit() or factor.startswith(b"0") or len(factor) > 2:
        raise AgeDamaged("its passphrase recipient is damaged")
    work_factor = int(factor)
    if work_factor > MAX_WORK_FACTOR:
        raise AgeUnsupported(
            f"its passphrase takes work factor {work_factor}, more than the {MAX_WORK_FACTOR} rootwork allows"
        )
    to_dashes = payload[: position - len(mac_line) - 1] + b"---"
    return _Header(payload[:position], to_dashes, _unb64(mac_line[4:]), salt, work_factor, _unb64(body))


def header_of(payload: bytes) -> bytes:
    """The exact header bytes of an age file (AgeError when it has none we can read)."""
    return _parse_header(payload).raw


def open_key(payload: bytes, passphrase: str) -> AgeKey:
    """Unwrap the file key of the age file ``payload`` with ``passphrase`` (runs scrypt once)."""
    header = _parse_header(payload)
    if len(header.body) != 32:
        raise AgeDamaged("its passphrase recipient is damaged")
    wrapping = _wrapping_key(passphrase, header.salt, header.work_factor)
    try:
        file_key = ChaCha20Poly1305(wrapping).decrypt(_ZERO_NONCE, header.body, None)
    except InvalidTag:
        raise AgeWrongPassphrase("the passphrase does not open it") from None
    if not hmac.compare_digest(_mac(file_key, header.to_dashes), header.mac):
        raise AgeDamaged("its header has been changed")
    return AgeKey(header.raw, file_key)


def _chunk_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def encrypt(key: AgeKey, plaintext: bytes) -> bytes:
    """``plaintext`` as an age file under ``key``'s header, with a fresh payload nonce."""
    sealed = encrypt_buffer(key, plaintext)
    return sealed if isinstance(sealed, bytes) else bytes(sealed)


def encrypt_buffer(key: AgeKey, plaintext: bytes) -> bytes | bytearray:
    """As ``encrypt``, but maybe a bytearray: what a save writes, without copying 10 MiB once more."""
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(_hkdf(key.file_key, nonce, b"payload"))
    view = memoryview(plaintext)
    count = max(1, -(-len(view) // CHUNK))
    start = len(key.header) + 16
    if not hasattr(aead, "encrypt_into"):  # cryptography before 45: one piece per chunk, then joined
        parts = [key.header, nonce]
        for counter in range(count):
            chunk = view[counter * CHUNK:(counter + 1) * CHUNK]  # a view, not a copy: saves are 10 MiB
            parts.append(aead.encrypt(_chunk_nonce(counter, counter == count - 1), chunk, None))
        return b"".join(parts)
    # Each chunk straight into one buffer: no 160 pieces and no second 10 MiB copy per save.
    out = bytearray(start + len(view) + count * _TAG)
    out[:start] = key.header + nonce
    target = memoryview(out)
    for counter in range(count):
        chunk = view[counter * CHUNK:(counter + 1) * CHUNK]
        at = start + counter * (CHUNK + _TAG)
        aead.encrypt_into(_chunk_nonce(counter, counter == count - 1), chunk, None,
                          target[at:at + len(chunk) + _TAG])
    return out


def decrypt(key: AgeKey, payload: bytes) -> bytes:
    """The plaintext of the age file ``payload``, whose header must be ``key.header``."""
    if not payload.startswith(key.header):
        raise AgeDamaged("its header is not the one its key came from")
    body = memoryview(payload)[len(key.header):]
    if len(body) < 16 + _TAG:
        raise AgeDamaged("it is cut short")
    nonce, body = bytes(body[:16]), body[16:]
    aead = ChaCha20Poly1305(_hkdf(key.file_key, nonce, b"payload"))
    sealed = CHUNK + _TAG
    count = max(1, -(-len(body) // sealed))
    parts = []
    for counter in range(count):
        chunk = body[counter * sealed:(counter + 1) * sealed]
        last = counter == count - 1
        if len(chunk) <= _TAG and not (last and counter == 0):
            raise AgeDamaged("it ends with an empty chunk")
        try:
            parts.append(aead.decrypt(_chunk_nonce(counter, last), chunk, None))
        except InvalidTag:
            raise AgeDamaged("it has been cut short or changed") from None
    return b"".join(parts)


def decrypt_with_passphrase(payload: bytes, passphrase: str) -> bytes:
    """Open an age file with its passphrase (scrypt once) and return its plaintext."""
    return decrypt(open_key(payload, passphrase), payload)

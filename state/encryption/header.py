"""What an age file's header says, read as text: whether a file is an age file, and which recipients it names.

No cryptography happens here (pyrage does all of it): this only reads the
plain-text lines an age file starts with (age-encryption.org/v1)::

    age-encryption.org/v1
    -> X25519 <ephemeral share>
    <wrapped file key>
    -> scrypt <salt> <work factor>
    <wrapped file key>
    --- <header MAC>

so that rootwork can decide, before it asks pyrage to open a file, what
opening it would cost: an X25519 file is opened with the folder's identity in
microseconds; an scrypt file costs 2^work-factor of memory-hard work, which a
file that arrived by sync must never be able to make us spend.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MAGIC = b"age-encryption.org/v1\n"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
#: The header of a file we write is a few hundred bytes; one that runs on past this is not one we read.
MAX_HEADER_BYTES = 16 * 1024


class NotAnAgeHeader(ValueError):
    """The bytes do not start with an age header rootwork reads (armored, cut short, or no header at all)."""


@dataclass(frozen=True)
class Header:
    """The recipient stanzas of an age file: their types (``"X25519"``, ``"scrypt"``, ...) and the scrypt work factor."""

    types: tuple[str, ...]
    #: log2 of scrypt's N when the file has an scrypt stanza, else None.
    work_factor: int | None
    #: For an scrypt file, a digest (SHA-256, hex) of its whole header, MAC included: rootwork 0.1 wrote every
    #: file of a folder under one header, so its files share it, and another file shares it only by copying it.
    scrypt: str | None = None

    @property
    def is_passphrase_file(self) -> bool:
        return self.work_factor is not None

    @property
    def is_x25519_file(self) -> bool:
        return "X25519" in self.types


def is_encrypted(payload: bytes) -> bool:
    """True when ``payload`` is an age file (binary or armored)."""
    return payload.startswith(MAGIC) or payload[:1024].lstrip().startswith(ARMOR)  # never a copy of it all


def read_header(payload: bytes) -> Header:
    """The recipient stanzas of the binary age file ``payload``; ``NotAnAgeHeader`` when it has none we read.

    Armored files are refused here: rootwork never writes them, and nothing it
    reads by itself is one.
    """
    if not payload.startswith(MAGIC):
        raise NotAnAgeHeader("not a binary age file")
    end = payload.find(b"\n---", 0, MAX_HEADER_BYTES)
    if end < 0:
        raise NotAnAgeHeader("its header is cut short or too long")
    try:
        lines = payload[len(MAGIC) : end].decode("ascii").split("\n")
    except UnicodeDecodeError:
        raise NotAnAgeHeader("its header is not text") from None
    types: list[str] = []
    work_factor: int | None = None
    scrypt: str | None = None
    for line in lines:
        if not line.startswith("-> "):
            continue  # a stanza's body: base64 of a wrapped key
        words = line[3:].split(" ")
        types.append(words[0])
        if words[0] == "scrypt":
            if len(words) != 3 or not words[2].isdigit() or len(words[2]) > 2 or words[2].startswith("0"):
                raise NotAnAgeHeader("its scrypt recipient is malformed")
            work_factor = max(work_factor or 0, int(words[2]))
    if not types:
        raise NotAnAgeHeader("it names no recipient")
    if work_factor is not None:
        mac_end = payload.find(b"\n", end + 1, MAX_HEADER_BYTES)
        scrypt = hashlib.sha256(payload[: mac_end if mac_end >= 0 else end]).hexdigest()
    return Header(tuple(types), work_factor, scrypt)


__all__ = ["ARMOR", "MAGIC", "Header", "NotAnAgeHeader", "is_encrypted", "read_header"]

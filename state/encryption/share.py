"""Encrypting a share to someone else's age key (``rootwork share``): pyrage does the age format, nothing here.

A recipient is an age public key (``age1...``) or an SSH public key
(``ssh-ed25519 ...``, ``ssh-rsa ...``), as ``age -r`` takes them; a recipients
file holds one a line, with ``#`` comments and blank lines, as ``age -R``
reads it. The file made opens with ``age -d -i their-key FILE`` and only with
the matching private key: the journal's own key is never a recipient.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeAlias, cast

import pyrage

from rootwork.state.records.export_words import one_line

__all__ = ["BadRecipient", "encrypt_to", "parse_recipient", "recipients_in"]

#: An age or SSH public key, as pyrage holds it (pyrage ships no types, so this is Any to mypy).
Recipient: TypeAlias = pyrage.x25519.Recipient | pyrage.ssh.Recipient


class BadRecipient(ValueError):
    """Not a recipient age can encrypt to; ``str()`` says why in one line."""


def parse_recipient(text: str) -> Recipient:
    """An age or SSH public key; BadRecipient when it is neither (or a private key, given by mistake)."""
    # Invisible characters (a BOM, a zero-width space) pasted with a key are not part of it.
    key = "".join(c for c in text if unicodedata.category(c) != "Cf").strip()
    if "AGE-SECRET-KEY-" in key.upper() or "PRIVATE KEY" in key.upper():
        raise BadRecipient("that is a private key: give the recipient's public key (age1...), never a secret one")
    shown = one_line(key, 24)
    try:
        if key.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(key)
        if key.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(key)
    except pyrage.RecipientError as error:
        raise BadRecipient(f"{shown!r} is not a valid recipient ({error})") from None
    raise BadRecipient(f"{shown!r} is not an age public key (age1...) or an SSH public key (ssh-ed25519 ...)")


def recipients_in(text: str) -> list[Recipient]:
    """The recipients of a recipients file's text: one a line, ``#`` comments and blank lines skipped."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            found.append(parse_recipient(line))
        except BadRecipient as problem:
            raise BadRecipient(f"line {number}: {problem}") from None
    if not found:
        raise BadRecipient("it holds no recipient (one public key a line)")
    return found


def encrypt_to(data: bytes, recipients: Sequence[Recipient] | Iterable[Recipient]) -> bytes:
    """``data`` as an age file only ``recipients`` can open."""
    chosen = list(recipients)
    if not chosen:
        raise BadRecipient("a share needs at least one recipient")
    return cast(bytes, pyrage.encrypt(data, chosen))

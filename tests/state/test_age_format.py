"""Our age (age-encryption.org/v1, scrypt) against pyrage and the age tool: each opens what the other writes."""

from __future__ import annotations

import base64
import os
import pty
import shutil
import subprocess
import time
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pyrage import passphrase as rage
from pyrage import x25519

from rootwork.state import age_format as age

PASS = "correct horse ☃ battery"
SIZES = [0, 1, 100, age.CHUNK - 1, age.CHUNK, age.CHUNK + 1, 3 * age.CHUNK]


def _data(size: int) -> bytes:
    return (bytes(range(256)) * (size // 256 + 1))[:size]


@pytest.mark.parametrize("size", SIZES)
def test_pyrage_opens_what_we_write_and_so_do_we(size: int) -> None:
    data = _data(size)
    key = age.new_key(PASS, 10)
    ours = age.encrypt(key, data)
    assert rage.decrypt(ours, PASS) == data
    assert age.decrypt(key, ours) == age.decrypt_with_passphrase(ours, PASS) == data


# pyrage always encrypts to a passphrase at its own ~1 s work factor (2^20 here), and
# opening that costs us three seconds more: one such file, with a short last chunk after
# full ones, checks that we read pyrage's scrypt stanza and its payload.
def test_we_open_what_pyrage_writes_to_a_passphrase() -> None:
    data = _data(2 * age.CHUNK + 1)
    assert age.decrypt_with_passphrase(rage.encrypt(data, PASS), PASS) == data


_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_bytes(text: str) -> bytes:
    """The data of a bech32 string (an age identity), checksum left unchecked: pyrage made it."""
    words = [_BECH32.index(ch) for ch in text.lower().rpartition("1")[2][:-6]]
    bits = "".join(f"{word:05b}" for word in words)
    return int(bits[:len(bits) // 8 * 8], 2).to_bytes(len(bits) // 8, "big")


def _pyrage_payload_key(sealed: bytes, identity: x25519.Identity) -> age.AgeKey:
    """The file key of a file pyrage sealed to ``identity``, unwrapped as age's X25519 recipient does."""
    header_end = sealed.index(b"\n---") + 1
    header_end = sealed.index(b"\n", header_end) + 1
    header = sealed[:header_end]
    stanza = header.split(b"\n")[1:3]
    assert stanza[0].startswith(b"-> X25519 ")
    share = base64.b64decode(stanza[0].split()[2] + b"==")
    secret = X25519PrivateKey.from_private_bytes(_bech32_bytes(str(identity)))
    recipient = secret.public_key().public_bytes_raw()
    wrapping = HKDF(algorithm=hashes.SHA256(), length=32, salt=share + recipient,
                    info=b"age-encryption.org/v1/X25519").derive(secret.exchange(X25519PublicKey.from_public_bytes(share)))
    file_key = ChaCha20Poly1305(wrapping).decrypt(bytes(12), base64.b64decode(stanza[1] + b"=="), None)
    to_dashes = header[:header.rindex(b"---") + 3]
    assert age._mac(file_key, to_dashes) == base64.b64decode(header.split(b"--- ")[-1].strip() + b"==")  # our MAC is age's
    return age.AgeKey(header, file_key)


# Every payload shape pyrage writes, through a recipient with no work factor: an empty
# file, a last chunk exactly full, and a short last chunk after full ones.
@pytest.mark.parametrize("size", [0, 1, age.CHUNK, 2 * age.CHUNK + 1, 3 * age.CHUNK])
def test_we_read_every_payload_shape_pyrage_writes(size: int) -> None:
    identity = x25519.Identity.generate()
    data = _data(size)
    sealed = pyrage.encrypt(data, [identity.to_public()])
    assert age.decrypt(_pyrage_payload_key(sealed, identity), sealed) == data
    with pytest.raises(age.AgeDamaged):
        age.decrypt(_pyrage_payload_key(sealed, identity), sealed[:-1])


def test_the_default_work_factor_is_ages_and_pyrage_opens_it() -> None:
    key = age.new_key(PASS)
    assert b" 18\n" in key.header
    assert rage.decrypt(age.encrypt(key, b"{}"), PASS) == b"{}"


def test_one_key_many_files_each_with_its_own_nonce() -> None:
    key = age.new_key(PASS, 10)
    first, second = age.encrypt(key, b"same"), age.encrypt(key, b"same")
    assert first.startswith(key.header) and second.startswith(key.header)
    assert first != second  # a fresh payload nonce each time
    assert age.decrypt(key, first) == age.decrypt(key, second) == b"same"
    assert rage.decrypt(second, PASS) == b"same"


def test_a_wrong_passphrase_is_told_apart_from_damage() -> None:
    sealed = age.encrypt(age.new_key(PASS, 10), b"my inner critic")
    with pytest.raises(age.AgeWrongPassphrase):
        age.open_key(sealed, "not it")
    key = age.open_key(sealed, PASS)
    with pytest.raises(age.AgeDamaged):
        age.decrypt(key, sealed[:-1])
    flipped = bytearray(sealed)
    flipped[-3] ^= 1
    with pytest.raises(age.AgeDamaged):
        age.decrypt(key, bytes(flipped))
    header_end = len(key.header)
    mac_changed = sealed[: header_end - 3] + (b"A" if sealed[header_end - 3:header_end - 2] != b"A" else b"B") + sealed[header_end - 2:]
    with pytest.raises(age.AgeError):
        age.open_key(mac_changed, PASS)


def test_a_truncated_multi_chunk_file_is_damaged_not_shorter() -> None:
    key = age.new_key(PASS, 10)
    sealed = age.encrypt(key, _data(2 * age.CHUNK + 10))
    # Cut exactly after the first full chunk: its last-chunk flag says it is not the end.
    cut = sealed[: len(key.header) + 16 + age.CHUNK + 16]
    with pytest.raises(age.AgeDamaged):
        age.decrypt(key, cut)


def test_hostile_headers_are_refused_before_any_scrypt() -> None:
    sealed = age.encrypt(age.new_key(PASS, 10), b"x")
    costly = sealed.replace(b" 10\n", b" 30\n", 1)
    started = time.perf_counter()
    with pytest.raises(age.AgeUnsupported, match="work factor 30"):
        age.open_key(costly, PASS)
    assert time.perf_counter() - started < 0.5
    two = sealed.replace(b"\n---", b"\n-> X25519 abc\nAAAA\n---", 1)
    with pytest.raises(age.AgeUnsupported):
        age.open_key(two, PASS)
    with pytest.raises(age.AgeUnsupported):
        age.open_key(b"-----BEGIN AGE ENCRYPTED FILE-----\nabc\n", PASS)
    with pytest.raises(age.AgeDamaged):
        age.open_key(b"age-encryption.org/v1\n-> scrypt", PASS)


def _age_tool(args: list[str], passphrase: str, tmp_path: Path) -> int:
    """Run the age tool on a pseudo-terminal (it reads passphrases only from one), typing ``passphrase``."""
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execvp("age", ["age", *args])
    output = b""
    deadline = time.monotonic() + 60
    typed = 0
    while time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        prompts = output.lower().count(b"passphrase")
        while typed < prompts:
            os.write(fd, passphrase.encode() + b"\r")
            typed += 1
    _pid, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed (apt-get install age)")
def test_the_age_tool_opens_what_we_write_and_we_open_what_it_writes(tmp_path: Path) -> None:
    ours = tmp_path / "ours.age"
    ours.write_bytes(age.encrypt(age.new_key(PASS, 12), _data(age.CHUNK + 7)))
    out = tmp_path / "out.json"
    assert _age_tool(["-d", "-o", str(out), str(ours)], PASS, tmp_path) == 0
    assert out.read_bytes() == _data(age.CHUNK + 7)
    plain = tmp_path / "plain"
    plain.write_bytes(_data(5000))
    theirs = tmp_path / "theirs.age"
    assert _age_tool(["-p", "-o", str(theirs), str(plain)], PASS, tmp_path) == 0
    assert age.decrypt_with_passphrase(theirs.read_bytes(), PASS) == _data(5000)
    assert subprocess.run(["age", "--version"], capture_output=True).returncode == 0

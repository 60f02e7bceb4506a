"""A save on an encrypted five-year journal against the same save on a plain one.

Run: ``.venv/bin/python tests/benchmarks/bench_encrypted.py`` (``--runs N``,
default 21). Two copies of one five-year journal (bench.py's ``make_journal``),
one encrypted as ``rootwork encrypt`` does it (an identity in ``identity.age``
under a passphrase, at the work factor pyrage picks); each store is opened once
with the passphrase (scrypt runs there, once, on ``identity.age``), then one
check-in is saved on each in turn, ``runs`` times after a warm-up. A save on
the encrypted journal is a plain save plus age's X25519 (a fresh file key) and
ChaCha20-Poly1305 over the JSON, both by pyrage. Prints the medians, min-max
and the ratio of medians; also the cost of opening each, and of one scrypt
(pyrage opening ``identity.age`` alone), measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from bench import TODAY, make_journal, paired  # noqa: E402

PASS = "a benchmark passphrase"


def timer(store) -> callable:  # a Store
    from rootwork.state.records.model import Checkin

    moods = iter(range(10**9))

    def save() -> float:
        checkin = Checkin(day=TODAY, mood=next(moods) % 5 + 1, intensity=4, note="A benchmark check-in.")
        started = time.perf_counter()
        store.save_checkin(checkin)
        return time.perf_counter() - started

    return save


def timed_open(data_dir: Path, codec=None):
    from rootwork.state.store import Store

    started = time.perf_counter()
    store = Store.open(data_dir, clock=lambda: datetime.now(UTC), codec=codec)
    return store, time.perf_counter() - started


def main() -> None:
    import pyrage

    from rootwork.state.encryption.codec import FileCodec
    from rootwork.state.encryption.folder import encrypt_folder, make_key

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rootwork-bench-enc-"))
    try:
        plain_dir, locked_dir = root / "plain", root / "locked"
        make_journal(plain_dir, 5 * 365, 1.0)
        shutil.copytree(plain_dir, locked_dir)
        now = datetime.now(UTC)
        key = make_key(PASS, now)
        store = timed_open(locked_dir)[0]
        store.rewrite_files(lambda where: encrypt_folder(where, store.codec, key, now))
        store.close()
        started = time.perf_counter()
        pyrage.passphrase.decrypt((locked_dir / "identity.age").read_bytes(), PASS)
        scrypt = time.perf_counter() - started
        size = (locked_dir / "rootwork.json").stat().st_size
        plain, plain_open = timed_open(plain_dir)
        locked, locked_open = timed_open(locked_dir, FileCodec(PASS))
        encrypted_saves, plain_saves = paired(timer(locked), timer(plain), args.runs)

        def show(values: list[float]) -> str:
            return f"{statistics.median(values) * 1000:.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"

        ratio = statistics.median(encrypted_saves) / statistics.median(plain_saves)
        print(f"five-year journal, {size / 1024 / 1024:.1f} MiB; {args.runs} saves each, interleaved")
        print(f"save one check-in, encrypted: {show(encrypted_saves)}")
        print(f"save one check-in, plain:     {show(plain_saves)}")
        print(f"ratio of medians: {ratio:.2f}")
        print(
            f"open (once): encrypted {locked_open * 1000:.0f} ms (scrypt included), plain {plain_open * 1000:.0f} ms, "
            f"one scrypt alone {scrypt * 1000:.0f} ms: encrypted - plain - scrypt = "
            f"{(locked_open - plain_open - scrypt) * 1000:.0f} ms"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

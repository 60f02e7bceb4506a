"""SIGKILL during ``encrypt`` and ``decrypt``: every file is whole (old or new), the journal opens, a re-run finishes.

A child process opens the folder and converts it; the parent kills it after a
random delay once it says it has started. Then every file must hold exactly
its old bytes or their conversion (decrypting to the same JSON), the store must
open the mixed folder with the passphrase, and a second conversion must leave
every file converted (and, for encrypt, no user text in the clear anywhere).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.state.codec import FileCodec, is_encrypted
from rootwork.state.encryption import convert_folder, journal_files
from rootwork.state.model import Checkin
from rootwork.state.store import Store

PASS = "kill me softly"
NOTE = "the words the critic used"
TODAY = date(2026, 11, 25)
ROUNDS = 6
CHILD = """
import sys
from rootwork.state.codec import FileCodec
from rootwork.state.encryption import convert_folder
from rootwork.state.store import Store
store = Store.open(sys.argv[1], codec=FileCodec(sys.argv[3], work_factor=10))
print("go", flush=True)
convert_folder(store, encrypt=sys.argv[2] == "encrypt")
print("done", flush=True)
"""


def codec() -> FileCodec:
    return FileCodec(PASS, work_factor=10)


def make_folder(folder: Path) -> dict[str, bytes]:
    """A plain folder: a journal, drafts, 14 backups and a merged copy; returns each file's JSON bytes."""
    store = Store.open(folder)
    for n in range(150):
        store.save_checkin(Checkin(day=TODAY - timedelta(days=n), mood=3, intensity=4, note=f"{NOTE} {n} " * 20))
    store.save_draft("reframe", {"critic": NOTE})
    journal = (folder / "rootwork.json").read_bytes()
    backups = folder / "backups"
    for day in range(1, 15):
        (backups / f"rootwork-2026-11-{day:02d}.json").write_bytes(journal)
    (backups / "merged").mkdir(mode=0o700)
    (backups / "merged" / "rootwork.sync-conflict-20261101-000000-AAAAAAA.json").write_bytes(journal)
    return {str(p.relative_to(folder)): p.read_bytes() for p in journal_files(folder)}


def kill_during(folder: Path, mode: str, delay: float) -> bool:
    """Run a conversion in a child and SIGKILL it ``delay`` seconds after it starts; True if it was killed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), mode, PASS], stdout=subprocess.PIPE,
                             env=env, text=True)
    try:
        assert child.stdout.readline().strip() == "go"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        return child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def check_whole(folder: Path, originals: dict[str, bytes]) -> int:
    """Every file is its old bytes or their conversion; return how many are encrypted."""
    reader = codec()
    encrypted = 0
    for name, plain in originals.items():
        raw = (folder / name).read_bytes()
        if is_encrypted(raw):
            encrypted += 1
            assert reader.decode(raw) == plain, name
        else:
            assert raw == plain, name
    return encrypted


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("mode", ["encrypt", "decrypt"])
def test_a_conversion_killed_at_random_moments_leaves_every_file_whole(tmp_path: Path, mode: str) -> None:
    pristine = tmp_path / "pristine"
    originals = make_folder(pristine)
    if mode == "decrypt":
        convert_folder(Store.open(pristine, codec=codec()), encrypt=True)
    rng = random.Random(f"kill-{mode}")
    # How long a whole conversion takes here, so the kills land all through it.
    timing = tmp_path / "timing"
    shutil.copytree(pristine, timing)
    started = time.perf_counter()
    convert_folder(Store.open(timing, codec=codec()), encrypt=mode == "encrypt")
    span = time.perf_counter() - started
    partial = 0
    for round_no in range(ROUNDS):
        folder = tmp_path / f"round-{round_no}"
        shutil.copytree(pristine, folder)
        kill_during(folder, mode, rng.uniform(0, span * 1.5))
        encrypted = check_whole(folder, originals)
        partial += 0 < encrypted < len(originals)
        store = Store.open(folder, codec=codec())  # the mixed folder opens
        assert len(store.checkins()) == 150
        assert store.draft("reframe") == {"critic": NOTE}
        convert_folder(store, encrypt=mode == "encrypt")  # a second run finishes the job
        expected = len(originals) if mode == "encrypt" else 0
        assert check_whole(folder, originals) == expected
        if mode == "encrypt":
            assert not [p for p in folder.rglob("*") if p.is_file() and NOTE.encode() in p.read_bytes()]
        else:
            assert json.loads((folder / "rootwork.json").read_bytes())["checkins"]
    print(f"{mode}: whole conversion {span * 1000:.0f} ms; {partial} of {ROUNDS} kills left a mixed folder")

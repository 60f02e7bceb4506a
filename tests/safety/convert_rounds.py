"""The rounds of tests/safety/test_kill_convert.py: filled folders, a child that converts one, a kill, and the checks.

``Kit`` builds each starting folder once per test process, measures once how
long each operation takes in a child (``span``), and runs a round (``kill``):
a child opens a copy of the folder, says "go" and starts the operation, and is
SIGKILLed after the round's delay. The child is forked by a helper started
once per test process (``sys.executable -c HELPER``, as tests/safety/test_kill.py
does), which has imported rootwork already: a round pays a fork, not a Python
start-up (each start-up costs about as much CPU as the rest of a round). The
keys a child needs (an identity, the bytes of its ``identity.age``, what
scrypt made once per test run: ``run_key``) reach it in a 0600 file beside
the folder, never on a command line.
"""

from __future__ import annotations

import base64
import fcntl
import functools
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pyrage

from rootwork.state.encryption.folder import NewKey, encrypt_folder, journal_files, make_key
from rootwork.state.encryption.header import is_encrypted, read_header
from rootwork.state.encryption.identity import Identity, unwrap, wrap
from rootwork.state.files.locations import TEMP_PREFIX, backups_dir, identity_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from tests.encrypting import MADE, encrypt, shared_key

ROUNDS = 20
#: Rounds of the passphrase change and the 0.1 conversion whose child runs scrypt itself (the test's docstring):
#: the first is killed in the middle of scrypt, the last runs to the end.
SCRYPT_ROUNDS = (9, 19)
#: Kill points run a little past the measured end, so the last rounds also see a run that finished.
STRETCH = 1.05
TIMEOUT = 120
FIXTURE_01 = Path(__file__).parents[1] / "fixtures" / "encrypted-0.1"
PASS_01 = "correct horse 0.1"
NEW_PASS = "a new passphrase chosen mid-kill"
NOTE = "the words the critic used"
NOTES = {f"{NOTE} {n}" for n in range(12)}
DRAFT = ("reframe", {"critic": "half a thought, never saved"})
CONFLICT = "rootwork.sync-conflict-20261123-080000-ABCDEF7.json"
KEPT_ASIDE = "rootwork.broken-20261123T080000Z.json"


def clock() -> datetime:
    """The clock of every opening here: the day the shared key was made."""
    return MADE


HELPER = textwrap.dedent(
    """
    import base64, json, os, sys, time, traceback
    from datetime import datetime
    from pathlib import Path

    from rootwork.state.encryption import folder, identity as identities
    from rootwork.state.encryption.codec import FileCodec
    from rootwork.state.store import Store

    def say(line):
        os.write(1, (line + "\\n").encode())  # one write: the helper's lines and its children's never mix

    def operate(data_dir, operation, given, scrypt):
        made = datetime.fromisoformat(given["made"])
        clock = lambda: made
        identity = identities.Identity.from_str(given["identity"]) if "identity" in given else None
        if scrypt == "prepared":  # what scrypt returns, made once per test run (see the test's docstring)
            def prepared_wrap(key, passphrase, now=None):
                assert passphrase == given["new_pass"] and str(key) == given["identity"]
                return base64.b64decode(given["new_wrapped"])

            def prepared_key(passphrase, now):
                assert passphrase == given["pass"]
                return folder.NewKey(identities.Identity.from_str(given["key_identity"]),
                                     base64.b64decode(given["key_wrapped"]))

            identities.wrap, folder.make_key = prepared_wrap, prepared_key
        if operation == "encrypt":  # rootwork encrypt, with the key made beforehand (as the command makes it)
            key = folder.NewKey(identity, base64.b64decode(given["wrapped"]))
            store = Store.open(data_dir, clock=clock)
            change = lambda where: folder.encrypt_folder(where, store.codec, key, made)
        elif operation == "decrypt":  # rootwork decrypt, identity.age opened
            codec = FileCodec(identity=identity)
            codec.plain_accepted = True
            store = Store.open(data_dir, clock=clock, codec=codec)
            change = lambda where: folder.decrypt_folder(where, store.codec, made)
        elif operation == "passphrase":  # rootwork passphrase, identity.age opened
            store = Store.open(data_dir, clock=clock, codec=FileCodec(identity=identity))
            change = lambda where: folder.change_passphrase(where, store.codec, given["new_pass"], made)
        say(f"go {os.getpid()}")
        started = time.perf_counter()
        if operation == "convert":  # the first opening of a 0.1 folder, with its passphrase
            Store.open(data_dir, clock=clock, codec=FileCodec(given["pass"]))
        else:
            store.rewrite_files(change)
        say(f"done {os.getpid()} {time.perf_counter() - started:.6f}")

    say("ready")
    for line in sys.stdin:
        word, _, rest = line.strip().partition(" ")
        if word == "run":
            request = json.loads(rest)
            if os.fork() == 0:
                code = 0
                try:
                    with open(request["given"], encoding="ascii") as handle:
                        given = json.load(handle)
                    operate(Path(request["data_dir"]), request["operation"], given, request["scrypt"])
                except BaseException:
                    with open(request["errors"], "w") as out:
                        traceback.print_exc(file=out)
                    say(f"failed {os.getpid()}")
                    code = 1
                finally:
                    os._exit(code)
        elif word == "reap":
            _pid, status = os.waitpid(int(rest), 0)
            say(f"dead {rest} {os.waitstatus_to_exitcode(status)}")
    """
)


@dataclass(frozen=True)
class RunKey:
    """What scrypt makes, made once per test run and shared by its workers (``run_key``)."""

    key: NewKey  # a new identity, its identity.age under PASS_01: the key a 0.1 folder's conversion makes
    new_wrapped: bytes  # the same identity under NEW_PASS: what a passphrase change writes
    seconds: float  # how long one scrypt took here, so kills spread over a run that pays it


def run_key(shared: Path) -> RunKey:
    """The run's key: made by the first worker that needs it (two scrypts), read from a 0600 file by the others."""
    path = shared / "kill-convert-key.json"
    with (shared / "kill-convert-key.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            started = time.perf_counter()
            key = make_key(PASS_01, MADE)
            seconds = time.perf_counter() - started
            made = {
                "identity": str(key.identity),
                "wrapped": base64.b64encode(key.wrapped).decode(),
                "new_wrapped": base64.b64encode(wrap(key.identity, NEW_PASS, MADE)).decode(),
                "seconds": seconds,
            }
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
                json.dump(made, handle)
        made = json.loads(path.read_text())
    key = NewKey(Identity.from_str(made["identity"]), base64.b64decode(made["wrapped"]))
    return RunKey(key, base64.b64decode(made["new_wrapped"]), made["seconds"])


def fill(data_dir: Path) -> None:
    """A plain folder: check-ins over three days (three daily backups), a draft, a merged copy, a copy kept aside."""
    now = [MADE - timedelta(days=3)]
    store = Store.open(data_dir, clock=lambda: now[0])
    older = b""
    for n in range(len(NOTES)):
        if n and n % 4 == 0:
            now[0] += timedelta(days=1)
        store.save_checkin(
            Checkin(day=date(2026, 11, 1) + timedelta(days=n), mood=1 + n % 5, intensity=n % 11, note=f"{NOTE} {n}")
        )
        if n == 5:
            older = (data_dir / "rootwork.json").read_bytes()
    store.save_draft(*DRAFT)
    (data_dir / CONFLICT).write_bytes(older)  # merged at the next opening, then kept in backups/merged/
    (data_dir / KEPT_ASIDE).write_bytes(older)
    Store.open(data_dir, clock=clock)


def fill_01(data_dir: Path) -> None:
    """The 0.1 fixture, with a copy kept aside and a merged copy (both 0.1 passphrase files too)."""
    shutil.copytree(FIXTURE_01, data_dir, ignore=shutil.ignore_patterns("README.md"))
    backups = backups_dir(data_dir)
    shutil.copyfile(backups / "rootwork-2026-11-18.json", data_dir / KEPT_ASIDE)
    (backups / "merged").mkdir()
    shutil.copyfile(backups / "rootwork-2026-11-19.json", backups / "merged" / CONFLICT)


def plaintext(path: Path, identity: Identity | None = None, passphrase: str | None = None) -> bytes:
    """The file's bytes opened: plain, an age file for ``identity``, or a 0.1 passphrase file (work factor 10)."""
    raw = path.read_bytes()
    if not is_encrypted(raw):
        return raw
    header = read_header(raw)
    if header.is_x25519_file and identity is not None:
        return pyrage.decrypt(raw, [identity])
    assert passphrase is not None and header.types == ("scrypt",) and header.work_factor == 10, (path, header)
    return pyrage.passphrase.decrypt(raw, passphrase)


def opened(data_dir: Path, identity: Identity | None = None, passphrase: str | None = None) -> dict[str, bytes]:
    """Every file of the folder that holds user text, opened, by its path in the folder; each must be JSON."""
    found = {}
    for path in journal_files(data_dir):
        found[str(path.relative_to(data_dir))] = plain = plaintext(path, identity, passphrase)
        json.loads(plain)
    return found


def after_migration(after: dict[str, bytes], before: dict[str, bytes]) -> bool:
    """Whether ``after`` (files opened after the folder's next opening) holds ``before`` (a 0.1 folder's) whole.

    Opening a 0.1 journal brings it to this schema version (state.store.schema): the journal then
    holds the same entries in the new shape, a copy of it as it was is kept beside it
    (``rootwork.v1-<stamp>.json``), and every other file is as it was.
    """
    from rootwork.state.sync.merge import journal_part

    kept = {name for name in after if name.startswith("rootwork.v1-")}
    if [after[name] for name in kept] != [before["rootwork.json"]] * len(kept) or len(kept) > 1:
        return False
    rest_after = {name: data for name, data in after.items() if name not in kept and name != "rootwork.json"}
    rest_before = {name: data for name, data in before.items() if name != "rootwork.json"}
    journal_after, journal_before = (json.loads(files["rootwork.json"]) for files in (after, before))
    return rest_after == rest_before and journal_part(journal_after) == journal_part(journal_before)


def raw_files(data_dir: Path) -> dict[str, bytes]:
    """Every file of the folder, by its path, but the temporary files of a write cut short."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and not p.name.startswith(TEMP_PREFIX)
    }


def temp_files(data_dir: Path) -> list[Path]:
    """The ``.rootwork-<hex>.tmp`` files of writes cut short, in any folder under ``data_dir``."""
    return sorted(
        Path(top) / name for top, _dirs, names in os.walk(data_dir) for name in names if name.startswith(TEMP_PREFIX)
    )


def in_clear(data_dir: Path, words: list[str]) -> list[Path]:
    """The files (any file at all, temporary ones too) holding any of ``words`` as plain text."""
    return [p for p in sorted(data_dir.rglob("*")) if p.is_file() and any(w.encode() in p.read_bytes() for w in words)]


def check_everything_there(store: Store, notes: set[str], draft: tuple[str, dict]) -> None:
    assert {c.note for c in store.checkins()} == notes
    assert store.draft(draft[0]) == draft[1]


def identity_of(data_dir: Path, prepared: NewKey) -> Identity | None:
    """The identity in ``identity.age``, opened with PASS_01 (scrypt, unless it is the prepared key's bytes)."""
    path = identity_path(data_dir)
    if not path.exists():
        return None
    wrapped = path.read_bytes()
    if wrapped == prepared.wrapped:
        return prepared.identity
    return unwrap(wrapped, PASS_01)


@dataclass(frozen=True)
class Outcome:
    killed: bool
    seconds: float | None  # how long the operation took, when it finished before the kill


class Kit:
    """The starting folders, the spans, and one round: see the module docstring."""

    def __init__(self, root: Path, shared: Path) -> None:
        self.root, self.shared = root, shared
        self._spans: dict[str, float] = {}
        self.helper = Helper(root)

    @functools.cached_property
    def run_key(self) -> RunKey:
        return run_key(self.shared)

    @functools.cached_property
    def plain(self) -> Path:
        fill(folder := self.root / "plain")
        return folder

    @functools.cached_property
    def encrypted(self) -> Path:
        shutil.copytree(self.plain, folder := self.root / "encrypted")
        encrypt(Store.open(folder, clock=clock))
        return folder

    @functools.cached_property
    def keyed(self) -> Path:
        """The plain folder encrypted to the run's key: its identity.age opens with PASS_01."""
        shutil.copytree(self.plain, folder := self.root / "keyed")
        store = Store.open(folder, clock=clock)
        store.rewrite_files(lambda where: encrypt_folder(where, store.codec, self.run_key.key, MADE))
        return folder

    @functools.cached_property
    def legacy(self) -> Path:
        fill_01(folder := self.root / "legacy")
        return folder

    @functools.cached_property
    def originals(self) -> dict[str, bytes]:
        """The plain folder's files of user text, as they are before any conversion."""
        return opened(self.plain)

    @functools.cached_property
    def originals_01(self) -> dict[str, bytes]:
        return opened(self.legacy, passphrase=PASS_01)

    @functools.cached_property
    def notes_01(self) -> tuple[set[str], tuple[str, dict]]:
        """The 0.1 folder's check-in notes and its draft, read from the fixture's own files."""
        journal = json.loads(self.originals_01["rootwork.json"])
        drafts = json.loads(self.originals_01["drafts.json"])["drafts"]
        name = next(iter(drafts))
        return {doc["note"] for doc in journal["checkins"].values()}, (name, drafts[name]["data"])

    def start(self, operation: str) -> Path:
        return {"encrypt": self.plain, "decrypt": self.encrypted, "passphrase": self.keyed, "convert": self.legacy}[
            operation
        ]

    def copy(self, operation: str, tmp_path: Path) -> Path:
        shutil.copytree(self.start(operation), folder := tmp_path / "data")
        return folder

    def given(self, operation: str) -> dict[str, str]:
        """What the child needs: the key (``identity`` and its identity.age), and what scrypt made beforehand."""
        given = {"made": MADE.isoformat()}
        if operation in ("encrypt", "decrypt"):
            given.update(identity=str(shared_key().identity), wrapped=base64.b64encode(shared_key().wrapped).decode())
        elif operation == "passphrase":
            given.update(
                identity=str(self.run_key.key.identity),
                new_pass=NEW_PASS,
                new_wrapped=base64.b64encode(self.run_key.new_wrapped).decode(),
            )
        else:
            given.update(
                {
                    "pass": PASS_01,
                    "key_identity": str(self.run_key.key.identity),
                    "key_wrapped": base64.b64encode(self.run_key.key.wrapped).decode(),
                }
            )
        return given

    def span(self, operation: str) -> float:
        """How long the operation takes in a child, from "go" to its end (scrypt prepared): measured once."""
        if operation not in self._spans:
            folder = self.root / f"span-{operation}"
            shutil.copytree(self.start(operation), folder)
            outcome = self.helper.run(folder, operation, self.given(operation), "prepared", None)
            self._spans[operation] = outcome.seconds
        return self._spans[operation]

    def kill(self, operation: str, round_no: int, data_dir: Path) -> Outcome:
        """Round ``round_no``: the child killed at its seeded point of the run (stratified over the rounds)."""
        seeded = random.Random(f"{operation}-{round_no}").random()
        if operation in ("passphrase", "convert") and round_no in SCRYPT_ROUNDS:  # scrypt in the child
            if round_no == SCRYPT_ROUNDS[-1]:
                return self.helper.run(data_dir, operation, self.given(operation), "real", None)  # to the end
            delay = (0.25 + 0.5 * seeded) * self.run_key.seconds  # in the middle of scrypt
            return self.helper.run(data_dir, operation, self.given(operation), "real", delay)
        fraction = (round_no + seeded) / ROUNDS * STRETCH
        return self.helper.run(data_dir, operation, self.given(operation), "prepared", fraction * self.span(operation))


class Helper:
    """The process that forks each round's child (HELPER); its lines are read with a timeout, never waited on."""

    def __init__(self, folder: Path) -> None:
        self.errors = folder / "helper.err"
        with self.errors.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-c", HELPER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
            )
        self.buffer = b""
        assert self.line() == "ready"

    def line(self) -> str:
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
            chunk = os.read(self.process.stdout.fileno(), 65536) if ready else b""
            assert chunk, f"no word from the helper for {TIMEOUT} s: {self.errors.read_text(errors='replace')}"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def send(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def run(self, data_dir: Path, operation: str, given: dict[str, str], scrypt: str, delay: float | None) -> Outcome:
        """The operation in a child, SIGKILLed ``delay`` seconds after it says "go" (never, for None)."""
        fd, secrets = tempfile.mkstemp(prefix="given-", suffix=".json", dir=data_dir.parent)  # 0600
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            json.dump(given, handle)
        errors = data_dir.parent / f"child-{operation}.err"
        try:
            self.send(
                "run "
                + json.dumps(
                    {
                        "data_dir": str(data_dir),
                        "operation": operation,
                        "given": secrets,
                        "scrypt": scrypt,
                        "errors": str(errors),
                    }
                )
            )
            word, pid = self.line().split()
            if word == "go" and delay is not None:
                time.sleep(delay)
                os.kill(int(pid), signal.SIGKILL)  # not reaped yet: still this child, finished or not
            self.send(f"reap {pid}")
            said = []
            while (line := self.line().split())[0] != "dead":  # the child's lines come before its reaping
                said.append(line)
        finally:
            os.unlink(secrets)
        assert word == "go" and int(line[2]) in (0, -signal.SIGKILL), errors.read_text(errors="replace")
        done = [float(words[2]) for words in said if words[0] == "done"]
        return Outcome(int(line[2]) == -signal.SIGKILL, done[0] if done else None)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(TIMEOUT)

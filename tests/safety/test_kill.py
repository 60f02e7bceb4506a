"""SIGKILL at random moments while saving: the journal always parses and every acknowledged save is in it.

A helper process (one Python start-up for the whole run) forks a writer per
round. The writer opens the journal, says "ready" with its pid, then saves
check-ins as fast as it can, printing an ack line after each save returns. The
parent asks the helper to SIGKILL it after a random delay; the helper reaps it
and says "dead", so every ack the writer printed is in the pipe before that
line. Reads time out, so a stuck child fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.state.files.locations import TEMP_PREFIX, backups_dir, database_path
from rootwork.state.store import Store, check_journal

REPO = Path(__file__).resolve().parents[2]
KILLS = 200
FIRST_DAY = date(2000, 1, 1)
DAYS_PER_ROUND = 40  # each writer cycles over its own 40 days: updates as well as inserts

HELPER = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date, timedelta
    from pathlib import Path
    from rootwork.state.records.model import Checkin
    from rootwork.state.store import Store

    data_dir = Path(sys.argv[1])
    out = sys.stdout.fileno()

    def say(line):
        os.write(out, (line + "\\n").encode())  # one write: lines from several processes never mix

    def write_forever(round_no):
        store = Store.open(data_dir)
        say(f"ready {round_no} {os.getpid()}")
        n = 0
        while True:
            day = date(2000, 1, 1) + timedelta(days=round_no * 40 + n % 40)
            note = f"{round_no}:{n}"
            store.save_checkin(Checkin(day=day, mood=1 + n % 5, intensity=n % 11, note=note))
            say(f"ack {note}")
            n += 1

    say("helper ready")
    for command in sys.stdin:
        word, _, arg = command.strip().partition(" ")
        if word == "spawn":
            pid = os.fork()
            if pid == 0:
                try:
                    write_forever(int(arg))
                finally:
                    os._exit(1)
        elif word == "kill":
            os.kill(int(arg), signal.SIGKILL)
            os.waitpid(int(arg), 0)
            say(f"dead {arg}")
    """
)


class Lines:
    """The helper's output, line by line, with a timeout (a stuck child fails the test, never hangs it)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def next(self, timeout: float = 30) -> str:
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.fd], [], [], timeout)
            assert ready, "no word from the writer for 30 s"
            chunk = os.read(self.fd, 65536)
            assert chunk, "the helper stopped"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def acks(self, count: int, acks: list[str]) -> None:
        """Read until ``count`` more saves have been acknowledged, collecting them."""
        wanted = len(acks) + count
        while len(acks) < wanted:
            line = self.next()
            assert line.startswith("ack "), line
            acks.append(line[4:])

    def until(self, prefix: str, acks: list[str]) -> str:
        """Read up to the first line starting with ``prefix``, collecting acks on the way."""
        while True:
            line = self.next()
            if line.startswith("ack "):
                acks.append(line[4:])
            elif line.startswith(prefix):
                return line


def day_of(note: str) -> str:
    """The day a writer saved ``note`` ("round:n") on."""
    round_no, n = map(int, note.split(":"))
    return (FIRST_DAY + timedelta(days=round_no * DAYS_PER_ROUND + n % DAYS_PER_ROUND)).isoformat()


def kept_or_later(found: str | None, acked: str) -> bool:
    """Whether the note on disk is the acknowledged one, or a later save of the same writer to that day.

    A writer cycles over its days, so a save after the last ack (done, but
    killed before its ack) may have replaced an acknowledged note: not a loss.
    """
    if found is None:
        return False
    found_round, found_n = map(int, found.split(":"))
    acked_round, acked_n = map(int, acked.split(":"))
    return found_round == acked_round and found_n >= acked_n


def notes_on_disk(data_dir: Path) -> dict[str, str]:
    """Each day's note in the journal file, after checking that the file is a whole journal."""
    data = json.loads(database_path(data_dir).read_bytes())
    check_journal(data)
    return {doc["day"]: doc["note"] for doc in data["checkins"].values()}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32", reason="needs fork and SIGKILL")
def test_killed_at_random_moments_the_journal_parses_and_keeps_every_acknowledged_save(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    Store.open(data_dir)
    randomness = random.Random(20261125)
    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER, str(data_dir)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    lines = Lines(helper.stdout.fileno())
    expected: dict[str, str] = {}  # day -> the note of the last acknowledged save that day
    acked_total = 0
    cut_mid_write = 0  # rounds whose kill left a half-written temp file behind
    writer_pid = None
    try:
        lines.until("helper ready", [])
        for round_no in range(KILLS):
            acks: list[str] = []
            helper.stdin.write(f"spawn {round_no}\n".encode())
            helper.stdin.flush()
            writer_pid = int(lines.until(f"ready {round_no} ", acks).split()[2])
            # Counted, not timed, so a busy machine cannot starve the writer: wait for a few acknowledged
            # saves (sometimes none), then kill within the next save or two (a save takes a few ms).
            lines.acks(randomness.choice((0, 1, randomness.randint(1, 6))), acks)
            time.sleep(randomness.choice((0.0, randomness.uniform(0, 0.005))))
            helper.stdin.write(f"kill {writer_pid}\n".encode())
            helper.stdin.flush()
            lines.until(f"dead {writer_pid}", acks)
            writer_pid = None

            for note in acks:
                expected[day_of(note)] = note
            acked_total += len(acks)
            if any(p.name.startswith(TEMP_PREFIX) for p in data_dir.iterdir()):
                cut_mid_write += 1
            on_disk = notes_on_disk(data_dir)  # raises if the file is not a whole journal
            lost = {day: note for day, note in expected.items() if not kept_or_later(on_disk.get(day), note)}
            assert not lost, f"round {round_no}: acknowledged saves lost: {lost}"
    finally:
        if writer_pid is not None:  # a failure mid-round: do not leave the writer running
            try:
                os.kill(writer_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        helper.kill()
        helper.wait()
    # The kills really landed among saves, some of them mid-write.
    assert acked_total > KILLS and cut_mid_write > 0, (acked_total, cut_mid_write)

    # The next start cleans what the kills left half-written, and keeps everything.
    store = Store.open(data_dir)
    assert not [p for p in data_dir.iterdir() if p.name.startswith(TEMP_PREFIX)]
    assert not [p for p in backups_dir(data_dir).iterdir() if p.name.startswith(TEMP_PREFIX)]
    kept = {c.day.isoformat(): c.note for c in store.checkins()}
    # A save can land just before its writer dies, unacknowledged: more is fine, less never.
    assert all(kept_or_later(kept.get(day), note) for day, note in expected.items())

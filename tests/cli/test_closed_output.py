"""What the command does when its output cannot be written: a closed pipe, a closed stdout, a full disk.

``rootwork due | head -0`` in a shell prompt, ``rootwork due >&-``: no
message, no crash log, the usual status (0: the reader stopped reading, the
command's work was done). ``rootwork export > /dev/full``: one plain line on
stderr and status 1, no crash log. Each runs the installed command for real, so
the interpreter's own flush at exit is part of what is tested, with stdout
block-buffered (as in a shell) and unbuffered (PYTHONUNBUFFERED).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from rootwork.content import load_library
from rootwork.state.files.locations import crash_log_path
from rootwork.state.store import Store
from tests.scripts import console_script

ROOTWORK = console_script("rootwork")
LIBRARY = load_library()
BUFFERING = {"buffered": None, "unbuffered": "1"}


def environment(unbuffered: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ROOTWORK_DATA_DIR", "PYTHONUNBUFFERED")}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    return env


def checked_in(data_dir: Path) -> None:
    """A journal with today's check-in, made by the command itself."""
    done = subprocess.run(
        [str(ROOTWORK), "--data-dir", str(data_dir), "checkin", "--mood", "3", "--intensity", "4"],
        capture_output=True,
        text=True,
        env=environment(None),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A journal with a check-in and three practices due, so ``due`` has lines to print."""
    data_dir = tmp_path / "data"
    checked_in(data_dir)
    store = Store.open(data_dir)
    for practice in LIBRARY.practices[:3]:
        store.adopt(practice.id, date.today() - timedelta(days=2))
    store.close()
    return data_dir


def into_closed_pipe(data_dir: Path, *argv: str, unbuffered: str | None) -> subprocess.CompletedProcess:
    """Run rootwork with stdout a pipe whose read end is already closed: its first write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [str(ROOTWORK), "--data-dir", str(data_dir), *argv],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(unbuffered),
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("unbuffered", BUFFERING.values(), ids=BUFFERING.keys())
@pytest.mark.parametrize(
    "argv",
    [["due"], ["due", "--json"], ["export", "--format", "json"], ["--version"]],
    ids=["due", "due-json", "export", "version"],
)
def test_a_closed_pipe_ends_quietly_with_status_0(journal: Path, argv: list[str], unbuffered: str | None) -> None:
    done = into_closed_pipe(journal, *argv, unbuffered=unbuffered)
    assert (done.returncode, done.stderr) == (0, "")
    assert not crash_log_path(journal).exists()


@pytest.mark.parametrize("unbuffered", BUFFERING.values(), ids=BUFFERING.keys())
def test_a_check_in_through_a_closed_pipe_is_saved(journal: Path, unbuffered: str | None) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    done = into_closed_pipe(
        journal, "checkin", "--mood", "5", "--intensity", "1", "--date", yesterday, unbuffered=unbuffered
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert not crash_log_path(journal).exists()
    store = Store.open(journal)
    saved = store.checkin_for(date.fromisoformat(yesterday))
    store.close()
    assert saved is not None and (saved.mood, saved.intensity) == (5, 1)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX shell to close stdout")
@pytest.mark.parametrize("argv", [["due"], ["export", "--format", "json"]], ids=["due-nothing-due", "export"])
def test_a_stdout_closed_before_start_is_quiet(tmp_path: Path, argv: list[str]) -> None:
    data_dir = tmp_path / "data"
    checked_in(data_dir)  # nothing due: ``due`` asks whether stdout is a terminal
    script = 'exec "$0" "$@" >&-'
    done = subprocess.run(
        ["sh", "-c", script, str(ROOTWORK), "--data-dir", str(data_dir), *argv],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(None),
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert not crash_log_path(data_dir).exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("unbuffered", BUFFERING.values(), ids=BUFFERING.keys())
@pytest.mark.parametrize("argv", [["due"], ["export", "--format", "json"]], ids=["due", "export"])
def test_a_full_output_is_one_line_and_status_1(journal: Path, argv: list[str], unbuffered: str | None) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(ROOTWORK), "--data-dir", str(journal), *argv],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(unbuffered),
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr == f"rootwork: output could not be written: {os.strerror(errno.ENOSPC)}\n"
    assert not crash_log_path(journal).exists()

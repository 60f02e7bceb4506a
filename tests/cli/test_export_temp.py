"""An export interrupted between writing and renaming leaves no copy of the journal behind.

The temporary file holds the whole journal. Ctrl+C, SIGTERM and SIGHUP remove
it on the way out; SIGKILL cannot be caught, so the next export to the same
folder removes it. Only files rootwork surely wrote, for exports no longer
running, are ever removed.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from rootwork.state.files.private_file import is_abandoned_temp, remove_abandoned_temps, temp_name, write_private_file
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.cli.main import main

REPO = Path(__file__).resolve().parents[2]

# An export whose rename never happens: the process gets ``signal`` just before it.
KILLED_EXPORT = """
import os, signal, sys
# Ctrl+C as at a terminal, even when this test runs in a background job (which starts with SIGINT ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
real_replace = os.replace

def killed_before_rename(source, target, *args, **kwargs):
    if str(target) == sys.argv[2]:
        os.kill(os.getpid(), signal.{signal})
    return real_replace(source, target, *args, **kwargs)

os.replace = killed_before_rename
from rootwork.tui.cli.main import main
sys.exit(main(["--data-dir", sys.argv[1], "export", "--format", "json", "-o", sys.argv[2]]))
"""


def journal(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=date(2026, 11, 1), mood=3, intensity=4, note="very private"))
    store.close()


def export_killed_by(name: str, data_dir: Path, target: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", KILLED_EXPORT.replace("{signal}", name), str(data_dir), str(target)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_caught_signal_removes_the_temporary_file(name: str, tmp_path: Path) -> None:
    journal(tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    done = export_killed_by(name, tmp_path / "data", out / "journal.json")
    assert done.returncode != 0
    assert leftovers(out) == [] and not (out / "journal.json").exists()


def test_after_a_kill_the_next_export_to_the_folder_removes_the_leftover(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    journal(tmp_path / "data")
    out = tmp_path / "out"
    out.mkdir()
    done = export_killed_by("SIGKILL", tmp_path / "data", out / "journal.json")
    assert done.returncode == -signal.SIGKILL
    [left] = leftovers(out)
    assert "very private" in (out / left).read_text()  # what a kill leaves is the whole journal
    assert main(["--data-dir", str(tmp_path / "data"), "export", "--format", "markdown", "-o", str(out / "j.md")]) == 0
    assert leftovers(out) == [] and sorted(p.name for p in out.iterdir()) == ["j.md"]


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_our_own_abandoned_temporary_files_are_removed(tmp_path: Path) -> None:
    gone = dead_pid()
    ours = tmp_path / temp_name(gone)
    ours.write_bytes(b"journal")
    os.chmod(ours, 0o600)
    running = tmp_path / temp_name(os.getppid())  # an export still being written by a live process
    running.write_bytes(b"journal")
    os.chmod(running, 0o600)
    shared = tmp_path / temp_name(gone)  # not private: rootwork never wrote it
    shared.write_bytes(b"someone else's")
    os.chmod(shared, 0o644)
    linked = tmp_path / temp_name(gone)  # a link, even to a file of ours
    linked.symlink_to(ours)
    hard = tmp_path / temp_name(gone)  # a file with another name too
    (tmp_path / "precious").write_bytes(b"keep")
    os.chmod(tmp_path / "precious", 0o600)
    os.link(tmp_path / "precious", hard)
    lookalikes = [
        tmp_path / ".rootwork_export-notes.tmp",
        tmp_path / f".rootwork-{'a' * 16}.tmp",
        tmp_path / f"rootwork_export-{gone}-{'a' * 16}.tmp",
    ]
    for path in lookalikes:
        path.write_bytes(b"mine")
        os.chmod(path, 0o600)

    assert remove_abandoned_temps(tmp_path) == [ours]
    assert all(p.exists() or p.is_symlink() for p in [running, shared, linked, hard, *lookalikes])


def test_an_old_temporary_file_is_abandoned_even_if_its_pid_is_in_use_again(tmp_path: Path) -> None:
    reused = tmp_path / temp_name(os.getppid())
    reused.write_bytes(b"journal")
    os.chmod(reused, 0o600)
    assert not is_abandoned_temp(reused)
    assert is_abandoned_temp(reused, now=time.time() + 2 * 3600)


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError):
        write_private_file(tmp_path / "export.json", b"journal")
    assert list(tmp_path.iterdir()) == []


def test_an_export_replaces_a_link_at_its_path_and_never_writes_through_it(tmp_path: Path) -> None:
    # A link planted where an export goes (a shared folder) must not steer the journal onto another file.
    other = tmp_path / "someone-elses-file"
    other.write_text("theirs")
    os.chmod(other, 0o644)
    link = tmp_path / "journal.json"
    link.symlink_to(other)
    write_private_file(link, b"very private")
    assert other.read_text() == "theirs" and stat.S_IMODE(other.stat().st_mode) == 0o644
    assert not link.is_symlink() and link.read_bytes() == b"very private"
    assert stat.S_IMODE(link.stat().st_mode) == 0o600

"""The command line on files that are not what they seem: one line and exit 2, never a hang; import's two new refusals.

Commands run in a child process with a timeout, since the failures before
these rules were hangs (a FIFO as the journal or as a conflict copy).
"""

from __future__ import annotations

import json
import os
import pty
import select
import socket
import subprocess
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.files.regular_file import MAX_FILE_BYTES

from ..scripts import console_script

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def rootwork(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ROOTWORK_")}
    return subprocess.run(
        [str(console_script("rootwork")), "--data-dir", str(data_dir), *argv],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def a_journal(data_dir: Path) -> bytes:
    assert rootwork(data_dir, "checkin", "--mood", "3", "--intensity", "4", "--note", "mine").returncode == 0
    return database_path(data_dir).read_bytes()


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and all(word in result.stderr for word in words), result.stderr
    assert "crash.log" not in result.stderr


@needs_fifo
def test_a_fifo_as_the_journal_is_one_line_and_exit_2(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    os.mkfifo(database_path(data_dir))
    refused(rootwork(data_dir, "due"), "rootwork.json is a pipe")
    refused(rootwork(data_dir, "checkin", "--mood", "3", "--intensity", "4"), "is a pipe")
    assert not (data_dir / "crash.log").exists()


@needs_fifo
def test_a_fifo_named_like_a_conflict_copy_is_passed_over_and_refused_by_merge(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    before = a_journal(data_dir)
    copy = data_dir / "rootwork.sync-conflict-20261125-100000-ABCDEFG.json"
    os.mkfifo(copy)
    result = rootwork(data_dir, "due")
    assert result.returncode == 0
    assert result.stderr == ""  # only regular files are conflict copies (state.sync.names)
    assert copy.exists() and database_path(data_dir).read_bytes() == before
    refused(rootwork(data_dir, "merge", str(copy)), "is a pipe")


def test_a_link_to_a_stranger_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    stranger = tmp_path / "notes.txt"
    stranger.write_text("not a journal\n")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).symlink_to(stranger)
    refused(rootwork(data_dir, "due"), "is a link to", "not a rootwork journal")
    assert stranger.read_text() == "not a journal\n"


def test_a_huge_journal_is_refused_before_it_is_read(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with database_path(data_dir).open("wb") as handle:  # sparse: 64 MiB of zeros that take no disk
        handle.truncate(MAX_FILE_BYTES + 1)
    refused(rootwork(data_dir, "due"), "larger than 64 MiB")


def test_import_of_json_nested_too_deep_says_so(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    before = a_journal(data_dir)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    refused(rootwork(data_dir, "import", str(deep)), "nested too deeply")
    assert database_path(data_dir).read_bytes() == before


def test_import_of_an_object_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    before = a_journal(data_dir)
    export = rootwork(data_dir, "export", "--format", "json").stdout
    assert json.loads(export)["app"] == "rootwork"
    twice = tmp_path / "twice.json"
    twice.write_text(export.replace('"app":', '"app": "rootwork", "app":', 1))
    refused(rootwork(data_dir, "import", str(twice)), 'has the key "app" twice')
    assert database_path(data_dir).read_bytes() == before


@needs_fifo
def test_the_app_with_a_fifo_as_the_journal_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """The app looks at the journal's first bytes (is it encrypted?) before opening it: that look must not hang."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    os.mkfifo(database_path(data_dir))
    main, terminal = pty.openpty()  # the app needs a terminal on every stream
    try:
        child = subprocess.Popen(
            [str(console_script("rootwork")), "--data-dir", str(data_dir)],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            close_fds=True,
        )
        os.close(terminal)
        try:
            status = child.wait(timeout=30)
        finally:
            child.kill()  # a hang fails the test without leaving the child behind
        assert status == 2
        said = b""
        while select.select([main], [], [], 0.5)[0]:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal closed with the child
                break
            if not chunk:
                break
            said += chunk
    finally:
        os.close(main)
    assert b"is a pipe" in said.replace(b"\r\n", b"")


def test_a_notice_on_a_closed_stderr_never_hides_a_failed_save(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"")  # no backup: opens read-only, with a notice on stderr
    result = subprocess.run(
        [
            "sh",
            "-c",
            '"$0" --data-dir "$1" checkin --mood 3 --intensity 3 2>&-',
            str(console_script("rootwork")),
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 1  # not saved, whatever happened to the words saying so


@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_export_never_replaces_a_pipe_or_a_socket(kind: str, tmp_path: Path) -> None:
    """(Never tried on a real device: a regression would replace it, as root, with a file.)"""
    data_dir = tmp_path / "data"
    a_journal(data_dir)
    target = tmp_path / kind
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(target)
    else:
        if not hasattr(socket, "AF_UNIX"):
            pytest.skip("no Unix sockets here")
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(target))
        listener.close()
    before = os.lstat(target)
    refused(rootwork(data_dir, "export", "--format", "json", "-o", str(target)), "not a file")
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)

"""Attacks on an encrypted folder through the command line (security review): each a finding of the security review, fixed.

Each test encrypts a small journal with ``rootwork encrypt`` and runs commands
with the passphrase in the environment, as a user would (scrypt on identity.age
runs for real: about a second a command).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from rootwork.tui.cli import passphrase as cli_passphrase
from rootwork.tui.cli.args import CommandRun
from rootwork.tui.cli.main import main

LOCAL = datetime.now().astimezone().tzinfo
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
PASS = "the quiet lake at dawn"
NOTE = "I felt small at the meeting"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    monkeypatch.delenv(cli_passphrase.ENV_PASSPHRASE, raising=False)
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: False)  # never a real prompt in a test
    return tmp_path / "data"


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv], now=NOW)


def encrypted(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """An encrypted journal; returns the bytes of a plain journal from elsewhere, to drop in its place."""
    other = tmp_path / "other"
    assert run(other, "checkin", "--mood", "5", "--intensity", "1", "--note", "from elsewhere") == 0
    assert run(data_dir, "checkin", "--mood", "2", "--intensity", "7", "--note", NOTE) == 0
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(data_dir, "encrypt") == 0
    return (other / "rootwork.json").read_bytes()


def stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_a_plain_journal_is_refused_with_one_line(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = encrypted(data_dir, tmp_path, monkeypatch)
    (data_dir / "rootwork.json").write_bytes(plain)
    capsys.readouterr()
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(data_dir, "due") == 2
    lines = stderr_lines(capsys)
    assert len(lines) == 1, lines
    assert "not encrypted" in lines[0]


def test_without_the_passphrase_a_plain_journal_is_named_as_plain(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = encrypted(data_dir, tmp_path, monkeypatch)
    (data_dir / "rootwork.json").write_bytes(plain)
    monkeypatch.delenv(cli_passphrase.ENV_PASSPHRASE, raising=False)
    capsys.readouterr()
    assert run(data_dir, "due") == 2
    lines = stderr_lines(capsys)
    assert len(lines) == 1 and "not encrypted" in lines[0], lines


def test_a_journal_replaced_by_an_unknown_age_file_does_not_break_every_command(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    encrypted(data_dir, tmp_path, monkeypatch)
    (data_dir / "rootwork.json").write_bytes(
        b"age-encryption.org/v1\n-> grease-x a b\nAAAA\n--- " + b"A" * 43 + b"\n" + os.urandom(64)
    )
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    first = run(data_dir, "due")
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert first != 1
    assert run(data_dir, "due") == 0


def test_the_app_opens_after_a_refusal_and_shows_it_while_a_command_stops(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from rootwork.state.store.sealing import Refusal
    from rootwork.tui.cli import open_app as cli_app

    plain = encrypted(data_dir, tmp_path, monkeypatch)
    (data_dir / "rootwork.json").write_bytes(plain)
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    store = cli_app.open_app_store(CommandRun(data_dir=str(data_dir), passphrase_file=None))
    assert store is not None and any(isinstance(notice, Refusal) for notice in store.notices)

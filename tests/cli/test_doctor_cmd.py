"""``rootwork doctor``: one line per finding, ``All is well`` when nothing needs attention; exit 0 or 1.

What is found is tested in tests/state/test_privacy_check.py; here, the
command: its lines and exit status, the keyring and passphrase notes, and that
it opens, creates and asks for nothing.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from rootwork.tui.cli import doctor as cli_doctor
from rootwork.tui.cli import passphrase as cli_passphrase
from rootwork.tui.cli.main import main

NOW = datetime(2026, 11, 25, 10, 0).astimezone()
AGE = b"age-encryption.org/v1\n-> X25519 c29tZSBzaGFyZQ\nd3JhcHBlZCBrZXk\n--- bWFj\n\x00\x01binary"
PLAIN = b'{"checkins": {"1": {"note": "I felt small at the meeting"}}}\n'

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes and links")


@pytest.fixture(autouse=True)
def no_keyring_nor_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    monkeypatch.delenv(cli_passphrase.ENV_PASSPHRASE, raising=False)
    monkeypatch.setattr(cli_doctor, "keyring_passphrase", lambda _data_dir: None)  # never the real keyring
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: False)  # never a prompt


def run(data_dir: Path, *argv: str) -> int:
    return main(["doctor", "--data-dir", str(data_dir), *argv], now=NOW)


def write(path: Path, payload: bytes, mode: int = 0o600) -> Path:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.write_bytes(payload)
    os.chmod(path, mode)
    return path


def encrypted_folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write(data / "rootwork.json", AGE)
    write(data / "drafts.json", AGE)
    write(data / "encryption", b"encrypted age1qqqq\n")
    os.chmod(data, 0o700)
    return data


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    return {
        str(p): (p.lstat().st_mode, p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in sorted(folder.rglob("*"))
    }


def test_a_journal_rootwork_made_is_well(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "checkin", "--mood", "3", "--intensity", "4", "--note", "ok"], now=NOW) == 0
    capsys.readouterr()
    before = snapshot(data)
    assert run(data) == 0
    assert capsys.readouterr().out == f"All is well: nothing in {data} needs attention.\n"
    assert snapshot(data) == before


def test_an_encrypted_folder_is_well_without_the_passphrase(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = encrypted_folder(tmp_path)
    before = snapshot(data)
    assert run(data) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("All is well:") and captured.err == ""
    assert snapshot(data) == before  # no lock file, no machine-id: the journal was never opened


def test_no_folder_is_a_note_and_nothing_is_made(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(tmp_path / "none") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("note: there is no journal folder at") and lines[-1].startswith("All is well:")
    assert not (tmp_path / "none").exists()


def test_each_problem_is_one_line_with_its_fix_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = encrypted_folder(tmp_path)
    write(data / "drafts.json", PLAIN, 0o644)
    export = write(data / "export.md", b"# My journal\n")
    assert run(data) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"problem: drafts.json can be read by others (mode 644; it should be 600) — fix: chmod 600 {data / 'drafts.json'}",
        "problem: drafts.json (your half-written forms) is plain text, though your journal is encrypted — fix: open "
        "your journal with its passphrase (the app, or any command such as `rootwork due`): what is still plain is "
        "encrypted then",
        "problem: export.md is plain text in your encrypted folder (an export, or a copy of your journal?) — fix: "
        f"move it somewhere only you can read, or delete it: rm {export}",
    ]


def test_notes_alone_leave_all_well(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = encrypted_folder(tmp_path)
    target = write(tmp_path / "Sync" / "rootwork.json", AGE)
    (data / "rootwork.json").unlink()
    (data / "rootwork.json").symlink_to(target)
    assert run(data) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"note: rootwork.json is a link to {target}") and " — fix:" not in lines[0]
    assert lines[1].startswith("All is well:") and len(lines) == 2


def test_a_keyring_entry_is_a_note_without_the_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    data = encrypted_folder(tmp_path)
    asked: list[Path] = []
    monkeypatch.setattr(cli_doctor, "keyring_passphrase", lambda folder: asked.append(folder) or "the quiet lake")
    assert run(data) == 0
    out = capsys.readouterr().out
    assert asked == [data]
    assert "note: your system keyring holds this journal's passphrase (service rootwork)" in out
    assert f"fix: if you would rather type it, remove it: keyring del rootwork {data}" in out
    assert "the quiet lake" not in out


def test_the_passphrase_in_the_environment_is_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, "the quiet lake")
    assert run(encrypted_folder(tmp_path)) == 0
    out = capsys.readouterr().out
    assert out.startswith("note: $ROOTWORK_PASSPHRASE is set") and "the quiet lake" not in out


def test_a_passphrase_file_others_can_read(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    secret = write(tmp_path / "home" / "pass.txt", b"the quiet lake\n", 0o644)
    assert run(encrypted_folder(tmp_path), "--passphrase-file", str(secret)) == 1
    out = capsys.readouterr().out
    assert out == f"problem: the passphrase file {secret} can be read by others (mode 644) — fix: chmod 600 {secret}\n"


@pytest.mark.parametrize("where", ["data", "Sync"])
def test_a_passphrase_file_in_a_synced_folder(tmp_path: Path, where: str, capsys: pytest.CaptureFixture) -> None:
    data = encrypted_folder(tmp_path)
    (tmp_path / "Sync" / ".stfolder").mkdir(parents=True)
    secret = write(tmp_path / where / "pass.txt", b"the quiet lake\n")
    assert run(data, "--passphrase-file", str(secret)) == 1
    out = capsys.readouterr().out
    assert f"problem: the passphrase file {secret} is in " in out and "the quiet lake" not in out


def test_names_are_printed_without_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = encrypted_folder(tmp_path)
    write(data / "export\x1b[31m\nnext.md", b"# My journal\n")
    assert run(data) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and len(out.splitlines()) == 1 and out.startswith("problem: export")


def test_help(capsys: pytest.CaptureFixture) -> None:
    assert main(["doctor", "--help"], now=NOW) == 0
    assert "privacy" in capsys.readouterr().out

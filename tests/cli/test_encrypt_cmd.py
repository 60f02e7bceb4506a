"""``rootwork encrypt | decrypt`` and every command on an encrypted journal, with the passphrase from each source."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

import pyrage
import pytest

from rootwork.state.encryption.codec import is_encrypted
from rootwork.state.encryption.identity import unwrap
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


def opened(data_dir: Path, path: Path, passphrase: str = PASS) -> bytes:
    """``path`` opened as 'age -d -i identity.age' would: the identity under the passphrase, then the file."""
    identity = unwrap((data_dir / "identity.age").read_bytes(), passphrase)
    return pyrage.decrypt(path.read_bytes(), [identity])


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv], now=NOW)


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def encrypted_journal(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(data_dir, "checkin", "--mood", "2", "--intensity", "7", "--note", NOTE) == 0
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(data_dir, "encrypt") == 0
    assert cli_passphrase.ENV_PASSPHRASE not in os.environ  # taken out of the environment once read


def passphrase_file(tmp_path: Path, text: str = PASS, mode: int = 0o600) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(text + "\n")
    os.chmod(path, mode)
    return path


def test_encrypt_then_every_command_works_with_the_passphrase(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    encrypted_journal(data_dir, monkeypatch)
    journal = data_dir / "rootwork.json"
    assert is_encrypted(journal.read_bytes()) and NOTE.encode() in opened(data_dir, journal)
    assert not any(NOTE.encode() in p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    key = passphrase_file(tmp_path)
    opts = ("--passphrase-file", str(key))
    assert run(data_dir, "checkin", "--note", "updated", *opts) == 0
    assert run(data_dir, "due", "--json", *opts) == 0
    out = tmp_path / "export.json"
    capsys.readouterr()
    assert run(data_dir, "export", "--format", "json", "-o", str(out), *opts) == 0
    assert "this export is not" in capsys.readouterr().err  # plain on purpose, said once
    assert json.loads(out.read_text())["checkins"][0]["note"] == "updated"
    assert run(data_dir, "export", "--format", "markdown", *opts) == 0
    assert run(data_dir, "export", "--format", "ics", *opts) == 0
    assert run(data_dir, "import", str(out), *opts) == 0
    # merge a plain journal named on the command line (a deliberate act: read even in an encrypted folder)
    other = tmp_path / "other"
    assert run(other, "checkin", "--mood", "4", "--intensity", "1", "--date", "2026-11-20", "--note", "other") == 0
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(data_dir, "merge", str(other / "rootwork.json")) == 0
    assert "1 check-in" in capsys.readouterr().out
    assert is_encrypted(journal.read_bytes()) and all(
        is_encrypted(p.read_bytes()) for p in data_dir.glob("outbox-*.json")
    )
    assert not any(b"other" in p.read_bytes() or b"updated" in p.read_bytes() for p in data_dir.rglob("*.json"))


@pytest.mark.parametrize("how", ["none", "wrong env", "wrong file"])
def test_a_missing_or_wrong_passphrase_exits_2_with_one_line_and_changes_no_byte(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, how: str
) -> None:
    encrypted_journal(data_dir, monkeypatch)
    before = hashes(data_dir)
    opts: tuple[str, ...] = ()
    if how == "wrong env":
        monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, "nope")
    elif how == "wrong file":
        opts = ("--passphrase-file", str(passphrase_file(tmp_path, "nope")))
    capsys.readouterr()
    for argv in (["checkin", "--mood", "3"], ["due"], ["export", "--format", "json"], ["decrypt"], ["encrypt"]):
        assert run(data_dir, *argv, *opts) == 2, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and ("passphrase" in err[0]), err
    assert hashes(data_dir) == before
    listed = sorted(os.listdir(data_dir))
    assert [name for name in listed if not name.startswith("outbox-")] == [
        "backups",
        "encryption",
        "identity.age",
        "last-write",
        "machine-id",
        "rootwork.json",
        "rootwork.lock",
    ]


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_passphrase_file_others_may_read_is_refused(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    encrypted_journal(data_dir, monkeypatch)
    capsys.readouterr()
    assert run(data_dir, "due", "--passphrase-file", str(passphrase_file(tmp_path, mode=mode))) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_a_read_only_private_passphrase_file_is_accepted(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted_journal(data_dir, monkeypatch)
    capsys.readouterr()
    assert run(data_dir, "due", "--passphrase-file", str(passphrase_file(tmp_path, mode=0o400))) == 0


def test_a_passphrase_file_must_be_a_regular_file(
    data_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted_journal(data_dir, monkeypatch)
    capsys.readouterr()
    assert run(data_dir, "due", "--passphrase-file", str(tmp_path)) == 2
    assert run(data_dir, "due", "--passphrase-file", str(tmp_path / "missing")) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 2


def test_encrypt_asks_twice_and_refuses_a_mismatch_or_an_empty_one(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert run(data_dir, "checkin", "--mood", "2", "--intensity", "7", "--note", NOTE) == 0
    before = hashes(data_dir)
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: True)
    for answers, words in (
        (["the first long one", "the second long one"], "differ"),
        ([""], "empty"),
        (["short", "short"], "no passphrase was set"),
    ):  # weak, and not confirmed
        typed = iter(answers)
        monkeypatch.setattr(cli_passphrase.getpass, "getpass", lambda prompt, stream=None: next(typed))
        capsys.readouterr()
        assert run(data_dir, "encrypt") == 2
        assert words in capsys.readouterr().err
    assert hashes(data_dir) == before
    typed = iter([PASS, PASS, PASS])
    monkeypatch.setattr(cli_passphrase.getpass, "getpass", lambda prompt, stream=None: next(typed))
    assert run(data_dir, "encrypt") == 0
    assert run(data_dir, "due") == 0  # asked once, on the terminal
    assert opened(data_dir, data_dir / "rootwork.json")


def test_a_weak_new_passphrase_is_said_with_four_words_and_must_be_confirmed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import io

    assert run(data_dir, "checkin", "--mood", "2", "--intensity", "7", "--note", NOTE) == 0
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: True)
    typed = iter(["letmein", "letmein"])
    monkeypatch.setattr(cli_passphrase.getpass, "getpass", lambda prompt, stream=None: next(typed))
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    capsys.readouterr()
    assert run(data_dir, "encrypt") == 0
    err = capsys.readouterr().err
    assert "weak" in err and "for example:" in err
    suggested = err.split("for example: ")[1].splitlines()[0].split()
    assert len(suggested) == 4
    assert opened(data_dir, data_dir / "rootwork.json", "letmein")
    # Given without a terminal, a weak one is refused unless confirmed on the command line.
    other = data_dir.parent / "other"
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: False)
    assert run(other, "checkin", "--mood", "2", "--intensity", "3") == 0
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, "letmein")
    assert run(other, "encrypt") == 2
    assert "--accept-weak-passphrase" in capsys.readouterr().err
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, "letmein")
    assert run(other, "encrypt", "--accept-weak-passphrase") == 0


def test_encrypt_with_no_terminal_and_no_passphrase_exits_2(data_dir: Path, capsys) -> None:
    assert run(data_dir, "checkin", "--mood", "2", "--intensity", "7") == 0
    assert run(data_dir, "encrypt") == 2
    assert "--passphrase-file" in capsys.readouterr().err
    assert not is_encrypted((data_dir / "rootwork.json").read_bytes())


def test_decrypt_gives_back_plain_files_and_a_second_run_does_nothing(data_dir: Path, monkeypatch, capsys) -> None:
    encrypted_journal(data_dir, monkeypatch)
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(data_dir, "decrypt") == 0
    monkeypatch.delenv(cli_passphrase.ENV_PASSPHRASE, raising=False)
    assert json.loads((data_dir / "rootwork.json").read_bytes())["checkins"]
    assert all(not is_encrypted(p.read_bytes()) for p in data_dir.rglob("*.json"))
    capsys.readouterr()
    assert run(data_dir, "decrypt") == 0
    assert "not encrypted" in capsys.readouterr().out


def test_the_keyring_is_used_when_installed(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    encrypted_journal(data_dir, monkeypatch)
    asked = []

    class FakeKeyring:
        @staticmethod
        def get_password(service: str, user: str) -> str:
            asked.append((service, user))
            return PASS

    monkeypatch.setitem(__import__("sys").modules, "keyring", FakeKeyring)
    assert run(data_dir, "due") == 0
    assert asked == [("rootwork", str(data_dir.absolute()))]


def test_no_encrypt_without_a_journal(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(data_dir, "encrypt") == 2
    assert not data_dir.exists()


def test_a_crash_on_an_encrypted_journal_logs_neither_text_nor_passphrase(data_dir: Path, monkeypatch, capsys) -> None:
    from rootwork.state.store import Store

    encrypted_journal(data_dir, monkeypatch)
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)

    def broken(self, day):  # an unexpected error that quotes the journal
        raise ValueError(f"{NOTE} / {PASS}")

    monkeypatch.setattr(Store, "due_today", broken)
    assert run(data_dir, "due") == 1
    log = (data_dir / "crash.log").read_text()
    assert "ValueError" in log and NOTE not in log and PASS not in log
    assert NOTE not in capsys.readouterr().err


def test_the_app_unlocks_on_its_screen_only_when_no_passphrase_is_at_hand(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from rootwork.tui import unlock
    from rootwork.tui.cli import open_app as cli_app

    encrypted_journal(data_dir, monkeypatch)
    shown = []
    monkeypatch.setattr(unlock, "unlock", lambda folder, keymap=None: shown.append(folder))
    args = CommandRun(data_dir=str(data_dir), passphrase_file=None)
    assert cli_app.open_app_store(args) is None and shown == [data_dir.absolute()]  # quit on the screen
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    store = cli_app.open_app_store(CommandRun(data_dir=str(data_dir), passphrase_file=None))
    assert store is not None and store.codec.encrypting and len(shown) == 1  # no screen: the passphrase was given


def test_a_passphrase_change_rewrites_identity_age_only(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    encrypted_journal(data_dir, monkeypatch)
    before = {name: digest for name, digest in hashes(data_dir).items() if name != "identity.age"}
    new = tmp_path / "new.txt"
    new.write_text("a brand new quiet passphrase\n")
    new.chmod(0o600)
    old = passphrase_file(tmp_path)
    assert run(data_dir, "passphrase", "--passphrase-file", str(old), "--new-passphrase-file", str(new)) == 0
    assert "not rewritten" in capsys.readouterr().out
    assert {name: digest for name, digest in hashes(data_dir).items() if name != "identity.age"} == before
    assert run(data_dir, "due", "--passphrase-file", str(old)) == 2
    assert run(data_dir, "due", "--passphrase-file", str(new)) == 0
    assert NOTE.encode() in opened(data_dir, data_dir / "rootwork.json", "a brand new quiet passphrase")

"""``rootwork remind``: a notification that names nothing private, or the lines printed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.store import Store
from rootwork.tui.cli import passphrase as cli_passphrase
from rootwork.tui.cli import remind
from rootwork.tui.cli.main import main
from tests.cli.remind.fakes import DUE_AND_NO_CHECKIN, LIBRARY, NOW, TODAY, calls, fake, hashes, run, run_on, seed
from tests.encrypting import PASS


def test_due_and_not_checked_in_shows_one_notification(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "notify-send")
    seed(data_dir, checked_in=False)
    capsys.readouterr()
    assert run(data_dir) == 0
    assert calls(log) == [["--app-name", "rootwork", "rootwork", DUE_AND_NO_CHECKIN]]
    assert capsys.readouterr().out == ""


def test_without_a_notifier_the_lines_are_printed(bin_dir: Path, data_dir: Path, capsys) -> None:
    seed(data_dir, checked_in=False)
    capsys.readouterr()
    assert run(data_dir) == 0
    assert capsys.readouterr().out == DUE_AND_NO_CHECKIN + "\n"


def test_a_failing_notifier_falls_back_to_printing(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "notify-send", status=1, stderr="Cannot autolaunch D-Bus without X11 $DISPLAY\n")
    seed(data_dir, checked_in=False)
    capsys.readouterr()
    assert run(data_dir) == 0
    assert len(calls(log)) == 1
    captured = capsys.readouterr()
    assert captured.out == DUE_AND_NO_CHECKIN + "\n"
    assert "D-Bus" not in captured.err  # the notifier's own complaint is not passed on


def test_a_notifier_that_hangs_is_given_up_on(
    bin_dir: Path, data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remind, "NOTIFY_TIMEOUT", 0.5)
    fake(bin_dir, "notify-send", sleep=30)
    assert run(data_dir) == 0
    assert capsys.readouterr().out == "rootwork: a minute for your check-in?\n"


def test_nothing_due_and_checked_in_shows_and_prints_nothing(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "notify-send")
    assert main(["--data-dir", str(data_dir), "checkin", "--mood", "4", "--intensity", "1"], now=NOW) == 0
    capsys.readouterr()
    assert run(data_dir) == 0
    assert calls(log) == []
    assert capsys.readouterr() == ("", "")


def test_checked_in_with_one_thing_due(bin_dir: Path, data_dir: Path, capsys) -> None:
    Store.open(data_dir).adopt(LIBRARY.practices[0].id, TODAY)
    assert main(["--data-dir", str(data_dir), "checkin", "--mood", "4", "--intensity", "1"], now=NOW) == 0
    capsys.readouterr()
    assert run(data_dir) == 0
    assert capsys.readouterr().out == "rootwork: 1 thing is waiting\n"


def test_the_count_is_what_today_shows_capped_and_gentler(bin_dir: Path, data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    store.set_setting("daily_cap", 3)
    for practice in LIBRARY.practices[:5]:
        store.adopt(practice.id, TODAY)
    capsys.readouterr()
    assert run(data_dir) == 0
    assert capsys.readouterr().out.splitlines()[0] == "rootwork: 3 things are waiting"
    # Checked in at intensity 9: a gentler day shows at most two (design.md, Care).
    assert main(["--data-dir", str(data_dir), "checkin", "--mood", "1", "--intensity", "9"], now=NOW) == 0
    capsys.readouterr()
    assert run(data_dir) == 0
    assert capsys.readouterr().out == "rootwork: 2 things are waiting\n"


def test_no_journal_yet_asks_for_a_checkin_and_creates_nothing(bin_dir: Path, data_dir: Path, capsys) -> None:
    assert run(data_dir) == 0
    assert capsys.readouterr().out == "rootwork: a minute for your check-in?\n"
    assert not data_dir.exists()


@pytest.mark.parametrize("notifier", [True, False])
@pytest.mark.parametrize("checked_in", [True, False])
def test_no_private_word_ever_reaches_the_notification_or_the_screen(
    bin_dir: Path, data_dir: Path, capsys, notifier: bool, checked_in: bool
) -> None:
    log = fake(bin_dir, "notify-send") if notifier else bin_dir / "none.log"
    private = seed(data_dir, checked_in=checked_in)
    capsys.readouterr()
    assert run(data_dir) == 0
    captured = capsys.readouterr()
    shown = captured.out + captured.err + (log.read_text() if log.exists() else "")
    assert "waiting" in shown  # something was said
    for word in private:
        assert word not in shown and word.lower() not in shown.lower()


def test_on_macos_osascript_gets_the_text_as_an_argument(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "osascript")
    fake(bin_dir, "notify-send")  # not used on macOS
    seed(data_dir, checked_in=False)
    assert run_on("darwin", data_dir) == 0
    [argv] = calls(log)
    assert argv == ["-e", remind.APPLESCRIPT, DUE_AND_NO_CHECKIN]
    script = argv[1]
    assert script.startswith("on run argv") and "item 1 of argv" in script and 'with title "rootwork"' in script
    assert "waiting" not in script and "check-in" not in script  # the text is never part of the script
    assert calls(bin_dir / "notify-send.log") == []


def test_elsewhere_without_a_notifier_the_lines_are_printed(bin_dir: Path, data_dir: Path, capsys) -> None:
    fake(bin_dir, "notify-send")
    assert run_on("win32", data_dir) == 0
    assert capsys.readouterr().out == "rootwork: a minute for your check-in?\n"


def test_the_optional_package_is_tried_when_no_command_shows_it(
    bin_dir: Path, data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(remind, "desktop_notifier", lambda title, body: shown.append((title, body)) or True)
    fake(bin_dir, "notify-send", status=1)
    assert run(data_dir) == 0
    assert shown == [("rootwork", "rootwork: a minute for your check-in?")]
    assert capsys.readouterr().out == ""


def test_encrypted_without_a_passphrase_says_the_fixed_line_and_reads_nothing(
    bin_dir: Path, encrypted: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = fake(bin_dir, "notify-send")

    def no_scrypt(self, wrapped: bytes) -> None:
        raise AssertionError("scrypt must not run without a passphrase")

    monkeypatch.setattr(FileCodec, "unlock", no_scrypt)
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: True)  # even on a terminal: never asked
    monkeypatch.setattr(cli_passphrase, "prompt", lambda *a: pytest.fail("remind must never prompt"))
    before = hashes(encrypted)
    capsys.readouterr()
    assert run(encrypted) == 0
    assert calls(log) == [["--app-name", "rootwork", "rootwork", "rootwork: time for your daily check-in"]]
    assert capsys.readouterr() == ("", "")
    assert hashes(encrypted) == before


def test_encrypted_without_a_notifier_prints_the_fixed_line(bin_dir: Path, encrypted: Path, capsys) -> None:
    capsys.readouterr()
    assert run(encrypted) == 0
    assert capsys.readouterr().out == "rootwork: time for your daily check-in\n"


def test_encrypted_with_the_passphrase_counts_and_the_notifier_never_sees_it(
    bin_dir: Path, encrypted: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = fake(bin_dir, "notify-send")
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    capsys.readouterr()
    assert run(encrypted) == 0
    [entry] = [json.loads(line) for line in log.read_text().splitlines()]
    assert entry == {
        "argv": ["--app-name", "rootwork", "rootwork", "rootwork: 2 things are waiting"],
        "passphrase": None,
    }


def test_encrypted_with_the_keyrings_passphrase(
    bin_dir: Path, encrypted: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_passphrase, "keyring_passphrase", lambda data_dir: PASS)
    capsys.readouterr()
    assert run(encrypted) == 0
    assert capsys.readouterr().out == "rootwork: 2 things are waiting\n"


def test_a_notifier_that_hangs_leaves_nothing_running(
    bin_dir: Path, data_dir: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remind, "NOTIFY_TIMEOUT", 0.5)
    pid_file = tmp_path / "pid"
    script = bin_dir / "notify-send"
    script.write_text(f"#!/bin/sh\n/bin/sleep 1000 &\necho $! > {pid_file}\nwait\n")
    script.chmod(0o755)
    assert run(data_dir) == 0
    pid = int(pid_file.read_text())
    status = Path(f"/proc/{pid}/status")

    def gone() -> bool:  # killed: gone, or a zombie waiting for init to reap it
        try:
            return "State:\tZ" in status.read_text()
        except FileNotFoundError:
            return True

    deadline = time.monotonic() + 5  # a SIGKILL lands at once; a loaded machine may take a moment to show it
    while not gone() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone()
    assert capsys.readouterr().out == "rootwork: a minute for your check-in?\n"


def test_a_journal_too_large_to_open_is_said_in_one_line_not_a_crash(bin_dir: Path, data_dir: Path, capsys) -> None:
    data_dir.mkdir(mode=0o700)
    with open(data_dir / "rootwork.json", "wb") as big:
        big.truncate(65 * 2**20)  # sparse: past the 64 MiB cap without writing it
    assert run(data_dir) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "64 MiB" in err
    assert not (data_dir / "crash.log").exists()

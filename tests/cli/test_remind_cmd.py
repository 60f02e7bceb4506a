"""``rootwork remind [--install | --uninstall]``: a notification that names nothing private, and its timer.

The system is never touched: ``notify-send``, ``osascript``, ``systemctl`` and
``launchctl`` are fakes on a PATH of their own (each records its arguments),
HOME is a temporary folder, the platform is a parameter and the clock is ``now``.
"""

from __future__ import annotations

import hashlib
import json
import os
import plistlib
import stat
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from rootwork.content import load_library
from rootwork.state.encryption.codec import FileCodec
from rootwork.state.records.model import Reframe
from rootwork.state.store import Store
from rootwork.tui.cli import passphrase as cli_passphrase
from rootwork.tui.cli import remind
from rootwork.tui.cli.args import CommandFailed, CommandRun, build_parser
from rootwork.tui.cli.main import main
from tests.encrypting import PASS, encrypt

LOCAL = datetime.now().astimezone().tzinfo
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
LIBRARY = load_library()
SECRET_NOTE = "my secret note"
SECRET_GRATITUDE = "tea with Ingrid"
SECRET_CRITIC = "You are never enough"
SECRET_REFRAME = "I am learning, and that is enough"
DUE_AND_NO_CHECKIN = "rootwork: 2 things are waiting\nrootwork: a minute for your check-in?"


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the fakes a test puts there; HOME a temporary folder; no passphrase, no keyring."""
    folder = tmp_path / "bin"
    folder.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    monkeypatch.delenv(cli_passphrase.ENV_PASSPHRASE, raising=False)
    monkeypatch.setattr(cli_passphrase, "on_terminal", lambda: False)
    monkeypatch.setattr(cli_passphrase, "keyring_passphrase", lambda data_dir: None)
    # The optional package is never used here, installed or not: a fake that is not there.
    monkeypatch.setattr(remind, "desktop_notifier", lambda title, body: False)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def fake(bin_dir: Path, name: str, *, status: int = 0, sleep: float = 0, stderr: str = "") -> Path:
    """A program ``name`` on the test PATH that records its arguments (and whether it saw a passphrase)."""
    log = bin_dir / f"{name}.log"
    script = bin_dir / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys, time\n"
        f"with open({str(log)!r}, 'a') as log:\n"
        "    log.write(json.dumps({'argv': sys.argv[1:], 'passphrase': os.environ.get('ROOTWORK_PASSPHRASE')}) + '\\n')\n"
        f"time.sleep({sleep})\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({status})\n"
    )
    script.chmod(0o755)
    return log


def calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [json.loads(line)["argv"] for line in log.read_text().splitlines()]


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), "remind", *argv], now=NOW)


def run_on(platform: str, data_dir: Path, *argv: str) -> int:
    """``rootwork remind`` as on ``platform`` (sys.platform is never patched)."""
    args = build_parser().parse_args(["--data-dir", str(data_dir), "remind", *argv], namespace=CommandRun())
    return remind.run_remind(args, NOW, platform=platform)


def seed(data_dir: Path, *, checked_in: bool) -> list[str]:
    """A journal with a practice and a reframe due today, and (when ``checked_in``) today's check-in with a note.

    Returns every private word it holds: none may ever reach a notification or the screen.
    """
    cause = LIBRARY.causes[0]
    practice = cause.practices[0]
    store = Store.open(data_dir)
    store.adopt(practice.id, TODAY)
    store.save_reframe(
        Reframe(
            critic=SECRET_CRITIC, reframe=SECRET_REFRAME, situation="at the meeting with Ingrid", cause_id=cause.id
        ),
        TODAY,
    )
    if checked_in:
        assert (
            main(
                ["--data-dir", str(data_dir), "checkin", "--mood", "2", "--intensity", "6"]
                + ["--note", SECRET_NOTE, "--grateful", SECRET_GRATITUDE, "--cause", cause.id],
                now=NOW,
            )
            == 0
        )
    return [
        SECRET_NOTE,
        SECRET_GRATITUDE,
        SECRET_CRITIC,
        SECRET_REFRAME,
        "Ingrid",
        practice.name,
        cause.title,
        cause.id,
    ]


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


# ---------------------------------------------------------------- the reminder


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


# ---------------------------------------------------------------- an encrypted journal


@pytest.fixture
def encrypted(data_dir: Path) -> Path:
    store = Store.open(data_dir)
    seed(data_dir, checked_in=True)
    encrypt(store)
    return data_dir


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


# ---------------------------------------------------------------- install and uninstall


def units(home: Path) -> tuple[Path, Path]:
    folder = home / ".config" / "systemd" / "user"
    return folder / "rootwork-remind.service", folder / "rootwork-remind.timer"


def set_reminder_time(data_dir: Path, text: str) -> None:
    Store.open(data_dir).set_setting("reminder_time", text)


def test_install_and_uninstall_together_is_bad_input(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "systemctl")
    assert run(data_dir, "--install", "--uninstall") == 2
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.splitlines()) == 1
    assert "--uninstall: not allowed with argument --install" in captured.err
    assert calls(log) == [] and not (Path.home() / ".config").exists()


def test_install_writes_a_systemd_user_timer_and_starts_it(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "systemctl")
    set_reminder_time(data_dir, "18:30")
    assert run(data_dir, "--install") == 0
    service, timer = units(Path.home())
    for path in (service, timer):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    exec_start = next(line for line in service.read_text().splitlines() if line.startswith("ExecStart="))
    expected = [sys.executable, "-m", "rootwork.tui.cli.main", "remind", "--data-dir", str(data_dir.absolute())]
    assert exec_start == "ExecStart=" + " ".join(f'"{word}"' for word in expected)
    assert "Type=oneshot" in service.read_text()
    timer_text = timer.read_text()
    assert "OnCalendar=*-*-* 18:30:00" in timer_text and "Persistent=false" in timer_text
    assert "WantedBy=timers.target" in timer_text
    assert calls(log) == [["--user", "daemon-reload"], ["--user", "enable", "--now", "rootwork-remind.timer"]]
    out = capsys.readouterr().out
    assert "daily at 18:30" in out and str(timer) in out
    assert not [p for p in service.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_install_again_replaces_the_time(bin_dir: Path, data_dir: Path, capsys) -> None:
    fake(bin_dir, "systemctl")
    set_reminder_time(data_dir, "07:05")
    assert run(data_dir, "--install") == 0
    set_reminder_time(data_dir, "21:45")
    assert run(data_dir, "--install") == 0
    timer = units(Path.home())[1].read_text()
    assert "OnCalendar=*-*-* 21:45:00" in timer and "07:05" not in timer


def test_install_without_a_journal_uses_nine_and_creates_no_folder(bin_dir: Path, data_dir: Path) -> None:
    fake(bin_dir, "systemctl")
    assert run(data_dir, "--install") == 0
    assert "OnCalendar=*-*-* 09:00:00" in units(Path.home())[1].read_text()
    assert not data_dir.exists()


def test_uninstall_removes_what_install_wrote(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "systemctl")
    assert run(data_dir, "--install") == 0
    log.unlink()
    capsys.readouterr()
    assert run(data_dir, "--uninstall") == 0
    assert not any(path.exists() for path in units(Path.home()))
    assert calls(log) == [["--user", "disable", "--now", "rootwork-remind.timer"], ["--user", "daemon-reload"]]
    assert capsys.readouterr().out.startswith("Removed the daily reminder: ")
    assert run(data_dir, "--uninstall") == 0
    assert "nothing was removed" in capsys.readouterr().out


def test_uninstall_leaves_a_file_it_did_not_write(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "systemctl")
    service, _ = units(Path.home())
    service.parent.mkdir(parents=True)
    service.write_text("[Service]\nExecStart=/usr/bin/true\n")
    assert run(data_dir, "--uninstall") == 0
    assert service.exists() and calls(log) == []
    out = capsys.readouterr().out
    assert "was not written by rootwork" in out and "nothing was removed" in out


def test_a_timer_that_cannot_start_keeps_the_files_and_offers_cron(bin_dir: Path, data_dir: Path, capsys) -> None:
    fake(bin_dir, "systemctl", status=1, stderr="Failed to connect to bus: No medium found\n")
    assert run(data_dir, "--install") == 1
    assert all(path.exists() for path in units(Path.home()))
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "could not be started" in err and "Failed to connect to bus" in err
    assert f"0 9 * * * {sys.executable} -m rootwork.tui.cli.main remind" in err


def test_without_systemctl_the_crontab_line_is_printed(bin_dir: Path, data_dir: Path, capsys) -> None:
    set_reminder_time(data_dir, "06:07")
    assert run(data_dir, "--install") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"7 6 * * * {sys.executable} -m rootwork.tui.cli.main remind --data-dir {data_dir.absolute()}"
    assert not (Path.home() / ".config").exists()
    assert run(data_dir, "--uninstall") == 0
    assert "nothing was removed" in capsys.readouterr().out


def test_on_macos_a_launch_agent_is_written_and_loaded(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "launchctl")
    fake(bin_dir, "systemctl")  # not used on macOS
    set_reminder_time(data_dir, "20:15")
    assert run_on("darwin", data_dir, "--install") == 0
    agent = Path.home() / "Library" / "LaunchAgents" / "org.rootwork.remind.plist"
    assert stat.S_IMODE(agent.stat().st_mode) == 0o600
    content = plistlib.loads(agent.read_bytes())
    assert content["Label"] == "org.rootwork.remind"
    assert content["StartCalendarInterval"] == {"Hour": 20, "Minute": 15}
    assert content["ProgramArguments"][-3:] == ["remind", "--data-dir", str(data_dir.absolute())]
    assert calls(log) == [["unload", str(agent)], ["load", str(agent)]]
    assert calls(bin_dir / "systemctl.log") == []
    log.unlink()
    assert run_on("darwin", data_dir, "--uninstall") == 0
    assert not agent.exists() and calls(log) == [["unload", str(agent)]]


def test_on_macos_without_launchctl_the_agent_is_kept_and_cron_offered(bin_dir: Path, data_dir: Path) -> None:
    with pytest.raises(CommandFailed, match="could not be started"):
        run_on("darwin", data_dir, "--install")
    assert (Path.home() / "Library" / "LaunchAgents" / "org.rootwork.remind.plist").exists()


def test_the_timer_runs_the_rootwork_script_it_was_installed_from(
    bin_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "venv bin" / "rootwork"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script), "remind", "--install"])
    args = build_parser().parse_args(["remind"], namespace=CommandRun())
    assert remind.remind_command(args) == [str(script), "remind"]
    assert remind.service_unit([str(script), "remind", "100%$HOME"]).count('"/') == 1
    assert 'ExecStart="' + str(script) + '" "remind" "100%%$$HOME"' in remind.service_unit(
        [str(script), "remind", "100%$HOME"]
    )
    assert remind.crontab_line([str(script), "remind"], datetime(2026, 1, 1, 9, 5).time()) == (
        f"5 9 * * * '{script}' remind"
    )


def test_a_passphrase_file_given_at_install_goes_into_the_timer(bin_dir: Path, data_dir: Path, tmp_path: Path) -> None:
    fake(bin_dir, "systemctl")
    key = tmp_path / "pass.txt"
    key.write_text(PASS + "\n")
    os.chmod(key, 0o600)
    assert run(data_dir, "--install", "--passphrase-file", str(key)) == 0
    assert f'"--passphrase-file" "{key}"' in units(Path.home())[0].read_text()


def test_install_never_replaces_a_unit_it_did_not_write(bin_dir: Path, data_dir: Path, capsys) -> None:
    log = fake(bin_dir, "systemctl")
    service, timer = units(Path.home())
    service.parent.mkdir(parents=True)
    service.write_text("[Service]\nExecStart=/usr/bin/my-own-thing\n")
    assert run(data_dir, "--install") == 1
    assert service.read_text() == "[Service]\nExecStart=/usr/bin/my-own-thing\n"
    assert not timer.exists() and calls(log) == []
    assert "was not written by rootwork" in capsys.readouterr().err


def test_a_data_folder_with_a_line_break_gets_no_timer(bin_dir: Path, tmp_path: Path, capsys) -> None:
    log = fake(bin_dir, "systemctl")
    odd = tmp_path / "x\nExecStartPost=/bin/touch pwned"
    assert run(odd, "--install") == 1
    assert not (Path.home() / ".config").exists() and calls(log) == []
    assert "line break" in capsys.readouterr().err


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


def test_installing_for_an_encrypted_journal_says_what_the_timer_can_say(
    bin_dir: Path, encrypted: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake(bin_dir, "systemctl")
    monkeypatch.setenv(cli_passphrase.ENV_PASSPHRASE, PASS)
    assert run(encrypted, "--install") == 0
    assert "it will say only 'rootwork: time for your daily check-in'" in capsys.readouterr().out
    key = tmp_path / "pass.txt"
    key.write_text(PASS + "\n")
    os.chmod(key, 0o600)
    assert run(encrypted, "--install", "--passphrase-file", str(key)) == 0
    assert "encrypted" not in capsys.readouterr().out  # the timer has the file: it can count

"""``rootwork remind --install | --uninstall``: the daily timer, and only what it wrote."""

from __future__ import annotations

import os
import plistlib
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from rootwork.tui.cli import passphrase as cli_passphrase
from rootwork.tui.cli import remind
from rootwork.tui.cli.args import CommandFailed, CommandRun, build_parser
from tests.cli.remind.fakes import calls, fake, run, run_on, set_reminder_time, units
from tests.encrypting import PASS


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

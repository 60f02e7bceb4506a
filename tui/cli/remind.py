"""``rootwork remind``: a desktop notification that says nothing private, and the daily timer that runs it.

``rootwork remind`` counts what is due today and whether today has a check-in,
and shows the fixed lines ``state.records.reminders.reminder_lines`` makes of
those two numbers (never a practice, a cause or a word the person wrote: a
notification shows on a lock screen). Nothing due and checked in: nothing is
shown or printed. The notifier is ``notify-send`` (Linux) or ``osascript``
(macOS), found on PATH and run with a list of arguments, no shell, a timeout;
else the optional ``desktop-notifier`` package (``pip install rootwork[reminders]``);
where none is available or it fails, the lines are printed on stdout. Exit 0.
No network, no daemon.

An encrypted journal is opened only when a passphrase is at hand without
asking (``--passphrase-file``, ``$ROOTWORK_PASSPHRASE``, the keyring): a timer
has no terminal, so ``remind`` never prompts and never runs scrypt otherwise;
it shows ``LOCKED_LINE`` ("rootwork: time for your daily check-in"), which
needs nothing read. No journal yet: nothing is created, and the reminder asks
for a check-in.

``rootwork remind --install`` sets up a daily run at the ``reminder_time``
setting: a systemd user timer (Linux with ``systemctl``), a launchd agent
(macOS), else the crontab line to add is printed. ``--uninstall`` removes
exactly what ``--install`` wrote. The files are written 0600, atomically,
under ``$HOME``.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from rootwork.state.files.locations import database_path, resolve_data_dir
from rootwork.state.records.reminders import LOCKED_LINE, TITLE, reminder_lines
from rootwork.tui.cli.args import EXIT_OK, CommandFailed, CommandRun

NOTIFY_TIMEOUT = 10  # seconds: a notifier that hangs (no session bus) must not hold a timer's run
SYSTEMCTL_TIMEOUT = 30
DEFAULT_TIME = time(9, 0)

UNIT_NAME = "rootwork-remind"
AGENT_LABEL = "org.rootwork.remind"
#: The first line of each unit file ``--install`` writes: ``--uninstall`` removes only files that carry it.
MARKER = "# Written by 'rootwork remind --install'; 'rootwork remind --uninstall' removes it."

# The script is fixed; the text arrives as an argument, never as part of the script.
APPLESCRIPT = f'on run argv\n  display notification (item 1 of argv) with title "{TITLE}"\nend run'

#: Shows ``(title, body)``; True when it was shown. Tests and other platforms pass their own.
Notifier = Callable[[str, str], bool]


# ---------------------------------------------------------------- the reminder


def run_remind(args: CommandRun, now: datetime, *, platform: str = sys.platform) -> int:
    """``rootwork remind [--install | --uninstall]``."""
    if args.install:
        return install(args, platform=platform)
    if args.uninstall:
        return uninstall(platform=platform)
    lines = current_lines(args, now)
    if lines:
        show(lines, platform=platform)
    return EXIT_OK


def current_lines(args: CommandRun, now: datetime) -> tuple[str, ...]:
    """The reminder's lines for today, from counts alone; ``(LOCKED_LINE,)`` when the journal cannot be read unasked."""
    from rootwork.state.encryption.codec import PassphraseNeeded
    from rootwork.tui.cli.passphrase import codec_for, needs_passphrase
    from rootwork.tui.cli.store import open_store, rootwork_today

    data_dir = resolve_data_dir(args.data_dir)
    # Made first, whatever the folder: $ROOTWORK_PASSPHRASE leaves the environment here, before any
    # notifier is started. Never a prompt (ask=False): the keyring is the only source looked up.
    codec = codec_for(args, ask=False)
    if not database_path(data_dir).exists():  # no journal yet: nothing to count, and nothing is created
        return reminder_lines(0, False)
    if needs_passphrase(data_dir) and not codec.has_passphrase:
        try:
            codec.passphrase()  # the keyring's, if it has one; no scrypt runs here
        except PassphraseNeeded:
            return (LOCKED_LINE,)
    store = open_store(args)
    today = rootwork_today(store, now)
    # As many as Today and 'rootwork due' show (at most two on a gentler day), never the items themselves.
    return reminder_lines(len(store.due_today(today).items), store.checkin_for(today) is not None)


def show(lines: Sequence[str], *, platform: str = sys.platform, notifier: Notifier | None = None) -> None:
    """Show ``lines`` as one notification; print them on stdout when no notifier shows it."""
    body = "\n".join(lines)
    notifiers = [notifier] if notifier is not None else available_notifiers(platform)
    for each in notifiers:
        if each(TITLE, body):
            return
    print(body)


def available_notifiers(platform: str) -> list[Notifier]:
    """The notifiers to try on ``platform``, in order: the system's command, then ``desktop-notifier``."""
    found: list[Notifier] = []
    if platform.startswith(("linux", "freebsd")) and (notify_send := shutil.which("notify-send")):
        found.append(lambda title, body: run_quietly([notify_send, "--app-name", TITLE, title, body]))
    elif platform == "darwin" and (osascript := shutil.which("osascript")):
        found.append(lambda title, body: run_quietly([osascript, "-e", APPLESCRIPT, body]))
    found.append(desktop_notifier)
    return found


def run_quietly(argv: list[str]) -> bool:
    """Run ``argv`` (no shell) with its output discarded; True when it exited 0 within ``NOTIFY_TIMEOUT``."""
    try:
        # A session of its own, so a notifier that hangs is ended with whatever it started: nothing stays behind.
        child = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # gone since found, not runnable
        return False
    try:
        return child.wait(timeout=NOTIFY_TIMEOUT) == 0
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        return False


def desktop_notifier(title: str, body: str) -> bool:
    """Show the notification with the optional ``desktop-notifier`` package; False without it or a real backend."""
    try:
        import desktop_notifier  # type: ignore[import-not-found, unused-ignore]  # optional (extra "reminders")
        from desktop_notifier.main import get_backend_class  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return False
    import asyncio

    try:
        if get_backend_class().__name__ == "DummyNotificationCenter":  # e.g. macOS outside an app bundle
            return False
        notifier = desktop_notifier.DesktopNotifier(app_name=TITLE)
        asyncio.run(asyncio.wait_for(notifier.send(title=title, message=body), NOTIFY_TIMEOUT))
    except Exception:  # no session bus, a timeout, a backend's own error: printed instead
        return False
    return True


# ---------------------------------------------------------------- the daily timer


@dataclass(frozen=True)
class Timer:
    """Where ``--install`` writes on this system."""

    kind: str  # "systemd", "launchd" or "cron"
    files: tuple[Path, ...]


def timer_for(platform: str) -> Timer:
    """The timer ``--install`` makes on ``platform``, its files under ``Path.home()``."""
    home = Path.home()
    if platform == "darwin":
        return Timer("launchd", (home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist",))
    if platform.startswith("linux") and shutil.which("systemctl"):
        units = home / ".config" / "systemd" / "user"
        return Timer("systemd", (units / f"{UNIT_NAME}.service", units / f"{UNIT_NAME}.timer"))
    return Timer("cron", ())


def remind_command(args: CommandRun) -> list[str]:
    """The command a timer runs: this rootwork, ``remind``, and the data folder when one was chosen."""
    program = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if program is not None and program.name.startswith("rootwork") and program.is_file():
        command = [str(program.absolute())]
    else:  # run as a module, or from a test: the same interpreter, the same code
        command = [sys.executable, "-m", "rootwork.tui.cli.main"]
    command.append("remind")
    if args.data_dir is not None or os.environ.get("ROOTWORK_DATA_DIR"):
        command += ["--data-dir", str(resolve_data_dir(args.data_dir).absolute())]
    if getattr(args, "passphrase_file", None):
        command += ["--passphrase-file", str(Path(args.passphrase_file).expanduser().absolute())]
    return command


def reminder_time(args: CommandRun) -> time:
    """The ``reminder_time`` setting (09:00 with no journal yet, or one not readable as HH:MM)."""
    from rootwork.state.exchange.export import parse_reminder_time
    from rootwork.tui.cli.store import open_store, say

    if not database_path(resolve_data_dir(args.data_dir)).exists():
        return DEFAULT_TIME
    text = str(open_store(args).setting("reminder_time"))
    try:
        return parse_reminder_time(text)
    except ValueError as error:
        say(f"reminder time setting: {error}; using 09:00")
        return DEFAULT_TIME


def systemd_quote(word: str) -> str:
    """One ExecStart argument, quoted for systemd (its specifiers ``%`` and variables ``$`` kept literal)."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{escaped}"'


def service_unit(command: Sequence[str]) -> str:
    """The systemd user service that runs ``command`` once."""
    return (
        f"{MARKER}\n[Unit]\nDescription=rootwork daily reminder\n\n"
        f"[Service]\nType=oneshot\nExecStart={' '.join(systemd_quote(word) for word in command)}\n"
    )


def timer_unit(at: time) -> str:
    """The systemd user timer that starts the service daily at ``at``."""
    return (
        f"{MARKER}\n[Unit]\nDescription=rootwork daily reminder at {at:%H:%M}\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at:%H:%M}:00\nPersistent=false\n\n[Install]\nWantedBy=timers.target\n"
    )


def launch_agent(command: Sequence[str], at: time) -> bytes:
    """The launchd agent (a plist) that runs ``command`` daily at ``at``."""
    agent = {
        "Label": AGENT_LABEL,
        "ProgramArguments": list(command),
        "StartCalendarInterval": {"Hour": at.hour, "Minute": at.minute},
        "RunAtLoad": False,
    }
    return plistlib.dumps(agent)


def crontab_line(command: Sequence[str], at: time) -> str:
    """The crontab line that runs ``command`` daily at ``at`` (``%`` escaped: cron reads it as a newline)."""
    return f"{at.minute} {at.hour} * * * {shlex.join(command)}".replace("%", "\\%")


def install(args: CommandRun, *, platform: str = sys.platform) -> int:
    """Write (or replace) the daily timer and start it; exit 1 when the system would not start it."""
    from rootwork.state.files.private_file import write_private_file
    from rootwork.tui.cli.passphrase import given_passphrase

    given_passphrase(args)  # $ROOTWORK_PASSPHRASE leaves the environment before systemctl or launchctl starts
    at = reminder_time(args)
    command = remind_command(args)
    if any(mark in word for word in command for mark in "\n\r"):
        # A unit file and a crontab line are read line by line: a line break would start a line of its own.
        raise CommandFailed("the data folder's path has a line break in it; a daily timer cannot name it safely")
    timer = timer_for(platform)
    cron = crontab_line(command, at)
    if timer.kind == "cron":
        print(f"No systemd or launchd here: add this line to your crontab ('crontab -e') for a reminder at {at:%H:%M}:")
        print(cron)
        return EXIT_OK
    if timer.kind == "launchd":
        contents = [launch_agent(command, at)]
    else:
        contents = [service_unit(command).encode(), timer_unit(at).encode()]
    for path in timer.files:
        if (path.exists() or path.is_symlink()) and not written_by_us(path, timer.kind):
            raise CommandFailed(f"{path} was not written by rootwork; it was left as it is and nothing was installed")
    for path, data in zip(timer.files, contents, strict=True):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_private_file(path, data)
        except OSError as error:
            raise CommandFailed(f"cannot write {path}: {error.strerror or error}") from error
    if timer.kind == "launchd":
        launchctl = shutil.which("launchctl")
        agent = str(timer.files[0])
        if launchctl:
            run_system([launchctl, "unload", agent])  # the one installed before, if any: its time is replaced
        started, why = run_system([launchctl, "load", agent]) if launchctl else (False, "launchctl not found")
    else:
        systemctl = shutil.which("systemctl") or "systemctl"
        started, why = run_system([systemctl, "--user", "daemon-reload"])
        if started:
            started, why = run_system([systemctl, "--user", "enable", "--now", f"{UNIT_NAME}.timer"])
    written = ", ".join(str(path) for path in timer.files)
    if not started:
        raise CommandFailed(
            f"wrote {written} but the timer could not be started ({why}); "
            f"instead, add this line to your crontab ('crontab -e'): {cron}"
        )
    print(f"A reminder will come daily at {at:%H:%M} (the reminder time in Settings): {written}.")
    if locked_for_the_timer(args):
        print(
            "Your journal is encrypted: the timer cannot ask for the passphrase, so it will say only "
            f"'{LOCKED_LINE}' unless your keyring holds the passphrase or you install with --passphrase-file."
        )
    return EXIT_OK


def locked_for_the_timer(args: CommandRun) -> bool:
    """True when the folder is encrypted and the timer was given no passphrase file to open it with."""
    from rootwork.tui.cli.passphrase import needs_passphrase

    return needs_passphrase(resolve_data_dir(args.data_dir)) and not getattr(args, "passphrase_file", None)


def uninstall(*, platform: str = sys.platform) -> int:
    """Stop and remove the timer ``--install`` wrote, and say what was removed (or that nothing was there)."""
    timer = timer_for(platform)
    if timer.kind == "cron":  # systemctl gone since: a timer it wrote is still looked for, and removed
        units = Path.home() / ".config" / "systemd" / "user"
        timer = Timer("systemd", (units / f"{UNIT_NAME}.service", units / f"{UNIT_NAME}.timer"))
    ours = [path for path in timer.files if written_by_us(path, timer.kind)]
    for path in timer.files:
        if path.exists() and path not in ours:
            print(f"{path} was not written by rootwork, so it was left as it is.")
    if not ours:
        print("No rootwork reminder timer was installed here; nothing was removed.")
        if timer_for(platform).kind == "cron":
            print("A crontab line you added yourself stays: remove it with 'crontab -e'.")
        return EXIT_OK
    launchctl, systemctl = shutil.which("launchctl"), shutil.which("systemctl")
    if timer.kind == "launchd" and launchctl:
        run_system([launchctl, "unload", str(ours[0])])
    elif timer.kind == "systemd" and systemctl:
        run_system([systemctl, "--user", "disable", "--now", f"{UNIT_NAME}.timer"])
    removed = []
    for path in ours:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise CommandFailed(f"cannot remove {path}: {error.strerror or error}") from error
        removed.append(path)
    if timer.kind == "systemd" and systemctl:
        run_system([systemctl, "--user", "daemon-reload"])
    print(f"Removed the daily reminder: {', '.join(str(path) for path in removed)}.")
    return EXIT_OK


def written_by_us(path: Path, kind: str) -> bool:
    """True when ``path`` is a file ``--install`` wrote (a unit with ``MARKER``, an agent with our label)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if kind == "launchd":
        try:
            return plistlib.loads(data).get("Label") == AGENT_LABEL
        except Exception:  # not a plist, or not a dictionary: someone else's file
            return False
    return data.startswith(MARKER.encode())


def run_system(argv: list[str]) -> tuple[bool, str]:
    """Run a system command (systemctl, launchctl): whether it succeeded, and why not in a few words."""
    try:
        result = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=SYSTEMCTL_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return False, f"{Path(argv[0]).name} did not answer in {SYSTEMCTL_TIMEOUT} s"
    except OSError as error:
        return False, f"{Path(argv[0]).name}: {error.strerror or error}"
    if result.returncode == 0:
        return True, ""
    said = next((line.strip() for line in (result.stderr or "").splitlines() if line.strip()), "")
    what = shlex.join([Path(argv[0]).name, *argv[1:]])
    return False, f"'{what}' said: {said}" if said else f"'{what}' exited with status {result.returncode}"

"""The fakes and the seeded journal the remind tests share."""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date, datetime
from pathlib import Path

from rootwork.content import load_library
from rootwork.state.records.model import Reframe
from rootwork.state.store import Store
from rootwork.tui.cli import remind
from rootwork.tui.cli.args import CommandRun, build_parser
from rootwork.tui.cli.main import main

LOCAL = datetime.now().astimezone().tzinfo
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
LIBRARY = load_library()
SECRET_NOTE = "my secret note"
SECRET_GRATITUDE = "tea with Ingrid"
SECRET_CRITIC = "You are never enough"
SECRET_REFRAME = "I am learning, and that is enough"
DUE_AND_NO_CHECKIN = "rootwork: 2 things are waiting\nrootwork: a minute for your check-in?"


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


def units(home: Path) -> tuple[Path, Path]:
    folder = home / ".config" / "systemd" / "user"
    return folder / "rootwork-remind.service", folder / "rootwork-remind.timer"


def set_reminder_time(data_dir: Path, text: str) -> None:
    Store.open(data_dir).set_setting("reminder_time", text)

"""`rootwork checkin` while the app (another process holding a Store) keeps writing: nothing is lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

from rootwork.state.store import Store
from rootwork.tui.cli.main import main
from tests.cli.test_cli import NOW, REPO

CHILD_FIRST_DAY = date(2025, 1, 1)
PARENT_FIRST_DAY = date(2026, 6, 1)
PARENT_CHECKINS = 15

# Stands in for the app: opens the journal once, keeps it, and writes a
# check-in for a new day as fast as it can until told to stop; then reports
# how many it wrote and whether it can see the shell's check-ins.
CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from pathlib import Path
    from rootwork.state.records.model import Checkin
    from rootwork.state.store import Store

    data_dir, stop = Path(sys.argv[1]), Path(sys.argv[2])
    store = Store.open(data_dir)
    first = date.fromisoformat(sys.argv[3])
    written = 0
    print("ready", flush=True)
    while not stop.exists() or written < 5:
        store.save_checkin(Checkin(first + timedelta(days=written), mood=2, intensity=6, note=f"app {written}"))
        written += 1
    seen = sum(1 for c in store.checkins() if c.note.startswith("shell "))
    print(written, seen, flush=True)
    """
)


def test_checkin_from_the_shell_while_another_process_writes_loses_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    Store.open(data_dir)  # create it first, so neither side races to make the file
    stop = tmp_path / "stop"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(stop), CHILD_FIRST_DAY.isoformat()],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        for n in range(PARENT_CHECKINS):
            day = PARENT_FIRST_DAY + timedelta(days=n)
            argv = [
                "--data-dir",
                str(data_dir),
                "checkin",
                "--mood",
                "4",
                "--intensity",
                "3",
                "--note",
                f"shell {n}",
                "--date",
                day.isoformat(),
            ]
            assert main(argv, now=NOW) == 0
        stop.touch()
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    written, seen = map(int, out.split())

    checkins = Store.open(data_dir).checkins()
    shell = {c.day: c.note for c in checkins if c.note.startswith("shell ")}
    app = {c.day: c.note for c in checkins if c.note.startswith("app ")}
    assert shell == {PARENT_FIRST_DAY + timedelta(days=n): f"shell {n}" for n in range(PARENT_CHECKINS)}
    assert app == {CHILD_FIRST_DAY + timedelta(days=n): f"app {n}" for n in range(written)}
    assert len(checkins) == written + PARENT_CHECKINS
    assert seen == PARENT_CHECKINS  # the other process sees the shell's writes without reopening


def test_updating_a_checkin_the_app_just_wrote_keeps_the_apps_fields(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    app_store = Store.open(data_dir)
    from rootwork.state.records.model import Checkin

    app_store.save_checkin(Checkin(NOW.date(), mood=1, intensity=9, note="written in the app", gratitude="tea"))
    assert main(["--data-dir", str(data_dir), "checkin", "--mood", "3", "--intensity", "5"], now=NOW) == 0
    seen_by_app = app_store.checkin_for(NOW.date())
    assert (seen_by_app.mood, seen_by_app.note, seen_by_app.gratitude) == (3, "written in the app", "tea")

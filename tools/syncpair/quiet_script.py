"""quiet.py's script: the edits each side makes (``EDITS``) and the keys typed into each app to make them.

A step typed into an app is ``("key", tmux key name)``, ``("text", literal text)`` or
``("wait", seconds)``; ``drive`` types one side's steps, ``drive_both`` both sides at
once. ``toasts`` reads the app's notices off a captured screen.
"""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from app_panes import AppPanes

DAY = "2026-12-01"
#: The app's check-in form is for today (a day starts at 04:00).
TODAY = (datetime.now() - timedelta(hours=4)).date().isoformat()
R1_CRITIC = "You always mess things up"
R1_REFRAME = "I make mistakes and I also fix them"
R2_CRITIC = "Nobody wants to hear from you"
R2_REFRAME = "Some people do, and I can ask"
SUFFIX_A = " (edited on A)"
SUFFIX_B = " (edited on B)"
VOICE_B = "a teacher (set on B)"


@dataclass(frozen=True)
class Edit:
    """One answer written on one side: where to find it afterwards."""

    side: str  # "A" or "B"
    table: str  # "checkins" or "reframes"
    key: str  # the check-in's day, or the thought record's original critic
    field: str
    value: object

    def label(self) -> str:
        what = f"check-in {self.key}" if self.table == "checkins" else f"thought record {self.key!r}"
        return f"{self.side}: {what} {self.field}={self.value!r}"


EDITS = [
    Edit("A", "checkins", DAY, "note", "note from A"),
    Edit("A", "checkins", DAY, "intensity", 6),
    Edit("B", "checkins", DAY, "note", "note from B"),
    Edit("B", "checkins", DAY, "mood", 5),
    Edit("A", "checkins", "2026-12-02", "note", "only on A"),
    Edit("B", "checkins", "2026-12-03", "note", "only on B"),
    Edit("A", "checkins", TODAY, "mood", 4),
    Edit("A", "checkins", TODAY, "note", "app note from A"),
    Edit("B", "checkins", TODAY, "mood", 2),
    Edit("B", "checkins", TODAY, "note", "app note from B"),
    Edit("A", "reframes", R1_CRITIC, "critic", R1_CRITIC + SUFFIX_A),
    Edit("B", "reframes", R1_CRITIC, "critic", R1_CRITIC + SUFFIX_B),
    Edit("A", "reframes", R2_CRITIC, "critic", R2_CRITIC + SUFFIX_A),
    Edit("B", "reframes", R2_CRITIC, "voice", VOICE_B),
]

CLI_EDITS = {
    "A": [
        ("--date", DAY, "--note", "note from A", "--intensity", "6"),
        ("--date", "2026-12-02", "--mood", "2", "--intensity", "7", "--note", "only on A"),
    ],
    "B": [
        ("--date", DAY, "--note", "note from B", "--mood", "5"),
        ("--date", "2026-12-03", "--mood", "4", "--intensity", "2", "--note", "only on B"),
    ],
}


# --------------------------------------------------------------------------- driving the app by its keys


# A step: ("key", tmux key name) or ("text", literal text) or ("wait", seconds).
def _edit_record(search: str, keys_after_open: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """From the Reframes list: find the record by ``search``, open it in the editor, do ``keys_after_open``, save."""
    return [
        ("key", "/"),
        ("wait", 0.4),
        ("key", "Escape"),
        ("wait", 0.4),
        ("key", "/"),
        ("wait", 0.4),
        ("text", search),
        ("wait", 0.5),
        ("key", "Enter"),
        ("wait", 0.8),
        ("key", "e"),
        ("wait", 1.5),
        *keys_after_open,
        ("wait", 0.4),
        ("key", "C-s"),
        ("wait", 1.5),
    ]


def _new_record(situation: str, critic: str, reframe: str) -> list[tuple[str, object]]:
    """From the Reframes list: write a new record (situation, critic, and 7 fields on: the reframe), save."""
    return [
        ("key", "n"),
        ("wait", 1.5),
        ("text", situation),
        ("key", "Tab"),
        ("text", critic),
        *[s for _ in range(7) for s in (("key", "Tab"), ("wait", 0.25))],
        ("text", reframe),
        ("wait", 0.4),
        ("key", "C-s"),
        ("wait", 1.5),
    ]


TO_REFRAMES = [("key", "t"), ("wait", 0.8), ("key", "r"), ("wait", 1.2)]
TO_TODAY = [("key", "Escape"), ("wait", 0.4), ("key", "t"), ("wait", 1.0)]


def _checkin_today(mood: str, intensity: str, note: str) -> list[tuple[str, object]]:
    """From Today: the check-in form (today), mood and intensity by digit, the note (3 fields on), save."""
    return [
        ("key", "t"),
        ("wait", 0.6),
        ("key", "i"),
        ("wait", 1.5),
        ("key", mood),
        ("wait", 0.3),
        ("key", "Tab"),
        ("key", intensity),
        ("wait", 0.3),
        ("key", "Tab"),
        ("key", "Tab"),
        ("key", "Tab"),
        ("wait", 0.3),
        ("text", note),
        ("wait", 0.4),
        ("key", "C-s"),
        ("wait", 1.5),
    ]


SEED_KEYS = [
    *TO_REFRAMES,
    *_new_record("seed one", R1_CRITIC, R1_REFRAME),
    *_new_record("seed two", R2_CRITIC, R2_REFRAME),
    *TO_TODAY,
]

APP_EDITS = {
    "A": [
        *_checkin_today("4", "3", "app note from A"),
        *TO_REFRAMES,
        *_edit_record("mess things", [("key", "End"), ("text", SUFFIX_A)]),
        *_edit_record("hear from", [("key", "End"), ("text", SUFFIX_A)]),
        *TO_TODAY,
    ],
    "B": [
        *_checkin_today("2", "3", "app note from B"),
        *TO_REFRAMES,
        *_edit_record("mess things", [("key", "End"), ("text", SUFFIX_B)]),
        *_edit_record("hear from", [("key", "Tab"), ("wait", 0.3), ("text", VOICE_B)]),
        *TO_TODAY,
    ],
}


def _tmux(*args: str) -> None:
    subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL, check=True)


def drive(panes: AppPanes, side: str, steps: list[tuple[str, object]]) -> None:
    target = f"={panes.session(side)}:"
    for kind, value in steps:
        if kind == "wait":
            time.sleep(float(value))
        elif kind == "key":
            _tmux("send-keys", "-t", target, str(value))
            time.sleep(0.15)
        else:
            _tmux("send-keys", "-t", target, "-l", str(value))
            time.sleep(0.15)


def drive_both(panes: AppPanes, steps: dict[str, list]) -> None:
    """Type into both apps at the same time (one thread per side)."""
    errors: list[BaseException] = []

    def run(side: str) -> None:
        try:
            drive(panes, side.lower(), steps[side])
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(side,)) for side in steps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(f"typing into the app failed: {errors[0]!r}")


# --------------------------------------------------------------------------- the app's notices (toasts)

_SCROLLBAR = str.maketrans("", "", "▁▂▃▄▅▆▇█")


def toasts(screen: str) -> list[str]:
    """The toasts on a captured screen: the text right of each ``▌`` bar, consecutive lines joined."""
    found: list[str] = []
    current: list[str] = []
    for line in screen.splitlines():
        if "▌" in line and "▐ ▌" not in line:  # a tick box is "▐ ▌"; a toast's bar is "▌" alone
            text = " ".join(line.rsplit("▌", 1)[1].translate(_SCROLLBAR).split())
            if text:
                current.append(text)
            elif current:
                found.append(" ".join(current))
                current = []
        elif current:
            found.append(" ".join(current))
            current = []
    if current:
        found.append(" ".join(current))
    return found

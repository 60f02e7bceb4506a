"""The full-screen rootwork app open on each side of the pair, each in its own detached tmux session.

``demo.py --app`` uses this instead of running ``rootwork due`` every few seconds:
the app re-reads the journal every couple of seconds and merges conflict copies
itself, so it is left open for the whole run. The sessions (``syncpair-a``,
``syncpair-b``) are on the default tmux server, so you can watch one live with
``tmux attach -t syncpair-a`` (detach with ``C-b d``).

    panes = AppPanes(["rootwork"], cwd)
    panes.open("a", a_data); panes.open("b", b_data)
    ... panes.poll() ...              # presses Enter on the first-start disclaimer once it shows
    panes.capture("a"); panes.close()

Every target is given as ``=NAME`` (an exact session name): a session of someone
else's whose name merely starts with ``syncpair-a`` is never touched. A session
already named ``syncpair-a`` is refused, not reused or killed.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

#: What the first-start disclaimer shows (its button); Enter accepts it.
DISCLAIMER_TEXT = "I understand"
WIDTH, HEIGHT = 100, 30


class AppPaneError(RuntimeError):
    """tmux is missing, a session name is taken, or a tmux command failed."""


def _tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise AppPaneError("tmux not found; install it with: apt-get update && apt-get install -y tmux") from None
    if check and done.returncode != 0:
        raise AppPaneError(f"tmux {shlex.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done


class AppPanes:
    """The app on each side, ``syncpair-<side>``, started with ``cmd --data-dir DATA`` in ``cwd``."""

    def __init__(self, cmd: list[str], cwd: Path, prefix: str = "syncpair-") -> None:
        self.cmd = cmd
        self.cwd = cwd
        self.prefix = prefix
        self.opened: dict[str, float] = {}  # side -> when its session started (monotonic)
        self.acknowledged: dict[str, float] = {}  # side -> when Enter was pressed on its disclaimer
        self.pids: dict[str, int] = {}
        self.gave_up: set[str] = set()

    def session(self, side: str) -> str:
        return f"{self.prefix}{side}"

    def _pane(self, side: str) -> str:
        return f"={self.session(side)}:"

    def command(self, data: Path) -> str:
        """The shell command the session runs (rootwork's data-dir and passphrase variables unset)."""
        return shlex.join(
            ["env", "-u", "ROOTWORK_DATA_DIR", "-u", "ROOTWORK_PASSPHRASE", *self.cmd, "--data-dir", str(data)]
        )

    def open(self, side: str, data: Path) -> str:
        """Start the app on ``data`` in a new detached session; return the command it runs."""
        name = self.session(side)
        if _tmux("has-session", "-t", f"={name}", check=False).returncode == 0:
            raise AppPaneError(
                f"a tmux session named {name} already exists (a run left behind? "
                f"`tmux kill-session -t {name}` if it is yours)"
            )
        command = self.command(data)
        # remain-on-exit: if the app exits or crashes, its last screen is still there to capture.
        _tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-c",
            str(self.cwd),
            command,
            ";",
            "set-option",
            "-w",
            "-t",
            self._pane(side),
            "remain-on-exit",
            "on",
        )
        self.opened[side] = time.monotonic()
        pid = _tmux("display-message", "-p", "-t", self._pane(side), "#{pane_pid}", check=False).stdout.strip()
        if pid.isdigit():
            self.pids[side] = int(pid)
        return command

    def capture(self, side: str) -> str:
        """The pane's text as it is now (trailing blank lines dropped)."""
        done = _tmux("capture-pane", "-p", "-t", self._pane(side), check=False)
        if done.returncode != 0:
            return f"(no pane: {done.stderr.strip()})"
        return "\n".join(line.rstrip() for line in done.stdout.rstrip().splitlines())

    def dead(self, side: str) -> str | None:
        """``"exit status N"`` when the app in the pane has exited, else None."""
        out = _tmux(
            "display-message", "-p", "-t", self._pane(side), "#{pane_dead} #{pane_dead_status}", check=False
        ).stdout.split()
        return f"exit status {out[1] if len(out) > 1 else '?'}" if out and out[0] == "1" else None

    def poll(self, give_up_after: float = 45) -> list[str]:
        """Press Enter once on each side whose disclaimer is showing; return what happened, in words."""
        said = []
        for side, since in self.opened.items():
            if side in self.acknowledged or side in self.gave_up:
                continue
            if DISCLAIMER_TEXT in self.capture(side):
                _tmux("send-keys", "-t", self._pane(side), "Enter")
                self.acknowledged[side] = time.monotonic()
                said.append(
                    f"{side.upper()}: the app shows the disclaimer {time.monotonic() - since:.1f}s after start; "
                    "pressed Enter"
                )
            elif (status := self.dead(side)) or time.monotonic() - since > give_up_after:
                self.gave_up.add(side)
                why = f"the app exited ({status})" if status else f"no disclaimer after {give_up_after:.0f}s"
                said.append(f"{side.upper()}: {why}; Enter not pressed")
        return said

    def close(self) -> None:
        """Kill every session opened here, and the app in it if it outlives its session."""
        for side in list(self.opened):
            _tmux("kill-session", "-t", f"={self.session(side)}", check=False)
            pid = self.pids.pop(side, None)
            if pid is not None:
                self._reap(pid)
            del self.opened[side]

    @staticmethod
    def _reap(pid: int, wait: float = 5) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

"""quiet.py's watching: the pair looked at every half second, the apps' screens every 2 s, a line every REPORT s.

``Watcher.run`` watches a stretch of time and returns a ``Watch`` (what it saw: the
conflict copies by name and when each was first seen, ``backups/merged/``, how often
each ``rootwork.json`` changed, the apps' notices, and samples to tell when the pair
settled); ``wait_settled`` watches until the pair is settled. Every change seen also
goes to ``timeline.log`` and every notice to ``notices.log``.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pair as syncpair
from app_panes import AppPanes
from quiet_script import toasts
from rest import TRANSIENT


def short_sha(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()[:12]


@dataclass
class Watch:
    """What one watched stretch of time saw."""

    name: str
    t0: float
    copies_seen: dict[tuple[str, str], float] = field(default_factory=dict)  # (side, name) -> first seen t
    merged_start: dict[str, set[str]] = field(default_factory=dict)
    merged_now: dict[str, set[str]] = field(default_factory=dict)
    writes: dict[str, int] = field(default_factory=lambda: {"a": 0, "b": 0})
    last_hash: dict[str, str | None] = field(default_factory=dict)
    notices: list[tuple[float, str, str]] = field(default_factory=list)
    samples: list[tuple[float, bool, int]] = field(default_factory=list)  # (t, identical, copies present)
    temps_seen: set[tuple[str, str]] = field(default_factory=set)

    def copy_names(self, after: float = -1.0) -> set[str]:
        return {name for (side, name), t in self.copies_seen.items() if t >= after}

    def merged_new(self) -> dict[str, list[str]]:
        return {s: sorted(self.merged_now.get(s, set()) - self.merged_start.get(s, set())) for s in ("a", "b")}

    def settled_at(self) -> float | None:
        """From when on every sample was identical with no conflict copy (None if the last one was not)."""
        at = None
        for t, same, present in self.samples:
            if same and present == 0:
                if at is None:
                    at = t
            else:
                at = None
        return at


class Watcher:
    def __init__(self, pair: syncpair.Pair, panes: AppPanes | None, log: Path, notices_log: Path) -> None:
        self.pair = pair
        self.panes = panes
        self.log = log.open("a")
        self.notices_log = notices_log.open("a")
        self.toasts_shown: dict[str, set[str]] = {"a": set(), "b": set()}

    def _line(self, text: str) -> None:
        self.log.write(text + "\n")
        self.log.flush()

    def look(self, w: Watch, *, screens: bool) -> list[str]:
        """One look at both folders (and screens); return lines about what is new."""
        t = time.monotonic() - w.t0
        said = []
        conflicts = self.pair.conflict_copies()
        for side in ("a", "b"):
            for name in conflicts[side]:
                if (side, name) not in w.copies_seen:
                    w.copies_seen[(side, name)] = t
                    said.append(f"t={t:6.1f}s  new conflict copy on {side.upper()}: {name}")
        merged = self.pair.merged_copies()
        for side in ("a", "b"):
            w.merged_now[side] = set(merged[side])
        temps = self.pair.temp_files()
        for side in ("a", "b"):
            for name in temps[side]:
                if (side, name) not in w.temps_seen:
                    w.temps_seen.add((side, name))
                    self._line(f"[{w.name}] t={t:6.1f}s Syncthing temp file on {side.upper()}: {name}")
        ja, jb = self.pair.journal_bytes()
        for side, data in (("a", ja), ("b", jb)):
            h = short_sha(data)
            if w.last_hash.get(side, "unset") != h:
                if side in w.last_hash:
                    w.writes[side] += 1
                    self._line(
                        f"[{w.name}] t={t:6.1f}s rootwork.json on {side.upper()} changed: now {h} "
                        f"({len(data or b'')} bytes)"
                    )
                w.last_hash[side] = h
        same = ja is not None and ja == jb
        w.samples.append((t, same, len(conflicts["a"]) + len(conflicts["b"])))
        if screens and self.panes is not None:
            for side in ("a", "b"):
                for toast in toasts(self.panes.capture(side)):
                    if toast not in self.toasts_shown[side]:
                        self.toasts_shown[side].add(toast)
                        w.notices.append((t, side, toast))
                        self.notices_log.write(f"[{w.name}] t={t:6.1f}s {side.upper()}: {toast}\n")
                        self.notices_log.flush()
                        said.append(f"t={t:6.1f}s  {side.upper()}'s app says: {toast}")
        for line in said:
            self._line(f"[{w.name}] {line}")
        return said

    def run(self, name: str, seconds: float, report: float, t0: float | None = None) -> Watch:
        """Watch for ``seconds`` from ``t0`` (default now), a status line every ``report`` seconds."""
        w = Watch(name, time.monotonic() if t0 is None else t0)
        merged = self.pair.merged_copies()
        w.merged_start = {s: set(merged[s]) for s in ("a", "b")}
        w.merged_now = {s: set(merged[s]) for s in ("a", "b")}
        ja, jb = self.pair.journal_bytes()
        w.last_hash = {"a": short_sha(ja), "b": short_sha(jb)}
        next_report = 0.0
        next_screen = 0.0
        while True:
            t = time.monotonic() - w.t0
            screens = t >= next_screen
            if screens:
                next_screen = t + 2.0
            for line in self.look(w, screens=screens):
                print(f"    {line}", flush=True)
            done = t >= seconds
            if t >= next_report or done:
                self.status_line(w, t)
                while next_report <= t:
                    next_report += report
            if done:
                break
            time.sleep(max(0.0, min(0.5, seconds - t)))
        return w

    def status_line(self, w: Watch, t: float) -> None:
        conflicts = self.pair.conflict_copies()
        merged = self.pair.merged_copies()
        ja, jb = self.pair.journal_bytes()
        same = "yes" if ja is not None and ja == jb else "no"
        try:
            in_sync = "yes" if self.pair.in_sync() else "no"
        except TRANSIENT as exc:
            in_sync = f"? ({exc.__class__.__name__})"
        line = (
            f"t={t:6.1f}s  conflict copies now A={len(conflicts['a'])} B={len(conflicts['b'])} "
            f"(distinct seen so far: {len(w.copy_names())})  backups/merged A={len(merged['a'])} "
            f"B={len(merged['b'])}  journal changes A={w.writes['a']} B={w.writes['b']}  "
            f"rootwork.json identical={same}  syncthing in sync={in_sync}"
        )
        print(line, flush=True)
        self._line(f"[{w.name}] {line}")


def outbox_files(data: Path) -> list[Path]:
    """This machine's own copy of what it saved: ``outbox.json`` (its older name) or
    ``outbox-<machine-id>.json``; never a conflict copy of one."""
    return sorted(p for p in data.glob("outbox*.json") if ".sync-conflict-" not in p.name)


def wait_settled(pair: syncpair.Pair, watcher: Watcher, name: str, timeout: float, quiet: float = 15) -> Watch:
    """Watch until the journals are identical, no conflict copy is present and Syncthing is in sync, ``quiet`` s."""
    w = Watch(name, time.monotonic())
    merged = pair.merged_copies()
    w.merged_start = {s: set(merged[s]) for s in ("a", "b")}
    ja, jb = pair.journal_bytes()
    w.last_hash = {"a": short_sha(ja), "b": short_sha(jb)}
    good_since = None
    while True:
        t = time.monotonic() - w.t0
        for line in watcher.look(w, screens=True):
            print(f"    {line}", flush=True)
        ok = w.samples[-1][1] and w.samples[-1][2] == 0
        if ok:
            try:
                ok = pair.in_sync()
            except TRANSIENT:
                ok = False
        if ok:
            good_since = t if good_since is None else good_since
            if t - good_since >= quiet:
                break
        else:
            good_since = None
        if t > timeout:
            raise RuntimeError(f"{name}: the pair did not settle in {timeout:.0f}s")
        time.sleep(0.5)
    print(
        f"{name}: settled after {t:.1f}s (conflict copies seen: {sorted(w.copy_names()) or 'none'}; "
        f"new in backups/merged: {w.merged_new()}; journal changes A={w.writes['a']} B={w.writes['b']})",
        flush=True,
    )
    return w


def wait_for_text(path: Path, texts: list[str], timeout: float) -> list[str]:
    """Wait until ``path`` holds every one of ``texts``; return those still missing after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            body = path.read_text(errors="replace")
        except OSError:
            body = ""
        missing = [t for t in texts if json.dumps(t)[1:-1] not in body]
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(0.5)


def wait_for_outbox(data: Path, texts: list[str], timeout: float) -> list[str]:
    """Wait until this side's outbox file(s) hold every one of ``texts``; return those still missing."""
    deadline = time.monotonic() + timeout
    while True:
        body = ""
        for p in outbox_files(data):
            try:
                body += p.read_text(errors="replace")
            except OSError:
                pass
        missing = [t for t in texts if json.dumps(t)[1:-1] not in body]
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(0.5)

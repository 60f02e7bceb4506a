"""Two "machines" editing the same day while sync is paused, then a shell prompt running ``rootwork due`` on each.

    python3 tools/syncpair/demo.py [SECONDS] [--rootwork CMD] [--app] [--keep] ...

1. start a Syncthing pair (see pair.py) in a new temp folder;
2. on A: ``checkin --date 2026-12-01 --mood 3 --intensity 4 --note "from A"``; wait until B has it;
3. pause the folder on both sides; on A ``checkin --date 2026-12-01 --note "note from A"``,
   on B ``checkin --date 2026-12-01 --mood 5``; resume;
4. every INTERVAL seconds (default 5) for SECONDS (default 120), run ``rootwork due``
   on A then on B and print: elapsed seconds, conflict copies in each data folder,
   files in ``backups/merged/`` on each side, whether the two ``rootwork.json`` are
   byte-identical (anything ``due`` printed follows, indented);
5. print 2026-12-01's check-in (mood, note) from ``rootwork export --format json`` on each side.

With ``--app``, step 4 does not run ``rootwork due``: right after the resume the
full-screen app is started on each side in a detached tmux session (``syncpair-a``,
``syncpair-b``; see app_panes.py), Enter is pressed once on each first-start
disclaimer, and both stay open for the whole run (the app re-reads the journal and
merges conflict copies itself). The same status line is printed every INTERVAL
seconds; at the end each pane is captured into the output and both sessions killed.

The rootwork command is ``--rootwork``, else $ROOTWORK, else /work/main/.venv/bin/rootwork
(it may be a command line, e.g. "/other/checkout/.venv/bin/python -m rootwork").
Localhost only; never part of CI. Exit status 0 when the run completed (whatever it
showed), 1 when a step failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pair as syncpair
from app_panes import AppPaneError, AppPanes

DAY = "2026-12-01"
DEFAULT_ROOTWORK = "/work/main/.venv/bin/rootwork"


def _rootwork_env() -> dict[str, str]:
    env = dict(os.environ)
    for k in ("ROOTWORK_DATA_DIR", "ROOTWORK_PASSPHRASE"):
        env.pop(k, None)
    return env


class Rootwork:
    def __init__(self, cmd: list[str], cwd: Path) -> None:
        self.cmd = cmd
        self.cwd = cwd
        self.env = _rootwork_env()

    def run(self, data: Path, *args: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        full = [*self.cmd, "--data-dir", str(data), *args]
        done = subprocess.run(
            full, capture_output=True, text=True, timeout=timeout, env=self.env, cwd=self.cwd, stdin=subprocess.DEVNULL
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"{shlex.join(full)} exited {done.returncode}: {done.stdout}{done.stderr}")
        return done


def output_lines(side: str, done: subprocess.CompletedProcess) -> list[str]:
    lines = []
    for stream, text in (("out", done.stdout), ("err", done.stderr)):
        for line in text.splitlines():
            if line.strip():
                lines.append(f"    {side} {stream}: {line}")
    if done.returncode != 0:
        lines.append(f"    {side} exit status {done.returncode}")
    return lines


def _checkin_of_day(export_text: str) -> str:
    try:
        doc = json.loads(export_text)
    except ValueError as exc:
        return f"export is not JSON ({exc})"
    found = [c for c in doc.get("checkins", []) if isinstance(c, dict) and c.get("day") == DAY]
    meta = doc.get("meta", [])
    metas = meta.values() if isinstance(meta, dict) else meta
    logged = sum(1 for m in metas if isinstance(m, dict) and m.get("kind") == "merge_conflict")
    if not found:
        return f"no check-in for {DAY}; merge_conflict entries in the conflict log: {logged}"
    parts = [
        f"mood={c.get('mood')} intensity={c.get('intensity')} note={c.get('note')!r} rev={c.get('rev')}" for c in found
    ]
    extra = f" ({len(found)} check-ins for the day!)" if len(found) > 1 else ""
    return "; ".join(parts) + extra + f"; merge_conflict entries in the conflict log: {logged}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("seconds", nargs="?", type=int, default=120, help="how long to watch after resuming (default 120)")
    ap.add_argument(
        "--rootwork",
        default=os.environ.get("ROOTWORK", DEFAULT_ROOTWORK),
        help="the rootwork command (default: $ROOTWORK, else %(default)s)",
    )
    ap.add_argument("--interval", type=float, default=5.0, help="seconds between prompts (default 5)")
    ap.add_argument("--rescan-seconds", type=int, default=10, help="Syncthing's full rescan interval (default 10)")
    ap.add_argument("--no-watcher", action="store_true", help="turn Syncthing's file-system watcher off")
    ap.add_argument(
        "--watcher-delay", type=int, default=10, help="fs watcher delay in seconds (Syncthing's default 10)"
    )
    ap.add_argument(
        "--port-base",
        type=int,
        default=syncpair.DEFAULT_PORT_BASE,
        help="ports used are PORT_BASE+1..+4 on 127.0.0.1 (default %(default)s)",
    )
    ap.add_argument("--base", type=Path, help="use this (new or empty) folder instead of a temp folder; it is kept")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder (journals and Syncthing logs) at the end")
    ap.add_argument(
        "--app",
        action="store_true",
        help="instead of `rootwork due` every INTERVAL, keep the full-screen app open on both sides "
        "(tmux sessions syncpair-a and syncpair-b), captured at the end",
    )
    args = ap.parse_args(argv)

    cmd = shlex.split(args.rootwork)
    base, keep = syncpair.run_folder(args.base, args.keep, "syncpair-demo-")
    syncpair.end_cleanly_on_signals()

    rw = Rootwork(cmd, base)
    pair = None
    panes = AppPanes(cmd, base) if args.app else None
    status = 1
    try:
        print(f"rootwork: {shlex.join(cmd)}", flush=True)
        print(f"folder:   {base}", flush=True)
        t = time.monotonic()
        pair = syncpair.start(
            base,
            rescan_seconds=args.rescan_seconds,
            fs_watcher=not args.no_watcher,
            watcher_delay_seconds=args.watcher_delay,
            port_base=args.port_base,
        )
        print(
            f"syncthing pair up in {time.monotonic() - t:.1f}s (API 127.0.0.1:{pair.a.api_port}/{pair.b.api_port}, "
            f"sync 127.0.0.1:{pair.a.listen_port}/{pair.b.listen_port}, rescan {args.rescan_seconds}s, "
            f"watcher {'off' if args.no_watcher else f'on, delay {args.watcher_delay}s'})",
            flush=True,
        )
        A, B = pair.a.data, pair.b.data

        done = rw.run(A, "checkin", "--date", DAY, "--mood", "3", "--intensity", "4", "--note", "from A")
        print("A: checkin --mood 3 --intensity 4 --note 'from A'", flush=True)
        for line in output_lines("A", done):
            print(line)
        t = time.monotonic()
        pair.wait_idle(60)
        ja, jb = pair.journal_bytes()
        print(
            f"in sync after {time.monotonic() - t:.1f}s; B has A's journal byte for byte: {'yes' if ja == jb else 'NO'}",
            flush=True,
        )

        pair.pause()
        print("sync paused on both sides", flush=True)
        for side, data, extra in (("A", A, ("--note", "note from A")), ("B", B, ("--mood", "5"))):
            done = rw.run(data, "checkin", "--date", DAY, *extra)
            print(f"{side}: checkin --date {DAY} {shlex.join(extra)}", flush=True)
            for line in output_lines(side, done):
                print(line)
        pair.resume()
        t0 = time.monotonic()
        print("sync resumed; t counts from here", flush=True)
        if panes is not None:
            for side, data in (("a", A), ("b", B)):
                command = panes.open(side, data)
                print(f"{side.upper()}: the app in tmux session {panes.session(side)}: {command}", flush=True)
        print(flush=True)

        k = 0
        while True:
            target = t0 + k * args.interval
            if target - t0 > args.seconds + 1e-6:
                break
            said = []
            while (delay := target - time.monotonic()) > 0:
                if panes is None:
                    time.sleep(delay)
                else:  # meanwhile, answer each app's disclaimer as soon as it shows (said at once)
                    for line in panes.poll():
                        print(f"    t={time.monotonic() - t0:5.1f}s  {line}", flush=True)
                    time.sleep(min(delay, 0.25))
            if panes is None:
                for side, data in (("A", A), ("B", B)):
                    said += output_lines(side, rw.run(data, "due", check=False))
            conflicts = pair.conflict_copies()
            merged = pair.merged_copies()
            ja, jb = pair.journal_bytes()
            same = "yes" if ja is not None and ja == jb else "no"
            print(
                f"t={time.monotonic() - t0:5.1f}s  conflict copies A={len(conflicts['a'])} B={len(conflicts['b'])}  "
                f"backups/merged A={len(merged['a'])} B={len(merged['b'])}  rootwork.json identical={same}",
                flush=True,
            )
            for line in said:
                print(line, flush=True)
            k += 1

        print(flush=True)
        if panes is not None:
            for side in ("a", "b"):
                dead = panes.dead(side)
                print(f"{side.upper()} app screen (tmux {panes.session(side)}{', ' + dead if dead else ''}):")
                for line in panes.capture(side).splitlines():
                    print(f"  | {line}")
            panes.close()
            print("both tmux sessions killed", flush=True)
        conflicts = pair.conflict_copies()
        merged = pair.merged_copies()
        temps = pair.temp_files()
        for side, data in (("A", A), ("B", B)):
            name = side.lower()
            print(f"{side} conflict copies: {conflicts[name] or 'none'}")
            print(f"{side} backups/merged: {merged[name] or 'none'}")
            if temps[name]:
                print(f"{side} Syncthing temp files left (not counted above): {temps[name]}")
            done = rw.run(data, "export", "--format", "json", check=False)
            if done.returncode != 0:
                print(f"{side} export failed ({done.returncode}): {done.stderr.strip()}")
            else:
                print(f"{side} {DAY}: {_checkin_of_day(done.stdout)}")
        try:
            print(f"syncthing in sync now: {'yes' if pair.in_sync() else 'no'}")
        except Exception as exc:
            print(f"syncthing status unavailable: {exc!r}")
        status = 0
    except (syncpair.SyncPairError, AppPaneError, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"FAILED: {exc}", file=sys.stderr, flush=True)
        keep = True
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr, flush=True)
        status = 130
    finally:
        if panes is not None:
            panes.close()  # before the pair stops: the apps still see their folders as they were
        if pair is not None:
            pair.stop()
        if keep:
            print(
                f"kept: {base} (journals in a/data and b/data, logs in a/syncthing.log and b/syncthing.log)", flush=True
            )
        else:
            shutil.rmtree(base, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())

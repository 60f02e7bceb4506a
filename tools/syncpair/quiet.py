"""The app open on both sides, concurrent edits on each, five quiet minutes, then a rollback of one side's journal.

    python3 tools/syncpair/quiet.py [--quiet 300] [--report 10] [--rollback-watch 180] [--keep] ...

The evidence for "a real pair: two Syncthing instances on localhost, the README's
.stignore, discovery and relays off, the app open on both; concurrent edits on each
side, then five quiet minutes: both journals hold every edit (or Kept aside holds
it), they are the same, and no conflict copy is left or made".

1. start a Syncthing pair (pair.py); on A ``checkin --date 2026-12-01 --mood 3 --intensity 4
   --note seed``; wait until B has it;
2. open the full-screen app on both sides (tmux ``syncpair-a``, ``syncpair-b``; app_panes.py),
   press Enter on each disclaimer, wait until the pair settles (what opening did is reported);
3. in A's app write two thought records (R1 "You always mess things up", R2 "Nobody wants
   to hear from you") with ``n`` in Reframes; wait until B has them and the pair settles;
   keep a copy of A's ``rootwork.json`` as it is now (the rollback source of step 6);
4. the concurrent edits. The folder is paused on both sides (``--no-pause``: it is not,
   and both sides are edited at once, within Syncthing's watcher delay), then at once on
   both sides: A ``checkin --date 2026-12-01 --note "note from A" --intensity 6`` and
   ``checkin --date 2026-12-02 ... --note "only on A"``; B ``checkin --date 2026-12-01
   --note "note from B" --mood 5`` and ``checkin --date 2026-12-03 ... --note "only on B"``;
   in each app a check-in for today with the form (``i``: A mood 4, intensity 3, note
   "app note from A"; B mood 2, intensity 3, note "app note from B"), then in A's app R1's
   and R2's critic get " (edited on A)" appended; in B's app R1's critic gets " (edited
   on B)" and R2's voice "a teacher (set on B)" (typed into the apps in tmux, both sides
   in parallel). The folder is resumed; t counts from here;
5. QUIET seconds (default 300) with no input at all. The folders are looked at every
   half second (conflict copies by name, ``backups/merged/``, each ``rootwork.json``'s
   hash, Syncthing's temp files) and each app's screen every 2 s (its notices, the
   toasts at the bottom right); every REPORT seconds (default 10) one line: seconds
   since the edits, conflict copies present on each side and how many distinct ones
   were seen so far, files in ``backups/merged/``, how often each journal changed,
   whether the two ``rootwork.json`` are byte-identical, whether Syncthing says the
   pair is in sync. Then: each of the 14 edits (``EDITS``) found, in each side's
   ``rootwork.json`` as it is on disk, as shown in the journal, as kept aside, or MISSING on each side; the conflict
   copies made during the quiet period (all of them, and those after the pair first
   settled), the outbox (``outbox.json`` or ``outbox-<machine-id>.json``: present on each
   side, each its own, not in Syncthing's index, no conflict copy of it), both app screens,
   then ``rootwork conflicts`` and the same edit check through ``export``/``conflicts --json``
   (these open the journal from a shell; AFTER more seconds are watched to see if that wrote);
6. (unless ``--no-rollback``) with the apps still open, A's ``rootwork.json`` is replaced
   by the copy kept at step 3 (written beside it as ``.rootwork-rollback.tmp``, ignored
   by the .stignore, then renamed over it: what a sync tool or a restore does), and
   ROLLBACK_WATCH seconds (default 180) are watched the same way: does A's app say
   "Your journal file was replaced by one without some of what you saved...", does the
   pair settle (byte-identical journals, no ping-pong of conflict copies), are all the
   edits still there (read from the files, no rootwork process), both app screens; then
   ``rootwork conflicts`` etc. on each side (a fresh open, which also looks at the outbox),
   AFTER_ROLLBACK more seconds watched, and the same checks and screens at the end.

Exit status 0 when the run completed (whatever it showed), 1 when a step failed (the
folder is then kept), 130 on Ctrl-C. The folder is kept with ``--keep`` (or ``--base``);
``notices.log`` and ``timeline.log`` in it have every notice and every change seen.
"""

from __future__ import annotations

import argparse
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
from demo import DEFAULT_ROOTWORK, Rootwork, output_lines
from quiet_checks import cli_checks, outbox_report, print_file_check, screens, state_report
from quiet_script import (
    APP_EDITS,
    CLI_EDITS,
    DAY,
    R1_CRITIC,
    R2_CRITIC,
    SEED_KEYS,
    SUFFIX_A,
    SUFFIX_B,
    TODAY,
    VOICE_B,
    drive,
    drive_both,
)
from quiet_watch import Watcher, wait_for_outbox, wait_for_text, wait_settled


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quiet", type=float, default=300, help="seconds of quiet after the edits (default 300)")
    ap.add_argument("--report", type=float, default=10, help="seconds between status lines (default 10)")
    ap.add_argument(
        "--rollback-watch",
        type=float,
        default=180,
        help="seconds watched after replacing A's journal by an older copy (default 180)",
    )
    ap.add_argument("--no-rollback", action="store_true", help="stop after the quiet period")
    ap.add_argument(
        "--after",
        type=float,
        default=30,
        help="seconds watched after the commands that end the quiet period (default 30)",
    )
    ap.add_argument(
        "--after-rollback",
        type=float,
        default=120,
        help="seconds watched after the commands run on each side after the rollback (default 120)",
    )
    ap.add_argument(
        "--no-pause",
        action="store_true",
        help="edit both sides at once while the folder syncs, instead of with the folder paused",
    )
    ap.add_argument(
        "--rootwork",
        default=os.environ.get("ROOTWORK", DEFAULT_ROOTWORK),
        help="the rootwork command (default: $ROOTWORK, else %(default)s)",
    )
    ap.add_argument("--rescan-seconds", type=int, default=10, help="Syncthing's full rescan interval (default 10)")
    ap.add_argument("--watcher-delay", type=int, default=10, help="fs watcher delay in seconds (default 10)")
    ap.add_argument("--port-base", type=int, default=syncpair.DEFAULT_PORT_BASE)
    ap.add_argument("--base", type=Path, help="use this (new or empty) folder instead of a temp folder; it is kept")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder at the end")
    ap.add_argument(
        "--tmux-prefix",
        default="syncpair-",
        help="the tmux sessions are PREFIXa and PREFIXb (default %(default)s; another prefix and "
        "--port-base let two runs go at once)",
    )
    args = ap.parse_args(argv)

    cmd = shlex.split(args.rootwork)
    base, keep = syncpair.run_folder(args.base, args.keep, "syncpair-quiet-")
    syncpair.end_cleanly_on_signals()

    rw = Rootwork(cmd, base)
    panes = AppPanes(cmd, base, prefix=args.tmux_prefix)
    pair = None
    status = 1
    try:
        print(f"rootwork: {shlex.join(cmd)}\nfolder:   {base}", flush=True)
        version = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=60, env=rw.env)
        print(f"rootwork --version: {(version.stdout + version.stderr).strip()}", flush=True)
        pair = syncpair.start(
            base,
            rescan_seconds=args.rescan_seconds,
            fs_watcher=True,
            watcher_delay_seconds=args.watcher_delay,
            port_base=args.port_base,
        )
        print(
            f"syncthing pair up (API 127.0.0.1:{pair.a.api_port}/{pair.b.api_port}, sync "
            f"127.0.0.1:{pair.a.listen_port}/{pair.b.listen_port}, rescan {args.rescan_seconds}s, watcher delay "
            f"{args.watcher_delay}s; discovery, relays, NAT off: checked by pair.start)",
            flush=True,
        )
        print(f".stignore (README.md's): {(pair.a.data / '.stignore').read_text().split()}", flush=True)
        A, B = pair.a.data, pair.b.data
        watcher = Watcher(pair, panes, base / "timeline.log", base / "notices.log")

        # 1. a check-in on A, synced
        done = rw.run(A, "checkin", "--date", DAY, "--mood", "3", "--intensity", "4", "--note", "seed")
        print(f"A: checkin --date {DAY} --mood 3 --intensity 4 --note seed", flush=True)
        for line in output_lines("A", done):
            print(line)
        pair.wait_idle(60)
        ja, jb = pair.journal_bytes()
        print(f"B has A's journal byte for byte: {'yes' if ja == jb else 'NO'}", flush=True)

        # 2. the app on both sides
        for side, data in (("a", A), ("b", B)):
            command = panes.open(side, data)
            print(f"{side.upper()}: the app in tmux session {panes.session(side)}: {command}", flush=True)
        deadline = time.monotonic() + 50
        while len(panes.acknowledged) + len(panes.gave_up) < 2 and time.monotonic() < deadline:
            for line in panes.poll():
                print(f"    {line}", flush=True)
            time.sleep(0.25)
        if len(panes.acknowledged) < 2:
            raise RuntimeError("the app did not show its disclaimer on both sides")
        wait_settled(pair, watcher, "opening the apps", 120)

        # 3. two thought records written in A's app
        print("A's app: Reframes, n, two new thought records (R1, R2), ctrl+s each", flush=True)
        drive(panes, "a", SEED_KEYS)
        missing = wait_for_text(B / "rootwork.json", [R1_CRITIC, R2_CRITIC], 60)
        if missing:
            raise RuntimeError(f"B never got {missing}; A's screen:\n{panes.capture('a')}")
        wait_settled(pair, watcher, "the two thought records", 120)
        source = base / "rollback-source-a.json"
        shutil.copy2(A / "rootwork.json", source)
        print(f"kept a copy of A's rootwork.json as it is now (before the edits) in {source}", flush=True)

        # 4. the concurrent edits
        if not args.no_pause:
            pair.pause()
            print("sync paused on both sides", flush=True)
        t_edits = time.monotonic()
        for side, data in (("A", A), ("B", B)):
            for extra in CLI_EDITS[side]:
                done = rw.run(data, "checkin", *extra)
                print(f"{side}: checkin {shlex.join(extra)}", flush=True)
                for line in output_lines(side, done):
                    print(line)
        print(
            f"A's and B's apps, typed at the same time: a check-in for today ({TODAY}) in the form (i): A mood 4, "
            "intensity 3, note 'app note from A'; B mood 2, intensity 3, note 'app note from B'; then A appends "
            f"{SUFFIX_A!r} to R1's and R2's critic; B appends {SUFFIX_B!r} to R1's critic and sets R2's voice "
            f"to {VOICE_B!r}; ctrl+s each",
            flush=True,
        )
        drive_both(panes, APP_EDITS)
        for side, data, texts in (
            ("A", A, ["app note from A", R1_CRITIC + SUFFIX_A, R2_CRITIC + SUFFIX_A]),
            ("B", B, ["app note from B", R1_CRITIC + SUFFIX_B, VOICE_B]),
        ):
            # the outbox: what this machine saved (never synced), so this holds whether or not sync runs
            missing = wait_for_outbox(data, texts, 20)
            if missing:
                raise RuntimeError(f"{side}'s app did not save {missing}; its screen:\n{panes.capture(side.lower())}")
        print(f"all edits saved on their side ({time.monotonic() - t_edits:.1f}s)", flush=True)
        if not args.no_pause:
            pair.resume()
            print("sync resumed", flush=True)
        t0 = time.monotonic()
        print(
            f"\n=== quiet period: {args.quiet:.0f}s with no input; t counts from the end of the edits ===", flush=True
        )
        quiet = watcher.run("quiet", args.quiet, args.report, t0=t0)
        print("\n=== the end of the quiet period ===", flush=True)
        same = state_report(pair, quiet, quiet_from=60)
        missing_file = print_file_check(pair, "at the end of the quiet period")
        print("the outbox (this machine's own copy of what it saved; must never be synced):")
        for line in outbox_report(pair):
            print(line)
        screens(panes)
        missing_cli = cli_checks(rw, pair)
        print(
            f"\nQUIET SUMMARY: edits missing in the files {missing_file}, by the commands {missing_cli}; journals "
            f"identical {'yes' if same else 'NO'}; distinct conflict copies during the quiet period "
            f"{len(quiet.copy_names())} (first seen after t=60s: {len(quiet.copy_names(after=60))}); conflict "
            f"copies left {sum(len(v) for v in pair.conflict_copies().values())}; settled at "
            f"{f't={quiet.settled_at():.1f}s' if quiet.settled_at() is not None else 'NEVER'}",
            flush=True,
        )
        print(
            f"\n--- {args.after:.0f}s more after those commands (did opening the journal from a shell write?) ---",
            flush=True,
        )
        after = watcher.run("after the quiet commands", args.after, args.report)
        state_report(pair, after, quiet_from=0)

        # 6. a rollback of A's journal while everything runs
        if not args.no_rollback:
            tmp = A / ".rootwork-rollback.tmp"
            shutil.copyfile(source, tmp)
            os.replace(tmp, A / "rootwork.json")
            t1 = time.monotonic()
            print(
                f"\n=== rollback: A's rootwork.json replaced by {source.name} (before the edits) while both apps "
                f"and Syncthing run; watching {args.rollback_watch:.0f}s ===",
                flush=True,
            )
            rb = watcher.run("rollback", args.rollback_watch, args.report, t0=t1)
            print("\n=== the end of the rollback watch (only the apps and Syncthing ran) ===", flush=True)
            same_rb = state_report(pair, rb, quiet_from=60)
            missing_rb = print_file_check(pair, f"{args.rollback_watch:.0f}s after the rollback")
            screens(panes)
            said = [text for _, side, text in rb.notices if "replaced by one without" in text]
            print(
                f"\nROLLBACK SUMMARY (apps only): an app said the journal was replaced: "
                f"{'yes: ' + said[0] if said else 'NO (not seen on either screen)'}; edits missing in the files "
                f"{missing_rb}; journals identical {'yes' if same_rb else 'NO'}; distinct conflict copies "
                f"{len(rb.copy_names())} (after t=60s: {len(rb.copy_names(after=60))}); settled at "
                f"{f't={rb.settled_at():.1f}s' if rb.settled_at() is not None else 'NEVER'}",
                flush=True,
            )
            print(
                "\n=== then `rootwork conflicts` etc. from a shell on each side (each opens the journal afresh) ===",
                flush=True,
            )
            missing_cli = cli_checks(rw, pair)
            print(f"\n--- {args.after_rollback:.0f}s more after those commands ---", flush=True)
            after = watcher.run("after the rollback commands", args.after_rollback, args.report)
            print("\n=== the end ===", flush=True)
            same_end = state_report(pair, after, quiet_from=60)
            missing_end = print_file_check(pair, "at the end")
            missing_cli_end = cli_checks(rw, pair)
            screens(panes)
            print(
                f"\nFINAL SUMMARY: edits missing in the files {missing_end}, by the commands {missing_cli_end} "
                f"(right after the rollback watch: {missing_cli}); journals identical {'yes' if same_end else 'NO'}; "
                f"conflict copies in the last {args.after_rollback:.0f}s {len(after.copy_names())} (after t=60s: "
                f"{len(after.copy_names(after=60))}); settled at "
                f"{f't={after.settled_at():.1f}s' if after.settled_at() is not None else 'NEVER'}",
                flush=True,
            )
        status = 0
    except (
        syncpair.SyncPairError,
        AppPaneError,
        RuntimeError,
        subprocess.TimeoutExpired,
        subprocess.CalledProcessError,
    ) as exc:
        print(f"FAILED: {exc}", file=sys.stderr, flush=True)
        keep = True
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr, flush=True)
        status = 130
    finally:
        panes.close()
        if pair is not None:
            pair.stop()
        if keep:
            print(
                f"kept: {base} (journals in a/data and b/data, logs in a/syncthing.log and b/syncthing.log, "
                f"timeline.log, notices.log)",
                flush=True,
            )
        else:
            shutil.rmtree(base, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())

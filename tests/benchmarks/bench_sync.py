"""Merging another machine's copy of a five-year journal, against opening that journal.

Run: ``.venv/bin/python tests/benchmarks/bench_sync.py`` (``--runs N``, default 7).
One five-year journal (bench.py's ``make_journal``) is copied to a second
folder, the "other machine", which checks in once (one record changed). Each
run leaves that machine's file beside the first as a Syncthing conflict copy
and times ``Store.open``, which reads the copy strictly, merges it by the one
rule and writes once (``state.store.copies``); the baseline, measured in the
same run, is ``Store.open`` of the same journal with no copy beside it. The
first folder is put back whole before each open, so every run merges the same
copy (both opens find a file copied in, so both look for this machine's saves).
Prints the medians, min-max and the ratio of medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from bench import TODAY, make_journal  # noqa: E402

COPY = "rootwork.sync-conflict-20261125-120000-ABCDEF7.json"


def timed_open(data_dir: Path) -> float:
    from rootwork.state.store import Store

    started = time.perf_counter()
    Store.open(data_dir, clock=lambda: datetime.now(UTC)).close()
    return time.perf_counter() - started


def main() -> None:
    from rootwork.state.records.model import Checkin
    from rootwork.state.store import Store

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rootwork-bench-sync-"))
    try:
        here, there, pristine = root / "here", root / "there", root / "pristine"
        make_journal(here, 5 * 365, 1.0)
        shutil.copytree(here, there)
        Store.open(there).save_checkin(Checkin(day=TODAY, mood=2, intensity=6, note="on the other machine"))
        shutil.copytree(here, pristine)
        merges, opens = [], []

        def fresh() -> None:  # the folder as it was, outbox and notes too (what a merge wrote is gone)
            shutil.rmtree(here)
            shutil.copytree(pristine, here)

        for n in range(args.runs + 1):  # the first of each is a warm-up
            fresh()
            shutil.copyfile(there / "rootwork.json", here / COPY)
            merged = timed_open(here)
            assert not (here / COPY).exists(), "the copy was not merged"
            fresh()
            opened = timed_open(here)
            if n:
                merges.append(merged)
                opens.append(opened)

        def show(values: list[float]) -> str:
            return f"{statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})"

        size = (here / "rootwork.json").stat().st_size
        print(f"five-year journal, {size / 1024 / 1024:.1f} MiB; {args.runs} runs each, interleaved")
        print(f"open with one conflict copy to merge: {show(merges)}")
        print(f"open with nothing to merge:           {show(opens)}")
        print(f"ratio of medians: {statistics.median(merges) / statistics.median(opens):.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Does five or twenty years of journal feel like none? Measured against baselines in the same run.

Run: ``.venv/bin/python tests/benchmarks/bench.py`` (``--runs N``, default 7;
``--skip-20y`` to leave out the twenty-year journal; ``--only start,modes`` for
some figures: start, save, modes, detail). Every figure is measured after a
warm-up, at least five times, interleaved with its baseline so both see the
same machine state; it prints medians, min-max and the ratio of medians.

1. cold start to the first paint of Today (empty, 5y) / a bare Textual app's
   first paint (Header, Static, Footer); each a fresh ``python`` process, timed
   from spawn to Textual's ``Ready`` event (the first frame displayed),
   ``Store.open`` included.
2. saving one check-in (5y) / an atomic rewrite of the same data with orjson
   (dump, write, fsync, replace, fsync of the directory: what any durable
   one-file JSON store must do).
3. switching through every mode (5y) / the same with an empty store (pilot);
   3a includes each screen's first visit (built, and its module imported).
4. opening a cause's detail / painting a plain Static with the same text (pilot).
5. peak memory at first paint (5y) / empty (the started process's ``VmHWM``);
   5b the same once the views left for after the first paint are built.
6. 20y / 5y for figures 1-3 (and a 20y save against a 20y rewrite); the
   start-up growth is set beside the time to parse the extra bytes.

The memory figure is the child's own ``VmHWM`` where /proc has it: on Linux
``ru_maxrss`` survives fork and exec, so a child would report this script's
peak instead of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))  # pilot_figures beside this file, when run from elsewhere

from baselines import atomic_rewrite, parse_seconds  # noqa: E402
from pilot_figures import SIZE, TODAY, cause_detail_figures, fixed_clock, mode_switching  # noqa: E402

# ------------------------------------------------------------------ children


def child_main(kind: str, data_dir: str | None, settle: bool = False) -> None:
    """Start an app headless, record the moment of its first frame, exit; print JSON to stdout.

    With ``settle`` the app exits only once the work left for after the first
    paint is done (``RootworkApp.warmed``), for the memory that work adds.
    """
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    result: dict = {}

    if kind == "bare":

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Hello")
                yield Footer()

            def on_ready(self) -> None:
                result["ready"] = time.perf_counter()
                result["screen"] = type(self.screen).__name__
                self.exit()

        app: App = Bare()
    else:
        import rootwork.tui.app
        from rootwork.state.store import Store
        from rootwork.tui.app import RootworkApp

        class Timed(RootworkApp):
            # Style sheets are found beside the class's module: point at the app's own.
            CSS_PATH = [Path(rootwork.tui.app.__file__).parent / path for path in RootworkApp.CSS_PATH]

            def on_ready(self) -> None:
                result["ready"] = time.perf_counter()
                result["screen"] = type(self.screen).__name__
                # In a worker: the app's own on_ready (it starts the warm-up) runs after this one.
                if settle and hasattr(self, "warmed"):
                    self.run_worker(self._exit_when_warmed())
                else:
                    self.exit()

            async def _exit_when_warmed(self) -> None:
                await self.warmed()
                self.exit()

        from rootwork.tui.collector import tune_collector

        store = Store.open(Path(data_dir))
        app = Timed(store=store, today=TODAY, clock=fixed_clock)
        tune_collector()  # as the program does before it runs the app (tui/cli/open_app.py)
    app.run(headless=True, size=SIZE)
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # On Linux ru_maxrss starts at the parent's peak (it survives fork and exec),
    # so the benchmark's own memory would hide the child's: VmHWM is this
    # process's own peak since exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                result["maxrss_kb"] = int(line.split()[1])
    except OSError:
        pass
    print(json.dumps(result))


# Children run as on a user's machine, where Python keeps compiled modules: this sandbox sets
# PYTHONDONTWRITEBYTECODE, which would compile our modules on every start (Textual's come compiled).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "rootwork-bench-pycache")


def spawn(kind: str, data_dir: Path | None = None, settle: bool = False) -> dict:
    """Run one child; return its figures, with ``elapsed`` from spawn to the first frame."""
    args = [sys.executable, str(HERE), "--child", kind]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    if settle:
        args.append("--settle")
    # CLOCK_MONOTONIC is shared by every process on Linux, so the child's
    # perf_counter can be subtracted from ours.
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=CHILD_ENV)
    if done.returncode != 0:
        raise RuntimeError(f"child {kind} failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if "ready" not in result:
        raise RuntimeError(f"child {kind} never painted:\n{done.stderr[-3000:]}")
    result["elapsed"] = result["ready"] - started
    return result


# ------------------------------------------------------------------ figures


@dataclass
class Figure:
    """One figure: the measured thing, its baseline, the target for their ratio."""

    number: str
    name: str
    subject: list[float]
    baseline: list[float]
    baseline_name: str
    target: float | None
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return statistics.median(self.subject) / statistics.median(self.baseline)

    def cells(self) -> tuple[str, str, str, str]:
        def show(values: list[float]) -> str:
            scale = 1000 if self.unit == "ms" else 1 / 1024 if self.unit == "MB" else 1
            med = statistics.median(values) * scale
            return f"{med:,.1f} ({min(values) * scale:,.1f}-{max(values) * scale:,.1f})"

        met = "" if self.target is None else ("met" if self.ratio <= self.target else "MISSED")
        target = "" if self.target is None else f"<= {self.target:g}"
        return show(self.subject), show(self.baseline), f"{self.ratio:.2f}", f"{target} {met}".strip()


def paired(subject: Callable[[], float], baseline: Callable[[], float], runs: int) -> tuple[list[float], list[float]]:
    """Warm both up once, then alternate them ``runs`` times."""
    subject()
    baseline()
    a, b = [], []
    for _ in range(runs):
        a.append(subject())
        b.append(baseline())
    return a, b


def save_checkin_timer(data_dir: Path) -> Callable[[], float]:
    """A function that saves today's check-in (a different mood each time) and returns the seconds.

    As the app saves once its warm-up has parsed every table (a command that has not read the
    reviews writes them back from their bytes, which is quicker)."""
    from rootwork.state.records.model import Checkin
    from rootwork.state.store import Store

    (store := Store.open(data_dir, clock=lambda: datetime.now(UTC))).warm()
    moods = iter(range(10**9))

    def save() -> float:
        mood = next(moods) % 5 + 1
        checkin = Checkin(day=TODAY, mood=mood, intensity=4, note="A benchmark check-in.", signs=("self-doubt",))
        started = time.perf_counter()
        store.save_checkin(checkin)
        return time.perf_counter() - started

    return save


def open_timer(data_dir: Path, *, replaced: bool) -> Callable[[], float]:
    """A function that opens the journal in ``data_dir`` and returns the seconds. ``replaced``: each time, the
    journal is first put back as a new file with the same bytes (another program's, as a sync tool brings it), so
    opening it looks for this machine's saves in it (``state.store.outbox``); else the file is the one this
    machine last wrote and that look is skipped. The copy is not timed."""
    from rootwork.state.records.model import Rating
    from rootwork.state.store import Store

    store = Store.open(data_dir)  # this machine's saves: a review and a check-in in its outbox
    item = store.plan()[0]
    store.review("practice", item.id, Rating.DID_IT, TODAY)
    store.close()
    journal = data_dir / "rootwork.json"

    def run() -> float:
        if replaced:
            shutil.copyfile(journal, data_dir / "incoming.json")
            os.replace(data_dir / "incoming.json", journal)
        started = time.perf_counter()
        Store.open(data_dir).close()
        return time.perf_counter() - started

    return run


# ------------------------------------------------------------------ setup


def make_journal(data_dir: Path, days: int, scale: float) -> dict[str, int]:
    """A journal of ``days`` at ``scale`` (or an empty one for days=0), disclaimer accepted."""
    from rootwork.state.demo.sample import generate_journal
    from rootwork.state.store import Store

    store = Store.open(data_dir)
    store.acknowledge_disclaimer()
    counts = {} if days == 0 else generate_journal(store, days=days, today=TODAY, scale=scale)
    # The backup written by the first save is not part of the journal being measured.
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    return counts


def machine() -> str:
    """nproc, CPU model, Python version."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.util import find_spec

    serialiser = f"orjson {__import__('orjson').__version__}" if find_spec("orjson") else "stdlib json"
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, store serialiser: {serialiser}"
    )


def table(figures: list[Figure]) -> str:
    """A Markdown table of the figures."""
    lines = [
        "| # | measured | median (min-max) | baseline | median (min-max) | ratio | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        (subject, base, ratio, target), unit = f.cells(), f" {f.unit}"
        lines.append(
            f"| {f.number} | {f.name} | {subject}{unit} | {f.baseline_name} | {base}{unit} | {ratio} | {target} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-20y", action="store_true")
    parser.add_argument("--child", choices=("bare", "rootwork"))
    parser.add_argument("--data-dir")
    parser.add_argument("--settle", action="store_true")
    parser.add_argument("--only", default="start,save,modes,detail")
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.data_dir, args.settle)
        return
    runs = max(5, args.runs)
    only = set(args.only.split(","))

    root = Path(tempfile.mkdtemp(prefix="rootwork-bench-"))
    try:
        print(machine())
        dirs = {"empty": root / "empty", "5y": root / "5y", "20y": root / "20y"}
        sizes = {"empty": (0, 0.0), "5y": (1825, 1.0), "20y": (7300, 4.0)}
        names = ["empty", "5y"] + ([] if args.skip_20y else ["20y"])
        for name in names:
            started = time.perf_counter()
            counts = make_journal(dirs[name], *sizes[name])
            size = (dirs[name] / "rootwork.json").stat().st_size
            print(
                f"journal {name}: {counts or 'nothing'}, {size / 1e6:.1f} MB, "
                f"generated in {time.perf_counter() - started:.1f} s"
            )
        figures: list[Figure] = []
        twenty = not args.skip_20y

        if "start" in only:
            # 1 and 5: cold start and memory, one set of processes per run, interleaved.
            starts: dict[str, list[dict]] = {name: [] for name in (*names, "bare")}
            settled: dict[str, list[dict]] = {name: [] for name in ("empty", "5y")}
            for name in ("bare", *names):  # warm-up: page cache, .pyc files
                spawn("rootwork" if name != "bare" else "bare", dirs.get(name))
            for _ in range(runs):
                for name in ("bare", *names):
                    result = spawn("rootwork" if name != "bare" else "bare", dirs.get(name))
                    if name != "bare":
                        assert result["screen"] == "TodayScreen", result
                    starts[name].append(result)
                for name in settled:
                    settled[name].append(spawn("rootwork", dirs[name], settle=True))
            elapsed = {name: [r["elapsed"] for r in rs] for name, rs in starts.items()}
            rss = {name: [r["maxrss_kb"] for r in rs] for name, rs in starts.items()}
            rss_settled = {name: [r["maxrss_kb"] for r in rs] for name, rs in settled.items()}
            figures += [
                Figure("1a", "cold start to Today, empty", elapsed["empty"], elapsed["bare"], "bare Textual app", 1.6),
                Figure("1", "cold start to Today, 5y", elapsed["5y"], elapsed["bare"], "bare Textual app", 1.8),
                Figure("1b", "cold start to Today, 5y", elapsed["5y"], elapsed["empty"], "empty store", None),
                Figure("5", "peak memory at Today, 5y", rss["5y"], rss["empty"], "empty store", 1.5, unit="MB"),
                Figure(
                    "5b",
                    "peak memory, warmed, 5y",
                    rss_settled["5y"],
                    rss_settled["empty"],
                    "empty store",
                    1.5,
                    unit="MB",
                ),
            ]
            if twenty:
                figures.append(Figure("6.1", "cold start to Today, 20y", elapsed["20y"], elapsed["5y"], "5y", 1.25))
            print(table(figures))

        if "save" in only:
            # 2: one check-in saved.
            from rootwork.state.journal_file.storage import parse

            save = save_checkin_timer(dirs["5y"])
            data = parse((dirs["5y"] / "rootwork.json").read_bytes())
            target = dirs["5y"] / "baseline.json"
            saves, rewrites = paired(save, lambda: atomic_rewrite(target, data), runs * 3)
            figures.append(Figure("2", "save one check-in, 5y", saves, rewrites, "orjson atomic rewrite", 1.5))
            # 2c: opening a journal another machine wrote looks for this machine's saves in it (the outbox).
            for name in ("5y-own", "5y-replaced"):
                shutil.copytree(dirs["5y"], root / name)
            replaced, own = paired(
                open_timer(root / "5y-replaced", replaced=True), open_timer(root / "5y-own", replaced=False), runs * 2
            )
            figures.append(
                Figure(
                    "2c",
                    "open a journal another machine wrote, 5y",
                    replaced,
                    own,
                    "open the journal this machine wrote",
                    None,
                )
            )
            if twenty:
                saves20 = save_checkin_timer(dirs["20y"])
                saves20y, saves5y = paired(saves20, save, runs * 3)
                data20 = parse((dirs["20y"] / "rootwork.json").read_bytes())
                target20 = dirs["20y"] / "baseline.json"
                saves20b, rewrites20 = paired(saves20, lambda: atomic_rewrite(target20, data20), runs * 3)
                del data20
                figures += [
                    Figure("6.2", "save one check-in, 20y", saves20y, saves5y, "5y", None),
                    Figure("6.2b", "save one check-in, 20y", saves20b, rewrites20, "orjson atomic rewrite, 20y", 1.5),
                ]

        if "modes" in only:
            # 3: every mode, first visit and later visits.
            modes = {name: mode_switching(dirs[name], runs) for name in names}
            figures.append(
                Figure("3a", "every mode, first visit, 5y", modes["5y"][0], modes["empty"][0], "empty store", 1.2)
            )
            figures.append(Figure("3b", "every mode, again, 5y", modes["5y"][1], modes["empty"][1], "empty store", 1.2))
            if twenty:
                figures += [
                    Figure("6.3a", "every mode, first visit, 20y", modes["20y"][0], modes["5y"][0], "5y", None),
                    Figure("6.3b", "every mode, again, 20y", modes["20y"][1], modes["5y"][1], "5y", None),
                ]

        if "detail" in only:
            # 4: a cause's detail.
            detail, plain = cause_detail_figures(dirs["5y"], runs * 4)
            figures.append(Figure("4", "open a cause's detail", detail, plain, "plain Static, same text", 2.0))

        print()
        print(table(figures))
        if twenty and "start" in only:
            grew = statistics.median(elapsed["20y"]) - statistics.median(elapsed["5y"])
            parse_more = parse_seconds(dirs["20y"] / "rootwork.json", runs) - parse_seconds(
                dirs["5y"] / "rootwork.json", runs
            )
            print(
                f"\nstart-up grew {grew * 1000:.0f} ms from 5y to 20y; parsing the extra bytes takes "
                f"{parse_more * 1000:.0f} ms"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

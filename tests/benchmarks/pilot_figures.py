"""The benchmark's figures measured through Textual's pilot, in this process (see bench.py)."""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import UTC, date, datetime
from pathlib import Path

TODAY = date(2026, 11, 25)
SIZE = (120, 40)


def fixed_clock() -> datetime:
    """A fixed evening on TODAY, so every run paints the same Today screen."""
    return datetime(2026, 11, 25, 19, 0, tzinfo=UTC).astimezone()


async def _mode_round(pilot, app) -> float:
    from rootwork.tui.app import MODE_KEYS

    started = time.perf_counter()
    for mode, (key, _label) in MODE_KEYS.items():
        await pilot.press(key)
        await pilot.pause()
        assert app.current_mode == mode, (mode, app.current_mode)
    await pilot.press("t")
    await pilot.pause()
    return time.perf_counter() - started


def mode_switching(data_dir: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Per fresh app: the first round through every mode (screens built), then later rounds (resumed)."""
    from rootwork.state.store import Store
    from rootwork.tui.app import RootworkApp
    from rootwork.tui.collector import tune_collector

    async def one_app() -> tuple[float, list[float]]:
        app = RootworkApp(store=Store.open(data_dir), today=TODAY, clock=fixed_clock)
        tune_collector()  # as the program does before it runs the app (tui/cli/open_app.py)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            first = await _mode_round(pilot, app)
            later = [await _mode_round(pilot, app) for _ in range(3)]
        return first, later

    firsts, laters = [], []
    asyncio.run(one_app())  # warm-up: imports, CSS parsing, caches
    for _ in range(rounds):
        first, later = asyncio.run(one_app())
        firsts.append(first)
        laters.append(statistics.median(later))
    return firsts, laters


def cause_detail_figures(data_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """Highlighting the next cause in Causes / updating a plain Static with the same text."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from rootwork.content import load_library
    from rootwork.state.store import Store
    from rootwork.tui.app import RootworkApp
    from rootwork.tui.collector import tune_collector
    from rootwork.tui.screens.causes import cause_detail

    library = load_library()
    causes = library.causes
    texts = [cause_detail(c).plain for c in causes]

    async def subject() -> list[float]:
        app = RootworkApp(store=Store.open(data_dir), today=TODAY, clock=fixed_clock, start_mode="causes")
        tune_collector()
        times = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await _timed_keys(pilot, times, runs)
        return times

    class Plain(App[None]):
        BINDINGS = [("down", "next", "next"), ("up", "previous", "previous")]

        def __init__(self) -> None:
            super().__init__()
            self.at = 0

        def compose(self) -> ComposeResult:
            yield Static(texts[0], id="body")

        def _show(self, step: int) -> None:
            self.at = (self.at + step) % len(texts)
            self.query_one("#body", Static).update(texts[self.at])

        def action_next(self) -> None:
            self._show(1)

        def action_previous(self) -> None:
            self._show(-1)

    async def baseline() -> list[float]:
        app = Plain()
        times = []
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await _timed_keys(pilot, times, runs)
        return times

    return asyncio.run(subject()), asyncio.run(baseline())


async def _timed_keys(pilot, times: list[float], runs: int) -> None:
    """Move down the list (warm-up first), timing each key press until its frame is drawn."""
    # The cause list starts with entries that are not causes; walk past them untimed.
    for _ in range(4):
        await pilot.press("down")
        await pilot.pause()
    for n in range(runs + 1):
        key = "down" if (n // 6) % 2 == 0 else "up"  # stay among the causes
        started = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        if n:  # the first is the warm-up
            times.append(time.perf_counter() - started)

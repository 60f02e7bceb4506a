"""Start-up: Today paints with only what it needs; other screens and the reviews come afterwards, off the event loop."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from rootwork.state.records.model import Rating
from rootwork.state.store import Store
from rootwork.tui.modes import MODE_KEYS, MODE_SCREENS
from rootwork.tui.warm_up import OPENED_OVER
from tests.tui.conftest import TODAY, make_app

SIZE = (120, 40)
ROOT = Path(__file__).resolve().parents[2]


def test_starting_the_app_imports_only_the_first_screen() -> None:
    # In a fresh interpreter: this test process has imported every screen already.
    others = [path.split(":")[0] for mode, path in MODE_SCREENS.items() if mode != "today"] + list(OPENED_OVER)
    code = (
        "import sys, rootwork.tui.app, rootwork.tui.screens.today\n"
        f"print(sorted(m for m in {others!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


async def test_every_mode_shows_its_own_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for mode, (key, _label) in MODE_KEYS.items():
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
            assert type(app.screen).__name__ == MODE_SCREENS[mode].split(":")[1]


async def test_after_the_first_paint_the_reviews_are_built_on_the_store_thread() -> None:
    store = Store.in_memory()
    item = store.adopt("comparison.scrolling", TODAY)
    store.review("practice", item.id, Rating.DID_IT, TODAY)
    warmed_on: list[str] = []
    real_warm = store.warm

    def warm() -> None:
        warmed_on.append(threading.current_thread().name)
        real_warm()

    store.warm = warm  # type: ignore[method-assign]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.warmed()
        assert len(warmed_on) == 1 and warmed_on[0].startswith("rootwork-store")
        assert "reviews" in store._snapshot.views  # built before any screen read it
        assert type(app.screen).__name__ == "TodayScreen"

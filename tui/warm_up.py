"""After the first paint: what the first visit to another screen would otherwise wait for.

The app paints its first screen with only the journal's parse and that screen's
data. Then, off the event loop, the store thread builds the views left for
first use (the reviews: seconds on a long journal, read by Reframes, Practices
and the month's insights) and another thread imports the other screens'
modules, so the first visit to each finds them ready. A failure here is left
for that first visit to meet, and report, as it would have without warming.
"""

from __future__ import annotations

import asyncio
from importlib import import_module
from typing import TYPE_CHECKING

from rootwork.tui.modes import screen_modules

if TYPE_CHECKING:
    from textual.worker import Worker

    from rootwork.tui.app import RootworkApp


#: Screens opened over a mode rather than being one, imported when first opened.
OPENED_OVER = (
    "rootwork.tui.screens.rehearse",
    "rootwork.tui.screens.selfcheck",
    "rootwork.tui.screens.settings",
    "rootwork.tui.screens.kept_aside",
)


def import_screens() -> None:
    """Import every screen's module (a no-op for those already imported)."""
    for module in (*screen_modules(), *OPENED_OVER):
        try:
            import_module(module)
        except Exception:  # the first visit imports it again and shows the error
            continue


async def warm_up(app: RootworkApp, done: asyncio.Event) -> None:
    """Build the deferred views on the store thread and import the screens, both off the event loop; then set ``done``."""

    async def views() -> None:
        try:
            await app.store_call(app.store.warm)
        except Exception:  # the first read builds the view again and reports
            pass

    try:
        await asyncio.gather(views(), asyncio.to_thread(import_screens))
    finally:
        done.set()


def start_warm_up(app: RootworkApp, done: asyncio.Event) -> Worker[None]:
    """Run ``warm_up`` in a worker of the app's: a function, not a coroutine, so one never started is no leak."""

    async def work() -> None:
        await warm_up(app, done)

    return app.run_worker(work, group="warm-up", exit_on_error=False)

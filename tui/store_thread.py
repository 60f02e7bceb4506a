"""The app's one writer thread: store operations leave the event loop and keep their order.

Why not a Textual thread worker per operation: Textual runs each on the event
loop's shared executor, in no promised order, and a worker cancelled before its
thread starts (its screen closed, the app quitting) never runs. A save typed
after another must be written after it, and a save asked for is never dropped.
So operations queue here, on one thread; callers await them from Textual
workers or async handlers (``app.store_call``), and what a background check
finds comes back to the app as a typed message (``store_bridge.JournalChecked``).
At exit, ``shutdown`` waits for every operation already asked for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

T = TypeVar("T")


class StoreThread:
    """Runs store calls one at a time on a thread of their own, in the order they were asked."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rootwork-store")

    async def call(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """Run ``fn(*args, **kwargs)`` on the store thread and wait for its result without blocking."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def shutdown(self) -> None:
        """Let the calls already asked for finish (a save in flight is never cut short), then stop."""
        self._executor.shutdown(wait=True)

"""Pilot-test helpers: an app over an in-memory store on a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from rootwork.state.store import Store
from rootwork.tui.app import RootworkApp

TODAY = date(2026, 11, 25)
SIZE = (120, 40)


def make_app(store: Store | None = None, *, today: date = TODAY, acknowledged: bool = True, **kwargs) -> RootworkApp:
    """A RootworkApp on a fixed day over the given (or a fresh in-memory) store."""
    store = store or Store.in_memory()
    if acknowledged and not store.disclaimer_acknowledged():
        store.acknowledge_disclaimer()
    return RootworkApp(store=store, today=today, **kwargs)


@pytest.fixture
def store() -> Store:
    return Store.in_memory()


async def palette_searched(pilot) -> None:
    """Wait until the command palette has finished searching for what was typed (it searches in a worker).

    Waiting for the work, not for a fixed time, keeps the tests right on a busy machine.
    """
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()

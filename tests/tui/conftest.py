"""Pilot-test helpers: an app over an in-memory store on a fixed day."""

from __future__ import annotations

from datetime import date

import pytest

from rootwork.state.store import Store
from rootwork.tui import store_bridge
from rootwork.tui.app import RootworkApp
from rootwork.tui.screens import reframe_editor

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


@pytest.fixture
def quick_drafts(monkeypatch) -> float:
    """The thought-record editor writes its draft after 0.05 s of quiet instead of a second.

    For tests about what happens to a draft once there is one, not about the delay.
    """
    monkeypatch.setattr(reframe_editor, "DRAFT_DELAY", 0.05)
    return reframe_editor.DRAFT_DELAY


@pytest.fixture
def quick_checks(monkeypatch) -> float:
    """The app looks for changes made elsewhere every 0.2 s instead of every 2 s (returns the period).

    For tests of what a check brings in, not of how often it runs.
    """
    monkeypatch.setattr(store_bridge, "CHECK_EVERY", 0.2)
    return store_bridge.CHECK_EVERY


async def palette_searched(pilot) -> None:
    """Wait until the command palette has finished searching for what was typed (it searches in a worker).

    Waiting for the work, not for a fixed time, keeps the tests right on a busy machine.
    """
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()

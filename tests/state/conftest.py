"""Fixtures for the store tests: a fixed clock and a store on each storage (TinyDB's pattern)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from rootwork.state.store import Store

TODAY = date(2026, 11, 25)
# Midday UTC is the same calendar day in every timezone from UTC-11 to UTC+11,
# so backup names (local day) match TODAY wherever the tests run.
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class FixedClock:
    """A clock for the store that only moves when a test moves it."""

    def __init__(self, moment: datetime = NOON) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(params=["memory", "json"])
def store(request: pytest.FixtureRequest, data_dir: Path, clock: FixedClock) -> Store:
    """A fresh store in memory and one on the atomic JSON file: every test using it runs on both."""
    if request.param == "memory":
        return Store.in_memory(clock=clock)
    return Store.open(data_dir, clock=clock)

"""A mode's screen reads the store once each time it is shown (tui/showing.py), though Textual
resumes a mode's screen twice on its first showing."""

from __future__ import annotations

import pytest

from rootwork.state.records.model import Reframe
from rootwork.tui.screens.month import MonthScreen
from rootwork.tui.screens.practices import PracticesScreen
from rootwork.tui.screens.reframes import ReframesScreen
from rootwork.tui.screens.today import TodayScreen
from tests.tui.conftest import SIZE, TODAY, make_app


@pytest.mark.parametrize(
    ("screen", "reads", "key"),
    [
        (ReframesScreen, "refresh_list", "r"),
        (PracticesScreen, "refresh_rows", "p"),
        (MonthScreen, "show_day", "m"),
        (TodayScreen, "refresh_today", "t"),
    ],
)
async def test_each_showing_reads_once_the_first_included(store, monkeypatch, screen, reads, key) -> None:
    store.save_reframe(Reframe(critic="You always fail", reframe="Not always"), TODAY)
    calls: list[str] = []
    read = getattr(screen, reads)

    def counted(self, *args, **kwargs):
        calls.append(key)
        return read(self, *args, **kwargs)

    monkeypatch.setattr(screen, reads, counted)
    app = make_app(store, start_mode="causes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for showing in (1, 2):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            assert len(calls) == showing, (showing, calls)
            await pilot.press("c")  # away again
            await pilot.pause()

"""Snapshots of the month calendar and its insights with a month of varied, made-up work."""

from __future__ import annotations

from rootwork.state.store import Store
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.month_data import fill_month


def month_app():
    store = Store.in_memory()
    fill_month(store, TODAY)
    return make_app(store, start_mode="month")


def test_month_with_varied_data(snap_compare):
    """November 2026 on Wednesday 25 November, weeks from Monday, 120x40.

    The picture must show: the title "November 2026"; six rows of seven cells
    from 26 Oct to 6 Dec, October's and December's days with dimmer borders;
    check-in days with a shade and the intensity (░░░ 0-2 .. ███ 9-10, e.g.
    ███ 9 on Sun 8 Nov, ░░░ 0 on Fri 13 Nov); ✓n, ↺n and ✎n counts on the
    days practices were done, reframes rehearsed and records written (✓3 on
    the 24th); today's cell reading "25 ◆ today" with a double border (it is
    also the selected day); "→ 1 due" on the 26th, 27th and 4 Dec; the side
    panel with the selected day's summary and the legend; the month's totals
    in words under the grid; nothing about days missed.
    """
    assert snap_compare(month_app(), terminal_size=SIZE)


def test_insights_with_varied_data(snap_compare):
    """The insights screen over the same data, opened with g.

    The picture must show: sparklines for the last 30, 90 and 365 days with
    dots for days without a check-in and "You checked in on 14 days of the
    last 30 ..."; Comparison and Perfectionism as the causes noted most,
    Self-doubt and Comparing as signs; labelling, mind reading and unfair
    comparing as thinking traps; belief in the critic going from 85 to 25 for
    the "fraud" record, its [/] shown literally; strength bars per cause.
    """

    async def open_insights(pilot):
        await pilot.press("g")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(month_app(), terminal_size=SIZE, run_before=open_insights)

"""Notices (toasts) that never stack into a wall and never cover a dialog's buttons (issue 27)."""

from __future__ import annotations

from textual.widgets import Button

from rootwork.state.store import Store
from tests.tui.conftest import make_app
from tests.tui.test_conflicts import journal, open_conflict  # noqa: F401 - journal is a fixture

SMALL = (80, 24)


def toasts(app) -> list:
    return list(app.screen.query("Toast"))


async def test_what_opening_found_is_one_notice_not_a_stack() -> None:
    store = Store.in_memory()
    store.notices.extend(["A copy from another machine was merged.", "1 entry could not be read."])
    app = make_app(store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        [toast] = toasts(app)
        text = str(toast.render())
        assert "merged" in text and "could not be read" in text


async def test_a_notice_over_the_conflict_dialog_leaves_its_buttons_in_sight(journal) -> None:  # noqa: F811
    data_dir, store = journal
    app = make_app(store)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        app.notify("Your journal was updated on another machine; what you see now includes it.")
        await pilot.pause()
        dialog = await open_conflict(pilot, app, data_dir)
        assert toasts(app) == []  # the dialog shows what the notice was about
        app.notify("A long notice " * 12, title="About your journal", timeout=30)
        app.notify("And another one.")
        await pilot.pause(0.3)
        shown = toasts(app)
        assert len(shown) == 2
        for button in dialog.query(Button):
            assert button.region.area and all(not toast.region.overlaps(button.region) for toast in shown)

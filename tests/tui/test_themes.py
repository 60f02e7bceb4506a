"""Themes: the one chosen is remembered across runs; a theme merely applied at start is not re-saved."""

from __future__ import annotations

from pathlib import Path

from rootwork.state.store import Store
from tests.tui.conftest import SIZE, make_app


async def change_theme_and_quit(store: Store, theme: str) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = theme
        await pilot.pause()
        await app.workers.wait_for_complete()


async def test_a_changed_theme_is_where_the_next_run_starts(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        await change_theme_and_quit(store, "nord")
    # A new process: the journal on disk, opened afresh.
    with Store.open(tmp_path) as reopened:
        assert reopened.setting("theme") == "nord"
        app = make_app(reopened)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.theme == "nord"


async def test_previewing_several_themes_keeps_the_last(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        await app.workers.wait_for_complete()
        # The theme picker sets each highlighted theme in turn; escape puts the first one back.
        for theme in ("gruvbox", "textual-light", "nord"):
            app.theme = theme
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert store.setting("theme") == "nord"


async def test_an_unknown_saved_theme_falls_back_without_overwriting_it(store: Store) -> None:
    # A theme from a newer Textual, say: keep the user's choice for when it exists again.
    store.set_setting("theme", "no-such-theme")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.theme in app.available_themes
    assert store.setting("theme") == "no-such-theme"

"""The command palette offers every action by name, depending on the screen, and runs it."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input, TextArea

from rootwork.state.store import Store
from rootwork.tui.app import RootworkApp
from rootwork.tui.commands import GO_TO_COMMANDS, RootworkCommands, go_to_commands, screen_commands
from rootwork.tui.screens.help import HelpScreen
from rootwork.tui.screens.reframe_editor import ReframeEditorScreen
from rootwork.tui.screens.settings import SettingsScreen
from tests.tui.conftest import SIZE, make_app, palette_searched


def palette_names(app: RootworkApp) -> list[str]:
    return [c.name for c in screen_commands(app.screen)] + [c.name for c in go_to_commands(app, app.current_mode)]


async def choose(pilot, app: RootworkApp, query: str) -> None:
    """Open the palette, type ``query`` and take the best match, as a user would."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    # The palette searches in the background; give it time to list the hits.
    await palette_searched(pilot)
    await pilot.press("enter")
    await pilot.pause()


def test_every_mode_can_be_reached_by_name() -> None:
    assert {mode for _, mode, _ in GO_TO_COMMANDS} == set(RootworkApp.MODES)


async def test_each_screen_offers_its_own_keyed_actions_and_the_other_screens(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("t", "c", "r", "p"):
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            names = palette_names(app)
            for binding in type(screen).BINDINGS:
                if binding.description and app._check_action_state(binding.action, screen):
                    assert binding.description in names, (app.current_mode, binding.description)
            # Going to the screen already shown is not offered; every other one is.
            go_to = [c.name for c in go_to_commands(app, app.current_mode)]
            assert len(go_to) == len(GO_TO_COMMANDS) - 1


async def test_editing_keys_of_a_text_field_are_not_offered(store: Store) -> None:
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReframeEditorScreen)
        assert isinstance(app.screen.focused, (Input, TextArea))
        names = palette_names(app)
        assert "Save" in names and "Insert evidence" in names
        # Input's own bindings ("Delete character left", ...) would drown the real actions.
        assert not any("character" in name.lower() or "cursor" in name.lower() for name in names)
        # Inside the editor, going back to the Reframes list is still on offer.
        assert "Go to Reframes" in names


async def test_palette_runs_a_screen_action_by_name(store: Store) -> None:
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, app, "write a new")
        assert isinstance(app.screen, ReframeEditorScreen)


async def test_palette_goes_to_a_screen_by_name(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, app, "month calendar")
        assert app.current_mode == "month"


async def test_settings_are_offered_on_every_screen_once_and_open_by_name(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("t", "i", "c", "r", "p", "m", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            names = [c.name for c in RootworkCommands(app.screen)._commands()]
            assert names.count("Settings") == 1, app.current_mode
        assert isinstance(app.screen, HelpScreen)
        await choose(pilot, app, "settings")
        assert isinstance(app.screen, SettingsScreen)
        # Not offered again over the form itself.
        assert "Settings" not in [c.name for c in RootworkCommands(app.screen)._commands()]


async def test_palette_offers_textuals_theme_picker(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await choose(pilot, app, "theme")
        # The theme picker is a second palette listing the themes by name.
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"textual-light")
        await palette_searched(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "textual-light"

"""What rootwork takes from Textual's private side still works as relied on (tui/textual_compat.py).

A failure here after upgrading Textual means a function in tui/textual_compat.py
(or the override named) must be rewritten for the new release.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from rich.text import Text
from textual import events
from textual.app import App
from textual.widgets import Checkbox, SelectionList

from rootwork.state.store import Store
from rootwork.tui.textual_compat import CrashHook, close_after_crash
from tests.tui.conftest import SIZE, make_app


def test_textual_is_the_minor_version_pinned():
    # Fails on an upgrade: check every function of tui/textual_compat.py against the new release, then move the pin.
    assert version("textual").split(".")[:2] == ["8", "2"]


def test_textual_still_calls_handle_exception_with_the_private_state_close_after_crash_sets():
    # CrashHook overrides App._handle_exception; Textual must still call it by that name.
    source = inspect.getsource(App)
    assert "self._handle_exception(" in source
    assert "_handle_exception" in vars(CrashHook)
    handler = inspect.getsource(App._handle_exception) + inspect.getsource(App._fatal_error)
    for name in ("_return_code", "_exception", "_exception_event", "_exit_renderables", "_close_messages_no_wait"):
        assert name in handler, name


async def test_close_after_crash_ends_the_app_with_code_1_and_the_message(store: Store) -> None:
    app = make_app(store)
    error = RuntimeError("boom")
    with pytest.raises(RuntimeError, match="boom"):  # a pilot test re-raises the app's first error
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            close_after_crash(app, error, Text("said once"))
            assert app._exit_renderables[-1].plain == "said once"  # printed once the app has closed
            await pilot.pause()
    assert app.return_code == 1 and not app.is_running


def test_selection_lists_still_draw_the_checkbox_glyph_tick_list_replaces():
    # tui/widgets/ticklist.py looks for Checkbox.BUTTON_INNER in each line SelectionList draws.
    assert "BUTTON_INNER" in inspect.getsource(SelectionList)
    assert isinstance(Checkbox.BUTTON_INNER, str) and len(Checkbox.BUTTON_INNER) == 1


def test_key_handlers_before_textual_s_own_can_prevent_them():
    # TextField and LineField (tui/widgets/text_fields.py) handle a key in on_key; Textual's _on_key
    # must still come after and be skipped by prevent_default.
    from textual.message_pump import MessagePump

    assert "_no_default_action" in inspect.getsource(MessagePump._get_dispatch_methods)


async def type_keys(pilot, *characters: str) -> None:
    """Each character as the terminal sends it (the pilot's press drops a joiner's character)."""
    for character in characters:
        pilot.app.post_message(events.Key(f"key_{ord(character):x}", character))
        await pilot.pause()


async def test_a_joiner_typed_as_a_key_is_kept_in_the_editor_fields(store: Store) -> None:
    from textual.widgets import Input, TextArea

    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        critic = app.screen.query_one("#critic", TextArea)
        critic.focus()
        await type_keys(pilot, "a", "\u200d", "b")
        await pilot.pause()
        assert critic.text == "a\u200db"
        voice = app.screen.query_one("#voice", Input)
        voice.focus()
        await type_keys(pilot, "x", "\u200e", "y")
        await pilot.pause()
        assert voice.value == "x\u200ey"


@pytest.mark.parametrize("theme", ["textual-dark", "nord"])
async def test_a_new_mode_screen_is_not_given_a_full_restyle_yet_wears_the_current_theme(
    store: Store, theme: str
) -> None:
    # skip_restyling_a_new_screen relies on Textual re-parsing the style sheet only in refresh_css,
    # and on a new screen being styled when it mounts.
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    assert "_css_update_count" in inspect.getsource(App._init_mode)
    reparsed = []

    class CountedStylesheet(Stylesheet):
        def reparse(self) -> None:
            reparsed.append(1)
            super().reparse()

    store.set_setting("theme", theme)  # nord: a theme change restored before the first screen
    app = make_app(store)
    app.stylesheet = CountedStylesheet(variables=app.get_css_variables())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if theme == "textual-dark":
            # One re-parse adds Today's own sheet (its CSS_PATH, read when it is first shown);
            # Textual alone would re-parse twice more for a new mode screen.
            assert reparsed == [1]
        assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])
        for other, key in (("gruvbox", "c"), ("textual-light", "m")):
            app.theme = other
            await pilot.press(key)  # a new screen right after a theme change
            await pilot.pause()
            assert app.theme == other
            assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])


async def test_the_compact_footer_gives_its_keys_the_classes_textuals_compact_footer_does() -> None:
    # tui/widgets/footer.py makes each key with the class Textual's data binding would give it.
    from textual.binding import Binding
    from textual.widgets import Footer

    from rootwork.tui.textual_compat import FooterKey
    from rootwork.tui.widgets.footer import COMPACT_CLASS, CompactFooter

    class Keys(App[None]):
        BINDINGS = [Binding("a", "bell", "Ring"), Binding("b", "bell", "Ring again")]

        def __init__(self, footer: Footer) -> None:
            super().__init__()
            self.footer = footer

        def compose(self):
            yield self.footer

    seen = []
    for footer in (Footer(compact=True), CompactFooter()):
        app = Keys(footer)
        async with app.run_test(size=(60, 3)) as pilot:
            for _ in range(50):  # the footer fills in once the screen says which keys it has
                if keys := list(app.query(FooterKey)):
                    break
                await pilot.pause()
            seen.append([(key.key, sorted(key.classes)) for key in keys])
    assert seen[0] == seen[1] and seen[0]
    assert all(COMPACT_CLASS in classes for _key, classes in seen[0])

"""The footer every screen shows (tui/widgets/footer.py): rebuilt when its keys change, only then."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from rootwork.tui.textual_compat import FooterKey
from rootwork.tui.widgets.footer import CompactFooter


class CountingFooter(CompactFooter):
    builds = 0

    def compose(self) -> ComposeResult:
        type(self).builds += 1
        yield from super().compose()


class Form(App[None]):
    # Function keys: a focused text field keeps printable keys, and the footer leaves those out.
    BINDINGS = [Binding("f2", "undo", "Undo"), Binding("f3", "save", "Save")]

    def __init__(self) -> None:
        super().__init__()
        self.can_undo = False

    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")
        yield CountingFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_undo if action == "undo" else True

    def action_undo(self) -> None:
        pass


def keys(app: App) -> list[str]:
    return [key.key for key in app.query(FooterKey)]


async def settled(pilot, condition) -> bool:
    for _ in range(50):
        if condition():
            return True
        await pilot.pause()
    return False


async def test_moving_between_fields_with_the_same_keys_keeps_the_footer_and_new_keys_rebuild_it() -> None:
    app = Form()
    async with app.run_test(size=(60, 6)) as pilot:
        assert await settled(pilot, lambda: "f3" in keys(app))
        assert "f2" not in keys(app)
        built = CountingFooter.builds
        for field in ("#second", "#first", "#second"):
            app.query_one(field).focus()
            await pilot.pause()
        await pilot.pause()
        assert CountingFooter.builds == built  # the same keys each time: not rebuilt
        app.can_undo = True
        app.screen.refresh_bindings()
        assert await settled(pilot, lambda: "f2" in keys(app))  # a key came: rebuilt
        assert CountingFooter.builds == built + 1
        app.can_undo = False
        app.screen.refresh_bindings()
        assert await settled(pilot, lambda: "f2" not in keys(app))

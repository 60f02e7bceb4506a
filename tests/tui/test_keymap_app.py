"""A keymap file changes the app's keys; a bad one changes nothing and says so once."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from rootwork.state.store import Store
from rootwork.tui.keymap import load_keymap
from tests.tui.conftest import SIZE, make_app


def keymap_file(tmp_path, text: str):
    path = tmp_path / "keymap.toml"
    path.write_text(text)
    return load_keymap(path)


async def test_a_keymap_moves_today_from_t_to_y(store: Store, tmp_path) -> None:
    app = make_app(store, start_mode="causes", keymap=keymap_file(tmp_path, '[keys]\n"app.today" = "y"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.current_mode == "causes"
        await pilot.press("y")
        await pilot.pause()
        assert app.current_mode == "today"
        assert not [n for n in app._notifications if n.title == "About your keys"]


async def test_the_footer_shows_the_new_key(store: Store, tmp_path) -> None:
    app = make_app(store, start_mode="month", keymap=keymap_file(tmp_path, '[keys]\n"month.insights" = "ctrl+g"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = {
            binding.key: binding.action
            for binding in (active.binding for active in app.screen.active_bindings.values())
        }
        assert shown.get("ctrl+g") == "insights" and "g" not in shown and "v" not in shown


async def test_a_remapped_letter_still_types_in_a_text_field(store: Store, tmp_path) -> None:
    app = make_app(store, start_mode="checkin", keymap=keymap_file(tmp_path, '[keys]\n"app.today" = "y"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press("y", "e", "s")
        await pilot.pause()
        assert app.current_mode == "checkin"
        assert app.screen.query_one("#note", TextArea).text == "yes"
        app.screen.query_one("#gratitude", Input).focus()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.query_one("#gratitude", Input).value == "y"


async def test_a_shared_id_changes_every_form(store: Store, tmp_path) -> None:
    app = make_app(store, start_mode="checkin", keymap=keymap_file(tmp_path, '[keys]\n"form.save" = "f2"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = {active.binding.action: key for key, active in app.screen.active_bindings.items()}
        assert keys["save"] == "f2"


async def test_a_bad_keymap_is_reported_once_and_the_standard_keys_work(store: Store, tmp_path) -> None:
    loaded = keymap_file(tmp_path, '[keys]\n"app.today" = "y"\n"app.todya" = "u"\n')
    app = make_app(store, start_mode="causes", keymap=loaded)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = [n for n in app._notifications if n.title == "About your keys"]
        assert len(notices) == 1
        assert "app.todya" in notices[0].message and not notices[0].markup
        await pilot.press("y")
        await pilot.pause()
        assert app.current_mode == "causes"
        await pilot.press("t")
        await pilot.pause()
        assert app.current_mode == "today"
        assert len([n for n in app._notifications if n.title == "About your keys"]) == 1


async def test_a_keymap_that_is_not_toml_never_stops_the_app(store: Store, tmp_path) -> None:
    app = make_app(store, keymap=keymap_file(tmp_path, "\x00\x01 not toml [[["))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "today"
        assert any("not TOML" in n.message for n in app._notifications)

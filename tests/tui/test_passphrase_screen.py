"""Changing the passphrase in the app: the current one checked, the new one twice, a weak one confirmed, escape safe."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from rootwork.state.encryption.identity import unwrap
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.screens.passphrase import PassphraseScreen
from rootwork.tui.screens.settings import SettingsScreen
from tests.encrypting import PASS, encrypt, key_codec

from .conftest import TODAY, make_app

NEW = "four quiet words here"


def encrypted_store(folder: Path) -> Store:
    store = Store.open(folder)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="hello"))
    encrypt(store)
    return Store.open(folder, codec=key_codec())


async def fill(pilot, current: str, new: str, again: str) -> None:
    for key, value in (("current", current), ("new", new), ("again", again)):
        pilot.app.screen.query_one(f"#passphrase-{key}", Input).value = value
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#unlock-status", Static).render())


async def test_settings_opens_it_and_a_wrong_current_passphrase_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = encrypted_store(folder)
    identity = (folder / "identity.age").read_bytes()
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        journal = {p: p.read_bytes() for p in folder.rglob("*.json")}  # as the opened app left them
        app.push_screen(SettingsScreen())
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        await fill(pilot, "not it", NEW, NEW)
        assert "not your current passphrase" in status(app)
        assert (folder / "identity.age").read_bytes() == identity
        await fill(pilot, PASS, NEW, "something else")
        assert "differ" in status(app)
        await fill(pilot, PASS, "short", "short")
        assert "weak" in status(app) and "ctrl+s again" in status(app)
        assert (folder / "identity.age").read_bytes() == identity
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert (folder / "identity.age").read_bytes() == identity
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == journal


async def test_the_right_current_one_changes_identity_age_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = encrypted_store(folder)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        journal = {p: p.read_bytes() for p in folder.rglob("*.json")}  # as the opened app left them
        app.push_screen(PassphraseScreen())
        await pilot.pause()
        await fill(pilot, PASS, NEW, NEW)
        assert not isinstance(app.screen, PassphraseScreen)
    assert unwrap((folder / "identity.age").read_bytes(), NEW)
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == journal


async def test_the_three_fields_typed_in_one_burst_land_each_in_its_own(tmp_path: Path) -> None:
    from textual import events

    folder = tmp_path / "data"
    store = encrypted_store(folder)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(PassphraseScreen())
        await pilot.pause()
        keys = [*PASS, "enter", *NEW, "enter", *NEW, "enter"]
        for key in keys:  # all posted before any is handled, as one write from a terminal
            name = {"enter": "enter", " ": "space"}.get(key, key)
            app.post_message(events.Key(name, "\r" if key == "enter" else key))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, PassphraseScreen)
    assert unwrap((folder / "identity.age").read_bytes(), NEW)

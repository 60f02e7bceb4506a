"""The passphrase screen: wrong, then right; no limit on tries; escape quits with the journal still locked."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from rootwork.state.encryption.codec import FileCodec
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.screens.unlock import EMPTY, WRONG
from rootwork.tui.unlock import UnlockApp
from tests.encrypting import PASS, encrypt, key_codec

from .conftest import TODAY


def locked_journal(folder: Path) -> Path:
    store = Store.open(folder)
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=4, note="hello"))
    encrypt(store)
    return folder


def opener(folder: Path):
    return lambda passphrase: Store.open(folder, codec=FileCodec(passphrase))  # scrypt on identity.age, each try


async def submit(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#passphrase", Input)
    field.value = text
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def status(app) -> str:
    return str(app.screen.query_one("#unlock-status", Static).render())


async def test_a_wrong_passphrase_says_so_and_the_right_one_opens(tmp_path: Path) -> None:
    folder = locked_journal(tmp_path / "data")
    app = UnlockApp(opener(folder), folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await submit(pilot, "")
        assert status(app) == EMPTY
        for _ in range(2):  # no limit
            await submit(pilot, "not it")
            assert status(app) == WRONG
            field = app.screen.query_one("#passphrase", Input)
            assert field.value == "" and not field.disabled and field.has_focus
        assert app.screen.query_one("#passphrase", Input).password  # never shown as typed
        await submit(pilot, PASS)
    store = app.return_value
    assert isinstance(store, Store) and store.checkin_for(TODAY).note == "hello"


async def test_escape_quits_with_nothing_opened_and_the_users_keys_apply(tmp_path: Path) -> None:
    from rootwork.tui.keymap import LoadedKeymap

    folder = locked_journal(tmp_path / "data")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    app = UnlockApp(opener(folder), folder, LoadedKeymap(keys={"unlock.quit": "f10"}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # remapped: no longer quits
        await pilot.pause()
        assert app.is_running
        await pilot.press("f10")
        await pilot.pause()
    assert app.return_value is None
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


async def test_the_app_runs_on_the_unlocked_journal_and_its_saves_stay_encrypted(tmp_path: Path) -> None:
    from rootwork.state.encryption.codec import is_encrypted

    from .conftest import make_app

    folder = locked_journal(tmp_path / "data")
    store = Store.open(folder, codec=key_codec())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.store_call(store.save_checkin, Checkin(day=TODAY, mood=5, intensity=1, note="typed in the app"))
        await pilot.pause()
    raw = (folder / "rootwork.json").read_bytes()
    assert is_encrypted(raw) and b"typed in the app" not in raw
    assert Store.open(folder, codec=key_codec()).checkin_for(TODAY).note == "typed in the app"

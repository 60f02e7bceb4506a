"""The app shell: modes by key, the cause browser, help and safety, the first-run disclaimer."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from rootwork.state.store import Store
from tests.tui.conftest import SIZE, make_app


def detail_text(app) -> str:
    return app.screen.query_one("#detail-body", Static).render().plain


async def test_global_keys_switch_modes(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "today"
        for key, mode in [
            ("c", "causes"),
            ("r", "reframes"),
            ("p", "practices"),
            ("m", "month"),
            ("question_mark", "help"),
            ("i", "checkin"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode, key
        # The check-in form holds the letter keys; escape leaves it (nothing typed, so nothing asked).
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert app.current_mode == "today"
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_cause_browser_shows_every_cause_with_all_sections(store: Store) -> None:
    app = make_app(store, start_mode="causes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "What insecurity is" in detail_text(app)
        entries = app.screen.query_one("#cause-list", OptionList)
        seen = []
        for _ in range(len(app.library.causes)):
            await pilot.press("down")
            await pilot.pause()
            text = detail_text(app)
            cause = app.screen.current_cause
            if cause is None:
                continue
            seen.append(cause.id)
            for section in ("What it is", "How it creates insecurity", "How it shows up", "Ways to heal it"):
                assert section in text, (cause.id, section)
            for manifestation in cause.manifestations:
                assert manifestation.text in text
            practices = app.screen.query_one("#practice-list", OptionList)
            shown = [practices.get_option_at_index(i).id for i in range(practices.option_count)]
            assert [i for i in shown if i] == [p.id for p in cause.practices]
            if cause.professional_note:
                assert cause.professional_note in text
        assert seen == [c.id for c in app.library.causes]
        assert entries.highlighted is not None
        await pilot.press("down")
        await pilot.pause()
        assert "healing journey" in detail_text(app).lower()
        await pilot.press("down")
        await pilot.pause()
        assert app.library.visualisation[0] in detail_text(app)


async def test_adopt_from_a_cause_and_again(store: Store) -> None:
    app = make_app(store, start_mode="causes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter", "down")  # cause 1, into its practices, the second one
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        second = app.library.causes[0].practices[1]
        assert [item.practice_id for item in store.plan()] == [second.id]
        assert store.plan()[0].schedule.due == app.today
        await pilot.press("a")
        await pilot.pause()
        assert len(store.plan()) == 1
        assert any("already in your practices" in str(n.message) for n in app._notifications)


async def test_help_shows_keys_and_safety(store: Store) -> None:
    app = make_app(store, start_mode="help")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.screen.query_one("#help-body", Static).render().plain
        assert "ctrl+p" in text and "Command palette" in text
        assert app.library.safety.crisis_lines.splitlines()[0] in text
        assert app.library.safety.disclaimer.splitlines()[0] in text
        assert "988" in text


async def test_disclaimer_is_shown_once(tmp_path) -> None:
    store = Store.open(tmp_path)
    app = make_app(store, acknowledged=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "DisclaimerScreen"
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ != "DisclaimerScreen"
    reopened = Store.open(tmp_path)
    assert reopened.disclaimer_acknowledged()
    app = make_app(reopened, acknowledged=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ != "DisclaimerScreen"

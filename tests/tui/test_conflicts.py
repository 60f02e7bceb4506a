"""A form saving over a change made elsewhere meanwhile (issue 13): merged, or asked about side by side."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import RadioButton, RadioSet, Static, TextArea

from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from rootwork.tui.screens.checkin import CheckinScreen
from rootwork.tui.screens.reframe_editor import ReframeEditorScreen
from rootwork.tui.widgets.conflict import ConflictScreen
from tests.tui.conftest import SIZE, TODAY, make_app


def shell_saves(data_dir: Path, **changes) -> None:
    """What ``rootwork checkin --note ...`` does in another process: its own Store on the same folder."""
    other = Store.open(data_dir)
    other.save_checkin(replace(other.checkin_for(TODAY), **changes))


def sides(screen: ConflictScreen) -> list[str]:
    return [str(panel.render()) for panel in screen.query(".conflict-side").results(Static)]


@pytest.fixture
def journal(tmp_path: Path) -> tuple[Path, Store]:
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    store.save_checkin(Checkin(TODAY, mood=3, intensity=5, note="morning"))
    return data_dir, store


async def test_a_note_saved_from_the_shell_survives_a_mood_change_in_the_form(journal):
    data_dir, store = journal
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        shell_saves(data_dir, note="from the shell")
        await pilot.press("1", "ctrl+s")  # the mood, focused first
        await pilot.pause()
        assert not isinstance(app.screen, CheckinScreen)
    saved = Store.open(data_dir).checkin_for(TODAY)
    assert (saved.mood, saved.note) == (1, "from the shell")


async def open_conflict(pilot, app, data_dir: Path) -> ConflictScreen:
    await pilot.press("i")
    await pilot.pause()
    shell_saves(data_dir, note="from the shell [b]not bold[/b]")
    app.screen.query_one("#note", TextArea).text = "from the form"
    await pilot.press("2", "ctrl+s")
    await pilot.pause()
    assert isinstance(app.screen, ConflictScreen)
    return app.screen


@pytest.mark.parametrize(
    "presses, note",
    [
        ((), "from the form"),
        (("right",), "from the shell [b]not bold[/b]"),
        (("right", "right"), "from the shell [b]not bold[/b]\n\nfrom the form"),
    ],
    ids=["yours", "saved", "both"],
)
async def test_both_changed_the_note_shows_both_and_saves_the_choice(journal, presses, note):
    data_dir, store = journal
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_conflict(pilot, app, data_dir)
        assert sides(dialog) == ["from the form", "from the shell [b]not bold[/b]"]  # user text, not markup
        before = (data_dir / "rootwork.json").read_bytes()
        await pilot.press("ctrl+s")  # nothing chosen yet: nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert (data_dir / "rootwork.json").read_bytes() == before
        await pilot.press(*presses, "space")
        await pilot.pause()
        ticked = [str(b.label) for b in dialog.query(RadioButton) if str(b.label).startswith("✓ ")]
        assert len(ticked) == 1  # the choice is marked by a symbol, not by colour alone
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (ConflictScreen, CheckinScreen))
    saved = Store.open(data_dir).checkin_for(TODAY)
    assert (saved.note, saved.mood) == (note, 2)


async def test_escape_from_the_conflict_returns_to_the_form_as_typed(journal):
    data_dir, store = journal
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_conflict(pilot, app, data_dir)
        before = (data_dir / "rootwork.json").read_bytes()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one("#note", TextArea).text == "from the form"
        assert app.screen.form_input().mood == 2
        assert (data_dir / "rootwork.json").read_bytes() == before
        # Saving again asks again: the shell's note is still never overwritten silently.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)


async def test_thought_record_editor_merges_and_asks(tmp_path: Path):
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    loaded = store.save_reframe(Reframe(critic="You always fail", reframe="I learn"), TODAY)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ReframeEditorScreen(loaded))
        await pilot.pause()
        other = Store.open(data_dir)
        other.save_reframe(replace(loaded, evidence_for="a missed deadline", reframe="I learn, slowly"), TODAY)
        app.screen.query_one("#reframe", TextArea).text = "I learn from mistakes"
        app.screen.query_one("#situation", TextArea).text = "the review"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen)
        assert sides(dialog) == ["I learn from mistakes", "I learn, slowly"]
        assert [c.field for c in dialog.conflicts] == ["reframe"]
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "right", "space", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    saved = Store.open(data_dir).reframe(loaded.id)
    assert (saved.situation, saved.evidence_for) == ("the review", "a missed deadline")
    assert saved.reframe == "I learn, slowly\n\nI learn from mistakes"

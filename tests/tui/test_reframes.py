"""Pilot tests of the reframes list and the thought-record editor."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Select, SelectionList, Static, TextArea

from rootwork.state.records.errors import SaveFailed, ValidationError
from rootwork.state.records.model import Reframe
from rootwork.state.records.reframes import DRAFT_NAME, ReframeForm
from rootwork.tui.screens.reframe_editor import EvidencePicker, ReframeEditorScreen
from rootwork.tui.screens.reframes import ReframesScreen, ReframeViewScreen
from rootwork.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.helpers_reframes import paste_text, shown, type_text

HOSTILE = {
    "situation": "Family dinner [/] with 👩‍👩‍👧",
    "critic": "[@click=app.quit]x[/] you are too much",
    "voice": "my father [b]",
    "belief_before": "85",
    "evidence_for": "[red]I talked a lot[/red]",
    "evidence_against": "مرحبا, they laughed with me\n$accent friends asked me back",
    "reframe": "I am enough [/] 👩‍👩‍👧 مرحبا",
    "belief_after": "30",
}


async def fill_editor(pilot, values: dict[str, str], typed: tuple[str, ...]) -> None:
    """Fill the editor: the ``typed`` fields key by key, the others pasted (a key costs the pilot 0.1 s)."""
    screen = pilot.app.screen
    for name, text in values.items():
        screen.query_one(f"#{name.replace('_', '-')}").focus()
        await (type_text if name in typed else paste_text)(pilot, text)


async def test_hostile_record_saved_found_reopened_exactly_then_deleted_and_restored(store):
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ReframeEditorScreen)
        await fill_editor(pilot, HOSTILE, typed=("critic", "belief_before"))
        editor.query_one("#cause", Select).value = "childhood-criticism"
        editor.query_one("#distortions", SelectionList).focus()
        await pilot.press("space", "down", "down", "down", "down", "space")  # all-or-nothing, labelling
        await pilot.pause()
        # The critic's words stay in sight above the reframe, literally.
        assert HOSTILE["critic"] in shown(editor.query_one("#critic-pinned", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, ReframesScreen)
        [saved] = store.reframes()
        expected = ReframeForm(
            **HOSTILE, cause_id="childhood-criticism", distortions=("all-or-nothing", "labelling"), editing_id=saved.id
        )
        assert ReframeForm.from_reframe(saved) == expected
        assert saved.day == TODAY and saved.schedule.due == TODAY
        assert store.draft(DRAFT_NAME) is None  # saving clears the draft

        # Search finds it by right-to-left text, by markup-looking text, and not by what it lacks.
        listing = app.screen
        records = listing.query_one("#reframe-list", OptionList)
        await pilot.press("slash")
        await type_text(pilot, "مرحبا")
        assert records.option_count == 1
        listing.query_one("#reframe-search", Input).value = "[@click"
        await pilot.pause()
        assert records.option_count == 1
        listing.query_one("#reframe-search", Input).value = "nothing like this"
        await pilot.pause()
        assert records.option_count == 0
        listing.query_one("#reframe-search", Input).value = "TOO MUCH"
        await pilot.pause()
        assert records.option_count == 1

        # The read view shows every field as written.
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReframeViewScreen)
        body = shown(app.screen.query_one("#reframe-view-body", Static))
        for name in ("situation", "critic", "voice", "evidence_for", "reframe"):
            assert HOSTILE[name] in body
        assert "85 before → 30 after" in body
        assert "Childhood criticism" in body or "childhood" in body.casefold()

        # Reopened in the editor, every field holds exactly what was typed.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ReframeEditorScreen)
        assert app.screen._read() == expected
        assert not app.screen.has_edits
        await pilot.press("escape")  # nothing changed: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, ReframeViewScreen)
        await pilot.press("escape")
        await pilot.pause()

        # Delete asks first, then says how to undo; undo brings it back.
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.reframes() == [] and records.option_count == 0
        assert any("Press u to undo" in n.message for n in app._notifications)
        await pilot.press("u")
        await pilot.pause()
        assert [r.id for r in store.reframes()] == [saved.id]
        assert records.option_count == 1 and listing.highlighted.id == saved.id


async def test_required_fields_bad_beliefs_and_leaving_with_edits(store):
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor and store.reframes() == []
        assert "critic" in shown(editor.query_one("#critic-error", Static))
        assert "reframe" in shown(editor.query_one("#reframe-error", Static))
        assert app.focused is editor.query_one("#critic", TextArea)

        await type_text(pilot, "You fail")
        assert shown(editor.query_one("#critic-error", Static)) == ""  # the message goes once answered
        editor.query_one("#belief-before").focus()
        await type_text(pilot, "1x5y0")  # letters are refused; 150 is out of range
        assert editor.query_one("#belief-before", Input).value == "150"
        assert "0 to 100" in shown(editor.query_one("#belief-before-error", Static))

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep writing
        await pilot.pause()
        assert app.screen is editor
        assert editor.query_one("#critic", TextArea).text == "You fail"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # leave: the edits and their draft go
        await pilot.pause()
        assert isinstance(app.screen, ReframesScreen)
        assert store.reframes() == [] and store.draft(DRAFT_NAME) is None


async def test_evidence_bank_offers_earlier_evidence_against_for_the_same_cause(store):
    store.save_reframe(
        Reframe(
            critic="Nobody likes you",
            reframe="Some people do",
            cause_id="bullying",
            evidence_against="Sam invited me\n- Ana called on my birthday",
        ),
        TODAY,
    )
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert not editor.query_one("#evidence-bank").display
        editor.query_one("#cause", Select).value = "bullying"
        await pilot.pause()
        assert "Ana called on my birthday" in shown(editor.query_one("#evidence-bank", Static))
        editor.query_one("#evidence-against").focus()
        await paste_text(pilot, "I have a friend")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, EvidencePicker)
        await pilot.press("down", "enter")  # newest first: the second piece is Ana's call
        await pilot.pause()
        assert editor.query_one("#evidence-against", TextArea).text == "I have a friend\nAna called on my birthday"


async def test_a_failed_save_says_why_and_keeps_the_form(store, monkeypatch):
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#critic").focus()
        await paste_text(pilot, "You are [b]nothing[/b]")
        editor.query_one("#reframe").focus()
        await paste_text(pilot, "I am someone")

        def refuse(*args, **kwargs):
            raise ValidationError("critic's words", "The critic's words must be text.")

        monkeypatch.setattr(store, "save_reframe", refuse)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor and app.focused is editor.query_one("#critic")
        assert app._notifications and list(app._notifications)[-1].message == "The critic's words must be text."

        def disk_full(*args, **kwargs):
            raise SaveFailed("Could not write the journal: no space left on the disk")

        monkeypatch.setattr(store, "save_reframe", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "no space left" in list(app._notifications)[-1].message
        assert editor._read().critic == "You are [b]nothing[/b]" and editor._read().reframe == "I am someone"

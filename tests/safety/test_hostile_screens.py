"""Hostile text pasted and typed into every text field of every screen (an app per screen or part of the corpus).

Pasting is how most of this text arrives: a terminal sends control bytes inside
a bracketed paste as they are. A few strings are typed key by key. Every string
is put in every field and the screen is checked; every eighth (twelfth in the
thought-record editor) is also saved through the form, checked in the store
against ``clean_text`` and checked to be shown back literally.
"""

from __future__ import annotations

import re

import pytest
from textual import events
from textual.widgets import Input, Static, TextArea

from rootwork.state.records.text import FIELD_MAX, NOTE_MAX, SHORT_MAX, clean_text, remove_controls
from rootwork.tui.screens.checkin import CheckinScreen
from rootwork.tui.screens.reframe_editor import ReframeEditorScreen
from rootwork.tui.screens.reframes import ReframesScreen
from tests.safety.corpus import CORPUS, HUGE_PASTE
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.helpers_reframes import type_text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SAVE_EVERY = 8  # saving changes screens and back, the slow part: every eighth string
EDITOR_SAVE_EVERY = 12  # a saved editor closes and a new one opens: slower still
TYPE_EVERY = 60  # key presses cost the pilot about 0.1 s each
FOCUS_RUN = 20  # strings in a row pasted through the app into one field (moving the focus is slow)
# The corpus is gone through in PARTS tests of consecutive strings, each in its own app, so
# that the two CPUs share these (a whole corpus in one editor took 12 s, the suite's tail).
# A string's rules above go by its place in the whole corpus, as before the split.
PARTS = 2


def in_part(n: int, part: int) -> bool:
    return n * PARTS // len(CORPUS) == part


def screen_text(app) -> str:
    """Every character the screen would send to the terminal now, row by row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_screen_clean(app, text: str) -> None:
    shown = screen_text(app)
    assert not CONTROL.search(shown), (text, CONTROL.findall(shown))


def visible_start(text: str, width: int = 12) -> str:
    """The first characters of the first line, when plain enough to find on screen as they are.

    Combining marks, joiners and wide characters take cells differently from
    characters, so those strings are checked in the widgets, not on screen.
    """
    first = text.split("\n", 1)[0][:width]
    simple = all(ch.isprintable() and ord(ch) < 0x300 for ch in first)
    return first if simple and first.strip() else ""


def first_line(text: str) -> str:
    """What a one-line field keeps of a paste: its first line."""
    lines = text.splitlines()
    return lines[0] if lines else ""


async def put(pilot, *pairs, through_app: int = 0) -> None:
    """Empty each widget and paste its text into it; then let the app catch up once.

    The paste into ``pairs[through_app]`` takes the whole way a terminal's paste
    does: the app's event handler (which drops control bytes) hands it to the
    focused widget. The others get the text as that paste would leave it, set
    directly: pasting into a text area moves the focus to it, and each focus
    change rebuilds the footer, which made this test ten times slower.
    """
    app = pilot.app
    for n, (widget, text) in enumerate(pairs):
        if isinstance(widget, TextArea):
            widget.load_text("")
        else:
            widget.value = ""
        if n == through_app % len(pairs):
            if app.focused is not widget:
                app.set_focus(widget, scroll_visible=False)
            await app.on_event(events.Paste(text))
            waiting_for = widget, text
        elif isinstance(widget, TextArea):
            widget.load_text(remove_controls(text))
        else:
            widget.insert_text_at_cursor(first_line(remove_controls(text)))  # keeps to max_length
    # The paste reaches its widget through two message queues: wait until it has.
    widget, text = waiting_for
    for _ in range(100):
        await pilot.pause(0)
        if value_of(widget) == as_pasted(widget, text):
            break


def value_of(widget) -> str:
    return widget.text if isinstance(widget, TextArea) else widget.value


def as_pasted(widget, text: str) -> str:
    """What a paste of ``text`` into the empty ``widget`` leaves there."""
    if isinstance(widget, TextArea):
        return remove_controls(text)
    line = first_line(remove_controls(text))  # one line; over max_length it is not taken
    return line if not widget.max_length or len(line) <= widget.max_length else ""


@pytest.mark.parametrize("part", range(PARTS))
async def test_checkin_note_and_gratitude(part: int) -> None:
    app = make_app(start_mode="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "tab", "4")
        for n, text in enumerate(CORPUS):
            if not in_part(n, part):
                continue
            screen = app.screen
            assert isinstance(screen, CheckinScreen)
            note, gratitude = screen.query_one("#note", TextArea), screen.query_one("#gratitude", Input)
            if n % TYPE_EVERY == 0:
                text = text[:12]  # typed key by key: kept short
                note.load_text("")
                note.focus()
                await type_text(pilot, text)
                await put(pilot, (gratitude, text))
            else:
                await put(pilot, (note, text), (gratitude, text), through_app=n // FOCUS_RUN)
            assert note.text == remove_controls(text), text
            assert gratitude.value == first_line(remove_controls(text)), text
            assert_screen_clean(app, text)
            if n % SAVE_EVERY:
                continue
            await screen.action_save()
            await pilot.pause(0)
            saved = app.store.checkin_for(TODAY)
            assert saved.note == clean_text(text, max_len=NOTE_MAX, field="note"), text
            assert saved.gratitude == clean_text(gratitude.value, max_len=NOTE_MAX, field="gratitude"), text
            await app.switch_mode("checkin")  # back to the form, which loads what was stored
            await pilot.pause(0)
            assert app.screen.query_one("#note", TextArea).text == saved.note
            start = visible_start(saved.note)
            assert not start or start in screen_text(app), (text, start)


async def test_checkin_refuses_a_megabyte_pasted() -> None:
    app = make_app(start_mode="checkin")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "tab", "4")
        # A check-in saved first (as the corpus test above leaves one), for the refused save to keep.
        await put(pilot, (app.screen.query_one("#note", TextArea), "an ordinary day"))
        await app.screen.action_save()
        await pilot.pause(0)
        await app.switch_mode("checkin")
        await pilot.pause(0)
        before = app.store.checkin_for(TODAY)
        assert before.note == "an ordinary day"
        # A megabyte pasted: refused with the reason; the form keeps it; the day's check-in is as it was.
        await put(pilot, (app.screen.query_one("#note", TextArea), HUGE_PASTE))
        await app.screen.action_save()
        await pilot.pause(0)
        assert "the limit is 10,000" in str(list(app._notifications)[-1].message)
        assert app.screen.query_one("#note", TextArea).text == remove_controls(HUGE_PASTE)
        assert app.store.checkin_for(TODAY) == before


REFRAME_FIELDS = {  # widget id -> (field, limit)
    "situation": ("situation", FIELD_MAX),
    "critic": ("critic", NOTE_MAX),
    "voice": ("voice", SHORT_MAX),
    "evidence-for": ("evidence_for", FIELD_MAX),
    "evidence-against": ("evidence_against", FIELD_MAX),
    "reframe": ("reframe", NOTE_MAX),
}


@pytest.mark.parametrize("part", range(PARTS))
async def test_reframe_editor_fields_and_the_list_that_shows_them(part: int) -> None:
    app = make_app(start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for n, text in enumerate(CORPUS):
            if not in_part(n, part):
                continue
            editor = app.screen
            assert isinstance(editor, ReframeEditorScreen)
            widgets = [editor.query_one(f"#{widget_id}") for widget_id in REFRAME_FIELDS]
            await put(pilot, *((widget, text) for widget in widgets), through_app=n // FOCUS_RUN)
            for widget in widgets:
                assert value_of(widget) == as_pasted(widget, text), (widget.id, text)
            assert_screen_clean(app, text)
            if n % EDITOR_SAVE_EVERY:
                continue
            voice = editor.query_one("#voice", Input).value
            critic = clean_text(text, max_len=NOTE_MAX, field="critic")
            known = {r.id for r in app.store.reframes()}
            await editor.action_save()
            await pilot.pause(0)
            if not critic or len(clean_text(voice, max_len=10**6, field="voice")) > SHORT_MAX:
                # Empty once cleaned (or a voice over its limit): refused, with the form kept.
                assert app.screen is editor and {r.id for r in app.store.reframes()} == known
                assert_screen_clean(app, text)
                continue
            assert isinstance(app.screen, ReframesScreen), text
            [saved] = [r for r in app.store.reframes() if r.id not in known]
            for _widget_id, (field, limit) in REFRAME_FIELDS.items():
                typed = voice if field == "voice" else text
                assert getattr(saved, field) == clean_text(typed, max_len=limit, field=field), (field, text)
            preview = str(app.screen.query_one("#reframe-preview-body", Static).render())
            start = visible_start(saved.critic)
            assert not start or start in preview, (text, start)
            assert_screen_clean(app, text)
            app.screen.action_new()
            await pilot.pause()  # a new editor mounts and settles its focus


async def test_reframes_search() -> None:
    app = make_app(start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        search = app.screen.query_one("#reframe-search", Input)
        for text in CORPUS:
            await put(pilot, (search, text))
            assert search.value == first_line(remove_controls(text))
            assert_screen_clean(app, text)


async def test_practices_catalogue_filter() -> None:
    app = make_app(start_mode="practices")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        box = app.screen.query_one("#catalogue-filter", Input)
        for n, text in enumerate(CORPUS):
            if n % TYPE_EVERY == 0:
                text = first_line(text)[:12]  # typed key by key: kept short
                box.value = ""
                box.focus()
                await type_text(pilot, text)
            else:
                await put(pilot, (box, text))
            assert box.value == first_line(remove_controls(text)), text
            assert_screen_clean(app, text)
            empty = app.screen.query_one("#catalogue-empty", Static)
            start = visible_start(box.value.strip())
            if empty.display and start:
                assert start in str(empty.render()), (text, start)

"""Issue 14, "at any size": rough edges of Causes, Practices, Reframes, dialogs, the self-check and the check-in."""

from __future__ import annotations

import html
import re

from textual.widgets import Input, OptionList

from rootwork.content import load_library
from rootwork.state.records.model import Reframe
from rootwork.tui.screens.rehearse import RehearseScreen
from rootwork.tui.widgets.confirm import ConfirmScreen
from tests.tui.conftest import SIZE, TODAY, make_app
from tests.tui.test_selfcheck import open_selfcheck

LIBRARY = load_library()
SVG_TEXT = re.compile(r'<text [^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)">(.*?)</text>')


def on_screen(app) -> str:
    """What the terminal shows, every layer (a dialog and the screen behind it), line by line."""
    lines: dict[int, str] = {}
    for line, text in SVG_TEXT.findall(app.export_screenshot()):
        lines[int(line)] = lines.get(int(line), "") + html.unescape(text).replace("\xa0", " ")
    return "\n".join(lines[n] for n in sorted(lines))


async def test_going_back_a_page_in_the_self_check_keeps_the_highlight_where_it_was(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_selfcheck(pilot)
        await pilot.press("enter")  # Begin
        await pilot.press("down", "down", "down", "space", "n")
        await pilot.pause()
        checklist = screen.query_one("#selfcheck-list")
        assert (screen.progress.page, checklist.highlighted) == (1, 0)  # a new page starts at its top
        await pilot.press("p")
        await pilot.pause()
        assert (screen.progress.page, checklist.highlighted) == (0, 3)
        await pilot.press("up")  # the first arrow moves from there, not round to the last item
        await pilot.pause()
        assert checklist.highlighted == 2


async def test_the_check_in_form_names_the_day_it_is_for():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        intensity, signs = form.query_one("#intensity"), form.query_one("#signs")
        assert intensity.border_title == "How insecure today"
        assert signs.border_title == "Signs noticed today (space ticks)"

        form.query_one("#checkin-date", Input).value = "2026-11-24"
        await pilot.pause()
        assert intensity.border_title == "How insecure on Tue 24 Nov"
        assert signs.border_title == "Signs noticed on Tue 24 Nov (space ticks)"
        assert "How insecure on Tue 24 Nov" in on_screen(app)

        form.query_one("#checkin-date", Input).value = TODAY.isoformat()
        await pilot.pause()
        assert intensity.border_title == "How insecure today"


async def test_a_confirmation_keeps_what_it_is_about_visible_behind_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("3", "escape")  # something typed: leaving asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        shown = on_screen(app)
        assert "Leave without saving?" in shown
        assert "Mood" in shown and "Check-in" in shown  # the form, behind the dialog
        dialog = app.screen.query_one("#confirm")
        assert dialog.region.width <= 64 and dialog.region.height <= 12
        assert abs(dialog.region.center[0] - 40) <= 1 and abs(dialog.region.center[1] - 12) <= 1


def practice_lines(screen) -> list[str]:
    practices = screen.query_one("#practice-list", OptionList)
    return [str(practices.get_option_at_index(i).prompt) for i in range(practices.option_count)]


async def test_a_on_the_cause_list_lets_you_choose_a_practice_instead_of_adopting_the_first(store):
    app = make_app(store, start_mode="causes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "a")  # the first cause, with the focus still on the list
        await pilot.pause()
        assert store.plan() == []  # nothing the user did not highlight
        practices = app.screen.query_one("#practice-list", OptionList)
        assert app.focused is practices
        assert "Choose one of its practices" in list(app._notifications)[-1].message
        await pilot.press("down", "a")
        await pilot.pause()
        assert [item.practice_id for item in store.plan()] == [LIBRARY.causes[0].practices[1].id]


async def test_causes_mark_the_practices_already_adopted_with_a_tick_and_words(store):
    first, second = LIBRARY.causes[0].practices[:2]
    store.adopt(first.id, TODAY)
    app = make_app(store, start_mode="causes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await pilot.pause()
        lines = practice_lines(app.screen)
        assert lines[0].startswith(f"{first.name}   ✓ in your practices\n")
        assert lines[1].startswith(f"{second.name}\n") and "✓" not in lines[1] and "in your practices" not in lines[1]
        # Adopting marks it straight away and keeps the highlight where it was.
        await pilot.press("right", "down", "a")
        await pilot.pause()
        lines = practice_lines(app.screen)
        assert lines[1].startswith(f"{second.name}   ✓ in your practices\n")
        assert app.screen.query_one("#practice-list", OptionList).highlighted == 1
        # A practice removed elsewhere loses its mark when Causes is shown again.
        store.remove_plan_item(store.plan()[0].id)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert "✓" not in practice_lines(app.screen)[0]


def highlighted_practice(screen) -> str:
    return screen.current.item.practice_id


async def test_after_a_rating_the_highlight_moves_to_the_next_practice_still_due(store):
    a, b, c, d = (p.id for p in LIBRARY.causes[0].practices[:4])
    for practice_id in (a, b, c, d):
        store.adopt(practice_id, TODAY)
    app = make_app(store, start_mode="practices")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        order = [row.item.practice_id for row in screen._rows]  # all four due, in the table's order
        assert highlighted_practice(screen) == order[0]
        await pilot.press("3")  # done: it moves down the table, the highlight does not follow it
        await pilot.pause()
        assert highlighted_practice(screen) == order[1]
        await pilot.press("down", "4")  # the third of the due ones; the fourth takes its place
        await pilot.pause()
        assert highlighted_practice(screen) == order[3]
        await pilot.press("s")  # the last due one: back to the first still due
        await pilot.pause()
        assert highlighted_practice(screen) == order[1]
        await pilot.press("2")  # nothing left due: the highlight stays on what was just done
        await pilot.pause()
        assert highlighted_practice(screen) == order[1]
        assert "Next on" in str(screen.query_one("#practices-detail-body").render())


async def footer_says(pilot, text: str, shown: bool = True) -> bool:
    """Whether ``text`` comes to be (or stops being) on screen within a few pauses.

    A footer is rebuilt after the screen's next refresh once its keys change, which one
    pause does not always reach on a busy machine.
    """
    for _ in range(20):
        if (text in on_screen(pilot.app)) == shown:
            return True
        await pilot.pause()
    return False


def save_records(store, *critics: str) -> list:
    return [store.save_reframe(Reframe(critic=c, reframe=f"Not so: {c}"), TODAY) for c in critics]


async def test_deleting_a_reframe_asks_first_and_then_offers_undo_in_the_footer(store):
    kept, other = save_records(store, "You always fail", "Nobody likes you")
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen
        assert "Undo delete" not in on_screen(app)  # nothing to undo yet
        target = listing.highlighted
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the thought record" in on_screen(app) and len(store.reframes()) == 2
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert app.screen is listing and len(store.reframes()) == 2
        await pilot.press("d", "y")
        await pilot.pause()
        assert [r.id for r in store.reframes()] == [r.id for r in (kept, other) if r.id != target.id]
        assert await footer_says(pilot, "u Undo delete")
        await pilot.press("u")
        await pilot.pause()
        assert len(store.reframes()) == 2 and await footer_says(pilot, "Undo delete", shown=False)

        # From the read view too: it asks over the record, then goes back to the list.
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and len(store.reframes()) == 2
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is view
        await pilot.press("d", "enter")  # enter presses the safe answer: nothing is deleted
        await pilot.pause()
        assert app.screen is view and len(store.reframes()) == 2
        await pilot.press("d", "y")  # the destructive answer has its own key
        await pilot.pause()
        assert app.screen is listing and len(store.reframes()) == 1
        assert await footer_says(pilot, "u Undo delete")


async def test_escape_in_the_search_clears_it_and_h_rehearses_what_the_search_shows(store):
    save_records(store, "You always fail", "Nobody likes you", "You will fail again")
    app = make_app(store, start_mode="reframes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.screen
        search, records = listing.query_one("#reframe-search", Input), listing.query_one("#reframe-list", OptionList)
        due = listing.query_one("#reframe-due")
        assert str(due.render()) == "3 reframes to rehearse — press h"

        await pilot.press("slash", "l", "i", "k", "e", "s")
        await pilot.pause()
        assert records.option_count == 1
        assert str(due.render()) == "1 matching reframe to rehearse (3 due in all) — press h"
        await pilot.press("escape")  # clears the search and goes back to the list
        await pilot.pause()
        assert search.value == "" and records.option_count == 3 and app.focused is records

        # enter keeps the search on (it is in the box); h rehearses only what it shows.
        await pilot.press("slash", "f", "a", "i", "l", "enter")
        await pilot.pause()
        assert search.value == "fail" and records.option_count == 2 and app.focused is records
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, RehearseScreen)
        shown_ids = {r.id for r in listing._shown}
        assert app.screen._total == 2 and {app.screen._current.id, *app.screen._queue} == shown_ids
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listing
        await pilot.press("escape")  # a second escape, on the list, clears it too
        await pilot.pause()
        assert search.value == "" and records.option_count == 3

        # A search that hides every due record says so, and h says why nothing starts.
        await pilot.press("slash", "z", "z", "z", "enter")
        await pilot.pause()
        assert "none of them matching" in str(due.render())
        await pilot.press("h")
        await pilot.pause()
        assert app.screen is listing
        assert "none of them matching" in list(app._notifications)[-1].message

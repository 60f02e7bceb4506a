"""Practices: adopt from a cause, review what is due, see the right next date, pause, remove, undo, catalogue."""

from __future__ import annotations

from rootwork.content import load_library
from rootwork.state.records.days import short_date
from rootwork.state.records.model import Rating
from rootwork.state.records.practice_rows import when_label
from rootwork.state.records.schedule import new_schedule, schedule_next
from rootwork.state.store import Store
from rootwork.tui.screens.causes import CausesScreen
from rootwork.tui.screens.practices import PracticesScreen
from rootwork.tui.widgets.practice_catalogue import CatalogueScreen, catalogue_options
from tests.tui.conftest import SIZE, TODAY, make_app

LIBRARY = load_library()


def table_rows(screen: PracticesScreen) -> list[tuple[str, str]]:
    """(next, practice name) per row, as the table shows them."""
    return [(row.status, row.practice.name) for row in screen._rows]


def detail_text(screen: PracticesScreen) -> str:
    return str(screen.query_one("#practices-detail-body").render())


async def adopt_first_practice_of_first_cause(pilot) -> str:
    """On Causes: highlight the first cause, move to its practices, press a. Returns the practice id."""
    app = pilot.app
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, CausesScreen)
    await pilot.press("down")  # from the introduction to the first cause
    await pilot.pause()
    cause = app.screen.current_cause
    assert cause is not None
    await pilot.press("right", "a")
    await pilot.pause()
    return cause.practices[0].id


async def test_adopt_from_cause_review_and_see_next_date_across_restarts(tmp_path):
    store = Store.open(tmp_path)
    practice_id = LIBRARY.causes[0].practices[0].id
    name = LIBRARY.practice(practice_id).name

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        assert await adopt_first_practice_of_first_cause(pilot) == practice_id
        [item] = store.plan()
        assert item.practice_id == practice_id
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticesScreen)
        assert table_rows(screen) == [("today", name)]
        assert "Due today" in detail_text(screen)
        await pilot.press("3")
        await pilot.pause()

    expected = schedule_next(new_schedule(TODAY), Rating.DID_IT, TODAY, item_id=item.id, kind="practice")
    assert store.plan_item(item.id).schedule == expected
    next_label = short_date(expected.due)

    async def shows_next_date(app) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("p")
            await pilot.pause()
            screen = app.screen
            [row] = screen._rows
            assert row.status == "later"
            assert when_label(row, TODAY) == next_label
            text = detail_text(screen)
            assert f"next on {next_label}" in text and "did it" in text
            # Reviewing again before it is due changes nothing.
            await pilot.press("3")
            await pilot.pause()
        assert len(app.store.reviews(item.id)) == 1

    await shows_next_date(make_app(store))  # a new app over the same store
    store.close()
    reopened = Store.open(tmp_path)
    assert reopened.plan_item(item.id).schedule == expected
    await shows_next_date(make_app(reopened))  # and over the journal read back from disk
    reopened.close()


async def test_pause_remove_undo_and_catalogue(store):
    app = make_app(store, start_mode="practices")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert table_rows(screen) == []
        # Bad input in the filter is shown as typed and matches nothing.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        await pilot.press(*"[@click=app.quit]x[/]")
        await pilot.pause()
        assert app.screen.query_one("#catalogue-list").option_count == 0
        assert "[@click=app.quit]x[/]" in str(app.screen.query_one("#catalogue-empty").render())
        await pilot.press("enter")  # nothing to pick: stays open, nothing adopted
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen) and store.plan() == []
        for _ in range(len("[@click=app.quit]x[/]")):
            await pilot.press("backspace")
        wanted = LIBRARY.practice("perfectionism.good-enough")
        await pilot.press(*"good enough", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticesScreen)
        [item] = store.plan()
        assert item.practice_id == wanted.id
        assert table_rows(screen) == [("today", wanted.name)]

        await pilot.press("space")
        await pilot.pause()
        assert store.plan_item(item.id).paused and store.due(TODAY) == []
        assert table_rows(screen) == [("paused", wanted.name)]
        await pilot.press("3")  # a paused practice is not reviewed
        await pilot.pause()
        assert store.reviews(item.id) == []
        await pilot.press("z")
        await pilot.pause()
        assert [i.id for i in store.due(TODAY)] == [item.id]

        await pilot.press("d")
        await pilot.pause()
        assert store.plan() == [] and table_rows(screen) == []
        await pilot.press("u")
        await pilot.pause()
        assert [i.id for i in store.plan()] == [item.id]

        # The catalogue marks what is already adopted, and enter on it adopts nothing more.
        await pilot.press("plus")
        await pilot.pause()
        await pilot.press(*"good enough", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert len(store.plan()) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticesScreen)


def test_catalogue_filter_matches_every_word_and_marks_adopted():
    everything = catalogue_options(LIBRARY, set(), "")
    assert len(everything) == len(LIBRARY.practices) == 65
    adopted = {"perfectionism.good-enough"}
    found = catalogue_options(LIBRARY, adopted, "  GOOD   enough ")
    assert "perfectionism.good-enough" in [o.id for o in found]
    for option in found:
        practice = LIBRARY.practice(option.id)
        text = f"{practice.name} {practice.how} {LIBRARY.cause(practice.cause_id).title}".casefold()
        assert "good" in text and "enough" in text
    marked = next(o for o in found if o.id == "perfectionism.good-enough")
    assert "✓" in str(marked.prompt)
    assert catalogue_options(LIBRARY, adopted, "[/] nothing-like-this") == []


async def test_at_80_columns_the_interval_shows_whole_beside_a_shortened_name(store) -> None:
    """Issue 27: 'Every' read 'E' and '10 days' read '1' at 80x24."""
    from datetime import timedelta

    from rootwork.tui.widgets.practice_detail import PracticeTable

    long_name = next(p for c in make_app(store).library.causes for p in c.practices if len(p.name) > 26)
    store.adopt(long_name.id, TODAY - timedelta(days=1))
    app = make_app(store, start_mode="practices")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(PracticeTable)
        shown = "\n".join(line.text for line in table.render_lines(table.region.reset_offset))
        assert "Every" in shown and " day" in shown
        assert "…" in shown  # the name gave way, not the interval


async def test_at_80x24_the_catalogue_lists_several_practices(store) -> None:
    """Issue 27: the catalogue showed one practice at a time at 80x24."""
    from textual.widgets import OptionList

    app = make_app(store, start_mode="practices")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        listing = app.screen.query_one("#catalogue-list", OptionList)
        assert listing.region.height >= 10  # several practices of two lines or one, not one

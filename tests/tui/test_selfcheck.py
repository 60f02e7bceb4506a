"""Find your roots: take the check by keys, see the ranking follow the ticks, mark a focus, adopt, resume."""

from __future__ import annotations

from rootwork.content import load_library
from rootwork.state.records.selfcheck import DRAFT_NAME, rank_causes
from rootwork.tui.screens.causes import CausesScreen
from rootwork.tui.screens.selfcheck import SelfCheckScreen
from tests.tui.conftest import SIZE, TODAY, make_app

LIBRARY = load_library()
CAUSE_COUNT = len(LIBRARY.causes)


async def open_selfcheck(pilot) -> SelfCheckScreen:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CausesScreen)
    await pilot.press("f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SelfCheckScreen)
    return screen


def ranking_ids(screen: SelfCheckScreen) -> list[str]:
    ranking = screen.query_one("#selfcheck-ranking")
    return [ranking.get_option_at_index(i).id for i in range(ranking.option_count)]


async def test_take_the_check_rank_focus_and_adopt(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_selfcheck(pilot)
        await pilot.press("enter")  # Begin
        await pilot.pause()
        # Cause 1: tick the first two. Cause 2: nothing. Cause 3: tick the third.
        await pilot.press("space", "down", "space", "n", "n", "down", "down", "space")
        await pilot.pause()
        assert "Cause 3 of 13" in str(screen.query_one("#selfcheck-progress").render())
        # Back one page and forward again keeps what was ticked.
        await pilot.press("backspace", "p")
        await pilot.pause()
        assert screen.progress.page == 0
        assert len(screen.query_one("#selfcheck-list").selected) == 2
        await pilot.press("enter", "enter")
        # Perfectionism (cause 9): tick all of it.
        await pilot.press(*["n"] * 6)
        await pilot.pause()
        assert LIBRARY.causes[screen.progress.page].id == "perfectionism"
        for _ in LIBRARY.cause("perfectionism").manifestations:
            await pilot.press("space", "down")
        await pilot.press(*["n"] * (CAUSE_COUNT - screen.progress.page))
        await pilot.pause()

        [result] = store.selfchecks()
        c1, c3 = LIBRARY.causes[0], LIBRARY.causes[2]
        ticked = {
            c1.manifestations[0].id,
            c1.manifestations[1].id,
            c3.manifestations[2].id,
            *(m.id for m in LIBRARY.cause("perfectionism").manifestations),
        }
        assert set(result["recognised"]) == ticked
        assert result["day"] == TODAY.isoformat()
        assert store.draft(DRAFT_NAME) is None
        expected = [cause_id for cause_id, _, _ in rank_causes(LIBRARY, ticked)]
        assert ranking_ids(screen) == expected
        assert expected[:3] == ["perfectionism", c1.id, c3.id]

        # The top cause is highlighted: mark it as a focus and adopt its first practice.
        await pilot.press("f", "a")
        await pilot.pause()
        assert store.focus() == ["perfectionism"]
        first = LIBRARY.cause("perfectionism").practices[0]
        assert [item.practice_id for item in store.plan()] == [first.id]
        # a again takes the next practice not yet adopted; f again unmarks.
        await pilot.press("a", "f")
        await pilot.pause()
        assert {i.practice_id for i in store.plan()} == {p.id for p in LIBRARY.cause("perfectionism").practices[:2]}
        assert store.focus() == []


async def test_leave_resume_and_compare_with_earlier_results(store):
    earlier_cause = LIBRARY.cause("comparison")
    store.save_selfcheck([earlier_cause.manifestations[0].id], {earlier_cause.id: 1}, TODAY)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_selfcheck(pilot)
        intro = str(screen.query_one("#selfcheck-intro-earlier").render())
        assert earlier_cause.title in intro
        await pilot.press("enter", "n", "space", "escape")  # Begin, tick on cause 2, leave
        await pilot.pause()
        assert not isinstance(app.screen, SelfCheckScreen)
        assert store.draft(DRAFT_NAME)["page"] == 1

        screen = await open_selfcheck(pilot)
        choices = screen.query_one("#selfcheck-choices")
        assert "cause 2 of 13" in str(choices.get_option_at_index(0).prompt)
        await pilot.press("enter")  # carry on
        await pilot.pause()
        assert screen.progress.page == 1 and len(screen.progress.recognised) == 1
        await pilot.press(*["n"] * (CAUSE_COUNT - 1))
        await pilot.pause()
        assert len(store.selfchecks()) == 2
        assert ranking_ids(screen)[0] == LIBRARY.causes[1].id
        assert earlier_cause.title in str(screen.query_one("#selfcheck-earlier").render())


async def test_at_80_columns_a_statement_cut_short_is_shown_whole_under_the_list(store):
    """Issue 27: the self-check cut 21 statements with '…' at 80x24, and the full sentence was nowhere."""
    from textual.widgets import Static

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_selfcheck(pilot)
        await pilot.press("enter")  # Begin
        await pilot.pause()
        checklist = screen.query_one("#selfcheck-list")
        full = screen.query_one("#selfcheck-full", Static)
        texts = [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]
        long_one = max(range(len(texts)), key=lambda i: len(texts[i]))
        short_one = min(range(len(texts)), key=lambda i: len(texts[i]))
        for index, shown in ((long_one, True), (short_one, False)):
            checklist.highlighted = index
            await pilot.pause()
            assert full.display is shown  # the longest does not fit its row at 80 columns; the shortest does
            if shown:
                assert str(full.render()) == texts[long_one]


async def test_at_80x24_the_results_ranking_is_readable_and_the_highlighted_practice_is_in_view(store):
    """Issue 27: the ranking was squeezed to 18 columns, and the practice box cut its list."""
    from textual.widgets import OptionList

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_selfcheck(pilot)
        await pilot.press("enter")
        await pilot.pause()
        for _ in LIBRARY.causes:
            await pilot.press("space", "n")
            await pilot.pause()
        await pilot.pause()
        ranking = app.screen.query_one("#selfcheck-ranking", OptionList)
        practices = app.screen.query_one("#selfcheck-practices", OptionList)
        assert ranking.region.width >= 30
        practices.focus()
        for _ in range(4):
            await pilot.press("down")
        await pilot.pause()
        assert practices.highlighted == 4
        row_top = practices.region.y + 1 + 4 - int(practices.scroll_y)  # border, then one row per practice
        assert practices.region.y < row_top < practices.region.bottom - 1

"""The safety plan on screen (issue 29): `!` from every screen, the palette, writing and saving, Today's lines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Static, TextArea

from rootwork.state.records.model import Checkin
from rootwork.state.records.safety_plan import REVIEW_DAYS, SafetyPlan
from rootwork.state.store import Store
from rootwork.tui.screens import safety_plan as safety_plan_screen
from rootwork.tui.screens.safety_plan import SafetyPlanScreen
from tests.tui.conftest import TODAY, make_app
from tests.tui.test_palette import choose

SMALL = (80, 24)
HOSTILE = "[bold red]not markup[/] [@click=app.quit]x[/] $accent <b>b</b>"


def part(app, part_id: str) -> TextArea:
    return app.screen.query_one(f"#part-{part_id}", TextArea)


def shown(app, selector: str) -> str:
    static = app.screen.query_one(selector, Static)
    return str(static.render()) if static.display else ""


@pytest.mark.parametrize("mode", ["t", "m", "c", "r", "p", "?"])
async def test_bang_opens_the_plan_over_each_screen_and_escape_goes_back(store: Store, mode: str) -> None:
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(mode)
        await pilot.pause()
        below = app.screen
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyPlanScreen)
        await pilot.press("exclamation_mark")  # not a second plan over the first
        await pilot.pause()
        assert sum(isinstance(s, SafetyPlanScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is below


async def test_in_a_text_field_bang_is_typed_and_the_check_in_keeps_what_was_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("i")
        await pilot.pause()
        form = app.screen
        app.screen.query_one("#note", TextArea).focus()
        await pilot.press("h", "i", "exclamation_mark")
        await pilot.pause()
        assert app.screen is form and app.screen.query_one("#note", TextArea).text == "hi!"
        app.screen.set_focus(None)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyPlanScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and form.query_one("#note", TextArea).text == "hi!"


async def test_the_palette_opens_the_plan_even_over_a_form(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await choose(pilot, app, "safety plan")
        assert isinstance(app.screen, SafetyPlanScreen)


async def test_a_new_plan_starts_with_the_crisis_lines_and_is_saved_as_typed(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert app.library.safety.crisis_lines in part(app, "professionals").text
        await pilot.press("escape")  # nothing typed: leaves without asking, saves nothing
        await pilot.pause()
        assert not isinstance(app.screen, SafetyPlanScreen) and store.safety_plan() is None
        await pilot.press("exclamation_mark")
        await pilot.pause()
        part(app, "reasons").focus()
        part(app, "reasons").insert(HOSTILE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        plan = store.safety_plan()
        assert plan is not None and plan.parts["reasons"] == HOSTILE and plan.reviewed_on == TODAY
        assert app.library.safety.crisis_lines in plan.parts["professionals"]
        assert isinstance(app.screen, SafetyPlanScreen)  # it stays open to read
        assert app.is_running  # the markup-looking text was not obeyed


async def test_leaving_with_changes_asks_first_and_starts_on_staying(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        part(app, "reasons").focus()
        await pilot.press("m", "y")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the safe choice: stay
        await pilot.pause()
        assert isinstance(app.screen, SafetyPlanScreen) and part(app, "reasons").text == "my"


async def test_a_megabyte_part_is_shown_whole(store: Store) -> None:
    big = "line of my own words\n" * 47_000  # nearly a million characters
    store.save_safety_plan(SafetyPlan(parts={"people-to-ask": big}), TODAY)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert part(app, "people-to-ask").text == store.safety_plan().parts["people-to-ask"] == big.strip()


async def test_today_offers_the_plan_after_a_check_in_at_nine_or_a_warning_sign(store: Store) -> None:
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=5, signs=("self-doubt",)))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert shown(app, "#safety-offer") == ""
        store.save_safety_plan(SafetyPlan(parts={"reasons": "tea"}, warning_signs=("self-doubt",)), TODAY)
        await pilot.press("c", "t")
        await pilot.pause()
        assert shown(app, "#safety-offer") == "Today sounds hard. Press ! for your safety plan, whenever you want it."
        store.save_safety_plan(SafetyPlan(parts={"reasons": "tea"}), TODAY)
        store.save_checkin(Checkin(day=TODAY, mood=2, intensity=9))
        await pilot.press("c", "t")
        await pilot.pause()
        assert "Today sounds hard" in shown(app, "#safety-offer")


async def test_the_plan_comes_back_in_the_due_list_and_k_says_it_still_holds(store: Store) -> None:
    store.save_safety_plan(SafetyPlan(parts={"reasons": "tea"}), TODAY - timedelta(days=REVIEW_DAYS))
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "Your safety plan is due a read-through (it comes back every 90 days): press !." == shown(
            app, "#due-plan"
        )
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert shown(app, "#plan-review")
        await pilot.press("k")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.safety_plan().reviewed_on == TODAY and shown(app, "#plan-review") == ""
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c", "t")
        await pilot.pause()
        assert shown(app, "#due-plan") == ""


async def test_a_draft_taken_back_keeps_a_part_saved_elsewhere_since(store: Store, monkeypatch) -> None:
    """Found in review: a draft held every part, so taking it back wrote its old values over newer saves."""
    monkeypatch.setattr(safety_plan_screen, "DRAFT_DELAY", 0.05)
    store.save_safety_plan(SafetyPlan(parts={"reasons": "A", "distractions": "D1"}), TODAY)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        part(app, "reasons").focus()
        part(app, "reasons").insert("typed ")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        assert store.draft(safety_plan_screen.DRAFT_NAME) is not None
    # The app was closed without saving; meanwhile another window saves another part.
    loaded = store.safety_plan()
    store.save_safety_plan(SafetyPlan(parts={**loaded.parts, "distractions": "D2"}), TODAY, base=loaded)
    app = make_app(store)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        await pilot.press("y")  # go on with the draft
        await pilot.pause()
        assert part(app, "reasons").text == "typed A"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = {k: v for k, v in store.safety_plan().parts.items() if v}  # the form saves every part, "" too
    assert written == {"reasons": "typed A", "distractions": "D2"} and store.kept_aside() == []
    assert store.draft(safety_plan_screen.DRAFT_NAME) is None

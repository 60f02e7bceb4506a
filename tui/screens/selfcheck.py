"""Find your roots: a guided self-check over the thirteen causes.

Three pages in one screen (``tui/widgets/selfcheck_pages.py``,
``selfcheck_results.py``). The start page explains, offers to resume a check
left half way, and lists earlier results. The checklist shows one cause a page
with its manifestations to tick. The result ranks the causes by what was
recognised; each cause's practices are one key from adoption and ``f`` marks a
cause as a focus. Progress is a store draft, so leaving (escape) loses nothing.
The pages show what they are given and post messages; this screen handles them
and talks to the store.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header

from rootwork.content import Library
from rootwork.state.records.selfcheck import (
    DRAFT_NAME,
    SelfCheckProgress,
    cause_scores,
    first_fresh_practice,
    ordered_recognised,
    progress_text,
    rank_causes,
    result_day,
    result_summary,
    toggled_focus,
)
from rootwork.state.store import StoreError
from rootwork.tui.actions import adopt_practice
from rootwork.tui.services import app_services
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.selfcheck_pages import BEGIN, LAST_RESULT, RESUME, ChecklistPage, IntroPage
from rootwork.tui.widgets.selfcheck_results import ResultsPage

__all__ = ["SelfCheckScreen"]


class SelfCheckScreen(Screen[None]):
    """A guided self-check: tick what you recognise, see which roots are closest, adopt a practice."""

    CSS_PATH = "selfcheck.tcss"

    BINDINGS = [
        Binding("escape", "leave", "Leave", tooltip="Leave the self-check; your place is kept", id="selfcheck.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Find your roots"
        self.progress = SelfCheckProgress()
        self._draft_failed = False
        self._places: dict[int, int] = {}  # page -> the row highlighted when it was left, for p

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="selfcheck-intro", id="selfcheck"):
            yield IntroPage(id="selfcheck-intro")
            yield ChecklistPage(id="selfcheck-check")
            yield ResultsPage(app_services(self).library, id="selfcheck-results")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.show_intro()

    def on_screen_resume(self) -> None:
        self.mark_results()

    def on_journal_changed(self) -> None:  # tui/showing.py: adopted or focused on another machine
        self.mark_results()

    def mark_results(self) -> None:
        """On the results, what is adopted and focused now: it may have changed on another screen meanwhile."""
        if self.page == "selfcheck-results":
            self.query_one(ResultsPage).mark(self.focus_ids(), self.adopted_ids(), ranking=False)

    @property
    def library(self) -> Library:
        return app_services(self).library

    @property
    def page(self) -> str:
        return self.query_one("#selfcheck", ContentSwitcher).current or ""

    def switch_to(self, page: str) -> None:
        self.query_one("#selfcheck", ContentSwitcher).current = page
        self.refresh_bindings()

    # -- what the store holds -----------------------------------------------------------------

    def saved_progress(self) -> SelfCheckProgress | None:
        return SelfCheckProgress.from_draft(self.library, app_services(self).store.draft(DRAFT_NAME))

    def results(self) -> list[dict[str, Any]]:
        return app_services(self).store.selfchecks()

    def focus_ids(self) -> set[str]:
        return set(app_services(self).store.focus())

    def adopted_ids(self) -> set[str]:
        return {item.practice_id for item in app_services(self).store.plan()}

    async def store_quietly(self, fn, *args) -> None:
        """A draft write: a failure is told once, and the check carries on."""
        try:
            await app_services(self).store_call(fn, *args)
        except StoreError as error:
            if not self._draft_failed:
                self._draft_failed = True
                self.notify(
                    f"Your place could not be kept ({error}); the check itself works.", severity="warning", markup=False
                )

    async def keep_place(self) -> None:
        """Save the progress as a draft so the check can be resumed."""
        await self.store_quietly(app_services(self).store.save_draft, DRAFT_NAME, self.progress.to_draft())

    async def forget_place(self) -> None:
        await self.store_quietly(app_services(self).store.clear_draft, DRAFT_NAME)

    # -- the start page -------------------------------------------------------------------

    def show_intro(self) -> None:
        """The start page: what this is, resume or begin, earlier results."""
        saved = self.saved_progress()
        results = self.results()
        self.query_one(IntroPage).show(
            len(self.library.causes),
            progress_text(self.library, saved) if saved is not None else None,
            result_day(self.library, results[0]) if results else None,
            [result_summary(self.library, r) for r in results[:8]],
        )
        self.switch_to("selfcheck-intro")
        self.query_one(IntroPage).focus_choices()

    @on(IntroPage.Chosen)
    async def choice_made(self, event: IntroPage.Chosen) -> None:
        if event.choice == RESUME:
            self.start(self.saved_progress() or SelfCheckProgress())
        elif event.choice == BEGIN:
            await self.forget_place()
            self.start(SelfCheckProgress())
        elif event.choice == LAST_RESULT:
            results = self.results()
            if results:
                self.show_results(results[0])

    # -- the checklist ---------------------------------------------------------------------

    def start(self, progress: SelfCheckProgress) -> None:
        self.progress = progress
        self._places.clear()
        self.switch_to("selfcheck-check")
        self.show_page()

    def show_page(self) -> None:
        """Show the current cause's manifestations, ticked as far as the user got."""
        cause = self.library.causes[self.progress.page]
        checklist = self.query_one(ChecklistPage)
        checklist.show_progress(progress_text(self.library, self.progress))
        checklist.show(
            cause, set(self.progress.ticked_for(self.library, cause.id)), self._places.get(self.progress.page, 0)
        )

    def capture_ticks(self) -> None:
        """Take the page's ticks into the progress.

        Read straight from the list: its change message can arrive after a fast
        page turn, and the list always holds the page ``self.progress`` is on.
        """
        cause = self.library.causes[self.progress.page]
        selected, highlighted = self.query_one(ChecklistPage).ticks()
        self._places[self.progress.page] = highlighted
        self.progress = self.progress.with_ticks(self.library, cause.id, selected)

    @on(ChecklistPage.Ticked)
    async def ticks_changed(self) -> None:
        if self.page != "selfcheck-check":
            return
        self.capture_ticks()
        self.query_one(ChecklistPage).show_progress(progress_text(self.library, self.progress))
        await self.keep_place()

    async def action_next_cause(self) -> None:
        if self.page != "selfcheck-check":
            return
        self.capture_ticks()
        total = len(self.library.causes)
        if self.progress.page + 1 >= total:
            await self.finish()
            return
        self.progress = self.progress.at_page(self.progress.page + 1, total)
        await self.keep_place()
        self.show_page()

    async def action_previous_cause(self) -> None:
        if self.page != "selfcheck-check":
            return
        if self.progress.page == 0:
            self.notify("This is the first cause.", markup=False)
            return
        self.capture_ticks()
        self.progress = self.progress.at_page(self.progress.page - 1, len(self.library.causes))
        await self.keep_place()
        self.show_page()

    async def finish(self) -> None:
        """Save the result, forget the draft, show the ranking."""
        recognised = ordered_recognised(self.library, self.progress.recognised)
        scores = cause_scores(self.library, recognised)
        try:
            app = app_services(self)
            result = await app.store_call(app.store.save_selfcheck, recognised, scores, app.today)
        except StoreError as error:
            # The draft still holds every tick, so nothing is lost; say so.
            self.notify(
                f"Could not save the result ({error}). Your ticks are kept, so nothing is lost.",
                severity="error",
                markup=False,
            )
            result = {"day": app_services(self).today.isoformat(), "recognised": recognised, "scores": scores}
            self.show_results(result, saved=False)
            return
        await self.forget_place()
        self.show_results(result)

    # -- the result -------------------------------------------------------------------------

    def show_results(self, result: dict[str, Any], *, saved: bool = True) -> None:
        """The causes ranked by what was recognised, with earlier results below."""
        recognised = result.get("recognised") or []
        ranking = rank_causes(self.library, recognised if isinstance(recognised, list) else [])
        if any(count for _, count, _ in ranking):
            intro = (
                "Highlight a cause: a adopts its first practice you haven't taken up, enter shows all "
                "five, f marks it as a focus. n takes the check again."
            )
        else:
            intro = (
                "Nothing was ticked this time, and that is fine. Every cause's practices are here "
                "if any of them speak to you. n takes the check again."
            )
        when = result_day(self.library, result)
        title = "What you recognised" + (f" ({when})" if saved else " (not saved yet)")
        others = [r for r in self.results() if r.get("id") != result.get("id")]
        earlier = [result_summary(self.library, r) for r in others[:8]]
        page = self.query_one(ResultsPage)
        page.show(title, intro, ranking, self.focus_ids(), self.adopted_ids(), earlier)
        self.switch_to("selfcheck-results")
        page.focus_ranking()

    @on(ResultsPage.PracticeChosen)
    async def practice_selected(self, event: ResultsPage.PracticeChosen) -> None:
        await self.adopt(event.practice_id)

    async def action_adopt(self) -> None:
        """Adopt the highlighted practice, or the cause's first one not yet adopted."""
        if self.page != "selfcheck-results":
            return
        page = self.query_one(ResultsPage)
        cause = page.highlighted_cause
        if cause is None:
            return
        chosen = page.chosen_practice
        if chosen is not None:
            await self.adopt(chosen)
            return
        fresh = first_fresh_practice(self.library, cause.id, self.adopted_ids())
        if fresh is None:
            self.notify(f"All five practices of “{cause.title}” are already yours.", markup=False)
            return
        await self.adopt(fresh)

    async def adopt(self, practice_id: str) -> None:
        if await adopt_practice(self, practice_id, where=" (p)") is None:
            return
        self.query_one(ResultsPage).mark(self.focus_ids(), self.adopted_ids(), ranking=False)

    async def action_toggle_focus(self) -> None:
        """Mark or unmark the highlighted cause as a focus."""
        if self.page != "selfcheck-results":
            return
        page = self.query_one(ResultsPage)
        cause = page.highlighted_cause
        if cause is None:
            return
        ordered, marking = toggled_focus(self.library, self.focus_ids(), cause.id)
        try:
            app = app_services(self)
            await app.store_call(app.store.set_focus, ordered)
        except StoreError as error:
            self.notify(f"Could not change your focus: {error}", severity="error", markup=False)
            return
        said = "is now one of your focus causes" if marking else "is no longer a focus"
        self.notify(f"“{cause.title}” {said}.", markup=False)
        page.mark(self.focus_ids(), self.adopted_ids(), ranking=True)

    async def action_retake(self) -> None:
        if self.page != "selfcheck-results":
            return
        await self.forget_place()
        self.start(SelfCheckProgress())

    async def action_leave(self) -> None:
        """Leave; from a cause's practices, step back to the ranking first."""
        if self.page == "selfcheck-results" and self.query_one(ResultsPage).step_back():
            return
        if self.page == "selfcheck-check":
            self.capture_ticks()
            await self.keep_place()
            total = len(self.library.causes)
            self.notify(
                f"Your place is kept ({SelfCheckProgress.progress_line(self.progress.page, total)}). "
                "f on Causes or Practices picks it up again.",
                markup=False,
            )
        self.app.pop_screen()

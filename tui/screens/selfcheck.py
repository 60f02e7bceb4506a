"""Find your roots: a guided self-check over the thirteen causes.

Three pages in one screen. The start page explains, offers to resume a check
left half way, and lists earlier results. The checklist shows one cause a page
with its manifestations to tick. The result ranks the causes by what was
recognised; each cause's practices are one key from adoption and ``f`` marks a
cause as a focus. Progress is a store draft, so leaving (escape) loses nothing.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from rootwork.content import Cause, Library, Practice
from rootwork.state.selfcheck import (
    DRAFT_NAME,
    SelfCheckProgress,
    cause_scores,
    ordered_recognised,
    rank_causes,
    result_summary,
)
from rootwork.state.store import StoreError
from rootwork.tui.actions import adopt_practice
from rootwork.tui.text import MUTED, heading, paragraphs
from rootwork.tui.widgets.ticklist import TickList

RESUME = "resume"
BEGIN = "begin"
LAST_RESULT = "last-result"


class Checklist(TickList):
    """A cause's manifestations; space ticks, and enter turns the page instead of ticking."""

    BINDINGS = [Binding("enter", "screen.next_cause", "Next cause", show=False, id="selfcheck.next-enter")]


class ChecklistPage(Vertical):
    """The checklist page; its keys only work while it is on show."""

    BINDINGS = [
        Binding("n", "screen.next_cause", "Next cause",
                tooltip="On to the next cause (enter works too)", id="selfcheck.next"),
        Binding("p,backspace", "screen.previous_cause", "Previous",
                tooltip="Back to the cause before", id="selfcheck.previous"),
    ]


class ResultsPage(Vertical):
    """The ranked result; its keys only work while it is on show."""

    BINDINGS = [
        Binding("a", "screen.adopt", "Adopt",
                tooltip="Adopt a practice of the highlighted cause", id="selfcheck.adopt"),
        Binding("f", "screen.toggle_focus", "Focus",
                tooltip="Mark or unmark the highlighted cause as a focus", id="selfcheck.focus"),
        Binding("n", "screen.retake", "Take it again",
                tooltip="Start a new self-check; this result stays", id="selfcheck.retake"),
    ]


def progress_text(library: Library, progress: SelfCheckProgress) -> str:
    """'cause 5 of 13, 3 ticked so far'."""
    line = SelfCheckProgress.progress_line(progress.page, len(library.causes))
    ticked = len(progress.recognised)
    return f"{line}, {ticked} ticked so far" if ticked else line


def dots(count: int, total: int) -> str:
    """●●●○○ for three of five."""
    return "●" * count + "○" * (total - count)


def ranking_option(cause: Cause, count: int, focused: bool) -> Option:
    total = len(cause.manifestations)
    star = ("★ ", "bold $accent") if focused else ("  ", "")
    if count:
        line = (f"  {dots(count, total)}  {count} of {total} recognised", MUTED)
    else:
        line = ("  not this time", MUTED)
    return Option(Content.assemble(star, (f"{cause.number}. {cause.title}", "bold" if count else ""), "\n", line),
                  id=cause.id)


def practice_choice(practice: Practice, adopted: bool) -> Option:
    mark = ("✓ ", "bold $success") if adopted else ("  ", "")
    return Option(Content.assemble(mark, (practice.name, "bold")), id=practice.id)


class SelfCheckScreen(Screen[None]):
    """A guided self-check: tick what you recognise, see which roots are closest, adopt a practice."""

    BINDINGS = [
        Binding("escape", "leave", "Leave", tooltip="Leave the self-check; your place is kept", id="selfcheck.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Find your roots"
        self.progress = SelfCheckProgress()
        self._ranking: list[tuple[str, int, float]] = []
        self._draft_failed = False
        self._places: dict[int, int] = {}  # page -> the row highlighted when it was left, for p

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="selfcheck-intro", id="selfcheck"):
            with Vertical(id="selfcheck-intro"):
                yield Static(id="selfcheck-intro-text", classes="selfcheck-text")
                yield OptionList(id="selfcheck-choices")
                yield Static(id="selfcheck-intro-earlier", classes="selfcheck-text")
            with ChecklistPage(id="selfcheck-check"):
                yield Static(id="selfcheck-progress", classes="selfcheck-text")
                yield Static(id="selfcheck-cause", classes="selfcheck-text")
                yield Checklist(id="selfcheck-list")
            with ResultsPage(id="selfcheck-results"):
                yield Static(id="selfcheck-results-text", classes="selfcheck-text")
                with Horizontal():
                    yield OptionList(id="selfcheck-ranking")
                    with Vertical(id="selfcheck-side"):
                        yield Static(id="selfcheck-side-text", classes="selfcheck-text")
                        yield OptionList(id="selfcheck-practices")
                yield Static(id="selfcheck-earlier")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_intro()

    @property
    def library(self) -> Library:
        return self.app.library

    @property
    def page(self) -> str:
        return self.query_one("#selfcheck", ContentSwitcher).current or ""

    def switch_to(self, page: str) -> None:
        self.query_one("#selfcheck", ContentSwitcher).current = page
        self.refresh_bindings()

    # -- the start page -------------------------------------------------------------------

    def show_intro(self) -> None:
        """The start page: what this is, resume or begin, earlier results."""
        saved = SelfCheckProgress.from_draft(self.library, self.app.store.draft(DRAFT_NAME))
        results = self.app.store.selfchecks()
        total = len(self.library.causes)
        self.query_one("#selfcheck-intro-text", Static).update(paragraphs(
            heading("Find your roots"),
            f"{total} causes, one page each. Tick what you recognise in yourself, in the past or now. "
            "There are no right answers and nothing here is a diagnosis: it only points to where "
            "practice may help most.",
            Content.styled("You can leave at any time with escape; your place is kept.", MUTED),
        ))
        choices = self.query_one("#selfcheck-choices", OptionList)
        choices.clear_options()
        if saved is not None:
            choices.add_option(Option(f"Carry on where you left off ({progress_text(self.library, saved)})", id=RESUME))
            choices.add_option(Option("Start afresh", id=BEGIN))
        else:
            choices.add_option(Option("Begin", id=BEGIN))
        if results:
            choices.add_option(Option(f"See your last result ({self.result_day(results[0])})", id=LAST_RESULT))
        choices.highlighted = 0
        self.query_one("#selfcheck-intro-earlier", Static).update(self.earlier_text(results, "Earlier results"))
        self.switch_to("selfcheck-intro")
        choices.focus()

    def result_day(self, result: dict[str, Any]) -> str:
        return result_summary(self.library, result).split(":", 1)[0]

    def earlier_text(self, results: list[dict[str, Any]], title: str) -> Content:
        if not results:
            return Content("")
        lines = [Content.assemble(("  ", ""), result_summary(self.library, r)) for r in results[:8]]
        return Content.assemble(heading(title), "\n", Content("\n").join(lines))

    @on(OptionList.OptionSelected, "#selfcheck-choices")
    async def choice_made(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == RESUME:
            saved = SelfCheckProgress.from_draft(self.library, self.app.store.draft(DRAFT_NAME))
            self.start(saved or SelfCheckProgress())
        elif event.option.id == BEGIN:
            await self.store_quietly(self.app.store.clear_draft, DRAFT_NAME)
            self.start(SelfCheckProgress())
        elif event.option.id == LAST_RESULT:
            results = self.app.store.selfchecks()
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
        self.show_progress()
        self.query_one("#selfcheck-cause", Static).update(paragraphs(
            Content.styled(cause.title, "bold"),
            Content.styled(cause.summary, "italic"),
            "Which of these do you recognise in yourself?",
        ))
        checklist = self.query_one("#selfcheck-list", Checklist)
        ticked = set(self.progress.ticked_for(self.library, cause.id))
        with checklist.prevent(SelectionList.SelectedChanged):
            checklist.clear_options()
            checklist.add_options(
                [Selection(Content(m.text), m.id, m.id in ticked) for m in cause.manifestations])
        checklist.highlighted = min(self._places.get(self.progress.page, 0), checklist.option_count - 1)
        checklist.focus()

    def show_progress(self) -> None:
        self.query_one("#selfcheck-progress", Static).update(Content.assemble(
            (progress_text(self.library, self.progress).capitalize(), "bold $accent"),
            ("   space ticks · enter or n: next cause · p or backspace: back", MUTED),
        ))

    def capture_ticks(self) -> None:
        """Take the page's ticks into the progress.

        Read straight from the list: its change message can arrive after a fast
        page turn, and the list always holds the page ``self.progress`` is on.
        """
        cause = self.library.causes[self.progress.page]
        checklist = self.query_one("#selfcheck-list", Checklist)
        self._places[self.progress.page] = checklist.highlighted or 0
        selected = checklist.selected
        self.progress = self.progress.with_ticks(self.library, cause.id, selected)

    @on(SelectionList.SelectedChanged, "#selfcheck-list")
    async def ticks_changed(self) -> None:
        if self.page != "selfcheck-check":
            return
        self.capture_ticks()
        self.show_progress()
        await self.keep_place()

    async def keep_place(self) -> None:
        """Save the progress as a draft so the check can be resumed."""
        await self.store_quietly(self.app.store.save_draft, DRAFT_NAME, self.progress.to_draft())

    async def store_quietly(self, fn, *args) -> None:
        """A draft write: a failure is told once, and the check carries on."""
        try:
            await self.app.store_call(fn, *args)
        except StoreError as error:
            if not self._draft_failed:
                self._draft_failed = True
                self.notify(f"Your place could not be kept ({error}); the check itself works.",
                            severity="warning", markup=False)

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
            result = await self.app.store_call(self.app.store.save_selfcheck, recognised, scores, self.app.today)
        except StoreError as error:
            # The draft still holds every tick, so nothing is lost; say so.
            self.notify(f"Could not save the result ({error}). Your ticks are kept, so nothing is lost.",
                        severity="error", markup=False)
            result = {"day": self.app.today.isoformat(), "recognised": recognised, "scores": scores}
            self.show_results(result, saved=False)
            return
        await self.store_quietly(self.app.store.clear_draft, DRAFT_NAME)
        self.show_results(result)

    # -- the result -------------------------------------------------------------------------

    def show_results(self, result: dict[str, Any], *, saved: bool = True) -> None:
        """The causes ranked by what was recognised, with earlier results below."""
        recognised = result.get("recognised") or []
        ranking = rank_causes(self.library, recognised if isinstance(recognised, list) else [])
        when = self.result_day(result)
        if any(count for _, count, _ in ranking):
            intro = ("Highlight a cause: a adopts its first practice you haven't taken up, enter shows all "
                     "five, f marks it as a focus. n takes the check again.")
        else:
            intro = ("Nothing was ticked this time, and that is fine. Every cause's practices are here "
                     "if any of them speak to you. n takes the check again.")
        title = "What you recognised" + (f" ({when})" if saved else " (not saved yet)")
        self.query_one("#selfcheck-results-text", Static).update(
            paragraphs(heading(title), Content.styled(intro, MUTED)))
        self._ranking = ranking
        self.fill_ranking(0)
        earlier = [r for r in self.app.store.selfchecks() if r.get("id") != result.get("id")]
        self.query_one("#selfcheck-earlier", Static).update(self.earlier_text(earlier, "Earlier results"))
        self.switch_to("selfcheck-results")
        self.query_one("#selfcheck-ranking", OptionList).focus()
        self.show_cause_practices()

    def fill_ranking(self, highlighted: int) -> None:
        """The ranked causes, focus causes starred."""
        focus = set(self.app.store.focus())
        options = self.query_one("#selfcheck-ranking", OptionList)
        options.clear_options()
        options.add_options([ranking_option(self.library.cause(cause_id), count, cause_id in focus)
                             for cause_id, count, _ in self._ranking])
        options.highlighted = highlighted

    @property
    def highlighted_cause(self) -> Cause | None:
        options = self.query_one("#selfcheck-ranking", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return self.library.cause(options.get_option_at_index(options.highlighted).id)

    def adopted_ids(self) -> set[str]:
        return {item.practice_id for item in self.app.store.plan()}

    @on(OptionList.OptionHighlighted, "#selfcheck-ranking")
    def cause_highlighted(self) -> None:
        self.show_cause_practices()

    @on(OptionList.OptionSelected, "#selfcheck-ranking")
    def cause_selected(self) -> None:
        practices = self.query_one("#selfcheck-practices", OptionList)
        if practices.option_count:
            practices.focus()

    @on(OptionList.OptionSelected, "#selfcheck-practices")
    async def practice_selected(self, event: OptionList.OptionSelected) -> None:
        await self.adopt(event.option.id)

    def show_cause_practices(self, keep: int | None = None) -> None:
        """The highlighted cause's practices beside the ranking, adopted ones marked."""
        cause = self.highlighted_cause
        side = self.query_one("#selfcheck-side-text", Static)
        practices = self.query_one("#selfcheck-practices", OptionList)
        practices.clear_options()
        if cause is None:
            side.update("")
            return
        focus = set(self.app.store.focus())
        adopted = self.adopted_ids()
        parts: list[str | Content] = [
            Content.styled(cause.title, "bold"),
            Content.styled(cause.summary, "italic"),
        ]
        if cause.id in focus:
            parts.append(Content.styled("★ One of your focus causes.", "$accent"))
        if cause.professional_note:
            parts.append(Content.assemble(("Support: ", "bold $warning"), cause.professional_note))
        hint = "enter or a adds the highlighted practice"
        if adopted & {p.id for p in cause.practices}:
            hint += "; ✓ is already in your practices"
        parts.append(Content.styled(hint + ".", MUTED))
        side.update(paragraphs(*parts))
        practices.add_options([practice_choice(p, p.id in adopted) for p in cause.practices])
        practices.highlighted = keep if keep is not None else 0

    async def action_adopt(self) -> None:
        """Adopt the highlighted practice, or the cause's first one not yet adopted."""
        if self.page != "selfcheck-results":
            return
        cause = self.highlighted_cause
        if cause is None:
            return
        practices = self.query_one("#selfcheck-practices", OptionList)
        if self.focused is practices and practices.highlighted is not None:
            await self.adopt(practices.get_option_at_index(practices.highlighted).id)
            return
        adopted = self.adopted_ids()
        fresh = [p for p in cause.practices if p.id not in adopted]
        if not fresh:
            self.notify(f"All five practices of “{cause.title}” are already yours.", markup=False)
            return
        await self.adopt(fresh[0].id)

    async def adopt(self, practice_id: str | None) -> None:
        if practice_id is None:
            return
        if await adopt_practice(self, practice_id, where=" (p)") is None:
            return
        practices = self.query_one("#selfcheck-practices", OptionList)
        self.show_cause_practices(keep=practices.highlighted)

    async def action_toggle_focus(self) -> None:
        """Mark or unmark the highlighted cause as a focus."""
        if self.page != "selfcheck-results":
            return
        cause = self.highlighted_cause
        if cause is None:
            return
        focus = set(self.app.store.focus())
        marking = cause.id not in focus
        focus = focus | {cause.id} if marking else focus - {cause.id}
        ordered = [c.id for c in self.library.causes if c.id in focus]
        try:
            await self.app.store_call(self.app.store.set_focus, ordered)
        except StoreError as error:
            self.notify(f"Could not change your focus: {error}", severity="error", markup=False)
            return
        said = "is now one of your focus causes" if marking else "is no longer a focus"
        self.notify(f"“{cause.title}” {said}.", markup=False)
        self.fill_ranking(self.query_one("#selfcheck-ranking", OptionList).highlighted or 0)
        self.show_cause_practices()

    async def action_retake(self) -> None:
        if self.page != "selfcheck-results":
            return
        await self.store_quietly(self.app.store.clear_draft, DRAFT_NAME)
        self.start(SelfCheckProgress())

    async def action_leave(self) -> None:
        """Leave; from a cause's practices, step back to the ranking first."""
        practices = self.query_one("#selfcheck-practices", OptionList)
        if self.page == "selfcheck-results" and self.focused is practices:
            self.query_one("#selfcheck-ranking", OptionList).focus()
            return
        if self.page == "selfcheck-check":
            self.capture_ticks()
            await self.keep_place()
            total = len(self.library.causes)
            self.notify(f"Your place is kept ({SelfCheckProgress.progress_line(self.progress.page, total)}). "
                        "f on Causes or Practices picks it up again.", markup=False)
        self.app.pop_screen()

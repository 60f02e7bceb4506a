"""The self-check's first two pages: the start page and the checklist of one cause.

Both take what they show from the screen and keep no state of their own beyond
their widgets. Messages up: ``IntroPage.Chosen`` when a start choice is picked,
``ChecklistPage.Ticked`` when a tick changes. Their keys (bindings) name the
screen's actions and only work while the page is on show.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from rootwork.content import Cause
from rootwork.tui.text import MUTED, heading, paragraphs
from rootwork.tui.widgets.ticklist import TickList

RESUME = "resume"
BEGIN = "begin"
LAST_RESULT = "last-result"


def earlier_text(summaries: list[str], title: str = "Earlier results") -> Content:
    """Earlier results, one summary line each (at most eight), under a heading; nothing when there are none."""
    if not summaries:
        return Content("")
    lines = [Content.assemble(("  ", ""), summary) for summary in summaries[:8]]
    return Content.assemble(heading(title), "\n", Content("\n").join(lines))


class IntroPage(Vertical):
    """What the self-check is, resume or begin, and earlier results."""

    @dataclass
    class Chosen(Message):
        """A start choice was picked: ``RESUME``, ``BEGIN`` or ``LAST_RESULT``."""

        choice: str

    def compose(self) -> ComposeResult:
        yield Static(id="selfcheck-intro-text", classes="selfcheck-text")
        yield OptionList(id="selfcheck-choices")
        yield Static(id="selfcheck-intro-earlier", classes="selfcheck-text")

    def show(self, total: int, resume_line: str | None, last_day: str | None, earlier: list[str]) -> None:
        """Fill the page: ``resume_line`` says where a kept check stands, ``last_day`` when the last result was."""
        self.query_one("#selfcheck-intro-text", Static).update(
            paragraphs(
                heading("Find your roots"),
                f"{total} causes, one page each. Tick what you recognise in yourself, in the past or now. "
                "There are no right answers and nothing here is a diagnosis: it only points to where "
                "practice may help most.",
                Content.styled("You can leave at any time with escape; your place is kept.", MUTED),
            )
        )
        choices = self.query_one("#selfcheck-choices", OptionList)
        choices.clear_options()
        if resume_line is not None:
            choices.add_option(Option(f"Carry on where you left off ({resume_line})", id=RESUME))
            choices.add_option(Option("Start afresh", id=BEGIN))
        else:
            choices.add_option(Option("Begin", id=BEGIN))
        if last_day is not None:
            choices.add_option(Option(f"See your last result ({last_day})", id=LAST_RESULT))
        choices.highlighted = 0
        self.query_one("#selfcheck-intro-earlier", Static).update(earlier_text(earlier))

    def focus_choices(self) -> None:
        self.query_one("#selfcheck-choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#selfcheck-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))


class Checklist(TickList):
    """A cause's manifestations; space ticks, and enter turns the page instead of ticking."""

    # On the list, not the page: run in order with the ticks typed before them (issue 27).
    BINDINGS = [
        Binding("enter", "screen.next_cause", "Next cause", show=False, id="selfcheck.next-enter"),
        Binding(
            "n",
            "screen.next_cause",
            "Next cause",
            tooltip="On to the next cause (enter works too)",
            id="selfcheck.next",
        ),
        Binding(
            "p,backspace",
            "screen.previous_cause",
            "Previous",
            tooltip="Back to the cause before",
            id="selfcheck.previous",
        ),
    ]


class ChecklistPage(Vertical):
    """One cause and its manifestations to tick."""

    class Ticked(Message):
        """The user ticked or unticked a manifestation on this page."""

    def compose(self) -> ComposeResult:
        yield Static(id="selfcheck-progress", classes="selfcheck-text")
        yield Static(id="selfcheck-cause", classes="selfcheck-text")
        yield Checklist(id="selfcheck-list")
        # The highlighted statement whole, when the list has to cut it short with "…" (a narrow window).
        yield Static(id="selfcheck-full", classes="selfcheck-text", markup=False)

    @property
    def checklist(self) -> Checklist:
        return self.query_one("#selfcheck-list", Checklist)

    def show(self, cause: Cause, ticked: set[str], highlighted: int) -> None:
        """Show ``cause``'s manifestations with ``ticked`` ticked and row ``highlighted`` in view."""
        self.query_one("#selfcheck-cause", Static).update(
            paragraphs(
                Content.styled(cause.title, "bold"),
                Content.styled(cause.summary, "italic"),
                "Which of these do you recognise in yourself?",
            )
        )
        checklist = self.checklist
        with checklist.prevent(SelectionList.SelectedChanged):
            checklist.clear_options()
            checklist.add_options([Selection(Content(m.text), m.id, m.id in ticked) for m in cause.manifestations])
        checklist.highlighted = min(highlighted, checklist.option_count - 1)
        checklist.focus()

    def show_progress(self, text: str) -> None:
        """'Cause 5 of 13, 3 ticked so far', with the page's keys."""
        self.query_one("#selfcheck-progress", Static).update(
            Content.assemble(
                (text.capitalize(), "bold $accent"),
                ("   space ticks · enter or n: next cause · p or backspace: back", MUTED),
            )
        )

    def ticks(self) -> tuple[list[str], int]:
        """What is ticked on the page now, and the row highlighted."""
        checklist = self.checklist
        return list(checklist.selected), checklist.highlighted or 0

    @on(SelectionList.SelectionHighlighted, "#selfcheck-list")
    def _highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        self.show_whole()

    def on_resize(self) -> None:
        self.show_whole()

    def show_whole(self) -> None:
        """Under the list, the highlighted statement in full when it is too long for its row; else nothing."""
        checklist, full = self.checklist, self.query_one("#selfcheck-full", Static)
        index = checklist.highlighted
        text = (
            "" if index is None or index >= checklist.option_count else str(checklist.get_option_at_index(index).prompt)
        )
        room = checklist.scrollable_content_region.width - 6  # the box and the padding before the words
        full.update(Content.styled(text, "italic") if text and len(text) > room > 0 else "")
        full.display = bool(text) and len(text) > room > 0

    @on(SelectionList.SelectedChanged, "#selfcheck-list")
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.post_message(self.Ticked())

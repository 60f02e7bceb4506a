"""The self-check's result page: causes ranked by what was recognised, the highlighted one's practices beside.

Data down: ``show`` gives it the ranking, the focus causes and the adopted
practices; ``mark`` refreshes the last two. It moves between ranking and
practices itself; messages up: ``ResultsPage.PracticeChosen`` when enter picks a
practice. Its keys name the screen's actions and only work while it is on show.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rootwork.content import Cause, Library, Practice
from rootwork.state.records.selfcheck import dots
from rootwork.tui.option_ids import option_id
from rootwork.tui.text import MUTED, heading, paragraphs
from rootwork.tui.widgets.selfcheck_pages import earlier_text


def ranking_option(cause: Cause, count: int, focused: bool) -> Option:
    """A ranked cause: a star when it is a focus, and how much of it was recognised."""
    total = len(cause.manifestations)
    star = ("★ ", "bold $accent") if focused else ("  ", "")
    if count:
        line = (f"  {dots(count, total)}  {count} of {total} recognised", MUTED)
    else:
        line = ("  not this time", MUTED)
    return Option(
        Content.assemble(star, (f"{cause.number}. {cause.title}", "bold" if count else ""), "\n", line), id=cause.id
    )


def practice_choice(practice: Practice, adopted: bool) -> Option:
    """A practice to adopt, ticked when it already is."""
    mark = ("✓ ", "bold $success") if adopted else ("  ", "")
    return Option(Content.assemble(mark, (practice.name, "bold")), id=practice.id)


class ResultsPage(Vertical):
    """The ranked result, the highlighted cause's practices, earlier results."""

    BINDINGS = [
        Binding(
            "a", "screen.adopt", "Adopt", tooltip="Adopt a practice of the highlighted cause", id="selfcheck.adopt"
        ),
        Binding(
            "f",
            "screen.toggle_focus",
            "Focus",
            tooltip="Mark or unmark the highlighted cause as a focus",
            id="selfcheck.focus",
        ),
        Binding(
            "n",
            "screen.retake",
            "Take it again",
            tooltip="Start a new self-check; this result stays",
            id="selfcheck.retake",
        ),
    ]

    @dataclass
    class PracticeChosen(Message):
        """Enter picked a practice to adopt."""

        practice_id: str

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self._ranking: list[tuple[str, int, float]] = []
        self._focus: set[str] = set()
        self._adopted: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static(id="selfcheck-results-text", classes="selfcheck-text")
        with Horizontal():
            yield OptionList(id="selfcheck-ranking")
            with Vertical(id="selfcheck-side"):
                yield Static(id="selfcheck-side-text", classes="selfcheck-text")
                yield OptionList(id="selfcheck-practices")
        yield Static(id="selfcheck-earlier")

    @property
    def ranking(self) -> OptionList:
        return self.query_one("#selfcheck-ranking", OptionList)

    @property
    def practices(self) -> OptionList:
        return self.query_one("#selfcheck-practices", OptionList)

    def show(
        self,
        title: str,
        intro: str,
        ranking: list[tuple[str, int, float]],
        focus: set[str],
        adopted: set[str],
        earlier: list[str],
    ) -> None:
        """Fill the page and put the user on the ranking's first cause."""
        self.query_one("#selfcheck-results-text", Static).update(
            paragraphs(heading(title), Content.styled(intro, MUTED))
        )
        self._ranking = ranking
        self._focus, self._adopted = set(focus), set(adopted)
        self._fill_ranking(0)
        self.query_one("#selfcheck-earlier", Static).update(earlier_text(earlier))

    def focus_ranking(self) -> None:
        self.ranking.focus()
        self.show_cause_practices()

    def mark(self, focus: set[str], adopted: set[str], *, ranking: bool) -> None:
        """Show changed focus causes (``ranking``: the stars changed too) and adopted practices.

        After a focus change the ranking is filled again at the same cause; after
        an adoption only the practices are, keeping the one highlighted.
        """
        self._focus, self._adopted = set(focus), set(adopted)
        if ranking:
            self._fill_ranking(self.ranking.highlighted or 0)
            self.show_cause_practices()
        else:
            self.show_cause_practices(keep=self.practices.highlighted)

    def _fill_ranking(self, highlighted: int) -> None:
        options = self.ranking
        options.clear_options()
        options.add_options(
            [
                ranking_option(self.library.cause(cause_id), count, cause_id in self._focus)
                for cause_id, count, _ in self._ranking
            ]
        )
        options.highlighted = highlighted

    @property
    def highlighted_cause(self) -> Cause | None:
        options = self.ranking
        if options.highlighted is None or not options.option_count:
            return None
        return self.library.cause(option_id(options.get_option_at_index(options.highlighted)))

    @property
    def chosen_practice(self) -> str | None:
        """The practice highlighted while the user is in the practices list, else None."""
        practices = self.practices
        if self.screen.focused is practices and practices.highlighted is not None:
            return practices.get_option_at_index(practices.highlighted).id
        return None

    def step_back(self) -> bool:
        """From the practices back to the ranking; False when already there."""
        if self.screen.focused is self.practices:
            self.ranking.focus()
            return True
        return False

    @on(OptionList.OptionHighlighted, "#selfcheck-ranking")
    def _cause_highlighted(self) -> None:
        self.show_cause_practices()

    @on(OptionList.OptionSelected, "#selfcheck-ranking")
    def _cause_selected(self) -> None:
        if self.practices.option_count:
            self.practices.focus()

    @on(OptionList.OptionSelected, "#selfcheck-practices")
    def _practice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.PracticeChosen(event.option.id))

    def show_cause_practices(self, keep: int | None = None) -> None:
        """The highlighted cause's practices beside the ranking, adopted ones marked."""
        cause = self.highlighted_cause
        side = self.query_one("#selfcheck-side-text", Static)
        practices = self.practices
        practices.clear_options()
        if cause is None:
            side.update("")
            return
        parts: list[str | Content] = [
            Content.styled(cause.title, "bold"),
            Content.styled(cause.summary, "italic"),
        ]
        if cause.id in self._focus:
            parts.append(Content.styled("★ One of your focus causes.", "$accent"))
        if cause.professional_note:
            parts.append(Content.assemble(("Support: ", "bold $warning"), cause.professional_note))
        hint = "enter or a adds the highlighted practice"
        if self._adopted & {p.id for p in cause.practices}:
            hint += "; ✓ is already in your practices"
        parts.append(Content.styled(hint + ".", MUTED))
        side.update(paragraphs(*parts))
        practices.add_options([practice_choice(p, p.id in self._adopted) for p in cause.practices])
        practices.highlighted = keep if keep is not None else 0

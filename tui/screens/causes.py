"""Causes: the introduction, the 13 root causes, the healing journey and the one-year reflection.

The list is on the left; the highlighted entry's detail is on the right. A cause's
practices are an option list under its detail, where ``a`` adopts the highlighted one.
Detail is plain styled ``Content`` in one ``Static`` (the Markdown widget is too slow
to feel instant).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from rootwork.content import Cause, Library, Practice
from rootwork.tui.actions import adopt_practice
from rootwork.tui.option_ids import option_id
from rootwork.tui.requests import OpenSelfCheck
from rootwork.tui.services import app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED, bullets, heading, paragraphs, section
from rootwork.tui.widgets.footer import CompactFooter

INTRO = "intro"
JOURNEY = "journey"
ONE_YEAR = "one-year"


def entry_options(library: Library) -> list[Option | None]:
    """The browser's list: introduction, the causes in order, then the journey and the reflection."""
    options: list[Option | None] = [Option("Understanding insecurity", id=INTRO), None]
    options += [Option(f"{cause.number:>2}  {cause.title}", id=cause.id) for cause in library.causes]
    options += [None, Option("The healing journey", id=JOURNEY), Option("One year from now", id=ONE_YEAR)]
    return options


def introduction_detail(library: Library) -> Content:
    intro = library.introduction
    return paragraphs(
        Content.styled("Understanding insecurity", "bold"),
        intro.opening,
        section("What insecurity is", intro.what_it_is),
        section("How it shows up", bullets(f"{s.title}: {s.text}" for s in intro.signs)),
        section("What it is not", bullets(f"{n.title}. {n.text}" for n in intro.is_not)),
        section("Healing at the root", intro.root_cause_approach),
    )


def journey_detail(library: Library) -> Content:
    return paragraphs(
        Content.styled("The healing journey", "bold"),
        library.journey_intro,
        *(section(point.title, point.text) for point in library.journey),
    )


def one_year_detail(library: Library) -> Content:
    return paragraphs(
        Content.styled("One year from now", "bold"),
        Content.styled("A guided reflection. Read slowly; pause between paragraphs.", MUTED),
        *library.visualisation,
    )


def cause_detail(cause: Cause) -> Content:
    parts: list[str | Content] = [
        Content.assemble((f"Root cause {cause.number}: ", MUTED), (cause.title, "bold")),
        Content.styled(cause.summary, "italic"),
    ]
    if cause.professional_note:
        parts.append(Content.assemble(("Support: ", "bold $warning"), cause.professional_note))
    parts += [
        section("What it is", cause.what_it_is),
        section("How it creates insecurity", cause.how_it_creates),
        section("How it shows up", bullets(m.text for m in cause.manifestations)),
        Content.assemble(heading("Ways to heal it"), ("   a adopts the highlighted practice", MUTED)),
    ]
    return paragraphs(*parts)


def practice_option(practice: Practice, adopted: bool = False) -> Option:
    """A practice under its cause: "✓ in your practices" after the name when adopted (not colour alone)."""
    mark = ("   ✓ in your practices", "bold $success") if adopted else ("", "")
    return Option(Content.assemble((practice.name, "bold"), mark, "\n", (practice.how, MUTED)), id=practice.id)


class CausesScreen(ShowsOnce, Screen[None]):
    """Browse the library; adopt practices into the plan."""

    CSS_PATH = "causes.tcss"

    BINDINGS = [
        Binding("a", "adopt", "Adopt practice", tooltip="Add the highlighted practice to your plan", id="causes.adopt"),
        Binding(
            "f",
            "find_roots",
            "Find your roots",
            tooltip="A guided self-check: which causes feel closest",
            id="causes.find-roots",
        ),
        Binding("right,l", "focus_practices", "Practices", show=False, id="causes.to-practices"),
        Binding("left,h,escape", "focus_list", "Back to list", show=False, id="causes.to-list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Causes"

    def compose(self) -> ComposeResult:
        library: Library = app_services(self).library
        yield Header()
        with Horizontal():
            yield OptionList(*entry_options(library), id="cause-list")
            with VerticalScroll(id="cause-detail"):
                yield Static(id="detail-body")
                yield OptionList(id="practice-list")
        yield CompactFooter()

    def on_mount(self) -> None:
        entries = self.query_one("#cause-list", OptionList)
        entries.highlighted = 0
        entries.focus()

    def when_shown(self) -> None:
        # Practices are adopted and removed elsewhere too: keep the ✓ marks true.
        self.mark_adopted()

    @property
    def current_cause(self) -> Cause | None:
        entries = self.query_one("#cause-list", OptionList)
        if entries.highlighted is None:
            return None
        try:
            return app_services(self).library.cause(option_id(entries.get_option_at_index(entries.highlighted)))
        except KeyError:
            return None

    @on(OptionList.OptionHighlighted, "#cause-list")
    def show_entry(self, event: OptionList.OptionHighlighted) -> None:
        self.show(option_id(event.option))

    @on(OptionList.OptionSelected, "#cause-list")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        self.action_focus_practices()

    def show(self, entry_id: str) -> None:
        """Show an entry's detail on the right."""
        library: Library = app_services(self).library
        body = self.query_one("#detail-body", Static)
        practices = self.query_one("#practice-list", OptionList)
        practices.clear_options()
        if entry_id == INTRO:
            body.update(introduction_detail(library))
        elif entry_id == JOURNEY:
            body.update(journey_detail(library))
        elif entry_id == ONE_YEAR:
            body.update(one_year_detail(library))
        else:
            body.update(cause_detail(library.cause(entry_id)))
            self.mark_adopted(keep=0)
        practices.display = practices.option_count > 0
        self.query_one("#cause-detail", VerticalScroll).scroll_home(animate=False)

    def mark_adopted(self, keep: int | None = None) -> None:
        """(Re)fill the cause's practices, adopted ones marked, keeping the highlight (or moving it to ``keep``)."""
        cause = self.current_cause
        practices = self.query_one("#practice-list", OptionList)
        if cause is None:
            return
        keep = practices.highlighted if keep is None else keep
        adopted = {item.practice_id for item in app_services(self).store.plan()}
        options: list[Option | None] = []
        for practice in cause.practices:
            options += [practice_option(practice, practice.id in adopted), None]
        practices.clear_options()
        practices.add_options(options[:-1])
        practices.highlighted = keep if keep is not None and keep < practices.option_count else 0

    def action_focus_practices(self) -> None:
        practices = self.query_one("#practice-list", OptionList)
        if practices.option_count:
            practices.focus()

    def action_focus_list(self) -> None:
        # Back from the practices: the cause's text is shown from its top again, not scrolled to them (issue 27).
        self.query_one("#cause-detail", VerticalScroll).scroll_home(animate=False)
        self.query_one("#cause-list", OptionList).focus()

    async def action_adopt(self) -> None:
        """Adopt the highlighted practice of the cause on show; from the list, go to its practices first."""
        practices = self.query_one("#practice-list", OptionList)
        if self.current_cause is None or practices.highlighted is None:
            self.notify("Open a cause and highlight one of its practices to adopt it.", markup=False)
            return
        if self.focused is not practices:
            # Never adopt what the user has not highlighted: let them choose first.
            self.action_focus_practices()
            self.notify("Choose one of its practices with ↑ ↓, then press a to adopt it.", markup=False)
            return
        await adopt_practice(self, option_id(practices.get_option_at_index(practices.highlighted)))
        self.mark_adopted()

    def action_find_roots(self) -> None:
        """Open the guided self-check over the causes."""
        self.post_message(OpenSelfCheck())

"""The catalogue of every practice: filter as you type, enter picks one to adopt."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from rootwork.content import Library
from rootwork.state.records.text import shorten
from rootwork.tui.option_ids import option_id
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED, heading
from rootwork.tui.widgets.text_fields import LineField


def catalogue_options(library: Library, adopted: set[str], query: str) -> list[Option]:
    """Every practice matching all words of ``query`` (name, how-to or cause), adopted ones marked."""
    words = query.casefold().split()
    options = []
    for cause in library.causes:
        for practice in cause.practices:
            haystack = f"{practice.name} {practice.how} {cause.title} {practice.id}".casefold()
            if all(word in haystack for word in words):
                mark = ("✓ ", "bold $success") if practice.id in adopted else ("  ", "")
                note = "   (in your practices)" if practice.id in adopted else ""
                prompt = Content.assemble(
                    mark, (practice.name, "bold"), (f"   {cause.number}. {cause.title}{note}", MUTED)
                )
                options.append(Option(prompt, id=practice.id))
    return options


class CatalogueFilter(LineField):
    """The filter, which also moves in the list and picks from it.

    Its keys run in the order typed (``KeysInOrder``): ``c a l m down enter`` in one
    burst filters by "calm" before moving and picking, never the list as it was.
    """

    BINDINGS = [
        Binding("down", "screen.move(1)", "Down", show=False, id="catalogue.down"),
        Binding("up", "screen.move(-1)", "Up", show=False, id="catalogue.up"),
        Binding("pagedown", "screen.move(8)", "Page down", show=False, id="catalogue.page-down"),
        Binding("pageup", "screen.move(-8)", "Page up", show=False, id="catalogue.page-up"),
        Binding("enter", "screen.pick_highlighted", "Add", show=False, id="catalogue.add"),
    ]


class CatalogueScreen(ModalScreen[str | None]):
    """Every practice, filtered as you type; enter picks one to adopt."""

    BINDINGS = [
        Binding(
            "escape", "close", "Close", tooltip="Close the catalogue without adding anything", id="catalogue.close"
        ),
    ]

    def __init__(self, adopted: set[str]) -> None:
        super().__init__()
        self._adopted = adopted
        self._shown_for = ""  # the filter the list shows

    def compose(self) -> ComposeResult:
        with Vertical(id="catalogue"):
            yield Static(
                Content.assemble(heading("All practices"), ("   type to filter, enter adds, escape closes", MUTED))
            )
            yield CatalogueFilter(placeholder="Filter: a word from a name, a how-to or a cause", id="catalogue-filter")
            yield OptionList(id="catalogue-list")
            yield Static(id="catalogue-empty")
            yield Static(id="catalogue-how")

    def on_mount(self) -> None:
        self.refilter("")
        self.query_one("#catalogue-filter", Input).focus()

    @on(Input.Changed, "#catalogue-filter")
    def filter_changed(self) -> None:
        self.catch_up()  # what is typed now: a change message can arrive after the keys that followed it

    def refilter(self, query: str) -> None:
        """Show the practices matching ``query``; say so plainly when none do."""
        self._shown_for = query
        options = self.query_one("#catalogue-list", OptionList)
        options.clear_options()
        options.add_options(catalogue_options(app_services(self).library, self._adopted, query))
        empty = self.query_one("#catalogue-empty", Static)
        if options.option_count:
            options.highlighted = 0
            empty.display = False
        else:
            empty.update(
                Content.assemble(
                    "Nothing matches “",
                    shorten(query.strip(), 40),
                    "”. Try one word, like ",
                    ("calm", "italic"),
                    " or ",
                    ("write", "italic"),
                    ".",
                )
            )
            empty.display = True
        options.display = options.option_count > 0
        self.show_how()

    @on(OptionList.OptionHighlighted, "#catalogue-list")
    def show_how(self) -> None:
        """The highlighted practice's how-to under the list, to choose by what it asks."""
        options = self.query_one("#catalogue-list", OptionList)
        how = self.query_one("#catalogue-how", Static)
        if options.highlighted is None or not options.option_count:
            how.update("")
            return
        practice = app_services(self).library.practice(option_id(options.get_option_at_index(options.highlighted)))
        how.update(Content.assemble((practice.name, "bold"), "\n", practice.how))

    def catch_up(self) -> None:
        """Show the list for the filter as typed now: its change message may not have come yet."""
        typed = self.query_one("#catalogue-filter", Input).value
        if typed != self._shown_for:
            self.refilter(typed)

    def action_move(self, step: int) -> None:
        self.catch_up()
        options = self.query_one("#catalogue-list", OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_pick_highlighted(self) -> None:
        """Enter in the filter: add the highlighted practice."""
        self.catch_up()
        options = self.query_one("#catalogue-list", OptionList)
        if options.highlighted is not None and options.option_count:
            self.pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#catalogue-list")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option.id)

    def pick(self, practice_id: str | None) -> None:
        if practice_id is None:
            return
        if practice_id in self._adopted:
            name = app_services(self).library.practice(practice_id).name
            self.notify(f"“{name}” is already in your practices.", markup=False)
            return
        self.dismiss(practice_id)

    def action_close(self) -> None:
        self.dismiss(None)

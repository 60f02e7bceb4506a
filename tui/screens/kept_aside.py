"""Kept aside: each answer two machines changed without seeing each other, the two values side by side, to choose.

Opened from Today (``k`` while its line says answers are kept aside) or from the
command palette anywhere ("Kept aside"); ``escape`` goes back. The list has
focus, so nothing is chosen by ``enter``: it only moves to the values, to read a
long one. A choice is a key or a button of its own (``y`` yours, ``o`` the other
machine's, ``b`` both, for texts and tick lists); it is saved on the store's thread
(``Store.resolve_kept_aside``) as an ordinary edit, which syncs, and the list
is read again. A save that fails says so and changes nothing on screen.

What the values and records are called comes from ``state.sync.kept_aside_words``
and ``state.records.field_words``, the words ``rootwork conflicts`` prints too. What the
journal holds is shown as plain ``Content``, never markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from rootwork.content import Library
from rootwork.state.records.errors import NotFound, StoreError, ValidationError
from rootwork.state.records.field_words import field_name, is_empty, value_words
from rootwork.state.sync.kept_aside import KeptAside
from rootwork.state.sync.kept_aside_words import (
    NOTHING_KEPT_ASIDE,
    Sides,
    can_keep_both,
    kept_notice,
    record_name,
    sides,
)
from rootwork.tui.services import app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.footer import CompactFooter

INTRO = (
    "Changed on two machines, neither seeing the other. Choose what to keep: "
    "it is saved like any edit and reaches the other machine with the next sync."
)
KEYS = "enter reads the values · tab reaches the choices · escape goes back"
CHOICES = ("mine", "theirs", "both")
CHOICE_KEYS = {"mine": "y", "theirs": "o", "both": "b"}
SIDE_ROWS = (3, 16)  # the fewest and most rows of the two values side by side (borders included)


def list_line(item: KeptAside, record: str) -> Content:
    """One kept-aside answer in the list: the field's name, then the record."""
    return Content.assemble((field_name(item.table, item.field), "bold"), "  ", (record, MUTED))


def value_block(item: KeptAside, value: object, library: Library) -> Content:
    """A value as the journal holds it, in words; '(empty)' dimmed when there is none."""
    words = value_words(item.table, item.field, value, library)
    return Content.styled(words, MUTED) if is_empty(value) else Content(words)


class KeptAsideScreen(ShowsOnce, Screen[None]):
    """Every answer kept aside, and for the highlighted one its two values and the choices."""

    CSS_PATH = "kept_aside.tcss"
    AUTO_FOCUS = "#kept-list"
    OFFERS_KEPT_ASIDE = False  # the palette's "Kept aside" (tui/commands.py) is not offered here, over itself

    BINDINGS = [
        # The buttons name these keys: the footer keeps room for the screens, help and quit at 80 columns.
        Binding(
            "y",
            "keep('mine')",
            "Keep yours",
            show=False,
            tooltip="Keep the value written on this machine",
            id="kept.mine",
        ),
        Binding(
            "o", "keep('theirs')", "Keep theirs", show=False, tooltip="Keep the other machine's value", id="kept.theirs"
        ),
        Binding(
            "b",
            "keep('both')",
            "Keep both",
            show=False,
            tooltip="Keep both: two texts one after the other, or what either side ticked",
            id="kept.both",
        ),
        Binding("escape", "back", "Back", tooltip="Leave; what is not chosen yet stays kept aside", id="kept.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Kept aside"
        self.items: list[KeptAside] = []
        self._records: dict[str, str] = {}  # each item's record in words, by key
        self._shown_key: str | None = None  # the answer whose values are shown (a re-read keeps their scroll)
        self._choosing = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="kept-body"):
            yield Static(Content.styled(INTRO, MUTED), id="kept-intro")
            yield OptionList(id="kept-list", markup=False)
            with Vertical(id="kept-detail"):
                yield Static(id="kept-what")
                with Grid(id="kept-sides"):
                    with VerticalScroll(id="kept-mine-box", classes="kept-side"):
                        yield Static(id="kept-mine")
                    with VerticalScroll(id="kept-theirs-box", classes="kept-side"):
                        yield Static(id="kept-theirs")
                with Horizontal(id="kept-choices"):
                    for keep in CHOICES:
                        yield Button("", id=f"keep-{keep}", compact=True)
                yield Static(Content.styled(KEYS, MUTED), id="kept-keys")
            yield Static(id="kept-empty")
        yield CompactFooter()

    def when_shown(self) -> None:
        # Also when the journal changed elsewhere (tui/store_bridge.py): settled there, gone here.
        self.refresh_list()

    # -- showing ---------------------------------------------------------------

    def refresh_list(self) -> None:
        """Read what is kept aside again and show it, keeping the highlight on the same answer when it is still there."""
        app = app_services(self)
        store, library = app.store, app.library
        listed = self.query_one("#kept-list", OptionList)
        before = self.current()
        at = listed.highlighted or 0
        self.items = store.kept_aside()
        self._records = {item.key: self._record(item, library) for item in self.items}
        listed.clear_options()
        listed.add_options([Option(list_line(item, self._records[item.key])) for item in self.items])
        keys = [item.key for item in self.items]
        empty = not self.items
        listed.display = not empty
        self.query_one("#kept-detail").display = not empty
        self.query_one("#kept-empty", Static).display = empty
        self.query_one("#kept-intro").display = not empty
        if empty:
            self.query_one("#kept-empty", Static).update(
                Content.assemble(NOTHING_KEPT_ASIDE, "\n", ("escape goes back.", MUTED))
            )
        else:
            listed.highlighted = keys.index(before.key) if before and before.key in keys else min(at, len(keys) - 1)
            self.show_detail()
        self.refresh_bindings()

    def _record(self, item: KeptAside, library: Library) -> str:
        critic = None
        if item.table == "reframes":
            try:
                critic = app_services(self).store.reframe(item.record_id).critic
            except NotFound:
                critic = None
        return record_name(item, library, critic)

    def current(self) -> KeptAside | None:
        """The highlighted answer, or None when nothing is listed."""
        listed = self.query_one("#kept-list", OptionList)
        if listed.highlighted is None or not self.items or listed.highlighted >= len(self.items):
            return None
        return self.items[listed.highlighted]

    def show_detail(self) -> None:
        """The highlighted answer's two values, side by side (stacked when narrow), and its choices."""
        item = self.current()
        if item is None:
            return
        library = app_services(self).library
        two = sides(item, app_services(self).store.machine_id)
        what = [Content.assemble((field_name(item.table, item.field), "bold"), " · your ", self._records[item.key])]
        if two.more:
            also = "keeping both keeps them too" if can_keep_both(item) else "the one you keep replaces them all"
            what.append(Content.styled(f"{two.more} more kept aside from a third machine; {also}.", MUTED))
        self.query_one("#kept-what", Static).update(Content("\n").join(what))
        for box, value, title in (("mine", two.mine, two.titles()[0]), ("theirs", two.theirs, two.titles()[1])):
            self.query_one(f"#kept-{box}", Static).update(value_block(item, value, library))
            scroll = self.query_one(f"#kept-{box}-box", VerticalScroll)
            scroll.border_title = title
            if item.key != self._shown_key:
                scroll.scroll_home(animate=False)
        self._shown_key = item.key
        self._label_buttons(two, can_keep_both(item))
        self.call_after_refresh(self.fit_sides)

    def fit_sides(self) -> None:
        """Side by side, both boxes as tall as the longer value needs (up to a limit), so they stay level.

        Under 100 columns or 32 rows the layout sheet shares out the room left instead.
        """
        sides_box = self.query_one("#kept-sides")
        if self.has_class("-narrow") or self.has_class("-short"):
            sides_box.styles.height = None  # back to tui/layout.tcss
            return
        box = self.query_one("#kept-mine-box", VerticalScroll)
        # As wide as the text is with a scrollbar: a value that fits never rewraps into needing one.
        width = box.size.width - box.styles.gutter.width - box.styles.scrollbar_size_vertical
        if width <= 0:
            return
        lines = max(
            self.query_one(f"#kept-{side}", Static).get_content_height(self.size, self.size, width)
            for side in ("mine", "theirs")
        )
        low, high = SIDE_ROWS
        sides_box.styles.height = min(max(lines + box.styles.gutter.height, low), high)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_sides)

    def _label_buttons(self, two: Sides, both: bool) -> None:
        for keep in CHOICES:
            button = self.query_one(f"#keep-{keep}", Button)
            button.label = Content(f"Keep {two.words(keep)}  ({CHOICE_KEYS[keep]})")
        self.query_one("#keep-both", Button).display = both

    @on(OptionList.OptionHighlighted, "#kept-list")
    def _highlighted(self) -> None:
        self.show_detail()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#kept-list")
    def _read_values(self) -> None:
        # Enter chooses nothing: it goes to the values, to scroll a long one; tab reaches the buttons.
        self.query_one("#kept-mine-box", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            item = self.current()
            if item is None:
                return False
            if parameters and parameters[0] == "both" and not can_keep_both(item):
                return False
        return True

    # -- choosing ----------------------------------------------------------------

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        keep = (event.button.id or "").removeprefix("keep-")
        if keep in CHOICES:
            await self.action_keep(keep)

    async def action_keep(self, keep: str) -> None:
        """Keep ``keep`` ("mine", "theirs" or "both") in the highlighted answer: saved as an edit, which syncs."""
        item = self.current()
        if item is None or self._choosing:
            return
        store = app_services(self).store
        two = sides(item, store.machine_id)
        record = self._records.get(item.key, item.record_words)
        self._choosing = True
        try:
            await app_services(self).store_call(store.resolve_kept_aside, item.key, keep)
        except NotFound:
            self.notify("That answer was settled already, perhaps on the other machine.", markup=False)
        except ValidationError as error:
            self.notify(error.message, title="Not kept", severity="warning", markup=False)
        except (StoreError, OSError) as error:
            self.notify(
                f"Your choice was not saved: {error}", title="Not saved", severity="error", timeout=15, markup=False
            )
            return
        else:
            self.notify(kept_notice(item, keep, two, record), markup=False)
        finally:
            self._choosing = False
        self.refresh_list()
        if self.items and self.focused is not self.query_one("#kept-list", OptionList):
            self.query_one("#kept-list", OptionList).focus()

    def action_back(self) -> None:
        """Leave; whatever was not chosen stays kept aside."""
        self.dismiss(None)

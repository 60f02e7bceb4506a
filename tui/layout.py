"""Fitting every terminal: the breakpoints screens style against, and the smallest size rootwork draws.

Each screen gets classes from its size (Textual's breakpoints): ``-narrow`` below
100 columns, ``-medium`` from 100, ``-wide`` from 120; ``-short`` below 32 rows,
``-tall`` from 32. ``tui/layout.tcss`` says what each screen does with them: side
panels stack or hide, forms become one scrolling column, the month's cells shrink.

Below MIN_SIZE no layout can hold the forms, so rootwork says so on screen (and
which size the window is) instead of drawing a broken one; it goes away as soon
as the window is big enough again. Nothing typed is lost: the screens stay put.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_SIZE = Size(80, 24)
HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (120, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]


def too_small(size: Size) -> bool:
    """Whether a terminal of ``size`` is smaller than rootwork can lay out."""
    return size.width < MIN_SIZE.width or size.height < MIN_SIZE.height


def too_small_message(size: Size) -> str:
    """What the window says when it is too small: the size needed and the size it is."""
    return (
        f"rootwork needs at least {MIN_SIZE.width}x{MIN_SIZE.height}; "
        f"this window is {size.width}x{size.height}.\n"
        "Make the window bigger (or the font smaller) to carry on: nothing is lost. q quits."
    )


class TooSmallScreen(ModalScreen[None]):
    """Covers the app while the window is smaller than MIN_SIZE; the app removes it when it fits again."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    #too-small {
        width: 100%;
        height: auto;
        padding: 0 1;
        text-align: center;
    }
    """
    BINDINGS = [Binding("q", "app.quit", "Quit", show=False, id="app.quit")]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.show_size(self.app.size)

    def show_size(self, size: Size) -> None:
        self.query_one("#too-small", Static).update(Content(too_small_message(size)))


class Page(VerticalScroll):
    """A screen's body that scrolls only when the window is too short for it.

    A tab stop (so the keyboard can scroll it) only while there is something to scroll:
    on a big terminal it is not in the way of the fields inside it. A form passes
    ``can_focus=False``: its fields are scrolled into view as they get focus.
    """

    def allow_focus(self) -> bool:
        return self.can_focus and self.max_scroll_y > 0

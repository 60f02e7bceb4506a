"""A SelectionList whose boxes show ✓ only when ticked, so the choice reads without colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

from rootwork.tui.widgets.keys_in_order import KeysInOrder

TICK = "✓"


class TickList(KeysInOrder, SelectionList):
    """A ``SelectionList`` that draws ✓ in ticked boxes and leaves the others empty.

    Textual draws an X in every box and tells ticked from unticked by colour alone,
    which is lost on a monochrome terminal or with NO_COLOR.
    """

    def action_select(self) -> None:
        """Tick or untick the highlighted row now, while the key is handled.

        Textual's ``SelectionList`` posts a message on ``space`` and ticks the row
        highlighted when that message comes back: keys typed faster than that
        (``down space down space`` in one burst, a paste, a multiplexer) moved on
        first, so both spaces ticked and unticked the last row. Handled here, each
        key acts on the row it was pressed on (tests/tui/test_keys_in_a_burst.py).
        """
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        segments = list(strip)
        if index >= self.option_count or len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        ticked = self.get_option_at_index(index).value in self.selected
        segments[1] = Segment(TICK if ticked else " ", segments[1].style)
        return Strip(segments, strip.cell_length)

"""A keyboard scale: pick one whole number in a small range, with a word for each value.

Digits set the value directly (on a 0-10 scale "1" then "0" typed quickly gives 10),
left/right step it, home/end jump to the ends, a click picks a number. The chosen
number is bracketed and bold, so it reads without colour. Posts ``Scale.Changed``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from rootwork.tui.widgets.keys_in_order import KeysInOrder

# Two digits typed within this many seconds make one number (1 then 0 -> 10).
TWO_DIGIT_WINDOW = 1.0
CELL_WIDTH = 4


class Scale(KeysInOrder, Widget, can_focus=True):
    """A focusable scale from ``low`` to ``high``; ``value`` is None until chosen."""

    DEFAULT_CSS = """
    Scale {
        height: auto;
        padding: 0 1;
        border: round $primary-muted;
        border-title-color: $text;
    }
    Scale:focus {
        border: heavy $primary;
        border-title-style: bold;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Less", show=False, id="scale.less"),
        Binding("right", "step(1)", "More", show=False, id="scale.more"),
        Binding("home", "to_end(False)", "Lowest", show=False, id="scale.lowest"),
        Binding("end", "to_end(True)", "Highest", show=False, id="scale.highest"),
    ]

    value: reactive[int | None] = reactive(None, init=False)

    @dataclass
    class Changed(Message):
        """The value was set (by a key, a click or the code); ``value`` may be None when cleared."""

        scale: Scale
        value: int | None

        @property
        def control(self) -> Scale:
            return self.scale

    def __init__(
        self,
        label: str,
        low: int,
        high: int,
        words: Mapping[int, str],
        *,
        value: int | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        if low >= high or not 0 <= low or high > 99:
            raise ValueError(f"a scale needs 0 <= low < high <= 99, not {low}..{high}")
        super().__init__(id=id, classes=classes)
        self.label = label
        self.low = low
        self.high = high
        self.words = dict(words)
        self.border_title = label
        self._typed = ""
        self._typed_at = 0.0
        if value is not None:
            self.set_reactive(Scale.value, self._check(value))

    def _check(self, value: int) -> int:
        if not self.low <= value <= self.high:
            raise ValueError(f"{value} is outside {self.low}..{self.high}")
        return value

    def validate_value(self, value: int | None) -> int | None:
        return None if value is None else self._check(value)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def word(self, value: int | None) -> str:
        """The word for ``value`` ('good'), or '' when there is none."""
        return "" if value is None else self.words.get(value, "")

    @property
    def range_text(self) -> str:
        """The range with its end words: '1 very low .. 5 very good'."""
        low = f"{self.low} {self.word(self.low)}".strip()
        high = f"{self.high} {self.word(self.high)}".strip()
        return f"{low} .. {high}"

    def render(self) -> Content:
        marks: list[str | tuple[str, str]] = []
        for number in range(self.low, self.high + 1):
            if number == self.value:
                marks.append((f"[{number}]".ljust(CELL_WIDTH), "bold reverse"))
            else:
                marks.append(f" {number} ".ljust(CELL_WIDTH))
        if self.value is None:
            chosen = Content.styled(f"not set: press {self.low}-{self.high}", "italic")
        else:
            chosen = Content.styled(f"{self.value} · {self.word(self.value)}".rstrip(" ·"), "bold")
        return Content.assemble(*marks, "\n", chosen, ("   " + self.range_text, "$text-muted"))

    def get_content_width(self, container, viewport) -> int:  # Textual's signature
        return max((self.high - self.low + 1) * CELL_WIDTH, len(self.range_text) + 24)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 2

    def action_step(self, delta: int) -> None:
        """Move the value by ``delta``; from unset, right starts at the low end and left at the high end."""
        self._typed = ""
        if self.value is None:
            self.value = self.low if delta > 0 else self.high
        else:
            self.value = min(self.high, max(self.low, self.value + delta))

    def action_to_end(self, high: bool) -> None:
        self._typed = ""
        self.value = self.high if high else self.low

    def type_digit(self, digit: str, *, at: float | None = None) -> None:
        """Set the value from a typed digit, joining two quick digits into one number when it fits."""
        at = time.monotonic() if at is None else at
        if self._typed and at - self._typed_at <= TWO_DIGIT_WINDOW:
            joined = int(self._typed + digit)
            if self.low <= joined <= self.high:
                self._typed = ""
                self.value = joined
                return
        number = int(digit)
        if self.low <= number <= self.high:
            self.value = number
            # Only remember the digit when another one could still extend it.
            self._typed = digit if number * 10 <= self.high else ""
            self._typed_at = at
        else:
            self._typed = ""
            self.app.bell()

    async def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isdigit() and len(event.character) == 1:
            event.stop()
            event.prevent_default()
            self.type_digit(event.character)

    def on_blur(self) -> None:
        self._typed = ""

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y != 0:
            return
        number = self.low + offset.x // CELL_WIDTH
        if self.low <= number <= self.high:
            self._typed = ""
            self.value = number

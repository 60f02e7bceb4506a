"""A ``Select`` for forms whose keys act in the order they were typed (issue 27).

Textual's ``Select`` opens its menu (an overlay that takes focus a moment later)
on ``enter``, ``space``, ``down`` or ``up``, and the menu's keys are bindings run
when each key bubbles back up to the app. In a burst (``enter down down enter
tab``) the keys after the first reached the Select, or the field after it, before
the menu had focus: the choice was lost or landed on the next field.

``ChoiceField`` handles every key meant for its menu itself, in its own queue and
in order, whether the key reached it directly or bubbled up from the open menu:
``down``/``up`` move the menu's highlight, ``enter`` takes it, ``escape`` closes.
The options are kept here (``choices``), as Textual keeps its own privately.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import OptionList, Select

from rootwork.tui.widgets.keys_in_order import KeysInOrder

MENU_KEYS = frozenset({"down", "up", "enter", "escape", "home", "end"})


class ChoiceField(KeysInOrder, Select):
    """A Select whose menu keys run in order (see the module docstring)."""

    def __init__(self, options: Iterable[tuple[Any, Any]], **kwargs: Any) -> None:
        options = list(options)
        super().__init__(options, **kwargs)
        allow_blank = kwargs.get("allow_blank", True)
        #: The menu's values in its order, the blank first when there is one (as Select shows them).
        self.choices: list[Any] = ([Select.NULL] if allow_blank else []) + [value for _, value in options]
        self.return_focus: Widget | None = None

    def menu(self) -> OptionList:
        return self.query_one("SelectOverlay", OptionList)

    def action_show_overlay(self) -> None:
        # Opened by a key typed before a tab that has already moved on: focus goes back there when it closes.
        focused = self.screen.focused
        self.return_focus = (
            focused if focused is not None and focused is not self and focused is not self.menu() else None
        )
        super().action_show_overlay()

    async def on_key(self, event: events.Key) -> None:
        # Textual then calls KeysInOrder's on_key (each class's own handler), for the closed field's keys.
        if self.expanded and event.key in MENU_KEYS:
            event.stop()
            event.prevent_default()
            self.menu_key(event.key)

    def menu_key(self, key: str) -> None:
        """What a key does with the menu open: move, take the highlighted choice, or close."""
        menu = self.menu()
        last = len(self.choices) - 1
        current = menu.highlighted if menu.highlighted is not None else 0
        if key in ("down", "up", "home", "end"):
            target = {"down": current + 1, "up": current - 1, "home": 0, "end": last}[key]
            menu.highlighted = max(0, min(last, target))
            return
        if key == "enter" and 0 <= current <= last:
            self.value = self.choices[current]
        taking_focus_back = self.screen.focused is menu
        self.expanded = False
        if taking_focus_back:
            self.screen.set_focus(self.return_focus or self)

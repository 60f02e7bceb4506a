"""Text fields shared by the thought-record editor and rehearsal, and the line that says what is wrong."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from rootwork.state.records.reframe_editing import is_format_character
from rootwork.tui.widgets.keys_in_order import KeysInOrder

__all__ = ["LineField", "TextField", "is_format_character", "show_problem"]


class TextField(KeysInOrder, TextArea):
    """A TextArea that keeps joiners and direction marks typed as keys.

    Textual drops them as unprintable, which splits a family emoji into three people
    and loses the marks right-to-left writers type; pasted text keeps them already.
    """

    def on_focus(self, event: events.Focus) -> None:
        # Tabbed into with text already there: the cursor goes to its end, so typing adds to it
        # rather than going before it (issue 27). A click then puts it where it was clicked.
        if self.text and self.cursor_location == (0, 0) and not self.selected_text:
            self.move_cursor(self.document.end)

    async def on_key(self, event: events.Key) -> None:
        # Runs before TextArea's own handler, which prevent_default skips.
        character = event.character
        if not self.read_only and character is not None and is_format_character(character):
            event.stop()
            event.prevent_default()
            self.insert(character)


class LineField(KeysInOrder, Input):
    """An Input that keeps joiners and direction marks typed as keys (see ``TextField``)."""

    async def on_key(self, event: events.Key) -> None:
        character = event.character
        if character is not None and is_format_character(character):
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(character)


def show_problem(static: Static, message: str) -> None:
    """Say what is wrong under a field, or take the line away when nothing is."""
    static.update(Content(message))
    static.display = bool(message)

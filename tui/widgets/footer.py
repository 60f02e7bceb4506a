"""The footer every screen shows: Textual's, compact, without styling each key twice.

Textual's compact footer gives each key its ``-compact`` class through a data
binding once the key is mounted, so every key's styles are worked out at mount
and again a moment later for the class. The footer is rebuilt whenever the
keys on offer change (each move of the focus), which made that second pass
about a fourteenth of the CPU of a pilot test. Here each key is made with the
class already, so the binding finds nothing to change. What is shown is
Textual's footer exactly (the snapshot tests); tests/tui/test_textual_compat.py
fails if Textual stops marking its compact keys with that class.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_CLASS = "-compact"


class CompactFooter(Footer):
    """``Footer(compact=True)``, its keys born with the class the compact footer gives them."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class(COMPACT_CLASS, update=False)
            yield widget

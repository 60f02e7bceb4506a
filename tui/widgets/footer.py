"""The footer every screen shows: Textual's compact footer, rebuilt only when its keys change.

Textual rebuilds a footer whenever the screen says its bindings changed, which
is every move of the focus, even when the keys on offer stay the same (from
one field of a form to the next). Each rebuild mounts every key again. Here a
rebuild is skipped when what the footer would show (each key, its label,
whether it is enabled, its tooltip) is what it shows already (``shown_keys``).

Textual's compact footer also gives each key its ``-compact`` class through a
data binding once the key is mounted, so each key's styles were worked out at
mount and again a moment later. Here each key is made with the class already,
so the binding finds nothing to change.

Together these were about two fifths of the CPU of four pilot-test files
(test_leaving, test_checkin, test_today, test_practices: 28.3 CPU-s, then
17.7). What is shown is Textual's footer exactly (the snapshot tests).
tests/tui/test_textual_compat.py fails if Textual stops marking its compact
keys with that class; tests/tui/test_footer.py if it stops telling the footer
of new keys through ``bindings_changed``, or rebuilds it another way.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from rootwork.tui.textual_compat import FooterKey

COMPACT_CLASS = "-compact"


def shown_keys(screen: Screen) -> tuple:
    """What a footer on ``screen`` would build from its bindings now: each shown one and the palette's.

    A binding (a frozen dataclass) compares by all it holds: key, action, label,
    tooltip, group and the rest; beside it, whether it is enabled and the
    tooltip the screen gives it.
    """
    active = screen.active_bindings
    palette = active.get(screen.app.COMMAND_PALETTE_BINDING)
    return (
        tuple((binding, enabled, tooltip) for (_node, binding, enabled, tooltip) in active.values() if binding.show),
        palette[1:] if palette is not None else None,
    )


class CompactFooter(Footer):
    """``Footer(compact=True)``: rebuilt only when its keys change, its keys born with their class."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        self._composed: tuple | None = None  # shown_keys() when the footer was last built

    def bindings_changed(self, screen: Screen) -> None:
        # Skipped only for the screen in front; a screen behind a dialog is left to Textual, as before.
        if (
            self._bindings_ready
            and self.is_attached
            and screen is self.screen
            and screen.is_current
            and shown_keys(screen) == self._composed
        ):
            return  # the same keys as shown: nothing to rebuild
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed = shown_keys(self.screen)
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class(COMPACT_CLASS, update=False)
            yield widget

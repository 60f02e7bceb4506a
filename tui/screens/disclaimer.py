"""The first-run disclaimer: shown once, acknowledged, never again.

Its own footer shows the keys that work here: ``enter`` accepts, ``q`` (or
``escape``) quits without accepting, so the disclaimer comes back next time.
The app's letter keys do not reach past it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rootwork.content import Safety
from rootwork.tui.text import heading, paragraphs
from rootwork.tui.widgets.footer import CompactFooter


class DisclaimerScreen(ModalScreen[bool]):
    """Dismisses with True when the user has read and accepted the disclaimer."""

    CSS_PATH = "disclaimer.tcss"

    BINDINGS = [
        Binding("enter", "accept", "I understand", priority=True, id="disclaimer.accept"),
        Binding("q", "app.quit", "Quit", tooltip="Leave rootwork; this is shown again next time", id="app.quit"),
        Binding("escape", "app.quit", "Quit", show=False, id="disclaimer.quit"),
    ]

    def __init__(self, safety: Safety) -> None:
        super().__init__()
        self._safety = safety

    def compose(self) -> ComposeResult:
        with Vertical(id="disclaimer"):
            yield Static(heading("Welcome to rootwork"), classes="title")
            with VerticalScroll():
                yield Static(
                    paragraphs(
                        "rootwork is a private journal and practice companion for working on insecurity "
                        "at its roots. Everything you write stays on this machine.",
                        heading("Before you begin"),
                        self._safety.disclaimer,
                        heading("If you are in crisis"),
                        self._safety.crisis_lines,
                        "Press ? at any time for help, safety information and every key.",
                    )
                )
            yield Button("I understand  (enter)", id="accept", variant="primary")
        yield CompactFooter()

    def action_accept(self) -> None:
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

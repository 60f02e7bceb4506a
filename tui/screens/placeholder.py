"""A top-level screen whose feature has not landed yet: one honest line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.text import heading, paragraphs


class PlaceholderScreen(Screen[None]):
    """Says what will be here, instead of pretending."""

    def __init__(self, title: str, line: str) -> None:
        super().__init__()
        self._title = title
        self._line = line
        self.sub_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(paragraphs(heading(self._title), self._line), classes="placeholder")
        yield Footer()

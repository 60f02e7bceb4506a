"""Reframes (not built yet)."""

from __future__ import annotations

from tui.screens.placeholder import PlaceholderScreen


class ReframesScreen(PlaceholderScreen):
    """Stands in until this screen lands."""

    def __init__(self) -> None:
        super().__init__("Reframes", "Thought records are being built.")

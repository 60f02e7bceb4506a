"""Practices (not built yet)."""

from __future__ import annotations

from tui.screens.placeholder import PlaceholderScreen


class PracticesScreen(PlaceholderScreen):
    """Stands in until this screen lands."""

    def __init__(self) -> None:
        super().__init__("Practices", "Spaced practices are being built.")

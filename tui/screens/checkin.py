"""Check-in (not built yet)."""

from __future__ import annotations

from tui.screens.placeholder import PlaceholderScreen


class CheckinScreen(PlaceholderScreen):
    """Stands in until this screen lands."""

    def __init__(self) -> None:
        super().__init__("Check-in", "The daily check-in is being built.")

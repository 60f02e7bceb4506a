"""Month (not built yet)."""

from __future__ import annotations

from tui.screens.placeholder import PlaceholderScreen


class MonthScreen(PlaceholderScreen):
    """Stands in until this screen lands."""

    def __init__(self) -> None:
        super().__init__("Month", "The month calendar is being built.")

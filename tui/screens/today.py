"""Today (not built yet)."""

from __future__ import annotations

from tui.screens.placeholder import PlaceholderScreen


class TodayScreen(PlaceholderScreen):
    """Stands in until this screen lands."""

    def __init__(self) -> None:
        super().__init__("Today", "Your day at a glance arrives with the check-in.")

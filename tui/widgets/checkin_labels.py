"""The check-in form's day-dependent labels: "How insecure today" on today, "… on Tue 24 Nov" on another day."""

from __future__ import annotations

from datetime import date

from rootwork.state.records.week import day_label


def when_words(day: date, today: date) -> str:
    """'today' for today, else 'on Tue 24 Nov': the day the form is for, as a label says it."""
    return "today" if day == today else f"on {day_label(day)}"


def intensity_label(day: date, today: date) -> str:
    """The insecurity scale's title for ``day``: 'How insecure today' or 'How insecure on Tue 24 Nov'."""
    return f"How insecure {when_words(day, today)}"


def signs_title(day: date, today: date) -> str:
    """The signs list's title for ``day``: 'Signs noticed today (space ticks)' or '… on Tue 24 Nov …'."""
    return f"Signs noticed {when_words(day, today)} (space ticks)"


def relabel(screen, day: date, today: date) -> None:
    """Put ``day`` into the form's titles (``screen`` is the check-in screen)."""
    screen.query_one("#intensity").border_title = intensity_label(day, today)
    screen.query_one("#signs").border_title = signs_title(day, today)

"""The month calendar's grid: weekday names over up to six weeks of day cells.

Each cell says what happened in marks that read without colour: a shade and a
number for the check-in's intensity, counts with symbols for what was done, an
arrow and a count for revisits to come, a diamond for today. The selected day
has a double border. Clicking a day posts ``MonthGrid.DayClicked``; the screen
decides what that does. Content is built from counts and dates only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from rootwork.state.records.calendar import DayCell
from rootwork.state.records.day_names import WEEKDAY_ABBREVIATIONS

MAX_WEEKS = 6
TODAY_MARK = "◆"
PRACTICE_MARK = "✓"
REFRAME_MARK = "↺"
WRITTEN_MARK = "✎"
REVISIT_MARK = "→"
# Darker shade, stronger insecurity: read with the number beside it, never alone.
SHADES = ((2, "░"), (5, "▒"), (8, "▓"), (10, "█"))
SHADE_WIDTH = 3
MUTED = "$text-muted"


def shade_for(intensity: int) -> str:
    """The shading character for an intensity of 0-10."""
    for upper, char in SHADES:
        if intensity <= upper:
            return char
    return SHADES[-1][1]


def cell_lines(cell: DayCell) -> tuple[str, str, str]:
    """The three lines of a day cell as plain text: the date (and today), the check-in or revisits, what was done."""
    top = f"{cell.day.day:>2}"
    if cell.is_today:
        top += f" {TODAY_MARK} today"
    if cell.checkin_intensity is not None:  # checked in
        middle = f"{shade_for(cell.checkin_intensity) * SHADE_WIDTH} {cell.checkin_intensity}"
    elif cell.scheduled_revisits:
        middle = f"{REVISIT_MARK} {cell.scheduled_revisits} due"
    else:
        middle = ""
    done = []
    if cell.practice_reviews:
        done.append(f"{PRACTICE_MARK}{cell.practice_reviews}")
    if cell.reframe_reviews:
        done.append(f"{REFRAME_MARK}{cell.reframe_reviews}")
    if cell.reframes_written:
        done.append(f"{WRITTEN_MARK}{cell.reframes_written}")
    return top, middle, " ".join(done)


def cell_content(cell: DayCell) -> Content:
    """A day cell's text, styled: the shade tinted and the date bold on today; days of other months muted."""
    top, middle, bottom = cell_lines(cell)
    if cell.checked_in:
        shade, _, number = middle.partition(" ")
        middle_content = Content.assemble((shade, "$accent"), " ", (number, "bold"))
    else:
        middle_content = Content.styled(middle, MUTED if cell.is_future else "")
    content = Content("\n").join(
        [Content.styled(top, "bold" if cell.is_today else ""), middle_content, Content(bottom)]
    )
    return content.stylize(MUTED) if not cell.in_month else content


def legend_line() -> Content:
    """The legend in one line, for a window too small for the side pane (under 100 columns)."""
    # Today needs no entry here: its cell says "today" beside its mark.
    marks = [
        (shade_for(6), "insecure"),
        (PRACTICE_MARK, "practice done"),
        (REFRAME_MARK, "rehearsed"),
        (WRITTEN_MARK, "written"),
        (REVISIT_MARK, "due"),
    ]
    return Content("  ").join(Content.assemble((mark, "bold"), " ", (words, MUTED)) for mark, words in marks)


def legend() -> Content:
    """What the marks on the calendar mean."""
    rows = [
        (TODAY_MARK, "today"),
        (f"{shade_for(4) * SHADE_WIDTH} 4", "checked in, feeling"),
        ("", "insecure 4 of 10"),
        (" ".join(char for _, char in SHADES), "darker = stronger"),
        (f"{PRACTICE_MARK}2", "practices done"),
        (f"{REFRAME_MARK}1", "reframes rehearsed"),
        (f"{WRITTEN_MARK}1", "records written"),
        (f"{REVISIT_MARK} 3 due", "revisits planned"),
        ("╔══╗ █", "the selected day"),  # a double box, or a bar on a small window
    ]
    lines = [Content.styled("What the marks mean", "bold $accent")]
    lines += [Content.assemble((mark.ljust(8), "bold"), (words, MUTED)) for mark, words in rows]
    return Content("\n").join(lines)


def weekday_names(first_weekday: int) -> list[str]:
    """'Mon' .. 'Sun' starting on ``first_weekday`` (0 Monday .. 6 Sunday)."""
    return [WEEKDAY_ABBREVIATIONS[(first_weekday + n) % 7] for n in range(7)]


class DayCellView(Static):
    """One day on the grid; knows its date so a click can say which day it was."""

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.day: date | None = None

    def show(self, cell: DayCell, *, selected: bool) -> None:
        """Show ``cell``; classes carry the state the styles (and tests) read."""
        self.day = cell.day
        self.update(cell_content(cell))
        self.set_classes(
            " ".join(
                name
                for name, on in (
                    ("out", not cell.in_month),
                    ("today", cell.is_today),
                    ("future", cell.is_future),
                    ("selected", selected),
                )
                if on
            )
        )

    def on_click(self, event: events.Click) -> None:
        if self.day is not None:
            self.post_message(MonthGrid.DayClicked(self.day))


class MonthGrid(Grid, can_focus=True):
    """Seven weekday names over the weeks of one month; focusable, so the screen's keys reach it first."""

    @dataclass
    class DayClicked(Message):
        """A day cell was clicked."""

        day: date

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._weeks: list[list[DayCell]] = []
        self._selected: date | None = None

    def compose(self) -> ComposeResult:
        for n in range(7):
            yield Static("", classes="weekday", id=f"weekday-{n}")
        for n in range(MAX_WEEKS * 7):
            yield DayCellView(id=f"cell-{n}")

    def show(self, weeks: Sequence[Sequence[DayCell]], selected: date, first_weekday: int) -> None:
        """Show a month's weeks with ``selected`` marked."""
        self._weeks = [list(week) for week in weeks]
        self._selected = selected
        for n, name in enumerate(weekday_names(first_weekday)):
            self.query_one(f"#weekday-{n}", Static).update(Content.styled(name, "bold"))
        cells = [cell for week in self._weeks for cell in week]
        for n in range(MAX_WEEKS * 7):
            view = self.query_one(f"#cell-{n}", DayCellView)
            if n < len(cells):
                view.display = True
                view.show(cells[n], selected=cells[n].day == selected)
            else:
                view.display = False
                view.day = None

    def select(self, day: date) -> None:
        """Move the selection to ``day`` (a day on the grid shown)."""
        previous, self._selected = self._selected, day
        for view in self.query(DayCellView):
            if view.day in (previous, day):
                view.set_class(view.day == day, "selected")

    def cell(self, day: date) -> DayCell | None:
        """The cell shown for ``day``, if it is on the grid."""
        for week in self._weeks:
            for cell in week:
                if cell.day == day:
                    return cell
        return None

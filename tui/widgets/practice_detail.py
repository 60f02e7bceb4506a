"""The Practices screen's two halves: the table of adopted practices and the highlighted one's detail.

Both take their data from the screen (rows built in ``state.records.practice_rows``) and
hold no state of their own; the table's highlight reaches the screen as
DataTable's own ``RowHighlighted`` message.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Static

from rootwork.content import Library
from rootwork.state.records.model import Rating, Review
from rootwork.state.records.practice_rows import (
    CAUSE_COLUMN_WIDTH,
    NAME_COLUMN_WIDTH,
    PracticeRow,
    days_label,
    done_line,
    every_label,
    history_lines,
    relative_day,
    short_cause,
    when_label,
    why_next,
)
from rootwork.state.records.text import shorten
from rootwork.tui.text import MUTED, paragraphs, section


def _rating_key(rating: Rating, width: int = 18) -> Content:
    return Content.assemble((rating.value, "bold"), (f" {rating.label}".ljust(width - 1), MUTED))


RATING_HINT = Content.assemble(
    ("How did it go?", MUTED),
    "\n",
    _rating_key(Rating.DIDNT_MANAGE),
    _rating_key(Rating.STRUGGLED),
    "\n",
    _rating_key(Rating.DID_IT),
    _rating_key(Rating.CAME_EASILY),
    "\n",
    _rating_key(Rating.NOT_TODAY),
    ("(moves it to tomorrow)", MUTED),
)


def practice_detail(library: Library, row: PracticeRow, reviews: list[Review], today: date) -> Content:
    """The detail beside the table: how-to, next date and why, history."""
    item = row.item
    status = {
        "today": "Due today.",
        "waiting": "Its day has come; it waits for room in your daily list, and you can do it now too.",
        "paused": "Paused.",
        "later": f"Next on {when_label(row, today)}{relative_day(item.schedule.due, today)}, "
        f"{every_label(item.schedule.interval)} for now.",
    }[row.status]
    history = history_lines(reviews, today)
    return paragraphs(
        Content.assemble((row.practice.name, "bold"), "\n", (row.cause_title, MUTED)),
        Content.styled(status, "bold $accent" if row.status in ("today", "waiting") else ""),
        *([RATING_HINT] if row.status in ("today", "waiting") else []),
        section("How", row.practice.how),
        section("Why this date", why_next(item, reviews, today)),
        section(
            "History",
            Content.assemble(
                done_line(reviews), "\n", Content("\n").join(Content.styled(line, MUTED) for line in history)
            ),
        )
        if history
        else section("History", done_line(reviews)),
    )


#: The columns beside the practice's name that must stay in view: "Next" and "Every", each with its padding.
_KEPT_IN_VIEW = 6 + 7 + 3 * 2


class PracticeTable(DataTable):
    """The adopted practices, one row each; ``show`` fills it and keeps the highlight where it belongs.

    The names are shortened to what the table's width leaves beside "Next" and
    "Every", so at 80 columns the interval still shows whole ("10 days", not
    "1"); the cause comes after, in view when there is room.
    """

    _shown: tuple[list[PracticeRow], date] | None = None

    def name_width(self) -> int:
        """How long a practice's name may be: its column and the two after it fit the table's width."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return NAME_COLUMN_WIDTH
        return max(12, min(NAME_COLUMN_WIDTH, width - _KEPT_IN_VIEW - 1))

    def on_resize(self) -> None:
        if self._shown is not None:
            rows, today = self._shown
            highlighted = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value if self.row_count else None
            self.show(rows, today, highlighted)

    def on_mount(self) -> None:
        self.add_column("Next", key="next", width=6)
        self.add_column("Practice", key="practice")
        self.add_column("Every", key="every", width=7)
        self.add_column("Cause", key="cause", width=CAUSE_COLUMN_WIDTH)

    def show(self, rows: list[PracticeRow], today: date, keep: str | None) -> None:
        """Fill the table with ``rows``; highlight ``keep`` (a plan item id) or stay near the old row."""
        old_row = self.cursor_row
        self._shown = (rows, today)
        self.clear()
        name_width = self.name_width()
        for row in rows:
            style = {"today": "bold", "waiting": "", "later": "", "paused": "dim italic"}[row.status]
            self.add_row(
                Text(when_label(row, today), style=style),
                Text(shorten(row.practice.name, name_width), style="dim" if row.status == "paused" else ""),
                Text(days_label(row.item.schedule.interval), style="dim"),
                Text(short_cause(row.cause_title), style="dim"),
                key=row.item.id,
            )
        if rows:
            ids = [row.item.id for row in rows]
            index = ids.index(keep) if keep in ids else min(old_row or 0, len(rows) - 1)
            self.move_cursor(row=index, animate=False)
        self.display = bool(rows)


class PracticeDetail(Static):
    """The highlighted practice: how-to, next date and why, history."""

    def show(self, library: Library, row: PracticeRow | None, reviews: list[Review], today: date) -> None:
        self.update(practice_detail(library, row, reviews, today) if row is not None else "")

"""The month calendar: a month of your own work at a glance, and what is coming.

Arrows move a day or a week, ``pageup``/``pagedown`` a month, ``home`` comes
back to today, ``enter`` opens the selected day (its check-in, reviews and
thought records), ``e`` fills in or changes that day's check-in, ``g``/``v``
open the insights. The month's figures come from the store's in-memory data,
once per month shown (a few milliseconds with five years of data); moving
within the month only moves the marker. Everything is read again when the
screen is shown, since other screens and the command line change the data.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from rootwork.content import Library
from rootwork.state.records.calendar import (
    DayCell,
    DayDetail,
    day_detail,
    month_title,
    month_totals,
    month_view_from_store,
    month_words,
)
from rootwork.state.records.checkin_form import checkin_words
from rootwork.state.records.day_names import MONTH_NAMES, WEEKDAY_NAMES
from rootwork.state.records.days import add_months
from rootwork.state.records.model import Checkin, PlanItem, Reframe
from rootwork.state.records.text import first_words
from rootwork.state.records.week import day_label
from rootwork.tui.requests import OpenCheckin, OpenInsights
from rootwork.tui.services import app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED, heading, label_value
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.month_grid import MonthGrid, legend, legend_line

# Short enough to share the title line at 80 columns; enter, e and g are in the footer.
KEYS_HINT = "←↑↓→ day/week · PgUp/PgDn month · Home today"


def long_day(day: date) -> str:
    """'Wednesday 25 November 2026'."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def practice_name(practice_id: str, library: Library) -> str:
    """A practice by its library name; its id when the library no longer lists it."""
    try:
        return library.practice(practice_id).name
    except KeyError:
        return practice_id


def critic_words(reframe: Reframe | None) -> Content:
    """A thought record named by the critic's words (plain text, quoted, first line only)."""
    if reframe is None:
        return Content("a thought record no longer in your journal")
    return Content.assemble("“", Content(first_words(" ".join(reframe.critic.split()), 60)), "”")


def checkin_block(checkin: Checkin | None, detail: DayDetail, library: Library) -> Content:
    """The day's check-in in words, user text literally; or how to add one."""
    if checkin is None:
        if detail.is_future:
            return Content.styled("This day is still to come.", MUTED)
        return Content.assemble("No check-in for this day. Press ", ("e", "bold"), " to add one; it is never too late.")
    lines = [
        Content.assemble(
            ("✓ Checked in: ", "bold"),
            checkin_words(checkin),
        )
    ]

    def titles(ids: tuple[str, ...], lookup) -> str:
        names = []
        for item_id in ids:
            try:
                names.append(lookup(item_id).title)
            except KeyError:
                names.append(item_id)
        return ", ".join(names)

    if checkin.signs:
        lines.append(label_value("Signs noticed", titles(checkin.signs, library.sign)))
    if checkin.causes:
        lines.append(label_value("Causes active", titles(checkin.causes, library.cause)))
    if checkin.note:
        lines.append(label_value("Note", checkin.note))
    if checkin.gratitude:
        lines.append(label_value("Grateful for", checkin.gratitude))
    lines.append(Content.styled("e changes it.", MUTED))
    return Content("\n").join(lines)


def day_detail_content(detail: DayDetail, library: Library) -> Content:
    """Everything about one day, as plain Content (user text is never markup)."""
    when = long_day(detail.day) + ("  ◆ today" if detail.is_today else "")
    parts: list[Content] = [heading(when), checkin_block(detail.checkin, detail, library)]
    if detail.practice_reviews:
        lines = [
            Content.assemble(
                "  • ",
                practice_name(review.item_id if item is None else item.practice_id, library),
                (f" — {review.rating.label}", MUTED),
            )
            for review, item in detail.practice_reviews
        ]
        parts.append(Content("\n").join([heading("Practices done"), *lines]))
    if detail.reframe_reviews:
        lines = []
        for review, reframe in detail.reframe_reviews:
            belief = f" · belief {review.belief}" if review.belief is not None else ""
            lines.append(Content.assemble("  • ", critic_words(reframe), (f" — {review.rating.label}{belief}", MUTED)))
        parts.append(Content("\n").join([heading("Reframes rehearsed"), *lines]))
    if detail.reframes_written:
        lines = [Content.assemble("  • ", critic_words(r)) for r in detail.reframes_written]
        parts.append(Content("\n").join([heading("Thought records written"), *lines]))
    if detail.revisits:
        lines = []
        for item in detail.revisits:
            if isinstance(item, PlanItem):
                lines.append(Content.assemble("  • ", practice_name(item.practice_id, library)))
            else:
                lines.append(Content.assemble("  • ", ("Reframe ", MUTED), critic_words(item)))
        parts.append(Content("\n").join([heading("Coming up this day"), *lines]))
    if not detail.is_future and not (detail.practice_reviews or detail.reframe_reviews or detail.reframes_written):
        parts.append(Content.styled("No reviews or thought records on this day.", MUTED))
    return Content("\n\n").join(parts)


def cell_summary(cell: DayCell | None, day: date) -> Content:
    """A few lines on the selected day for the side panel."""
    lines: list[Content] = [Content.styled(day_label(day) + ("  ◆ today" if cell and cell.is_today else ""), "bold")]
    if cell is None:
        return lines[0]
    if cell.checked_in:
        lines.append(Content(f"Checked in: insecure {cell.checkin_intensity}/10, mood {cell.checkin_mood}/5"))
    done = []
    if cell.practice_reviews:
        done.append(f"{cell.practice_reviews} practice{'s' if cell.practice_reviews != 1 else ''} done")
    if cell.reframe_reviews:
        done.append(f"{cell.reframe_reviews} reframe{'s' if cell.reframe_reviews != 1 else ''} rehearsed")
    if cell.reframes_written:
        done.append(f"{cell.reframes_written} written")
    if done:
        lines.append(Content(", ".join(done)))
    if cell.scheduled_revisits:
        lines.append(Content(f"{cell.scheduled_revisits} to revisit"))
    if len(lines) == 1:
        lines.append(Content.styled("Still to come." if cell.is_future else "Nothing noted.", MUTED))
    lines.append(Content.styled("enter opens it", MUTED))
    return Content("\n").join(lines)


class DayScreen(ModalScreen[None]):
    """One day: its check-in (fill one in from here), reviews done, thought records written, revisits planned."""

    CSS_PATH = "month.tcss"

    BINDINGS = [
        Binding(
            "e", "checkin", "Check-in for this day", tooltip="Fill in or change this day's check-in", id="day.checkin"
        ),
        Binding("escape,enter", "close", "Back to the month", tooltip="Close this day", id="day.close"),
    ]

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day

    def compose(self) -> ComposeResult:
        with Vertical(id="day-box"):
            with VerticalScroll(id="day-scroll"):
                yield Static(id="day-detail")
            yield Static(Content.styled("e check-in for this day · escape back", MUTED), id="day-keys")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.refresh_day()

    def refresh_day(self) -> None:
        """Read the day again from the store."""
        app = app_services(self)
        detail = day_detail(app.store, self.day, app.today)
        self.query_one("#day-detail", Static).update(day_detail_content(detail, app.library))

    def action_checkin(self) -> None:
        """Open the check-in form for this day; come back here when it is saved or left."""
        if self.day > app_services(self).today:
            self.notify(
                f"{day_label(self.day)} hasn't come yet; a check-in can be for today or an earlier day.", markup=False
            )
            return
        self.post_message(OpenCheckin(self.day, self._checked_in))

    def _checked_in(self, saved: Checkin | None) -> None:
        self.refresh_day()

    def on_journal_changed(self) -> None:
        """Saved elsewhere (tui/store_bridge.py): show the day again."""
        self.refresh_day()

    def action_close(self) -> None:
        self.dismiss(None)


class MonthScreen(ShowsOnce, Screen[None]):
    """A month of check-ins, reviews done and revisits to come."""

    CSS_PATH = "month.tcss"

    AUTO_FOCUS = "#month-grid"
    BINDINGS = [
        Binding("left", "move(-1)", "Previous day", show=False, id="month.previous-day"),
        Binding("right", "move(1)", "Next day", show=False, id="month.next-day"),
        Binding("up", "move(-7)", "Week before", show=False, id="month.week-before"),
        Binding("down", "move(7)", "Week after", show=False, id="month.week-after"),
        Binding(
            "pageup",
            "month(-1)",
            "Previous month",
            show=False,
            tooltip="Show the month before",
            id="month.previous-month",
        ),
        Binding(
            "pagedown", "month(1)", "Next month", show=False, tooltip="Show the month after", id="month.next-month"
        ),
        Binding("home", "today", "Back to today", show=False, tooltip="Select today on the calendar", id="month.today"),
        # Paging and home are in the hint line above the grid, so the footer keeps room for the app's keys.
        Binding(
            "enter", "open_day", "Open day", tooltip="See the selected day's check-in and reviews", id="month.open-day"
        ),
        Binding(
            "e",
            "checkin",
            "Day's check-in",
            tooltip="Fill in or change the selected day's check-in",
            id="month.checkin",
        ),
        Binding(
            "g,v",
            "insights",
            "Insights",
            tooltip="Intensity over time, what came up most, practice strength",
            id="month.insights",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Month"
        self._selected: date | None = None
        self._shown: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="month"):
            with Vertical(id="month-main"):
                yield Static(id="month-title")
                # Under 100 columns the side pane with the legend is out of sight: the legend takes the
                # keys' place in the title line (the keys are in Help, and in the README).
                yield Static(id="month-title-narrow")
                yield MonthGrid(id="month-grid")
                yield Static(id="month-words")
            # Not a scroll container: it would take the arrow keys the calendar needs.
            with Vertical(id="month-side"):
                yield Static(id="month-day")
                yield Static(legend(), id="month-legend")
        yield CompactFooter()

    @property
    def selected(self) -> date:
        """The day the marker is on."""
        return self._selected or app_services(self).today

    def when_shown(self) -> None:  # also the first showing: the marker starts on today
        self.show_day(self.selected, reload=True)

    def show_day(self, day: date, *, reload: bool = False) -> None:
        """Select ``day``, computing its month's cells only when the month changes (or ``reload``)."""
        store = app_services(self).store
        grid = self.query_one(MonthGrid)
        month = (day.year, day.month)
        self._selected = day
        if reload or month != self._shown:
            self._shown = month
            weeks = month_view_from_store(store, day.year, day.month, app_services(self).today)
            grid.show(weeks, day, store.setting("first_weekday"))
            self.query_one("#month-title", Static).update(
                Content.assemble(heading(month_title(*month)), ("   " + KEYS_HINT, MUTED))
            )
            self.query_one("#month-title-narrow", Static).update(
                Content.assemble(heading(month_title(*month)), "  ", legend_line())
            )
            self.query_one("#month-words", Static).update(Content(month_words(month_totals(weeks))))
        else:
            grid.select(day)
        self.query_one("#month-day", Static).update(cell_summary(grid.cell(day), day))

    def action_move(self, days: int) -> None:
        """Move the marker by ``days`` (a week is 7), into the next month when it leaves this one."""
        self.show_day(self.selected + timedelta(days=days))

    def action_month(self, months: int) -> None:
        """The same day of the month before or after (the last day when it has no such day)."""
        self.show_day(add_months(self.selected, months))

    def action_today(self) -> None:
        self.show_day(app_services(self).today)

    def action_open_day(self) -> None:
        """Open the selected day; the grid is read again when it closes."""
        self.app.push_screen(DayScreen(self.selected))

    def action_checkin(self) -> None:
        """Fill in or change the selected day's check-in."""
        day = self.selected
        if day > app_services(self).today:
            self.notify(
                f"{day_label(day)} hasn't come yet; a check-in can be for today or an earlier day.", markup=False
            )
            return
        self.post_message(OpenCheckin(day, self._checked_in))

    def _checked_in(self, saved: Checkin | None) -> None:
        self.show_day(self.selected, reload=True)

    def action_insights(self) -> None:
        self.post_message(OpenInsights())

    @on(MonthGrid.DayClicked)
    def day_clicked(self, event: MonthGrid.DayClicked) -> None:
        """A click selects a day; a click on the selected day opens it."""
        if event.day == self._selected:
            self.action_open_day()
        else:
            self.show_day(event.day)

"""Practices: the adopted practices, what is due today, each one's how-to, history and next date.

The table lists today's practices first (the store's capped due list), then the
ones waiting for room in a later day's list, then the rest by next date, then the
paused ones. The highlighted practice's detail is beside it. ``1``-``4`` and ``s``
review a practice that is due; ``space`` pauses or resumes; ``d`` removes (softly,
``u`` brings it back); ``n`` opens the catalogue of every practice.

The rows and their words come from ``state.records.practice_rows``; the table, the detail
and the catalogue are widgets in ``tui/widgets``.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from rootwork.state.records.days import short_date
from rootwork.state.records.model import PlanItem, Rating, Review
from rootwork.state.records.practice_rows import (
    RATING_KEYS,
    PracticeRow,
    days_label,
    is_reviewable,
    practice_or_stand_in,
    practice_rows,
    review_schedules,
    row_after_review,
)
from rootwork.state.records.schedule import explain
from rootwork.state.store import StoreError
from rootwork.tui.actions import adopt_practice
from rootwork.tui.requests import OpenSelfCheck
from rootwork.tui.services import app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED, heading, paragraphs
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.practice_catalogue import CatalogueScreen
from rootwork.tui.widgets.practice_detail import PracticeDetail, PracticeTable


class PracticesScreen(ShowsOnce, Screen[None]):
    """Adopted practices: review what is due, see how each is going, pause, remove, add."""

    CSS_PATH = "practices.tcss"

    BINDINGS = [
        # The ratings are spelled out beside a due practice; the footer keeps room for the global keys.
        Binding(
            "1",
            "review('1')",
            "Didn't manage",
            tooltip="Tried; it was a hard one today",
            show=False,
            id="practices.rate-1",
        ),
        Binding("2", "review('2')", "Struggled", tooltip="Did it, with effort", show=False, id="practices.rate-2"),
        Binding("3", "review('3')", "Did it", tooltip="Did the practice", show=False, id="practices.rate-3"),
        Binding("4", "review('4')", "Came easily", tooltip="It felt natural", show=False, id="practices.rate-4"),
        Binding(
            "s",
            "review('s')",
            "Not today",
            tooltip="Move it to tomorrow; nothing else changes",
            show=False,
            id="practices.not-today",
        ),
        Binding(
            "space,z",
            "toggle_pause",
            "Pause",
            tooltip="Pause or resume: a paused practice is never due",
            id="practices.pause",
        ),
        Binding(
            "d,delete",
            "remove",
            "Remove",
            tooltip="Take the practice out of your plan (u brings it back)",
            id="practices.remove",
        ),
        Binding(
            "u", "undo", "Undo remove", tooltip="Bring back the practice removed last", show=False, id="practices.undo"
        ),
        Binding("n,plus", "catalogue", "Add", tooltip="Choose from all the practices", id="practices.add"),
        Binding(
            "f",
            "find_roots",
            "Find your roots",
            tooltip="A guided self-check over the 13 causes",
            show=False,
            id="practices.find-roots",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Practices"
        self._rows: list[PracticeRow] = []
        self._removed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="practices-left"):
                yield Static(id="practices-summary")
                yield PracticeTable(id="practices-table", cursor_type="row", zebra_stripes=False)
            with VerticalScroll(id="practices-detail"):
                yield PracticeDetail(id="practices-detail-body")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#practices-table", PracticeTable).focus()  # filled when shown

    def when_shown(self) -> None:
        # Other screens adopt practices and the day may have turned: always show the store as it is.
        self.refresh_rows()

    @property
    def today(self) -> date:
        return app_services(self).today

    @property
    def current(self) -> PracticeRow | None:
        """The highlighted row, if there is one."""
        table = self.query_one("#practices-table", DataTable)
        if not self._rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def refresh_rows(self, keep: str | None = None) -> None:
        """Reload the plan from the store; keep the cursor on ``keep`` (a plan item id) or where it was."""
        store = app_services(self).store
        today = self.today
        if keep is None and self.current is not None:
            keep = self.current.item.id
        due_ids = [item.id for item in store.due(today) if isinstance(item, PlanItem)]
        self._rows = practice_rows(app_services(self).library, store.plan(), due_ids, today)
        self.query_one("#practices-table", PracticeTable).show(self._rows, today, keep)
        self.show_summary(len(due_ids))
        self.show_detail()

    def show_summary(self, due_count: int) -> None:
        summary = self.query_one("#practices-summary", Static)
        if not self._rows:
            summary.update(
                paragraphs(
                    heading("Your practices"),
                    "None yet. Press n to choose one from all 65, adopt one from a cause (c, then a), "
                    "or press f to find your roots first and see which causes feel closest.",
                )
            )
            return
        hint = ("\nf finds your roots: a short self-check over the 13 causes", MUTED)
        done_today = [
            r
            for r in app_services(self).store.reviews(start=self.today, end=self.today)
            if r.item_kind == "practice" and r.rating is not Rating.NOT_TODAY
        ]
        parts: list[Content | str | tuple[str, str]] = [heading("Your practices"), "   "]
        if due_count:
            parts.append(f"{due_count} for today")
        elif done_today:
            parts.append("All done for today")
        else:
            parts.append(("Nothing due today", MUTED))
        if done_today and due_count:
            parts.append(("   ·   ", MUTED))
            parts.append(f"{len(done_today)} done today")
        parts.append(hint)
        summary.update(Content.assemble(*parts))

    @on(DataTable.RowHighlighted, "#practices-table")
    def row_highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        row = self.current
        reviews = self.reviews_of(row.item.id) if row is not None else []
        self.query_one("#practices-detail-body", PracticeDetail).show(
            app_services(self).library, row, reviews, self.today
        )

    def reviews_of(self, item_id: str) -> list[Review]:
        """The practice's reviews, oldest first."""
        return sorted(app_services(self).store.reviews(item_id), key=lambda r: (r.day, r.created_at))

    async def action_review(self, key: str) -> None:
        """Record how the highlighted practice went, if it is due."""
        row = self.current
        if row is None:
            self.notify("Highlight a practice first; n adds one.", markup=False)
            return
        rating = RATING_KEYS[key]
        item = row.item
        if item.paused:
            self.notify(f"“{row.practice.name}” is paused; space resumes it.", markup=False)
            return
        due = item.schedule.due
        if due is not None and not is_reviewable(item, self.today):  # not paused: only a due day holds it back
            days = (due - self.today).days
            self.notify(
                f"“{row.practice.name}” comes round again on {short_date(due)} (in {days_label(days)}). "
                "Nothing to do for it today, though you are always free to practise it.",
                markup=False,
            )
            return
        due_before = [r.item.id for r in self._rows if is_reviewable(r.item, self.today)]
        try:
            app = app_services(self)
            review = await app.store_call(app.store.review, "practice", item.id, rating, self.today)
        except StoreError as error:
            self.notify(f"Could not save that: {error}", severity="error", markup=False)
            return
        before, after = review_schedules(review)
        said = "Moved to tomorrow." if rating is Rating.NOT_TODAY else "Done."
        self.notify(f"{said} “{row.practice.name}”: {explain(before, after, rating, review.day)}.", markup=False)
        self.refresh_rows(keep=item.id)
        # On to the next one still due, not down the table after the one just done.
        target = row_after_review(
            due_before, item.id, [(r.item.id, is_reviewable(r.item, self.today)) for r in self._rows]
        )
        if target is not None:
            self.query_one("#practices-table", DataTable).move_cursor(row=target, animate=False)

    async def action_toggle_pause(self) -> None:
        row = self.current
        if row is None:
            return
        pause = not row.item.paused
        try:
            app = app_services(self)
            await app.store_call(app.store.set_paused, row.item.id, pause)
        except StoreError as error:
            self.notify(f"Could not change that: {error}", severity="error", markup=False)
            return
        if pause:
            self.notify(f"Paused “{row.practice.name}”. It won't come up until you resume it.", markup=False)
        else:
            self.notify(f"Resumed “{row.practice.name}”.", markup=False)
        self.refresh_rows(keep=row.item.id)

    async def action_remove(self) -> None:
        row = self.current
        if row is None:
            return
        try:
            app = app_services(self)
            await app.store_call(app.store.remove_plan_item, row.item.id)
        except StoreError as error:
            self.notify(f"Could not remove it: {error}", severity="error", markup=False)
            return
        self._removed.append(row.item.id)
        self.notify(f"Removed “{row.practice.name}”. Press u to bring it back, history and all.", markup=False)
        self.refresh_rows()

    async def action_undo(self) -> None:
        if not self._removed:
            self.notify("Nothing to bring back.", markup=False)
            return
        item_id = self._removed.pop()
        try:
            app = app_services(self)
            item = await app.store_call(app.store.restore_plan_item, item_id)
        except StoreError as error:
            self.notify(f"Could not bring it back: {error}", severity="error", markup=False)
            return
        name = practice_or_stand_in(app_services(self).library, item.practice_id).name
        self.notify(f"Brought back “{name}”.", markup=False)
        self.refresh_rows(keep=item_id)

    def action_catalogue(self) -> None:
        adopted = {item.practice_id for item in app_services(self).store.plan()}
        self.app.push_screen(CatalogueScreen(adopted), self.adopt)

    async def adopt(self, practice_id: str | None) -> None:
        """Adopt the practice picked in the catalogue and highlight it."""
        if practice_id is None:
            return
        item = await adopt_practice(self, practice_id)
        if item is not None:
            self.refresh_rows(keep=item.id)

    def action_find_roots(self) -> None:
        self.post_message(OpenSelfCheck())

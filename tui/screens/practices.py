"""Practices: the adopted practices, what is due today, each one's how-to, history and next date.

The table lists today's practices first (the store's capped due list), then the
ones waiting for room in a later day's list, then the rest by next date, then the
paused ones. The highlighted practice's detail is beside it. ``1``-``4`` and ``s``
review a practice that is due; ``space`` pauses or resumes; ``d`` removes (softly,
``u`` brings it back); ``n`` opens the catalogue of every practice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from content import Library, Practice
from state.days import short_date
from state.model import PlanItem, Rating, Review, Schedule
from state.schedule import explain
from state.store import AlreadyAdopted, StoreError
from tui.screens.practices_cursor import row_after_review
from tui.screens.selfcheck import SelfCheckScreen
from tui.text import MUTED, heading, paragraphs, section

Status = Literal["today", "waiting", "later", "paused"]

RATING_KEYS = {rating.value: rating for rating in Rating}
CAUSE_COLUMN_WIDTH = 20
NAME_COLUMN_WIDTH = 30


def _rating_key(rating: Rating, width: int = 18) -> Content:
    return Content.assemble((rating.value, "bold"), (f" {rating.label}".ljust(width - 1), MUTED))


RATING_HINT = Content.assemble(
    ("How did it go?", MUTED), "\n",
    _rating_key(Rating.DIDNT_MANAGE), _rating_key(Rating.STRUGGLED), "\n",
    _rating_key(Rating.DID_IT), _rating_key(Rating.CAME_EASILY), "\n",
    _rating_key(Rating.NOT_TODAY), ("(moves it to tomorrow)", MUTED),
)


@dataclass(frozen=True)
class PracticeRow:
    """One adopted practice as the table shows it."""

    item: PlanItem
    practice: Practice
    cause_title: str
    status: Status


def practice_or_stand_in(library: Library, practice_id: str) -> Practice:
    """The library's practice, or a stand-in naming the id (a practice the library no longer has)."""
    try:
        return library.practice(practice_id)
    except KeyError:
        cause_id = practice_id.split(".", 1)[0]
        return Practice(id=practice_id, cause_id=cause_id, name=practice_id, how="(This practice is no longer in the library.)")


def cause_title(library: Library, cause_id: str) -> str:
    """A cause's title, or its id when the library does not know it."""
    try:
        return library.cause(cause_id).title
    except KeyError:
        return cause_id


def practice_rows(library: Library, plan: Iterable[PlanItem], due_ids: list[str], today: date) -> list[PracticeRow]:
    """The table's rows: today's list in its order, then waiting, then later by date, then paused."""
    due_order = {item_id: position for position, item_id in enumerate(due_ids)}
    rows: list[PracticeRow] = []
    for item in plan:
        if item.removed_at:
            continue
        if item.paused:
            status: Status = "paused"
        elif item.id in due_order:
            status = "today"
        elif item.schedule.due is None or item.schedule.due <= today:
            status = "waiting"
        else:
            status = "later"
        practice = practice_or_stand_in(library, item.practice_id)
        rows.append(PracticeRow(item, practice, cause_title(library, practice.cause_id), status))
    rank = {"today": 0, "waiting": 1, "later": 2, "paused": 3}

    def order(row: PracticeRow) -> tuple:
        due = row.item.schedule.due or today
        if row.status == "today":
            return (0, due_order[row.item.id], "")
        if row.status == "paused":
            return (rank["paused"], 0, row.practice.name.casefold())
        return (rank[row.status], due.toordinal(), row.practice.name.casefold())

    return sorted(rows, key=order)


def short_cause(title: str) -> str:
    """A cause's title short enough for a table column: 'Bullying or peer rejection' -> 'Bullying'."""
    return shorten(title.split(" or ")[0].split(" and ")[0], CAUSE_COLUMN_WIDTH)


def when_label(row: PracticeRow, today: date) -> str:
    """The table's 'next' column: today, soon (waiting for room), a date, or paused."""
    if row.status == "today":
        return "today"
    if row.status == "waiting":
        return "soon"
    if row.status == "paused":
        return "paused"
    due = row.item.schedule.due
    return short_date(due, with_year=due.year != today.year) if due else "today"


def days_label(days: int) -> str:
    """'1 day' or '8 days'."""
    return "1 day" if days == 1 else f"{days} days"


def every_label(interval: int) -> str:
    """'every day' or 'every 8 days'."""
    return "every day" if interval == 1 else f"every {interval} days"


def relative_day(day: date | None, today: date) -> str:
    """' (tomorrow)' or ' (in 8 days)' after a date, to read it at a glance."""
    if day is None or day <= today:
        return ""
    days = (day - today).days
    return " (tomorrow)" if days == 1 else f" (in {days} days)"


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis when it is longer."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def is_reviewable(item: PlanItem, today: date) -> bool:
    """A practice can be reviewed when it is not paused and its day has come."""
    return not item.paused and (item.schedule.due is None or item.schedule.due <= today)


def review_schedules(review: Review) -> tuple[Schedule, Schedule]:
    """The schedule before and after a stored review, as far as the review row records them."""
    before = Schedule(interval=review.interval_before, ease=review.ease_before)
    after = Schedule(interval=review.interval_after, ease=review.ease_after, due=review.due_after,
                     last_review=review.day)
    return before, after


def why_next(item: PlanItem, reviews: list[Review], today: date) -> str:
    """One plain line on why the practice's next date is what it is."""
    if item.paused:
        return "Paused: it stays out of your days until you resume it (space)."
    if not reviews:
        return f"New: it has been due since you added it on {short_date(item.adopted_on)}; the first review sets its rhythm."
    last = reviews[-1]
    before, after = review_schedules(last)
    line = f"On {short_date(last.day, with_year=last.day.year != today.year)}: {explain(before, after, last.rating, last.day)}."
    due = item.schedule.due
    if due is not None and due != last.due_after:
        line += f" It has since moved to {short_date(due, with_year=due.year != today.year)}."
    return line


def history_lines(reviews: list[Review], today: date, limit: int = 12) -> list[str]:
    """'25 Nov  did it' for the newest reviews first."""
    newest = list(reversed(reviews))[:limit]
    return [f"{short_date(r.day, with_year=r.day.year != today.year):<12} {r.rating.label}" for r in newest]


def done_line(reviews: list[Review]) -> str:
    """What was done, counted: never what was missed."""
    done = [r for r in reviews if r.rating is not Rating.NOT_TODAY]
    if not done:
        return "Not practised yet."
    first = min(r.day for r in done)
    times = "once" if len(done) == 1 else f"{len(done)} times"
    return f"Practised {times} since {short_date(first, with_year=True)}."


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
        section("History", Content.assemble(done_line(reviews), "\n", Content("\n").join(
            Content.styled(line, MUTED) for line in history))) if history else section("History", done_line(reviews)),
    )


def catalogue_options(library: Library, adopted: set[str], query: str) -> list[Option]:
    """Every practice matching all words of ``query`` (name, how-to or cause), adopted ones marked."""
    words = query.casefold().split()
    options = []
    for cause in library.causes:
        for practice in cause.practices:
            haystack = f"{practice.name} {practice.how} {cause.title} {practice.id}".casefold()
            if all(word in haystack for word in words):
                mark = ("✓ ", "bold $success") if practice.id in adopted else ("  ", "")
                note = "   (in your practices)" if practice.id in adopted else ""
                prompt = Content.assemble(mark, (practice.name, "bold"),
                                          (f"   {cause.number}. {cause.title}{note}", MUTED))
                options.append(Option(prompt, id=practice.id))
    return options


class CatalogueScreen(ModalScreen[str | None]):
    """Every practice, filtered as you type; enter picks one to adopt."""

    BINDINGS = [
        Binding("escape", "close", "Close",
                tooltip="Close the catalogue without adding anything", id="catalogue.close"),
        Binding("down", "move(1)", "Down", show=False, id="catalogue.down"),
        Binding("up", "move(-1)", "Up", show=False, id="catalogue.up"),
        Binding("pagedown", "move(8)", "Page down", show=False, id="catalogue.page-down"),
        Binding("pageup", "move(-8)", "Page up", show=False, id="catalogue.page-up"),
    ]

    def __init__(self, adopted: set[str]) -> None:
        super().__init__()
        self._adopted = adopted

    def compose(self) -> ComposeResult:
        with Vertical(id="catalogue"):
            yield Static(Content.assemble(heading("All practices"),
                                          ("   type to filter, enter adds, escape closes", MUTED)))
            yield Input(placeholder="Filter: a word from a name, a how-to or a cause", id="catalogue-filter")
            yield OptionList(id="catalogue-list")
            yield Static(id="catalogue-empty")
            yield Static(id="catalogue-how")

    def on_mount(self) -> None:
        self.refilter("")
        self.query_one("#catalogue-filter", Input).focus()

    @on(Input.Changed, "#catalogue-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    def refilter(self, query: str) -> None:
        """Show the practices matching ``query``; say so plainly when none do."""
        options = self.query_one("#catalogue-list", OptionList)
        options.clear_options()
        options.add_options(catalogue_options(self.app.library, self._adopted, query))
        empty = self.query_one("#catalogue-empty", Static)
        if options.option_count:
            options.highlighted = 0
            empty.display = False
        else:
            empty.update(Content.assemble("Nothing matches “", shorten(query.strip(), 40), "”. Try one word, like ",
                                          ("calm", "italic"), " or ", ("write", "italic"), "."))
            empty.display = True
        options.display = options.option_count > 0
        self.show_how()

    @on(OptionList.OptionHighlighted, "#catalogue-list")
    def show_how(self) -> None:
        """The highlighted practice's how-to under the list, to choose by what it asks."""
        options = self.query_one("#catalogue-list", OptionList)
        how = self.query_one("#catalogue-how", Static)
        if options.highlighted is None or not options.option_count:
            how.update("")
            return
        practice = self.app.library.practice(options.get_option_at_index(options.highlighted).id)
        how.update(Content.assemble((practice.name, "bold"), "\n", practice.how))

    def action_move(self, step: int) -> None:
        options = self.query_one("#catalogue-list", OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#catalogue-filter")
    def submit_filter(self) -> None:
        options = self.query_one("#catalogue-list", OptionList)
        if options.highlighted is not None and options.option_count:
            self.pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#catalogue-list")
    def option_selected(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option.id)

    def pick(self, practice_id: str | None) -> None:
        if practice_id is None:
            return
        if practice_id in self._adopted:
            name = self.app.library.practice(practice_id).name
            self.notify(f"“{name}” is already in your practices.", markup=False)
            return
        self.dismiss(practice_id)

    def action_close(self) -> None:
        self.dismiss(None)


class PracticesScreen(Screen[None]):
    """Adopted practices: review what is due, see how each is going, pause, remove, add."""

    BINDINGS = [
        # The ratings are spelled out beside a due practice; the footer keeps room for the global keys.
        Binding("1", "review('1')", "Didn't manage",
                tooltip="Tried; the critic won this time", show=False, id="practices.rate-1"),
        Binding("2", "review('2')", "Struggled", tooltip="Did it, with effort", show=False, id="practices.rate-2"),
        Binding("3", "review('3')", "Did it", tooltip="Did the practice", show=False, id="practices.rate-3"),
        Binding("4", "review('4')", "Came easily", tooltip="It felt natural", show=False, id="practices.rate-4"),
        Binding("s", "review('s')", "Not today",
                tooltip="Move it to tomorrow; nothing else changes", show=False, id="practices.not-today"),
        Binding("space,z", "toggle_pause", "Pause",
                tooltip="Pause or resume: a paused practice is never due", id="practices.pause"),
        Binding("d,delete", "remove", "Remove",
                tooltip="Take the practice out of your plan (u brings it back)", id="practices.remove"),
        Binding("u", "undo", "Undo remove",
                tooltip="Bring back the practice removed last", show=False, id="practices.undo"),
        Binding("n,plus", "catalogue", "Add", tooltip="Choose from all the practices", id="practices.add"),
        Binding("f", "find_roots", "Find your roots",
                tooltip="A guided self-check over the 13 causes", show=False, id="practices.find-roots"),
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
                yield DataTable(id="practices-table", cursor_type="row", zebra_stripes=False)
            with VerticalScroll(id="practices-detail"):
                yield Static(id="practices-detail-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#practices-table", DataTable)
        table.add_column("Next", key="next", width=6)
        table.add_column("Practice", key="practice")
        table.add_column("Every", key="every", width=7)
        table.add_column("Cause", key="cause", width=CAUSE_COLUMN_WIDTH)
        self.refresh_rows()
        table.focus()

    def on_screen_resume(self) -> None:
        # Other screens adopt practices and the day may have turned: always show the store as it is.
        self.refresh_rows()

    @property
    def today(self) -> date:
        return self.app.today

    @property
    def current(self) -> PracticeRow | None:
        """The highlighted row, if there is one."""
        table = self.query_one("#practices-table", DataTable)
        if not self._rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self._rows):
            return None
        return self._rows[table.cursor_row]

    def refresh_rows(self, keep: str | None = None) -> None:
        """Reload the plan from the store; keep the cursor on ``keep`` (a plan item id) or where it was."""
        store = self.app.store
        today = self.today
        table = self.query_one("#practices-table", DataTable)
        if keep is None and self.current is not None:
            keep = self.current.item.id
        old_row = table.cursor_row
        due_ids = [item.id for item in store.due(today) if isinstance(item, PlanItem)]
        self._rows = practice_rows(self.app.library, store.plan(), due_ids, today)
        table.clear()
        for row in self._rows:
            style = {"today": "bold", "waiting": "", "later": "", "paused": "dim italic"}[row.status]
            table.add_row(
                Text(when_label(row, today), style=style),
                Text(shorten(row.practice.name, NAME_COLUMN_WIDTH), style="dim" if row.status == "paused" else ""),
                Text(days_label(row.item.schedule.interval), style="dim"),
                Text(short_cause(row.cause_title), style="dim"),
                key=row.item.id,
            )
        if self._rows:
            ids = [row.item.id for row in self._rows]
            index = ids.index(keep) if keep in ids else min(old_row or 0, len(self._rows) - 1)
            table.move_cursor(row=index, animate=False)
        table.display = bool(self._rows)
        self.show_summary(len(due_ids))
        self.show_detail()

    def show_summary(self, due_count: int) -> None:
        summary = self.query_one("#practices-summary", Static)
        if not self._rows:
            summary.update(paragraphs(
                heading("Your practices"),
                "None yet. Press n to choose one from all 65, adopt one from a cause (c, then a), "
                "or press f to find your roots first and see which causes feel closest.",
            ))
            return
        hint = ("\nf finds your roots: a short self-check over the 13 causes", MUTED)
        done_today = [r for r in self.app.store.reviews(start=self.today, end=self.today)
                      if r.item_kind == "practice" and r.rating is not Rating.NOT_TODAY]
        parts = [heading("Your practices"), "   "]
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
        body = self.query_one("#practices-detail-body", Static)
        row = self.current
        if row is None:
            body.update("")
            return
        reviews = self.reviews_of(row.item.id)
        body.update(practice_detail(self.app.library, row, reviews, self.today))

    def reviews_of(self, item_id: str) -> list[Review]:
        """The practice's reviews, oldest first."""
        return sorted(self.app.store.reviews(item_id), key=lambda r: (r.day, r.created_at))

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
        if not is_reviewable(item, self.today):
            due = item.schedule.due
            days = (due - self.today).days
            self.notify(
                f"“{row.practice.name}” comes round again on {short_date(due)} (in {days_label(days)}). "
                "Nothing to do for it today, though you are always free to practise it.",
                markup=False,
            )
            return
        due_before = [r.item.id for r in self._rows if is_reviewable(r.item, self.today)]
        try:
            review = await self.app.store_call(self.app.store.review, "practice", item.id, rating, self.today)
        except StoreError as error:
            self.notify(f"Could not save that: {error}", severity="error", markup=False)
            return
        before, after = review_schedules(review)
        said = "Moved to tomorrow." if rating is Rating.NOT_TODAY else "Done."
        self.notify(f"{said} “{row.practice.name}”: {explain(before, after, rating, review.day)}.", markup=False)
        self.refresh_rows(keep=item.id)
        # On to the next one still due, not down the table after the one just done.
        target = row_after_review(due_before, item.id, [(r.item.id, is_reviewable(r.item, self.today)) for r in self._rows])
        if target is not None:
            self.query_one("#practices-table", DataTable).move_cursor(row=target, animate=False)

    async def action_toggle_pause(self) -> None:
        row = self.current
        if row is None:
            return
        pause = not row.item.paused
        try:
            await self.app.store_call(self.app.store.set_paused, row.item.id, pause)
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
            await self.app.store_call(self.app.store.remove_plan_item, row.item.id)
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
            item = await self.app.store_call(self.app.store.restore_plan_item, item_id)
        except StoreError as error:
            self.notify(f"Could not bring it back: {error}", severity="error", markup=False)
            return
        name = practice_or_stand_in(self.app.library, item.practice_id).name
        self.notify(f"Brought back “{name}”.", markup=False)
        self.refresh_rows(keep=item_id)

    def action_catalogue(self) -> None:
        adopted = {item.practice_id for item in self.app.store.plan()}
        self.app.push_screen(CatalogueScreen(adopted), self.adopt)

    async def adopt(self, practice_id: str | None) -> None:
        """Adopt the practice picked in the catalogue and highlight it."""
        if practice_id is None:
            return
        name = practice_or_stand_in(self.app.library, practice_id).name
        try:
            item = await self.app.store_call(self.app.store.adopt, practice_id, self.today)
        except AlreadyAdopted:
            self.notify(f"“{name}” is already in your practices.", markup=False)
            return
        except StoreError as error:
            self.notify(f"Could not add it: {error}", severity="error", markup=False)
            return
        self.notify(f"Added “{name}”. It is due today.", markup=False)
        self.refresh_rows(keep=item.id)

    def action_find_roots(self) -> None:
        self.app.push_screen(SelfCheckScreen())

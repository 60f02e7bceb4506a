"""Today, where the app opens: a greeting, today's check-in, what is due, this week, a quote.

Due practices and reframes are rated here with ``1``-``4`` or ``s`` on the highlighted
one. Everything is read again whenever the screen is shown (other screens and the
command line change the data). User text is shown as plain ``Content``, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from rootwork.content import Library, Quote
from rootwork.state.records.checkin_form import checkin_words
from rootwork.state.records.days import week_start
from rootwork.state.records.errors import StoreError
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe
from rootwork.state.records.reframes import DRAFT_NAME as REFRAME_DRAFT
from rootwork.state.records.safety_plan import offer_line, review_line
from rootwork.state.records.schedule import explain
from rootwork.state.records.week import DaySummary, day_label, week_summary, week_words
from rootwork.state.store import DueToday
from rootwork.tui.layout import Page
from rootwork.tui.option_ids import option_id
from rootwork.tui.requests import OpenKeptAside, OpenRehearsal, OpenSelfCheck
from rootwork.tui.services import AppServices, app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED, heading, label_value
from rootwork.tui.widgets.footer import CompactFooter

#: Seconds between looks at whether a new rootwork day has begun while Today is open.
DAY_CHECK_EVERY = 60
RATING_KEYS = (
    "1 didn't manage · 2 struggled · 3 did it · 4 came easily · s not today"
    " · enter rehearses a reframe or opens a practice"
)


def greeting(now: datetime) -> str:
    """A greeting for the time of day of ``now`` (local wall time)."""
    hour = now.hour
    if 4 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 17:
        return "Good afternoon"
    if hour >= 17:
        return "Good evening"
    return "Hello, night owl"


def app_now(app: AppServices) -> datetime:
    """The app's current time, from the clock it was given."""
    return app.now()


def checkin_status(checkin: Checkin | None) -> Content:
    """Today's check-in in words, with the note and gratitude shown literally; or how to do it."""
    if checkin is None:
        return Content.assemble(
            ("Not checked in yet today. ", "bold"),
            "Press i: mood, how insecure today, and anything you noticed. It takes under a minute.",
        )
    lines = [
        Content.assemble(
            ("✓ Checked in today: ", "bold"),
            checkin_words(checkin),
        )
    ]
    if checkin.note:
        lines.append(label_value("Note", checkin.note))
    if checkin.gratitude:
        lines.append(label_value("Grateful for", checkin.gratitude))
    lines.append(Content.styled("i opens it to change anything.", MUTED))
    return Content("\n").join(lines)


def kept_aside_line(count: int, key: str = "k") -> Content:
    """One gentle line while answers changed on two machines wait for a choice, and the key that opens them."""
    answers = "1 answer" if count == 1 else f"{count} answers"
    return Content.assemble(
        (f"{answers} changed on two machines", "bold"),
        " without either seeing the other: one is shown, the other kept aside. Press ",
        (key, "bold"),
        " to choose (or Kept aside in the palette).",
    )


def due_label(item: PlanItem | Reframe, library: Library) -> Content:
    """A due item as a list line: a practice by its library name, a reframe by the critic's words."""
    if isinstance(item, PlanItem):
        try:
            practice = library.practice(item.practice_id)
            name, cause = practice.name, library.cause(practice.cause_id).title
        except KeyError:
            name, cause = item.practice_id, ""
        return Content.assemble(("Practice  ", MUTED), (name, "bold"), (f"\n          {cause}" if cause else "", MUTED))
    return Content.assemble(("Reframe   ", MUTED), "“", Content(" ".join(item.critic.split())), "”")


def item_name(item: PlanItem | Reframe, library: Library) -> str:
    """A short plain name for notices."""
    if isinstance(item, PlanItem):
        try:
            return library.practice(item.practice_id).name
        except KeyError:
            return item.practice_id
    words = " ".join(item.critic.split())
    return f"“{words[:40]}…”" if len(words) > 40 else f"“{words}”"


def lighter_notice(was_gentle: bool, waiting: int, *, newly_made: bool = True) -> str:
    """What "make today lighter" did, in one line."""
    if not newly_made:
        return "Today is already a lighter day: two things at most, the rest come on the next days."
    if was_gentle:
        return "Today stays a lighter day, even if you change your check-in: the rest come on the next days."
    if waiting == 0:
        return "Today is lighter now: nothing had to move, and no more than two things will come up today."
    things = "1 thing waits" if waiting == 1 else f"{waiting} things wait"
    return f"Today is lighter now: {things} for the next days, nothing is lost."


def week_glance(summary: Iterable[DaySummary]) -> Content:
    """Seven columns: the day, and ✓ with the intensity where there was a check-in; then what was done."""
    days = list(summary)
    width = 8
    labels: list[tuple[str, str]] = []
    marks: list[str | tuple[str, str]] = []
    for day in days:
        # ◆ marks today as on the calendar, so it reads without colour too.
        label = f"{day.weekday} {day.day.day}{'◆' if day.is_today else ''}".ljust(width)
        labels.append((label, "bold reverse") if day.is_today else (label, MUTED if day.is_future else ""))
        if day.checked_in:
            marks.append((f"✓ {day.intensity}".ljust(width), "bold"))
        else:
            marks.append(" " * width)
    return Content.assemble(
        heading("This week"),
        "\n",
        *labels,
        "\n",
        *marks,
        "\n",
        (week_words(days), "italic"),
        "\n",
        ("◆ today · ✓ n: checked in, n = how insecure (0-10)", MUTED),
    )


def quote_block(quote: Quote) -> Content:
    """The quote of the day with its attribution."""
    return Content.assemble(
        heading("Quote of the day"), "\n", (f"“{quote.text}”", "italic"), "\n", (f"  — {quote.attribution}", MUTED)
    )


class TodayScreen(ShowsOnce, Screen[None]):
    """Your day at a glance; where the app opens."""

    CSS_PATH = "today.tcss"

    # The due list, so 1-4 and s rate its highlighted item straight away.
    AUTO_FOCUS = "#due-list"
    BINDINGS = [
        Binding(
            "1",
            "review('1')",
            "Rate: didn't manage",
            show=False,
            tooltip="Rate the highlighted item",
            id="today.rate-1",
        ),
        Binding(
            "2", "review('2')", "Rate: struggled", show=False, tooltip="Rate the highlighted item", id="today.rate-2"
        ),
        Binding("3", "review('3')", "Rate: did it", show=False, tooltip="Rate the highlighted item", id="today.rate-3"),
        Binding(
            "4", "review('4')", "Rate: came easily", show=False, tooltip="Rate the highlighted item", id="today.rate-4"
        ),
        Binding(
            "s",
            "review('s')",
            "Not today",
            show=False,
            tooltip="Move the highlighted item to tomorrow",
            id="today.not-today",
        ),
        Binding(
            "f",
            "find_roots",
            "Find your roots",
            tooltip="A guided self-check of which causes fit you",
            id="today.find-roots",
        ),
        Binding(
            "l",
            "lighter",
            "Lighter",
            tooltip="Make today lighter: two things at most, the rest come on the next days",
            id="today.lighter",
        ),
        # Only while answers are kept aside (check_action); the line saying so names the key, not the footer,
        # which keeps help and quit in sight at 80 columns.
        Binding(
            "k",
            "kept_aside",
            "Kept aside",
            show=False,
            tooltip="Choose what to keep of answers changed on two machines",
            id="today.kept-aside",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Today"
        self._due: dict[str, PlanItem | Reframe] = {}
        self._reviewing = False
        self._kept_aside = 0
        self._shown_day: date | None = None  # the rootwork day Today last showed (show_a_new_day)

    def compose(self) -> ComposeResult:
        yield Header()
        with Page(id="today"):  # side by side, or one page that scrolls when narrow (tui/layout.tcss)
            with VerticalScroll(id="today-left"):
                yield Static(id="greeting")
                yield Static(id="safety-offer")
                yield Static(id="kept-aside")
                yield Static(id="today-draft")
                yield Static(id="today-checkin")
                yield Static(heading("Due today"), id="due-heading")
                yield Static(id="due-lighter")
                yield Static(id="due-plan")
                yield OptionList(id="due-list", markup=False)
                yield Static(id="due-note")
            with Vertical(id="today-right"):
                yield Static(id="week")
                yield Static(id="quote")
        yield CompactFooter()

    def when_shown(self) -> None:
        # Also the first showing (a screen is resumed once mounted): Today reads the store once.
        self.refresh_today()

    def on_mount(self) -> None:
        # A new day starts (at the day-start hour) while Today is open: it shows the new day's list, not last night's.
        self.set_interval(DAY_CHECK_EVERY, self.show_a_new_day, name="today-new-day")

    def show_a_new_day(self) -> None:
        """Show Today again when the rootwork day has changed since it was last shown (and it is on screen)."""
        if self.is_current and app_services(self).today != self._shown_day:
            self.refresh_today()

    def refresh_today(self, due: DueToday | None = None) -> None:
        """Read everything again from the store and show it (``due``: the day's list, when just worked out)."""
        app = app_services(self)
        store, library, today = app.store, app.library, app.today
        self._shown_day = today
        self.query_one("#greeting", Static).update(
            Content.assemble((f"{greeting(app_now(app))}.", "bold $accent"), (f"  {day_label(today)}", MUTED))
        )
        kept, before = store.kept_aside_count(), self._kept_aside
        self._kept_aside = kept
        if bool(kept) != bool(before):
            self.refresh_bindings()  # k (and the palette's entry for it) comes and goes with the line
        aside = self.query_one("#kept-aside", Static)
        aside.display = bool(kept)
        if kept:
            aside.update(kept_aside_line(kept, self._key_of("today.kept-aside")))
        checkin = store.checkin_for(today)
        self.query_one("#today-checkin", Static).update(checkin_status(checkin))
        self._show_safety_plan(checkin)
        # The method, not a coroutine made now: one the worker never starts (the app closing) is no leak.
        # Typed, as mypy cannot infer a worker's result from a coroutine function alone.
        self._draft_shown: Worker[None] = self.run_worker(
            self._show_draft, group="today-draft", exclusive=True, exit_on_error=False
        )
        if due is None:
            due = store.due_today(today)
        lighter = self.query_one("#due-lighter", Static)
        lighter.display = bool(due.line)
        lighter.update(Content.styled(due.line, "italic"))
        self._show_due(due.items, library)
        first_weekday = store.setting("first_weekday")
        week = week_summary(store.checkins(week_start(today, first_weekday), today), today, first_weekday)
        self.query_one("#week", Static).update(week_glance(week))
        self.query_one("#quote", Static).update(quote_block(library.quote_for_day(today.toordinal())))

    async def _show_draft(self) -> None:
        """A thought record left half-written (a crash, a closed window) is said here, not only under r n."""
        app = app_services(self)
        draft = await app.store_call(app.store.draft, REFRAME_DRAFT)  # a file read: off the event loop
        line = self.query_one("#today-draft", Static)
        line.display = bool(draft)
        if draft:
            line.update(
                Content.assemble(
                    ("A thought record you started is kept.", "bold"), " Press r, then n, to go on with it."
                )
            )

    def _show_safety_plan(self, checkin: Checkin | None) -> None:
        """One gentle line after a hard check-in, and one in the due list when the plan is due a look."""
        store, today = app_services(self).store, app_services(self).today
        plan, key = store.safety_plan(), self._key_of("app.safety-plan", "!")
        offer = offer_line(checkin.intensity, checkin.signs, plan, key) if checkin is not None else ""
        shown = self.query_one("#safety-offer", Static)
        shown.display = bool(offer)
        shown.update(Content.styled(offer, "italic"))
        review = self.query_one("#due-plan", Static)
        review.display = store.safety_plan_review_due(today)
        review.update(Content(review_line(f"press {key}")))

    def _show_due(self, items: list[PlanItem | Reframe], library: Library) -> None:
        due_list = self.query_one("#due-list", OptionList)
        note = self.query_one("#due-note", Static)
        highlighted = due_list.highlighted
        self._due = {item.id: item for item in items}
        due_list.clear_options()
        due_list.add_options([Option(due_label(item, library), id=item.id) for item in items])
        due_list.display = bool(items)
        if items:
            due_list.highlighted = min(highlighted or 0, len(items) - 1)
            note.update(Content.styled(RATING_KEYS, MUTED))
            if self.focused is None:
                due_list.focus()
        elif self._has_anything_adopted():
            note.update("Nothing is due today. Your practices and reframes come back around on their own.")
        else:
            note.update(
                Content.assemble(
                    "Nothing adopted yet, and that is a fine place to start. Press ",
                    ("c", "bold"),
                    " to browse the causes, then ",
                    ("a", "bold"),
                    " on a practice that speaks to you: it will show up here on the days it is due.",
                )
            )

    def _has_anything_adopted(self) -> bool:
        store = app_services(self).store
        return bool(store.plan()) or store.has_reframes()

    @on(OptionList.OptionSelected, "#due-list")
    def open_due_item(self, event: OptionList.OptionSelected) -> None:
        """Enter on a due reframe rehearses it; on a practice, opens Practices."""
        item = self._due.get(event.option.id or "")
        if isinstance(item, Reframe):
            self.post_message(OpenRehearsal([item.id]))  # its module is imported on use: Today paints first
        elif item is not None:
            self.app.switch_mode("practices")

    def _key_of(self, binding_id: str, default: str = "k") -> str:
        """The key a binding has now (a keymap file may have changed it), as the footer shows it."""
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return default

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "kept_aside":
            return self._kept_aside > 0
        return True

    def action_kept_aside(self) -> None:
        """Open the Kept aside view: each answer changed on two machines, to choose."""
        self.post_message(OpenKeptAside())  # its module is imported on use: Today paints first

    def action_find_roots(self) -> None:
        """Open the guided self-check."""
        self.post_message(OpenSelfCheck())  # its module is imported on use: Today paints first

    async def action_lighter(self) -> None:
        """Make today a gentler day, as a check-in over the threshold would: two things at most, the rest later.

        Nothing is deleted and no due date changes, so no question is asked: what waits comes on the next days.
        """
        app = app_services(self)
        store, today = app.store, app.today
        try:
            before = store.due_today(today)
            made = await app.store_call(store.make_lighter, today)
            after = store.due_today(today)
        except (StoreError, OSError) as error:
            self.notify(f"Could not make today lighter: {error}", severity="error", markup=False)
            return
        self.notify(lighter_notice(before.gentle, after.waiting, newly_made=made), markup=False)
        self.refresh_today(after)

    async def action_review(self, rating: str) -> None:
        """Rate the highlighted due item and say when it comes back."""
        due_list = self.query_one("#due-list", OptionList)
        if self._reviewing or due_list.highlighted is None or not self._due:
            if not self._due:
                self.notify("Nothing is due to rate right now.", markup=False)
            return
        item = self._due[option_id(due_list.get_option_at_index(due_list.highlighted))]
        kind = "practice" if isinstance(item, PlanItem) else "reframe"
        app = app_services(self)
        store, library, today = app.store, app.library, app.today
        self._reviewing = True
        try:
            await app.store_call(store.review, kind, item.id, Rating(rating), today)
            after = store.plan_item(item.id) if kind == "practice" else store.reframe(item.id)
        except (StoreError, OSError) as error:
            self.notify(f"Could not save that rating: {error}", severity="error", markup=False)
            return
        finally:
            self._reviewing = False
        self.notify(
            f"{item_name(item, library)}: {explain(item.schedule, after.schedule, Rating(rating), today)}.",
            markup=False,
        )
        self.refresh_today()

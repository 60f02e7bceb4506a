"""Insights: how insecure the days have felt, what came up most, what reframes changed, how practices hold.

Opened from the month calendar (``g`` or ``v``); ``escape`` goes back. The
figures are computed in a thread worker (about 60 ms with five years of data)
and shown when ready; progress is told as what was done, never what was missed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from rootwork.content import Library
from rootwork.state.records.insights import (
    BeliefChange,
    CauseStrength,
    Insights,
    IntensitySeries,
    checkin_words,
    insights_from_store,
)
from rootwork.state.records.text import first_words
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED, heading
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.sparkline import days_per_mark, spark_line, strength_bar

PLOT_WIDTH = 92
# Under 100 columns the plots shrink to fit (90 days at one mark per 2 days), never wrap.
NARROW_PLOT_WIDTH = 68
TOP_BELIEFS = 8


def _name(lookup: Callable[[str], object], item_id: str, attribute: str) -> str:
    try:
        return getattr(lookup(item_id), attribute)
    except KeyError:
        return item_id


def series_block(series: IntensitySeries, plot_width: int = PLOT_WIDTH) -> Content:
    """A labelled sparkline of one span, at most ``plot_width`` marks, with what was done in words."""
    step = days_per_mark(series.days, plot_width)
    per = "one mark a day" if step == 1 else f"one mark per {step} days"
    return Content.assemble(
        (f"Last {series.days} days", "bold"),
        (f"  ({per})", MUTED),
        "\n",
        ("  " + spark_line(series.values, plot_width), "$accent"),
        "\n",
        "  ",
        checkin_words(series),
    )


def counted(
    title: str,
    rows: list[tuple[str, int]],
    lookup: Callable[[str], object],
    attribute: str,
    unit: tuple[str, str],
    empty: str,
) -> Content:
    """A heading and 'name — 12 check-ins' lines, or a word on where they will come from."""
    if not rows:
        return Content.assemble(heading(title), "\n", (empty, MUTED))
    width = max(len(_name(lookup, item_id, attribute)) for item_id, _ in rows)
    lines = [
        Content.assemble("  ", _name(lookup, item_id, attribute).ljust(width), (f"  {n} {unit[n != 1]}", MUTED))
        for item_id, n in rows
    ]
    return Content("\n").join([heading(title), *lines])


def beliefs_block(changes: list[BeliefChange]) -> Content:
    """How belief in the critic moved, overall and for the records that moved most."""
    title = heading("Belief in the critic, across rehearsals")
    if not changes:
        return Content.assemble(
            title,
            "\n",
            ("When a thought record has a belief before and after, or a rehearsal, its change shows here.", MUTED),
        )
    first = sum(c.first for c in changes) / len(changes)
    latest = sum(c.latest for c in changes) / len(changes)
    records = "record" if len(changes) == 1 else "records"
    lines = [
        Content(
            f"Over {len(changes):,} thought {records}, belief in the critic went from {first:.0f} to {latest:.0f} "
            f"on average."
        )
    ]
    for change in changes[:TOP_BELIEFS]:
        rehearsals = f", {change.rehearsals} rehearsal{'s' if change.rehearsals != 1 else ''}"
        lines.append(
            Content.assemble(
                "  “",
                Content(first_words(" ".join(change.reframe.critic.split()), 50)),
                "”  ",
                (f"{change.first} → {change.latest} ({change.change:+d}{rehearsals})", MUTED),
            )
        )
    return Content("\n").join([title, *lines])


def strengths_block(causes: list[CauseStrength], library: Library) -> Content:
    """Each cause's practices as strength bars: how established they are from what was done."""
    title = heading("How established your practices are, by cause")
    if not causes:
        return Content.assemble(title, "\n", ("Practices you adopt (c, then a) build up here as you do them.", MUTED))
    lines = [Content.styled("Builds with each review rated 2-4 and the rest days after; eases slowly between.", MUTED)]
    for cause in causes:
        lines.append(
            Content.assemble(
                (strength_bar(cause.strength), "$accent"),
                f" {cause.strength * 100:3.0f}%  ",
                (_name(library.cause, cause.cause_id, "title"), "bold"),
            )
        )
        for practice in cause.practices:
            done = f"  done {practice.done} time{'s' if practice.done != 1 else ''}" if practice.done else ""
            paused = " (paused)" if practice.item.paused else ""
            lines.append(
                Content.assemble(
                    "    ",
                    (strength_bar(practice.strength, 6), "$accent"),
                    f" {practice.strength * 100:3.0f}%  ",
                    _name(library.practice, practice.item.practice_id, "name"),
                    (done + paused, MUTED),
                )
            )
    return Content("\n").join([title, *lines])


def insights_content(insights: Insights, library: Library, plot_width: int = PLOT_WIDTH) -> Content:
    """The whole insights page."""
    return Content("\n\n").join(
        [
            heading("How insecure the days have felt"),
            *(series_block(series, plot_width) for series in insights.series),
            counted(
                "Causes you noted most (last year)",
                insights.causes,
                library.cause,
                "title",
                ("check-in", "check-ins"),
                "Causes you tick in a check-in will be counted here.",
            ),
            counted(
                "Signs you noticed most (last year)",
                insights.signs,
                library.sign,
                "title",
                ("check-in", "check-ins"),
                "Signs you tick in a check-in will be counted here.",
            ),
            counted(
                "Thinking traps seen most in your reframes",
                insights.distortions,
                library.distortion,
                "name",
                ("thought record", "thought records"),
                "Distortions you name in thought records will show here.",
            ),
            beliefs_block(insights.beliefs),
            strengths_block(insights.strengths, library),
        ]
    )


class InsightsScreen(Screen[None]):
    """What your check-ins, reframes and practices add up to."""

    CSS_PATH = "insights.tcss"

    BINDINGS = [
        Binding("escape", "back", "Back to the month", tooltip="Close the insights", id="insights.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Insights"
        self.insights: Insights | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="insights-scroll"):
            yield Static(Content.styled("Gathering your insights…", MUTED), id="insights")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#insights-scroll").focus()
        self.gather(app_services(self).today)

    @work(thread=True, exit_on_error=False)
    def gather(self, today) -> None:
        """Compute the insights off the event loop, then show them."""
        try:
            insights = insights_from_store(app_services(self).store, today)
        except Exception as error:  # shown as a notice, never fatal
            self.app.call_from_thread(
                self.notify, f"The insights could not be worked out: {error}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._show, insights)

    def _show(self, insights: Insights) -> None:
        self.insights = insights
        width = PLOT_WIDTH if self.app.size.width >= 100 else NARROW_PLOT_WIDTH
        self.query_one("#insights", Static).update(insights_content(insights, app_services(self).library, width))

    def on_resize(self) -> None:
        if self.insights is not None:
            self._show(self.insights)

    def action_back(self) -> None:
        self.dismiss(None)

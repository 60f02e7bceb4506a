"""``rootwork today``: the app's Today as plain lines (``state.exchange.today_text``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rootwork.tui.cli.args import EXIT_OK
from rootwork.tui.cli.store import open_store, rootwork_today

if TYPE_CHECKING:
    from rootwork.tui.cli.args import CommandRun


def print_today(args: CommandRun, now: datetime) -> int:
    """Print Today, a sentence a line; exit 0."""
    from rootwork.content import load_library
    from rootwork.state.exchange.today_text import today_lines
    from rootwork.state.records.days import week_start
    from rootwork.state.records.week import week_summary

    store = open_store(args)
    library, today = load_library(), rootwork_today(store, now)
    due = store.due_today(today)
    first_weekday = store.setting("first_weekday")
    lines = today_lines(
        today,
        checkin=store.checkin_for(today),
        due=due.items,
        lighter=due.line,
        plan=store.safety_plan(),
        plan_review_due=store.safety_plan_review_due(today),
        kept_aside=store.kept_aside_count(),
        week=week_summary(store.checkins(week_start(today, first_weekday), today), today, first_weekday),
        quote=library.quote_for_day(today.toordinal()),
        library=library,
    )
    print("\n".join(lines))
    return EXIT_OK

"""Today as plain lines (``rootwork today``): what the app's Today shows, for a screen reader or a plain terminal.

The same facts in the same order as the screen: the day, the safety plan's
line after a hard check-in, answers kept aside, the check-in, what is due (with
a gentler day's line and the plan's look-over), the week, and the quote. Each
is a sentence of its own; nothing is drawn, so a screen reader reads it as it
is. The person's words are not printed here (notes stay in the journal), so
only library titles and numbers appear, terminal controls removed. Pure; no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rootwork.content import Library, Quote
from rootwork.state.exchange.export import due_lines
from rootwork.state.records.checkin_form import checkin_words
from rootwork.state.records.export_words import long_date
from rootwork.state.records.model import Checkin, PlanItem, Reframe
from rootwork.state.records.safety_plan import SafetyPlan, offer_line, review_line
from rootwork.state.records.text import remove_controls
from rootwork.state.records.week import DaySummary, week_words

__all__ = ["today_lines"]


def today_lines(
    today: date,
    *,
    checkin: Checkin | None,
    due: Sequence[PlanItem | Reframe],
    lighter: str,
    plan: SafetyPlan | None,
    plan_review_due: bool,
    kept_aside: int,
    week: Sequence[DaySummary],
    quote: Quote,
    library: Library,
) -> list[str]:
    """The lines of Today, in the screen's order."""
    lines = [f"Today is {long_date(today)}."]
    if checkin is not None and offer_line(checkin.intensity, checkin.signs, plan):  # the app's rule, in words for here
        lines.append(
            "Today sounds hard. If it would help, you can write a safety plan in the app: press !."
            if plan is None or plan.is_empty
            else "Today sounds hard. Your safety plan is there whenever you want it: rootwork safety-plan prints it."
        )
    if kept_aside:
        lines.append(
            f"{kept_aside} answer{'s' if kept_aside != 1 else ''} changed on two machines "
            "wait for you to choose: rootwork conflicts."
        )
    if checkin is None:
        lines.append("Not checked in yet today: rootwork checkin asks one question at a time.")
    else:
        lines.append(f"Checked in today: {checkin_words(checkin)}")
    if due:
        lines.append(f"Due today: {len(due)}.")
        lines += [f"  {' '.join(line.split())}" for line in due_lines(due, library, today)]
    else:
        lines.append("Nothing is due today.")
    if lighter:
        lines.append(lighter)
    if plan_review_due:
        lines.append(review_line("rootwork safety-plan prints it, ! opens it in the app"))
    words = week_words(week)
    lines.append(words if words.endswith(".") else f"{words}.")
    lines.append(f"Quote of the day: “{remove_controls(quote.text)}” ({remove_controls(quote.attribution)})")
    return lines

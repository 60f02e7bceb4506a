"""``rootwork safety-plan``: the safety plan printed as plain lines, or as Markdown with ``--markdown``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rootwork.tui.cli.args import EXIT_OK
from rootwork.tui.cli.store import open_store, rootwork_today

if TYPE_CHECKING:
    from rootwork.tui.cli.args import CommandRun


def print_safety_plan(args: CommandRun, now: datetime) -> int:
    """Print the plan (every part, in the library's order); without one, say how to write it. Exit 0 either way."""
    from rootwork.content import load_library
    from rootwork.state.exchange.safety_plan_text import NO_PLAN, plan_lines, plan_markdown

    store = open_store(args)
    plan = store.safety_plan()
    if plan is None or plan.is_empty:
        print(NO_PLAN)
        return EXIT_OK
    library, today = load_library(), rootwork_today(store, now)
    if args.markdown:
        print(plan_markdown(plan, library, today), end="")
    else:
        print("\n".join(plan_lines(plan, library, today)))
    return EXIT_OK

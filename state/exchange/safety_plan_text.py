"""A safety plan written out: plain lines for a terminal (``rootwork safety-plan``) and Markdown (``--markdown``).

Every part is shown, in the library's order, with what the person wrote as
they wrote it: terminal controls are removed again on the way out (a plan
brought in by a sync tool or an import may hold anything), and in Markdown the
text is escaped, so nothing typed is read as markup. A part not filled in says
so, so the printed plan shows what is still to write.
"""

from __future__ import annotations

from datetime import date

from rootwork.content import Library
from rootwork.state.exchange.export import escape_markdown
from rootwork.state.records.export_words import long_date, sign_title
from rootwork.state.records.safety_plan import SafetyPlan, review_due_on
from rootwork.state.records.text import remove_controls

__all__ = ["NO_PLAN", "plan_lines", "plan_markdown"]

TITLE = "My safety plan"
SIGNS_TITLE = "Check-in signs that warn me"
NOT_FILLED = "(not filled in yet)"
#: What ``rootwork safety-plan`` says when there is no plan.
NO_PLAN = "You have no safety plan yet. Open rootwork and press ! to write one, in your own words."


def _when(plan: SafetyPlan, today: date) -> str:
    due = review_due_on(plan)
    if plan.reviewed_on is None or due is None:
        return ""
    looked = f"Last looked over on {long_date(plan.reviewed_on)}"
    if due <= today:
        return f"{looked}; it is time to read it through again."
    return f"{looked}; it comes back for a read-through on {long_date(due)}."


def plan_lines(plan: SafetyPlan, library: Library, today: date) -> list[str]:
    """The plan as plain lines: the title, when it was looked over, then each part's title and text, indented."""
    lines = [TITLE]
    when = _when(plan, today)
    if when:
        lines.append(when)
    for part in library.safety.plan_parts:
        text = remove_controls(plan.text(part.id)).strip()
        lines += ["", part.title]
        lines += [f"  {line}" if line else "" for line in text.splitlines()] if text else [f"  {NOT_FILLED}"]
    if plan.warning_signs:
        lines += ["", SIGNS_TITLE, *(f"  {remove_controls(sign_title(s, library))}" for s in plan.warning_signs)]
    return lines


def plan_markdown(plan: SafetyPlan, library: Library, today: date, level: int = 1) -> str:
    """The plan as Markdown: a heading for the plan (of ``level``) and one below it for each part, the person's
    words escaped."""
    top, part_mark = "#" * level, "#" * (level + 1)
    lines = [f"{top} {TITLE}", ""]
    when = _when(plan, today)
    if when:
        lines += [f"_{when}_", ""]
    for part in library.safety.plan_parts:
        text = remove_controls(plan.text(part.id)).strip()
        lines += [f"{part_mark} {part.title}", "", escape_markdown(text) if text else f"_{NOT_FILLED}_", ""]
    if plan.warning_signs:
        titles = [escape_markdown(remove_controls(sign_title(s, library))) for s in plan.warning_signs]
        lines += [f"{part_mark} {SIGNS_TITLE}", "", *(f"- {title}" for title in titles), ""]
    return "\n".join(lines).rstrip("\n") + "\n"

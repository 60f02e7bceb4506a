"""Snapshots of the main screens: the demo journal on 25 Nov 2026 at 09:30, at 120x40.

The scenes are the README's (``screenshots/scenes.py``), so a picture here is the
picture there. After a deliberate change to a screen: ``pytest
tests/tui/test_snapshots.py --snapshot-update``, look at each new SVG against its
docstring, then ``python screenshots/make.py``.
"""

from __future__ import annotations

from screenshots import scenes
from screenshots.scenes import LIGHT_THEME, TOUR_SIZE, tour_app


def test_today(snap_compare) -> None:
    """Today: "Good morning." and Wed 25 Nov; not checked in yet, with how to; four items due
    (three practices with their causes and one reframe in quotes), the first highlighted, the rating
    keys spelled out below; the week with ✓ and a number on Mon and Tue; a quote with its attribution."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.today)


def test_checkin(snap_compare) -> None:
    """The check-in for Wed 25 Nov, filled in by keys: mood [4] good, insecurity [3] a little, two signs
    and one cause ticked with ✓ (the rest empty), the note in its box and "Tea with Sam after work"
    in the gratitude field, and a status line saying it is a new check-in for today."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.checkin)


def test_causes_with_a_cause_open(snap_compare) -> None:
    """Causes: the list of 13 with cause 3 (Neglect or emotional unavailability) highlighted; beside it
    "Root cause 3" with its summary, the professional-support note, what it is, how it creates
    insecurity, how it shows up, and the start of its practices under "Ways to heal it"."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.causes)


def test_reframe_editor(snap_compare) -> None:
    """Editing the newest thought record: the situation and the critic's words filled in (the critic's
    field focused), the cause chosen, the thinking traps with the ticked ones named in words below;
    a guide to thought records and the evidence found before on the right."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.reframe_editor)


def test_rehearsal(snap_compare) -> None:
    """Rehearsing reframe 1 of 1: the critic's words in italics with cause and voice, an answer typed
    from memory, the saved reframe revealed, 30 typed as how true the critic feels now, and the five
    rating buttons, each with its key."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.rehearse)


def test_practices_with_detail(snap_compare) -> None:
    """Practices: eight adopted, three due "today" first, then by date, each with its interval and cause;
    the second (Ask for help) highlighted, and beside it "Due today.", the rating keys, how to do it,
    why this date ("you said 'did it'") and a history of twelve reviews."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.practices)


def test_month_calendar(snap_compare) -> None:
    """November 2026 from Mon 26 Oct: checked-in days shaded with their intensity, ✓ practices done, ↺
    reframes rehearsed and ✎ records written; 25 marked "◆ today" and framed as selected; "→ n due"
    on the days ahead; the selected day's box, the legend, and the month's totals in words below."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.month)


def test_insights(snap_compare) -> None:
    """Insights (g from the month): how insecure the days felt over 30, 90 and 365 days as one mark a day
    left blank where there was no check-in, and a sentence under each of what was done; the causes and signs noted most and the
    thinking traps seen most, each with its count."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.insights)


def test_help(snap_compare) -> None:
    """Help and safety: the keys that work everywhere, in forms and when reviewing, then what to do in a
    crisis with emergency numbers and helplines."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.help_page)


def test_today_in_a_light_theme(snap_compare) -> None:
    """Today as in test_today, in textual-light (a theme remembered from an earlier run): dark text on a
    light background, every line legible, the highlighted due item still marked."""
    assert snap_compare(tour_app(theme=LIGHT_THEME), terminal_size=TOUR_SIZE, run_before=scenes.today)

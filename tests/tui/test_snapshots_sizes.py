"""Snapshots of every main screen in a new terminal window (80x24), the two screens the tour at
120x40 (test_snapshots.py) does not show, and one big window (200x60).

The scenes are the README tour's (``screenshots/scenes.py``): the demo journal on 25 Nov 2026
at 09:30. What each screen does at each size is decided in tui/layout.tcss.
"""

from __future__ import annotations

from screenshots import scenes
from screenshots.scenes import TOUR_SIZE, tour_app

SMALL = (80, 24)
BIG = (200, 60)


def test_today_80x24(snap_compare) -> None:
    """Today at 80x24, one column: "Good morning." and Wed 25 Nov, the check-in box the whole width
    (not checked in yet, two lines), the due list the whole width with each item on one line (a practice
    with its cause under it), the rating keys in two lines below it, the week box starting under them;
    a scrollbar on the right; the footer ending "▏^p palette" with nothing after it."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.today)


def test_checkin_80x24(snap_compare) -> None:
    """The check-in at 80x24 in one column, scrolled to the end as tab reached "Grateful for": the causes
    list, the note with its sentence, and the focused gratitude field (heavy border) with "Tea with Sam
    after work"; the status line and the footer under it."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.checkin)


def test_causes_80x24(snap_compare) -> None:
    """Causes at 80x24: the list of 13 (names wrapped, not cut) on the left with cause 3 highlighted, and
    "Root cause 3: Neglect or emotional unavailability" with its summary on the right; nothing cut at the
    right edge."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.causes)


def test_reframes_list_80x24(snap_compare) -> None:
    """Reframes at 80x24: the search and both filters on one row, each label whole ("Any thinking trap");
    "3 reframes to rehearse — press h"; the list of records on the left and the highlighted record read on
    the right."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.reframes)


def test_reframe_editor_80x24(snap_compare) -> None:
    """The thought-record editor at 80x24, the form the whole width (the guide is hidden below 32 rows):
    every label whole ("What happened? The situation, in a few words."), the critic's field focused."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.reframe_editor)


def test_rehearse_80x24(snap_compare) -> None:
    """Rehearsal at 80x24 scrolled to the end: the answer box, the revealed reframe, 30 in the belief
    field, and the five rating buttons in two rows (three, then two), each label whole."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.rehearse)


def test_practices_80x24(snap_compare) -> None:
    """Practices at 80x24: the plan table on the left with "Ask for help" highlighted, its detail on the
    right ("Due today.", the rating keys, how to do it) wrapped in its column; nothing cut at the right edge."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.practices)


def test_month_80x24(snap_compare) -> None:
    """The month at 80x24: "November 2026" with the arrow, page and home keys on one line; Mon to Sun and
    all six weeks from 26 Oct to 6 Dec in cells without boxes (three lines each: date, shade and number,
    marks); 25 reading "25 ◆ today" with the selection bar on its left; the month's totals in words below."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.month)


def test_insights_80x24(snap_compare) -> None:
    """Insights at 80x24: each sparkline on one line (30 days a mark a day, 90 days "one mark per 2 days",
    365 days "one mark per 6 days"), a sentence under each, then the causes noted most."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.insights)


def test_help_80x24(snap_compare) -> None:
    """Help at 80x24: the keys that work everywhere, each with its words on one line, then "In forms"."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.help_page)


def test_settings_80x24(snap_compare) -> None:
    """Settings at 80x24 over Today: the box the whole window, "Settings", the day-start field focused
    (heavy border, 4) with its explanation in two lines, the items-a-day and first-weekday fields below."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.settings)


def test_reframes_list_120x40(snap_compare) -> None:
    """Reframes at 120x40: search and filters in a row, "3 reframes to rehearse — press h", the list of
    records with the newest highlighted and the record read in full beside it."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.reframes)


def test_settings_120x40(snap_compare) -> None:
    """Settings at 120x40: a box 100 wide in the middle over a dimmed Today, the five fields with their
    explanations, and "Tab moves between fields · ctrl+s saves · escape leaves" at its foot."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.settings)


def test_month_200x60(snap_compare) -> None:
    """The month at 200x60: the boxed grid as at 120x40 (six weeks of cells 12 wide with double-bordered
    25 "◆ today"), the side panel beside it with the selected day and the legend, and blank room beyond;
    the footer's keys all on one line ending "▏^p palette"."""
    assert snap_compare(tour_app(), terminal_size=BIG, run_before=scenes.month)


def test_selfcheck_page_80x24(snap_compare) -> None:
    """The self-check's first cause at 80x24: its statements one a row, the fifth (the longest) ticked,
    highlighted and cut with "…" in its row, and shown whole in italics under the list."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.selfcheck_page)


def test_selfcheck_results_80x24(snap_compare) -> None:
    """The self-check's results at 80x24: the ranking about half the width (names readable), the chosen
    cause beside it with its practices in a box that shows three and scrolls; no earlier results."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.selfcheck_results)


def test_catalogue_80x24(snap_compare) -> None:
    """The practice catalogue at 80x24, opened with n on Practices: the whole height, the filter, eight or
    so practices in the list (each with its cause), and the first one's how-to under it."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.catalogue)


def test_safety_plan_80x24(snap_compare) -> None:
    """The safety plan opened with ! over Today at 80x24: "Your safety plan" and its two lines, then "My
    warning signs" with its question and the words "Cancelling plans. Lying awake…" in a rounded box, then
    "What I can do on my own to get calmer" below; the footer starting "^s Save esc Back"."""
    assert snap_compare(tour_app(), terminal_size=SMALL, run_before=scenes.safety_plan)


def test_safety_plan_120x40(snap_compare) -> None:
    """The safety plan at 120x40 (the README's picture): the intro, then the parts with their words, each
    question in muted text above its box, the filled-in parts showing their text whole."""
    assert snap_compare(tour_app(), terminal_size=TOUR_SIZE, run_before=scenes.safety_plan)

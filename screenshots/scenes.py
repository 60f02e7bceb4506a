"""The tour: each main screen of rootwork as a newcomer should first see it.

One place decides what every picture shows, so the README's screenshots
(``screenshots/make.py``) and the snapshot tests (``tests/tui/test_snapshots.py``)
draw exactly the same screens: the demo journal (``rootwork --demo``'s) on a
fixed day and clock, at 120x40, with each scene's keys pressed as a user would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from textual import events
from textual.pilot import Pilot

from rootwork.state.store import Store
from rootwork.tui.app import RootworkApp
from rootwork.tui.cli.main import fill_demo_journal
from rootwork.tui.requests import OpenSettings

TOUR_DAY = date(2026, 11, 25)
# 09:30 (morning greeting); a fixed zone, so no machine's clock or zone shows through.
TOUR_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TOUR_SIZE = (120, 40)
LIGHT_THEME = "textual-light"

Steps = Callable[[Pilot], Awaitable[None]]


def tour_app(*, theme: str | None = None) -> RootworkApp:
    """The demo journal on TOUR_DAY at TOUR_NOW, in memory, disclaimer already read."""
    store = Store.in_memory(clock=lambda: TOUR_NOW)
    fill_demo_journal(store, TOUR_DAY)
    store.acknowledge_disclaimer()
    if theme is not None:
        store.set_setting("theme", theme)
    return RootworkApp(store=store, today=TOUR_DAY, clock=lambda: TOUR_NOW, demo=True)


async def settle(pilot: Pilot) -> None:
    """Still the picture: no toast, no blinking cursor, nothing left to draw."""
    app = pilot.app
    await pilot.pause()
    app.clear_notifications()
    for field in app.screen.query("Input, TextArea"):
        field.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Put ``text`` in the focused field as a terminal's paste does (through the app to the field).

    The field ends exactly as if typed a key at a time (the pictures are the same), but a
    sentence typed key by key costs the pilot about 0.04 s a key: 3 s for the check-in.
    """
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def today(pilot: Pilot) -> None:
    await pilot.press("t")
    await settle(pilot)


async def checkin(pilot: Pilot) -> None:
    await pilot.press("i")
    await pilot.pause()
    # Mood 4 and insecurity 3 with the arrows, two signs and a cause ticked, a note.
    await pilot.press("end", "left")  # mood: highest, then one less
    await pilot.press("tab", "home", "right", "right", "right")  # how insecure: 3
    await pilot.press("tab", "space", "down", "down", "space")  # signs
    await pilot.press("tab", "down", "down", "space")  # causes
    await pilot.press("tab")
    await type_text(pilot, "Spoke up in the planning meeting. My voice shook, and that was fine.")
    await pilot.press("tab")
    await type_text(pilot, "Tea with Sam after work")
    await settle(pilot)


async def causes(pilot: Pilot) -> None:
    await pilot.press("c")
    await pilot.pause()
    await pilot.press("down", "down", "down")  # the third cause, opened beside the list
    await settle(pilot)


async def reframes(pilot: Pilot) -> None:
    await pilot.press("r")
    await settle(pilot)


async def reframe_editor(pilot: Pilot) -> None:
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("e")  # the newest thought record, to edit
    await settle(pilot)


async def rehearse(pilot: Pilot) -> None:
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    await type_text(pilot, "I was asked to be here because people value my work.")
    await pilot.press("ctrl+r")
    await pilot.pause()
    await type_text(pilot, "30")
    await settle(pilot)


async def practices(pilot: Pilot) -> None:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("down")  # the second practice, to show its detail and history
    await settle(pilot)


async def selfcheck_page(pilot: Pilot) -> None:
    await pilot.press("c", "f")
    await pilot.pause()
    await pilot.press("enter")  # begin: the first cause's statements
    await pilot.pause()
    await pilot.press("down", "down", "down", "down", "space")  # the longest statement, ticked
    await settle(pilot)


async def selfcheck_results(pilot: Pilot) -> None:
    await pilot.press("c", "f")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    for page in range(13):
        await pilot.press(*(["space"] if page % 3 == 0 else []), "n")
        await pilot.pause()
    await settle(pilot)


async def catalogue(pilot: Pilot) -> None:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("n")  # every practice, to add one
    await settle(pilot)


async def month(pilot: Pilot) -> None:
    await pilot.press("m")
    await settle(pilot)


async def insights(pilot: Pilot) -> None:
    await pilot.press("m")
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    # The figures are worked out in a thread; the picture waits for them.
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


async def help_page(pilot: Pilot) -> None:
    await pilot.press("question_mark")
    await settle(pilot)


async def safety_plan(pilot: Pilot) -> None:
    from rootwork.state.records.safety_plan import SafetyPlan, starting_parts

    app = pilot.app
    parts = {
        **starting_parts(app.library),
        "warning-signs": "Cancelling plans. Lying awake going over what I said. Skipping meals.",
        "calming-alone": "A slow walk round the block. A shower. Writing it down before I believe it.",
        "people-to-ask": "My sister Ana (the number is in my phone).",
        "reasons": "Ana's kids. The garden in spring. Tomorrow's coffee.",
    }
    app.store.save_safety_plan(SafetyPlan(parts=parts, warning_signs=("self-doubt",)), TOUR_DAY)
    await pilot.press("exclamation_mark")
    await settle(pilot)


async def settings(pilot: Pilot) -> None:
    await pilot.press("t")
    await settle(pilot)  # the demo's toast gone before the form opens over Today
    pilot.app.post_message(OpenSettings())
    await settle(pilot)


@dataclass(frozen=True)
class Scene:
    """One picture: its file name, what it must show, how to get there, in which theme."""

    name: str
    shows: str
    steps: Steps
    theme: str | None = None
    size: tuple[int, int] = TOUR_SIZE


SCENES = (
    Scene("today", "Today: a greeting, check-in status, what is due, the week and a quote", today),
    Scene("checkin", "The check-in form filled in: mood, intensity, signs, a cause, a note", checkin),
    Scene("causes", "A cause open, with its explanation and its practices", causes),
    Scene("reframe-editor", "The thought-record editor with a record filled in", reframe_editor),
    Scene("rehearse", "A rehearsal: the critic's words, an answer, the saved reframe revealed", rehearse),
    Scene("practices", "Practices: the plan and a practice's detail and history", practices),
    Scene("month", "The month calendar with check-ins, reviews and revisits", month),
    Scene("insights", "Insights over the journal", insights),
    Scene("help", "Help: safety first, then the keys", help_page),
    Scene("safety-plan", "The safety plan, parts in the person's own words, opened with !", safety_plan),
    Scene("today-light", "Today in a light theme", today, theme=LIGHT_THEME),
    Scene("today-80x24", "Today in a new 80x24 terminal window: one column that scrolls", today, size=(80, 24)),
)

"""What the app does around its screens: first-run and demo notices, a too-small window, pastes, crashes.

Kept out of ``tui/app.py`` so the app only wires modes, keys and the store.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Size

from rootwork.state.records.text import remove_controls
from rootwork.tui import crash_log
from rootwork.tui.crash import handle_crash
from rootwork.tui.layout import TooSmallScreen, too_small
from rootwork.tui.screens.disclaimer import DisclaimerScreen

if TYPE_CHECKING:
    from rootwork.tui.app import RootworkApp

DEMO_NOTICE = (
    "A made-up journal to explore: change anything you like. "
    "It is deleted when you quit, and your own journal is never touched."
)


def greet(app: RootworkApp) -> None:
    """At start: what opening the journal found, then the disclaimer (first run) or the demo notice."""
    if app.store.notices:  # one notice, not a stack of them (issue 27)
        app.notify(
            "\n\n".join(app.store.notices), title="About your journal", severity="warning", timeout=30, markup=False
        )
    if not app.store.disclaimer_acknowledged():
        app.push_screen(DisclaimerScreen(app.library.safety), partial(_acknowledged, app))
    else:
        announce_demo(app)


def announce_demo(app: RootworkApp) -> None:
    """Say, when it is one, that this journal is made up and deleted at exit."""
    if app.demo:
        # Long enough to read, short enough not to sit over the month's last week (issue 27).
        app.notify(DEMO_NOTICE, title="This is a demo", timeout=8, markup=False)


async def _acknowledged(app: RootworkApp, accepted: bool | None) -> None:
    # After the disclaimer, so the notice never sits over its button.
    announce_demo(app)
    if accepted:
        try:
            await app.store_call(app.store.acknowledge_disclaimer)
        except Exception as error:  # any failure is reported, never fatal
            app.notify(f"Could not remember that you read this: {error}", severity="warning", markup=False)


def fit_window(app: RootworkApp, size: Size | None = None) -> None:
    """Cover the app with a notice while the window is too small; uncover it when it fits."""
    size = size or app.size
    small, top = too_small(size), app.screen
    if small and isinstance(top, TooSmallScreen):
        top.show_size(size)
    elif small:
        app.push_screen(TooSmallScreen())
    elif isinstance(top, TooSmallScreen):
        app.pop_screen()


def action_blocked(app: RootworkApp, action: str) -> bool:
    """True for an action the screen on top does not allow now.

    While the too-small notice covers the app, only quitting works: a mode
    switched to now would be drawn broken behind it. The first-run disclaimer
    is answered first: the palette's "Go to ..." would leave it behind.
    """
    if isinstance(app.screen, TooSmallScreen) and action != "quit":
        return True
    return action == "command_palette" and isinstance(app.screen, DisclaimerScreen)


def crash(app: RootworkApp, error: Exception) -> None:
    """Log ``error`` privately and exit (tui/crash.py) instead of Textual's report.

    Textual's own report prints every frame's local variables, which hold what
    the user wrote. A demo's folder is deleted at exit, so its log goes where it
    outlives the demo.
    """
    log_dir = crash_log.DEMO_CRASH_DIR if app.demo else app.store.data_dir
    handle_crash(app, error, log_dir, app.now())


def clean_paste(event: events.Event) -> None:
    """Take terminal control sequences out of a paste: shown, they would be obeyed (OSC 52 writes the clipboard)."""
    if isinstance(event, events.Paste):
        event.text = remove_controls(event.text)

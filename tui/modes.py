"""The top-level screens, each imported the first time it is shown.

``RootworkApp.MODES`` maps a mode to a factory rather than a class, so starting
the app imports only the first screen's module (Today's); the others are
imported when first shown, or earlier by ``tui.warm_up`` once Today is painted.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import import_module

from textual.binding import Binding
from textual.screen import Screen

from rootwork.tui.textual_compat import skip_restyling_a_new_screen

#: Each mode's key and label (its binding, its "Go to" in the palette).
MODE_KEYS = {
    "today": ("t", "Today"),
    "checkin": ("i", "Check-in"),
    "causes": ("c", "Causes"),
    "reframes": ("r", "Reframes"),
    "practices": ("p", "Practices"),
    "month": ("m", "Month"),
    "help": ("question_mark", "Help"),
}


def mode_binding(mode: str) -> Binding:
    """The app's key for going to ``mode`` (its label, its "Go to" tooltip, its keymap id)."""
    key, label = MODE_KEYS[mode]
    return Binding(key, f"app.switch_mode('{mode}')", label, tooltip=f"Go to {label}", id=f"app.{mode}")


#: Each mode's screen, as "module:Class".
MODE_SCREENS = {
    "today": "rootwork.tui.screens.today:TodayScreen",
    "checkin": "rootwork.tui.screens.checkin:CheckinScreen",
    "causes": "rootwork.tui.screens.causes:CausesScreen",
    "reframes": "rootwork.tui.screens.reframes:ReframesScreen",
    "practices": "rootwork.tui.screens.practices:PracticesScreen",
    "month": "rootwork.tui.screens.month:MonthScreen",
    "help": "rootwork.tui.screens.help:HelpScreen",
}


def screen_class(mode: str) -> type[Screen]:
    """The class of ``mode``'s screen, its module imported now if it was not yet."""
    module, name = MODE_SCREENS[mode].split(":")
    return getattr(import_module(module), name)


def _build(mode: str) -> Screen:
    screen = screen_class(mode)()
    skip_restyling_a_new_screen(screen)
    return screen


def lazy_modes() -> dict[str, str | Callable[[], Screen]]:
    """``App.MODES``: a factory per mode that imports its screen's module on first use."""
    return {mode: partial(_build, mode) for mode in MODE_SCREENS}


def screen_modules() -> list[str]:
    """Every mode's module, in the order of ``MODE_SCREENS``."""
    return [path.split(":")[0] for path in MODE_SCREENS.values()]

"""How one screen opens another: the only way screens reach each other (an import-linter contract).

Screens never import each other's modules; they call these functions, which
import the screen they open when it is first opened. So a screen's module
loads only what it shows, Today paints without the editor or the self-check
loaded, and screens stay free to change on their own. ``tui/modes.py`` does the
same for the top-level screens, switched by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from rootwork.state.records.model import Reframe

Callback = Callable[[Any], Any] | None


def open_selfcheck(app: App) -> None:
    """The guided self-check ("find your roots"), over the current screen."""
    from rootwork.tui.screens.selfcheck import SelfCheckScreen

    app.push_screen(SelfCheckScreen())


def open_checkin_for(app: App, day: date, callback: Callback = None) -> None:
    """The check-in form for ``day``; ``callback`` gets what the form dismisses with."""
    from rootwork.tui.screens.checkin import CheckinScreen

    app.push_screen(CheckinScreen.for_day(day), callback)


def open_insights(app: App) -> None:
    """The month's insights, over the calendar."""
    from rootwork.tui.screens.insights import InsightsScreen

    app.push_screen(InsightsScreen())


def open_reframe_editor(app: App, reframe: Reframe | None = None, callback: Callback = None) -> None:
    """The thought-record editor, on ``reframe`` or a new record; ``callback`` gets the saved record or None."""
    from rootwork.tui.screens.reframe_editor import ReframeEditorScreen

    app.push_screen(ReframeEditorScreen(reframe), callback)


def open_rehearsal(app: App, reframe_ids: Sequence[str]) -> None:
    """Rehearse the reframes ``reframe_ids``, one after another."""
    from rootwork.tui.screens.rehearse import RehearseScreen

    app.push_screen(RehearseScreen(list(reframe_ids)))


def open_settings(app: App) -> None:
    """The settings form, over the current screen."""
    from rootwork.tui.screens.settings import SettingsScreen

    app.push_screen(SettingsScreen())


def open_passphrase(app: App) -> None:
    """Changing the passphrase of an encrypted journal, over the current screen (not over itself)."""
    from rootwork.tui.screens.passphrase import PassphraseScreen

    if app.store.codec.encrypting and not isinstance(app.screen, PassphraseScreen):
        app.push_screen(PassphraseScreen())


def open_kept_aside(app: App) -> None:
    """The answers two machines changed without seeing each other, to choose (not again over itself)."""
    from rootwork.tui.screens.kept_aside import KeptAsideScreen

    if not isinstance(app.screen, KeptAsideScreen):
        app.push_screen(KeptAsideScreen())

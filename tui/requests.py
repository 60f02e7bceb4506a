"""What a screen asks the app for: another screen, by message.

A screen never imports another screen, nor the module that opens them: it posts
one of these (``self.post_message(OpenSettings())``), which bubbles up to the app,
and the app's ``Navigator`` (``tui/navigation.py``) opens the screen asked for,
importing its module on first use. A ``callback`` gets what the opened screen
dismisses with, as ``App.push_screen``'s does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from rootwork.state.records.model import Reframe

Callback = Callable[[Any], Any] | None


class OpenScreen(Message):
    """A screen asks the app to open another."""


class OpenSafetyPlan(OpenScreen):
    """The safety plan, over whatever screen is showing, so nothing on it is left or lost."""


class OpenSelfCheck(OpenScreen):
    """The guided self-check ("find your roots"), over the current screen."""


class OpenCheckin(OpenScreen):
    """The check-in form for ``day``."""

    def __init__(self, day: date, callback: Callback = None) -> None:
        super().__init__()
        self.day = day
        self.callback = callback


class OpenInsights(OpenScreen):
    """The month's insights, over the calendar."""


class OpenReframeEditor(OpenScreen):
    """The thought-record editor, on ``reframe`` or a new record; the callback gets the saved record or None."""

    def __init__(self, reframe: Reframe | None = None, callback: Callback = None) -> None:
        super().__init__()
        self.reframe = reframe
        self.callback = callback


class OpenRehearsal(OpenScreen):
    """Rehearse the reframes ``reframe_ids``, one after another."""

    def __init__(self, reframe_ids: Sequence[str]) -> None:
        super().__init__()
        self.reframe_ids = list(reframe_ids)


class OpenSettings(OpenScreen):
    """The settings form, over the current screen."""


class OpenPassphrase(OpenScreen):
    """Changing the passphrase of an encrypted journal."""


class OpenKeptAside(OpenScreen):
    """The answers two machines changed without seeing each other, to choose."""

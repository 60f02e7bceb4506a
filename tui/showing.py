"""A screen's work for being shown, done once each time it is shown.

Textual posts ``ScreenResume`` twice when a mode's screen is shown the first
time (once as the mode's stack is made, once as the app switches to it), and
once each time after. A screen that reads the store and redraws when resumed
would do all of it twice on its first visit: at five years, the Reframes list
of 3,000 records and the Practices table. A screen with ``ShowsOnce`` among its
bases puts that work in ``when_shown``, which runs once per showing: on the
first resume after the screen was mounted or suspended (Textual calls every
class's own handler, so the mixin's run beside any the screen has of its own).
"""

from __future__ import annotations

from textual.message import Message


class JournalChanged(Message):
    """The journal was changed elsewhere (tui/store_bridge.py): the screen shown should read the store again.

    A screen that shows the journal handles it (``ShowsOnce`` does, by showing itself
    again); one that does not show it lets it pass.
    """


class ShowsOnce:
    """Mixin for a ``Screen``: ``when_shown`` once each time the screen is shown (see the module)."""

    _showing = False

    def on_screen_resume(self) -> None:
        if not self._showing:
            self._showing = True
            self.when_shown()

    def on_screen_suspend(self) -> None:
        self._showing = False

    def on_journal_changed(self, message: JournalChanged) -> None:
        self.journal_changed()

    def journal_changed(self) -> None:
        """The journal changed elsewhere while this screen is shown: by default it is shown again."""
        self.when_shown()

    def when_shown(self) -> None:
        """What the screen does each time it is shown; nothing unless a screen says."""

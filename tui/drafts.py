"""A form kept as typed while it is written: the draft a moment after each change, off the event loop.

The thought-record editor and the safety plan keep what is typed in the store's
drafts (``drafts.json``, encrypted like the journal), so a form half written
survives the app being killed and is offered back next time. ``DraftKeeper``
is that mechanism, once: a change (re)starts a short timer; when it fires, the
form's draft is written through the store's writer thread, or this form's
earlier draft is cleared when nothing differs from what was loaded. A failure
is said once (the form itself is untouched); saving, or leaving without saving,
stops it and clears the draft. What a draft holds is each form's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

from rootwork.state.records.errors import ReadOnlyStore, StoreError
from rootwork.tui.services import app_services

__all__ = ["DraftKeeper"]


class DraftKeeper:
    """Keeps ``screen``'s form as the draft ``name``, ``delay`` seconds after the last change.

    ``data`` gives the draft to keep, or None when the form holds nothing the
    loaded record does not (then an earlier draft of this form is cleared);
    ``may_write`` is False while a save is under way or once the form was left.
    ``what`` names the form in the one warning a failed write gives ("this record").
    """

    def __init__(
        self,
        screen: Screen[Any],
        name: str,
        what: str,
        delay: float,
        data: Callable[[], dict[str, Any] | None],
        may_write: Callable[[], bool],
    ) -> None:
        self.screen, self.name, self.what, self.delay = screen, name, what, delay
        self.data, self.may_write = data, may_write
        #: Whether the draft in the store is this form's (written here, or taken back by the person).
        self.written = False
        self._timer: Timer | None = None
        self._warned = False

    def schedule(self) -> None:
        """The form changed: keep it ``delay`` seconds from now (a later change moves that on)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(self.delay, self.write)

    def stop(self) -> None:
        """Write no draft for the changes so far (a save or leaving is under way)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    async def write(self) -> None:
        """Keep the form as typed, or clear this form's draft when nothing is left to keep."""
        self._timer = None
        if not self.may_write() or not self.screen.is_attached:
            return
        app = app_services(self.screen)
        try:
            draft = self.data()
            if draft is None:
                if self.written:
                    await app.store_call(app.store.clear_draft, self.name)
                    self.written = False
                return
            await app.store_call(app.store.save_draft, self.name, draft)
            self.written = True
        except (StoreError, OSError) as error:
            if not self._warned:  # once is enough: the form itself is untouched
                self._warned = True
                reason = "the journal is open read-only" if isinstance(error, ReadOnlyStore) else str(error)
                self.screen.notify(
                    f"Could not keep a draft of {self.what} ({reason}). What you type is still here.",
                    severity="warning",
                    markup=False,
                )

    async def clear(self) -> None:
        """Clear the draft (saved, or left on purpose); a failure leaves a stale draft, offered next time."""
        app = app_services(self.screen)
        try:
            await app.store_call(app.store.clear_draft, self.name)
        except (StoreError, OSError):
            pass  # a stale draft is offered next time, which is safe
        self.written = False

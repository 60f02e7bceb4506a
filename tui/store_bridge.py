"""Keeping the app's view of the journal current without ever waiting on the event loop.

The app's store answers reads from a snapshot (``Store.use_snapshots``); this
bridge notices another process's writes (``rootwork checkin`` in a shell, a
second window). Every ``CHECK_EVERY`` seconds, and when a screen is shown, it
runs ``Store.refresh`` on the store thread (a stat of the journal; a parse
only when it changed), and when that brought in new data the visible screen
is sent a ``JournalChanged`` message (tui/showing.py): a screen that shows the
journal handles it (``ShowsOnce`` shows itself again; the check-in form does so
only when nothing is typed, and keeps the focus); a dialog lets it pass. The check also merges
conflict copies a sync tool left beside the journal (``state.sync``); each
new notice it leaves is shown once. When the change came whole from another
machine (the sync tool replaced the file), the person is told so once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rootwork.tui.showing import JournalChanged

if TYPE_CHECKING:
    from textual.screen import Screen

    from rootwork.tui.app import RootworkApp

CHECK_EVERY = 2.0
NOTICE_SECONDS = 30
UPDATED_ELSEWHERE = "Your journal was updated on another machine; what you see now includes it."
_UNSET = object()


class StoreBridge:
    """Runs the checks for outside changes, one at a time, off the event loop."""

    def __init__(self, app: RootworkApp) -> None:
        self.app = app
        self._checking = False
        self._warned = False
        self._told = 0  # how many of the store's notices were shown (on_mount shows those from opening)
        # The other machine's write last seen; _UNSET until the first check reads it (no notice then).
        self._elsewhere: object = _UNSET

    def start(self) -> None:
        """Check every ``CHECK_EVERY`` seconds from now on."""
        self._told = len(self.app.store.notices)
        self.app.set_interval(CHECK_EVERY, self.check, name="journal-check")

    def check(self) -> None:
        """Look for another process's changes soon, unless a check is already under way."""
        if self._checking:
            return
        self._checking = True
        self.app.run_worker(self._check(), group="journal-check", exit_on_error=False)

    async def _check(self) -> None:
        app = self.app
        try:
            changed = await app.store_call(app.store.refresh)
            first = self._elsewhere is _UNSET
            # On the store thread: the first call reads (or makes) this folder's machine-id file.
            elsewhere = await app.store_call(app.store.written_elsewhere) if changed or first else self._elsewhere
        except RuntimeError:  # the store thread has shut down: the app is closing
            return
        except Exception as error:  # noqa: BLE001 - what is shown stays as it was; say so once
            if not self._warned:
                self._warned = True
                app.notify(f"Changes made elsewhere cannot be shown: {error}", severity="warning", markup=False)
            return
        finally:
            self._checking = False
        updated = elsewhere is not None and elsewhere != self._elsewhere and not first
        self._tell_new_notices(UPDATED_ELSEWHERE if updated else None)
        self._elsewhere = elsewhere  # what the journal held when the app opened needs no notice
        if changed:
            show_again(app.screen)

    def _tell_new_notices(self, first: str | None = None) -> None:
        # What the check itself said (a conflict copy merged or left unreadable, a damaged entry found),
        # after ``first``: one notice for one check, not a stack of them (issue 27).
        notices = self.app.store.notices
        found = notices[self._told :]
        self._told = len(notices)
        lines = ([first] if first else []) + found
        if lines:  # what the store found stays up long enough to read; "updated" alone is brief
            self.app.notify(
                "\n\n".join(lines), title="About your journal", timeout=NOTICE_SECONDS if found else None, markup=False
            )


def show_again(screen: Screen) -> None:
    """Tell ``screen`` the journal changed: a message it handles if it shows the journal (tui/showing.py)."""
    screen.post_message(JournalChanged())

"""Keeping the app's view of the journal current without ever waiting on the event loop.

The app's store answers reads from a snapshot (``Store.use_snapshots``); this
bridge notices another process's writes (``rootwork checkin`` in a shell, a
second window). Every ``CHECK_EVERY`` seconds, and when a screen is shown, a
worker runs ``Store.refresh`` on the store thread (a stat of the journal; a
parse only when it changed) and posts what it found to the app as a
``JournalChecked`` message (or ``JournalCheckFailed``). The app hands it back
here, on the event loop: when the check brought in new data the visible screen
is sent a ``JournalChanged`` message (tui/showing.py): a screen that shows the
journal handles it (``ShowsOnce`` shows itself again; the check-in form does so
only when nothing is typed, and keeps the focus); a dialog lets it pass. The check also merges
conflict copies a sync tool left beside the journal (``state.sync``); each
new notice it leaves is shown once. When the change came whole from another
machine (the sync tool replaced the file), the person is told so once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from rootwork.tui.showing import JournalChanged

if TYPE_CHECKING:
    from textual.screen import Screen

    from rootwork.tui.app import RootworkApp

CHECK_EVERY = 2.0
NOTICE_SECONDS = 30
UPDATED_ELSEWHERE = "Your journal was updated on another machine; what you see now includes it."
_UNSET = object()


class JournalChecked(Message):
    """What one check for outside changes found, posted to the app by the check's worker.

    ``changed``: the journal held something new. ``elsewhere``: the other
    machine's write last seen (``Store.written_elsewhere``; ``None`` if none).
    ``first``: the check made when the app opened, whose findings need no notice.
    """

    def __init__(self, changed: bool, elsewhere: object, *, first: bool) -> None:
        super().__init__()
        self.changed = changed
        self.elsewhere = elsewhere
        self.first = first


class JournalCheckFailed(Message):
    """A check for outside changes failed: what is shown stays as it was."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class StoreBridge:
    """Runs the checks for outside changes in a worker, one at a time; the app hands back what they found."""

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
        # The worker: the store's reads, on the store thread; what they mean is decided in ``checked``.
        app = self.app
        try:
            changed = await app.store_call(app.store.refresh)
            first = self._elsewhere is _UNSET
            # On the store thread: the first call reads (or makes) this folder's machine-id file.
            elsewhere = await app.store_call(app.store.written_elsewhere) if changed or first else self._elsewhere
        except RuntimeError:  # the store thread has shut down: the app is closing
            self._checking = False
            return
        except Exception as error:  # reported by message, never fatal
            app.post_message(JournalCheckFailed(error))
            return
        app.post_message(JournalChecked(changed, elsewhere, first=first))

    def checked(self, found: JournalChecked) -> None:
        """Tell what a check found (on the event loop), and have the screen shown read the journal again."""
        self._checking = False
        updated = found.elsewhere is not None and found.elsewhere != self._elsewhere and not found.first
        self._tell_new_notices(UPDATED_ELSEWHERE if updated else None)
        self._elsewhere = found.elsewhere  # what the journal held when the app opened needs no notice
        if found.changed:
            show_again(self.app.screen)

    def check_failed(self, failed: JournalCheckFailed) -> None:
        """Say once that changes made elsewhere cannot be shown; what is shown stays as it was."""
        self._checking = False
        if not self._warned:
            self._warned = True
            self.app.notify(f"Changes made elsewhere cannot be shown: {failed.error}", severity="warning", markup=False)

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

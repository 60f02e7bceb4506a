"""The passphrase screen of an encrypted journal: shown before anything else, as often as it takes.

The passphrase is typed into a password field (never shown) and tried off the
event loop, since scrypt takes about a second by design: "Opening..." shows
meanwhile, and ``escape`` or ``ctrl+q`` still quit. A wrong passphrase says so
plainly and the field is ready for another try; there is no limit, so no one
is ever locked out of their own journal. The screen posts nothing about the
passphrase anywhere: not in a notice, a log or a message.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from rootwork.state.encryption.codec import PassphraseError
from rootwork.state.records.errors import StoreError
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.text_fields import LineField

TITLE = "Your journal is locked"
INTRO = "It is encrypted with a passphrase. Type it, then press enter."
OPENING = "Opening..."
WRONG = "That passphrase does not open your journal. Check it (caps lock?) and try again; there is no limit."
EMPTY = "Type your passphrase first, then press enter."


class UnlockScreen(Screen[None]):
    """Asks for the passphrase; ``opener(passphrase)`` opens the store (in a thread) or raises."""

    BINDINGS = [
        Binding("escape", "app.quit", "Quit", tooltip="Leave rootwork; your journal stays locked", id="unlock.quit"),
        Binding("ctrl+q", "app.quit", "Quit", show=False, id="unlock.ctrl-quit"),
    ]
    CSS_PATH = "unlock.tcss"

    def __init__(self, opener: Callable[[str], object], where: str) -> None:
        super().__init__()
        self._opener = opener
        self._where = where
        self.opening = False

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock"):
            yield Static(TITLE, classes="title")
            yield Static(Content(f"{INTRO}\n{self._where}"))
            yield LineField(password=True, placeholder="passphrase", id="passphrase")
            yield Static("", id="unlock-status")
        yield CompactFooter()

    def _status(self, text: str, *, wrong: bool = False) -> None:
        status = self.query_one("#unlock-status", Static)
        status.update(Content(text))
        status.set_class(wrong, "-wrong")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.opening:
            return
        if not event.value:
            self._status(EMPTY, wrong=True)
            return
        self.opening = True
        event.input.disabled = True
        self._status(OPENING)
        passphrase = event.value
        self.run_worker(self._open(passphrase), group="unlock", exit_on_error=False)

    async def _open(self, passphrase: str) -> None:
        import asyncio

        field = self.query_one("#passphrase", Input)
        try:
            store = await asyncio.to_thread(self._opener, passphrase)
        except PassphraseError:
            self._retry(field, WRONG)
        except (StoreError, OSError) as error:  # the journal cannot be opened at all: say why
            self._retry(field, f"Your journal could not be opened: {getattr(error, 'strerror', None) or error}")
        else:
            self.app.exit(store)

    def _retry(self, field: Input, words: str) -> None:
        self.opening = False
        field.disabled = False
        field.value = ""
        field.focus()
        self._status(words, wrong=True)

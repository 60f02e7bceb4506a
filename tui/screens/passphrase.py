"""Changing an encrypted journal's passphrase in the app: the current one, the new one twice.

Opened from Settings (``f6``) or the palette ("Change passphrase"), only
while the journal is encrypted. The check and the rewrite run on the store
thread (scrypt twice: about two seconds), never on the event loop; only
``identity.age`` is written (``state.encryption.folder.change_passphrase``, the
rule ``rootwork passphrase`` follows too). A weak new passphrase is said to be
weak with four random words as a suggestion, and saving it takes a second
``ctrl+s``. ``escape`` leaves and changes nothing. What is typed is never shown,
logged or kept after the screen closes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from rootwork.state.encryption.codec import PassphraseError
from rootwork.state.encryption.folder import change_passphrase
from rootwork.state.encryption.strength import suggestion, weakness
from rootwork.state.records.errors import StoreError
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.keys_in_order import keys_handled
from rootwork.tui.widgets.text_fields import LineField

TITLE = "Change your passphrase"
INTRO = (
    "Only the file that holds your journal's key (identity.age) is encrypted again; your journal and its "
    "backups stay as they are. A forgotten passphrase cannot be recovered."
)
FIELDS = (("current", "Current passphrase"), ("new", "New passphrase"), ("again", "The new one again"))


class PassphraseScreen(ModalScreen[bool]):
    """Dismisses with True when the passphrase was changed."""

    CSS_PATH = "passphrase.tcss"
    BINDINGS = [
        Binding("ctrl+s", "change", "Change", tooltip="Change the passphrase", id="passphrase.change"),
        # Priority, as the app's tab: focus moves while enter is handled, so keys typed right after it
        # in one burst reach the next field, not the one left.
        Binding("enter", "next_field", "Next field", show=False, priority=True, id="passphrase.next"),
        Binding("escape", "leave", "Leave", tooltip="Leave; the passphrase stays as it was", id="passphrase.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self._weak_accepted: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock"):
            yield Static(Content.styled(TITLE, "bold"), classes="title")
            yield Static(Content.styled(INTRO, MUTED))
            for key, title in FIELDS:
                field = LineField(password=True, id=f"passphrase-{key}")
                field.border_title = title
                yield field
            yield Static("", id="unlock-status")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#passphrase-current", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#passphrase-{key}", Input).value

    def _status(self, text: str, *, wrong: bool = False) -> None:
        status = self.query_one("#unlock-status", Static)
        status.update(Content(text))
        status.set_class(wrong, "-wrong")

    async def action_next_field(self) -> None:
        """Enter: on to the next field, or change the passphrase from the last one."""
        if self.focused is not None and self.focused.id == "passphrase-again":
            self.run_worker(self.action_change(), exclusive=True)
        else:
            self.focus_next()

    async def action_change(self) -> None:
        if self._busy:
            return
        await keys_handled(self)
        current, new, again = self._value("current"), self._value("new"), self._value("again")
        if not current or not new:
            self._status("Type your current passphrase and the new one first.", wrong=True)
            return
        if new != again:
            self._status("The new passphrase and the one typed again differ; type them again.", wrong=True)
            return
        why = weakness(new)
        if why and self._weak_accepted != new:
            self._weak_accepted = new
            self._status(
                f"That passphrase is weak: {why} Four random words are easier to remember and much "
                f"harder to guess, for example: {suggestion()}. Press ctrl+s again to use yours anyway.",
                wrong=True,
            )
            return
        self._busy = True
        self._status("Changing… (this takes a few seconds, on purpose)")
        store = app_services(self).store
        now = datetime.now(UTC)
        try:
            await app_services(self).store_call(
                store.rewrite_files, lambda where: change_passphrase(where, store.codec, new, now, current=current)
            )
        except PassphraseError:
            self._status("That is not your current passphrase; nothing was changed.", wrong=True)
        except (StoreError, OSError) as error:
            self._status(
                f"The passphrase could not be changed ({getattr(error, 'strerror', None) or error}); it is as it was.",
                wrong=True,
            )
        else:
            self.app.notify(
                "Your passphrase is changed. Your journal and its backups were not rewritten.",
                title="Passphrase",
                markup=False,
            )
            self.dismiss(True)
            return
        finally:
            self._busy = False
        for key, _title in FIELDS:
            self.query_one(f"#passphrase-{key}", Input).value = ""
        self.query_one("#passphrase-current", Input).focus()

    def action_leave(self) -> None:
        self.dismiss(False)

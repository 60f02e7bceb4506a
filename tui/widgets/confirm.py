"""A yes/no question over the current screen: ``y`` is yes, ``n``/``escape`` is no, ``enter`` the focused button.

A question whose yes throws something away (``destructive=True``: leaving a
form, deleting, opening another day over what was typed) starts with focus on
the safe answer, so ``enter`` never destroys anything; the destructive answer
has its own key, ``y``. Any other question starts on yes, and ``enter`` means yes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks ``question`` and dismisses with True (yes) or False (no).

    The question and labels are shown as plain text, so they may contain user text.
    """

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    ConfirmScreen > #confirm {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen #confirm-question {
        height: auto;
        margin-bottom: 1;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmScreen Button {
        margin-left: 2;
    }
    """

    # Priority, so the letters answer even while a button has focus; enter presses the focused button.
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", priority=True, id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", priority=True, id="confirm.no"),
    ]

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", destructive: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.yes_label = yes
        self.no_label = no
        #: Yes throws something away: focus starts on no, and enter presses it.
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        safe_keys, yes_keys = ("enter, n, esc", "y") if self.destructive else ("n, esc", "y, enter")
        with Vertical(id="confirm"):
            yield Static(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    Content(f"{self.no_label}  ({safe_keys})"),
                    id="confirm-no",
                    variant="primary" if self.destructive else "default",
                )
                yield Button(
                    Content(f"{self.yes_label}  ({yes_keys})"),
                    id="confirm-yes",
                    variant="error" if self.destructive else "primary",
                )

    def on_mount(self) -> None:
        self.query_one("#confirm-no" if self.destructive else "#confirm-yes", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

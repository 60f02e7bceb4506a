"""A modal list of earlier evidence against the critic; dismisses with the piece picked, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rootwork.tui.text import MUTED, heading


class EvidencePicker(ModalScreen[str | None]):
    """Pick one piece of earlier evidence against the critic; enter inserts it, escape goes back."""

    BINDINGS = [Binding("escape", "dismiss_none", "Back", priority=True, id="evidence.back")]

    def __init__(self, pieces: list[str]) -> None:
        super().__init__()
        self.pieces = pieces

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-picker"):
            yield Static(
                Content.assemble(
                    heading("Evidence against, from earlier records"),
                    "\n",
                    ("enter inserts the highlighted one · escape goes back", MUTED),
                ),
                id="evidence-picker-title",
            )
            yield OptionList(*(Option(Content(piece)) for piece in self.pieces), id="evidence-picker-list")

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = 0
        picker.focus()

    @on(OptionList.OptionSelected)
    def pick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.pieces[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

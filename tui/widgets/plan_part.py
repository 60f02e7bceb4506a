"""One part of the safety plan: its title, the question that helps fill it in, and the person's words."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, TextArea

from rootwork.content.model import PlanPart
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.text_fields import TextField

__all__ = ["PlanPartField"]


class PlanPartField(Vertical):
    """A part's title and question above a text field holding what the person wrote, exactly."""

    class Edited(Message):
        """What a part holds changed (typed, pasted or filled in)."""

    def __init__(self, part: PlanPart) -> None:
        super().__init__(classes="plan-part")
        self.part = part

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self.part.title, "bold"), classes="plan-part-title")
        yield Static(Content.styled(self.part.prompt, MUTED), classes="plan-part-prompt")
        field = TextField(id=f"part-{self.part.id}", soft_wrap=True, tab_behavior="focus", classes="plan-part-text")
        yield field

    @property
    def field(self) -> TextField:
        return self.query_one(TextField)

    @property
    def text(self) -> str:
        """What the part holds now, as typed."""
        return self.field.text

    def fill(self, text: str) -> None:
        """Show ``text`` (as stored), the cursor at its start."""
        self.field.load_text(text)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Edited())

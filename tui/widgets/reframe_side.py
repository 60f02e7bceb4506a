"""The thought-record editor's side panel: how to write one, the thinking trap in view, earlier evidence.

It holds no state: the screen hands it a distortion to explain and the evidence
bank to list (``state.records.reframes.evidence_bank``), and it only shows them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from rootwork.content import Distortion
from rootwork.state.records.reframe_editing import BANK_PREVIEW
from rootwork.tui.text import MUTED, bullets, heading

GUIDE = Content.assemble(
    heading("A thought record"),
    "\n",
    "1. Write what happened, and the critic's words exactly as you hear them.\n",
    "2. Notice whose voice it is. Often it is not yours.\n",
    "3. Weigh the evidence, for and against, as a fair friend would.\n",
    "4. Answer the critic with something kind that is also true.\n",
    ("ctrl+s saves · escape leaves · your writing is kept as a draft as you go", MUTED),
)


def distortion_help(distortion: Distortion) -> Content:
    """A thinking trap explained, with the question that loosens it."""
    return Content.assemble(
        (distortion.name, "bold"),
        "\n",
        distortion.explanation,
        "\n\n",
        ("Ask: ", "bold $accent"),
        (distortion.challenge, "italic"),
    )


def bank_text(pieces: list[str]) -> Content:
    """The first pieces of earlier evidence against the critic, and how many more there are."""
    more = len(pieces) - BANK_PREVIEW
    return Content.assemble(
        heading("What you found before"),
        "\n",
        ("Evidence against the critic from earlier records like this one. ctrl+e inserts one.", MUTED),
        "\n",
        bullets(pieces[:BANK_PREVIEW]),
        (f"\n  … and {more} more" if more > 0 else "", MUTED),
    )


class ReframeSide(VerticalScroll):
    """The guide, the highlighted thinking trap (once the user is in the list) and earlier evidence."""

    def compose(self) -> ComposeResult:
        yield Static(GUIDE, id="editor-guide")
        yield Static(id="distortion-help")
        yield Static(id="evidence-bank")

    def on_mount(self) -> None:
        self.query_one("#distortion-help").display = False

    def show_distortion(self, distortion: Distortion) -> None:
        """Explain ``distortion`` under the guide."""
        help_panel = self.query_one("#distortion-help", Static)
        help_panel.display = True
        help_panel.update(Content.assemble(heading("Thinking trap"), "\n", distortion_help(distortion)))

    def show_bank(self, pieces: list[str]) -> None:
        """List earlier evidence against the critic, or hide the panel when there is none."""
        panel = self.query_one("#evidence-bank", Static)
        panel.display = bool(pieces)
        if pieces:
            panel.update(bank_text(pieces))

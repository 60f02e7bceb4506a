"""The thought-record form: every field of a record, read and filled as a ``ReframeForm``.

Data down: the screen fills it (``fill``) and reads it (``read``), and says what is
wrong (``show_problems``). Messages up: ``ReframeFields.Edited`` after any change
(the screen keeps a draft and refreshes the evidence bank) and
``ReframeFields.TrapHighlighted`` when the user moves through the thinking traps.
What it does on its own: the critic's words pinned above the reframe, the ticked
traps named in words, and a belief outside 0-100 said under its field.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.validation import Integer
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from rootwork.content import Library
from rootwork.state.records.reframe_editing import BELIEF_INPUTS, TEXT_AREAS, field_id, field_name, known_form
from rootwork.state.records.reframes import ReframeForm
from rootwork.state.records.text import SHORT_MAX
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.choice_field import ChoiceField
from rootwork.tui.widgets.text_fields import LineField, TextField, show_problem
from rootwork.tui.widgets.ticklist import TickList


def belief_input(widget_id: str) -> Input:
    """A 0-100 field for how much the critic is believed."""
    return LineField(
        placeholder="0-100",
        id=widget_id,
        restrict=r"[0-9]*",
        max_length=3,
        valid_empty=True,
        validators=[Integer(0, 100, failure_description="Belief goes from 0 to 100.")],
        validate_on=["changed", "submitted"],
        classes="belief",
    )


def labelled(text: str, note: str) -> Label:
    """A field's label with a muted note after it."""
    return Label(Content.assemble(text, (note, MUTED)), classes="field-label")


class ReframeFields(VerticalScroll, can_focus=False):
    """Situation, the critic, its voice, cause, thinking traps, beliefs, evidence and the reframe.

    Not a tab stop of its own (an invisible one after the last field, issue 27): each
    field scrolls itself into view when it gets focus.
    """

    @dataclass
    class Edited(Message):
        """A field changed (``field`` is the form field's name, e.g. ``cause_id``)."""

        fields: ReframeFields
        field: str

        @property
        def control(self) -> ReframeFields:
            return self.fields

    @dataclass
    class TrapHighlighted(Message):
        """The user moved to thinking trap number ``index`` of the library's list."""

        index: int

    def __init__(self, library: Library, voices: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.voices = voices

    def compose(self) -> ComposeResult:
        library = self.library
        yield Label("What happened? The situation, in a few words.", classes="field-label")
        yield TextField(id="situation", classes="short-area")
        yield Static(id="situation-error", classes="field-error")
        yield labelled("What does the critic say? Its words, as you hear them ", "(needed)")
        yield TextField(id="critic", classes="short-area")
        yield Static(id="critic-error", classes="field-error")
        yield Label("Whose voice does it sound like?", classes="field-label")
        yield LineField(
            placeholder="a parent, a teacher, peers, an ex-partner, society…",
            id="voice",
            max_length=SHORT_MAX,
            suggester=SuggestFromList(self.voices, case_sensitive=False),
        )
        yield Label("Which root cause does it belong to?", classes="field-label")
        yield ChoiceField(((c.title, c.id) for c in library.causes), prompt="Not sure / none", id="cause")
        yield labelled("Thinking traps you notice ", "(space ticks one)")
        yield TickList(*(Selection(d.name, d.id) for d in library.distortions), id="distortions")
        yield Static(id="distortions-chosen")
        yield Label("How much do you believe the critic right now? (0-100)", classes="field-label")
        yield belief_input("belief-before")
        yield Static(id="belief-before-error", classes="field-error")
        yield Label("Evidence the critic is right", classes="field-label")
        yield TextField(id="evidence-for")
        yield Static(id="evidence-for-error", classes="field-error")
        yield labelled("Evidence the critic is wrong ", "(ctrl+e inserts earlier evidence)")
        yield TextField(id="evidence-against")
        yield Static(id="evidence-against-error", classes="field-error")
        yield Static(id="critic-pinned")
        yield labelled("Your reframe: what you would say back ", "(needed)")
        yield TextField(id="reframe")
        yield Static(id="reframe-error", classes="field-error")
        yield Label("Having answered it, how much do you believe the critic now? (0-100)", classes="field-label")
        yield belief_input("belief-after")
        yield Static(id="belief-after-error", classes="field-error")

    # --- data down ---------------------------------------------------------------------------------

    def known(self, form: ReframeForm) -> ReframeForm:
        """``form`` without ids the library no longer has."""
        return known_form(form, (c.id for c in self.library.causes), (d.id for d in self.library.distortions))

    def fill(self, form: ReframeForm) -> None:
        """Show ``form`` in the fields (ids the library no longer has are left out)."""
        form = self.known(form)
        for name in TEXT_AREAS:
            self.query_one(f"#{field_id(name)}", TextArea).load_text(getattr(form, name))
        for name in BELIEF_INPUTS:
            self.query_one(f"#{field_id(name)}", Input).value = getattr(form, name)
        self.query_one("#voice", Input).value = form.voice
        self.query_one("#cause", Select).value = form.cause_id or Select.NULL
        selections = self.query_one("#distortions", SelectionList)
        selections.deselect_all()
        for distortion_id in form.distortions:
            selections.select(distortion_id)
        self.update_pinned()
        self.update_chosen()

    def read(self, editing_id: str = "") -> ReframeForm:
        """The form as it stands on screen, for the record ``editing_id`` ("" for a new one)."""
        cause = self.query_one("#cause", Select).value
        return ReframeForm(
            **{name: self.query_one(f"#{field_id(name)}", TextArea).text for name in TEXT_AREAS},
            **{name: self.query_one(f"#{field_id(name)}", Input).value for name in BELIEF_INPUTS},
            voice=self.query_one("#voice", Input).value,
            cause_id=cause if isinstance(cause, str) else None,
            distortions=tuple(self.query_one("#distortions", SelectionList).selected),
            editing_id=editing_id,
        )

    def show_problems(self, messages: dict[str, str]) -> None:
        """Say under each field what is wrong with it ("" takes the line away)."""
        for name, message in messages.items():
            show_problem(self.query_one(f"#{field_id(name)}-error", Static), message)

    def focus_field(self, name: str) -> None:
        """Move to the form field ``name`` and bring its message (or the field) into view."""
        target = self.query_one(f"#{field_id(name)}")
        target.focus()
        errors = self.query(f"#{field_id(name)}-error")
        shown_last = errors.first() if errors and errors.first().display else target
        self.scroll_to_widget(shown_last, animate=False)

    def focus_end_of(self, name: str) -> None:
        """Move to the end of the text field ``name``."""
        area = self.query_one(f"#{field_id(name)}", TextArea)
        area.move_cursor(area.document.end)
        area.focus()

    def add_evidence(self, piece: str) -> None:
        """Add ``piece`` on a line of its own at the end of the evidence against the critic."""
        area = self.query_one("#evidence-against", TextArea)
        text = area.text
        prefix = "" if not text or text.endswith("\n") else "\n"
        area.insert(prefix + piece, location=area.document.end)
        self.focus_end_of("evidence_against")

    # --- what the form shows on its own ---------------------------------------------------------------

    def update_chosen(self) -> None:
        """Name the ticked traps in words, so what is chosen reads without colour."""
        chosen = [self.library.distortion(d).name for d in self.query_one("#distortions", SelectionList).selected]
        self.query_one("#distortions-chosen", Static).update(
            Content.assemble(("Ticked: ", MUTED), ", ".join(chosen))
            if chosen
            else Content.styled("None ticked yet.", MUTED)
        )

    def update_pinned(self) -> None:
        """Keep the critic's words in sight above the reframe."""
        critic = self.query_one("#critic", TextArea).text.strip()
        pinned = self.query_one("#critic-pinned", Static)
        if critic:
            pinned.update(Content.assemble(("The critic says: ", "bold"), (critic, "italic")))
        else:
            pinned.update(Content.styled("The critic's words show here while you answer them.", MUTED))

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event) -> None:
        widget_id = getattr(event.control, "id", None)
        if widget_id == "critic":
            self.update_pinned()
        if isinstance(event, TextArea.Changed):
            show_problem(self.query_one(f"#{widget_id}-error", Static), "")
        if widget_id == "distortions":
            self.update_chosen()
        if isinstance(event, Input.Changed) and widget_id in ("belief-before", "belief-after"):
            result = event.validation_result
            message = "" if result is None or result.is_valid else " ".join(result.failure_descriptions)
            show_problem(self.query_one(f"#{widget_id}-error", Static), message)
        self.post_message(self.Edited(self, field_name(widget_id) or ""))

    @on(SelectionList.SelectionHighlighted)
    def _distortion_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        # Only while the user is in the list: the first highlight comes on its own at start.
        if event.control.has_focus:
            self.post_message(self.TrapHighlighted(event.selection_index))

    @on(events.DescendantFocus, "#distortions")
    def _distortions_focused(self) -> None:
        self.post_message(self.TrapHighlighted(self.query_one("#distortions", SelectionList).highlighted or 0))

"""The thought-record editor: the critic's words answered with evidence and a reframe.

The form keeps what the user types exactly (``state.reframes.ReframeForm``). About a
second after each change the form is kept as a draft in the store, off the event
loop, so a record half written survives the app being killed; the next time the
editor opens, the draft is offered back. Saving clears the draft; so does choosing
to leave without saving.
"""

from __future__ import annotations

import unicodedata
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.validation import Integer
from textual.widgets import Footer, Header, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from rootwork.content import Distortion, Library
from rootwork.state.errors import ReadOnlyStore, SaveConflict, StoreError, ValidationError
from rootwork.state.text import SHORT_MAX
from rootwork.state.model import Reframe
from rootwork.state.reframes import (
    DRAFT_NAME,
    STORE_FIELDS,
    VOICE_SUGGESTIONS,
    ReframeForm,
    draft_question,
    evidence_bank,
)
from rootwork.tui.leaving import LeaveGuard, leave
from rootwork.tui.text import MUTED, bullets, heading
from rootwork.tui.widgets.confirm import ConfirmScreen
from rootwork.tui.widgets.conflict import REFRAME_LABELS, resolve_conflict, show_reframe_value
from rootwork.tui.widgets.ticklist import TickList

# Seconds of quiet after the last change before the draft is written.
DRAFT_DELAY = 1.0
# Long text fields of the form: widget id -> form field.
TEXT_AREAS = ("situation", "critic", "evidence_for", "evidence_against", "reframe")
BELIEF_INPUTS = ("belief_before", "belief_after")
# Fields with a line under them for what is wrong.
ERROR_LINES = (*TEXT_AREAS, *BELIEF_INPUTS)
FIELD_WIDGETS = (*TEXT_AREAS, *BELIEF_INPUTS, "voice", "cause_id", "distortions")
BANK_PREVIEW = 6


def is_format_character(character: str | None) -> bool:
    """True for a zero-width joiner, a direction mark and the like (Unicode category Cf)."""
    return character is not None and len(character) == 1 and unicodedata.category(character) == "Cf"


class TextField(TextArea):
    """A TextArea that keeps joiners and direction marks typed as keys.

    Textual drops them as unprintable, which splits a family emoji into three people
    and loses the marks right-to-left writers type; pasted text keeps them already.
    """

    def on_key(self, event: events.Key) -> None:
        # Runs before TextArea's own handler, which prevent_default skips.
        if not self.read_only and is_format_character(event.character):
            event.stop()
            event.prevent_default()
            self.insert(event.character)


class LineField(Input):
    """An Input that keeps joiners and direction marks typed as keys (see ``TextField``)."""

    def on_key(self, event: events.Key) -> None:
        if is_format_character(event.character):
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(event.character)


def show_problem(static: Static, message: str) -> None:
    """Say what is wrong under a field, or take the line away when nothing is."""
    static.update(Content(message))
    static.display = bool(message)


GUIDE = Content.assemble(
    heading("A thought record"), "\n",
    "1. Write what happened, and the critic's words exactly as you hear them.\n",
    "2. Notice whose voice it is. Often it is not yours.\n",
    "3. Weigh the evidence, for and against, as a fair friend would.\n",
    "4. Answer the critic with something kind that is also true.\n",
    ("ctrl+s saves · escape leaves · your writing is kept as a draft as you go", MUTED),
)


def field_id(name: str) -> str:
    """The widget id of a form field (``evidence_for`` -> ``evidence-for``, ``cause_id`` -> ``cause``)."""
    return "cause" if name == "cause_id" else name.replace("_", "-")


def distortion_help(distortion: Distortion) -> Content:
    """A thinking trap explained, with the question that loosens it."""
    return Content.assemble(
        (distortion.name, "bold"), "\n", distortion.explanation, "\n\n", ("Ask: ", "bold $accent"),
        (distortion.challenge, "italic"),
    )


class EvidencePicker(ModalScreen[str | None]):
    """Pick one piece of earlier evidence against the critic; enter inserts it, escape goes back."""

    BINDINGS = [Binding("escape", "dismiss_none", "Back", priority=True, id="evidence.back")]

    def __init__(self, pieces: list[str]) -> None:
        super().__init__()
        self.pieces = pieces

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-picker"):
            yield Static(
                Content.assemble(heading("Evidence against, from earlier records"), "\n",
                                 ("enter inserts the highlighted one · escape goes back", MUTED)),
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


class ReframeEditorScreen(LeaveGuard, Screen[Reframe | None]):
    """Write or edit one thought record; dismisses with the saved record, or None when left."""

    LEAVE_QUESTION = "Leave without saving? What you wrote in this thought record will be lost."
    LEAVE_WHAT = "this thought record"
    LEAVE_NO = "Keep writing"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this thought record", id="form.save"),
        Binding("escape", "leave", "Back",
                tooltip="Leave the editor (asks first if something would be lost)", id="editor.leave"),
        # Priority: text fields use ctrl+e for "end of line" (the end key still does that).
        Binding("ctrl+e", "insert_evidence", "Insert evidence", priority=True,
                tooltip="Insert evidence against from earlier records of this cause or thinking trap",
                id="editor.insert-evidence"),
    ]

    def __init__(self, reframe: Reframe | None = None) -> None:
        super().__init__()
        self._base = reframe
        self._baseline = ReframeForm()
        self._draft_timer: Timer | None = None
        self._draft_written = False
        self._draft_warned = False
        self._saving = False
        self._bank: list[str] = []
        self._set_title()

    def _set_title(self) -> None:
        self.sub_title = "Edit thought record" if self._base else "New thought record"

    # --- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        library: Library = self.app.library
        yield Header()
        with Horizontal(id="editor-body"):
            with VerticalScroll(id="editor-form"):
                yield Label("What happened? The situation, in a few words.", classes="field-label")
                yield TextField(id="situation", classes="short-area")
                yield Static(id="situation-error", classes="field-error")
                yield Label(Content.assemble("What does the critic say? Its words, as you hear them ",
                                             ("(needed)", MUTED)), classes="field-label")
                yield TextField(id="critic", classes="short-area")
                yield Static(id="critic-error", classes="field-error")
                yield Label("Whose voice does it sound like?", classes="field-label")
                yield LineField(placeholder="a parent, a teacher, peers, an ex-partner, society…", id="voice",
                                max_length=SHORT_MAX,
                                suggester=SuggestFromList(self._voice_suggestions(), case_sensitive=False))
                yield Label("Which root cause does it belong to?", classes="field-label")
                yield Select(((c.title, c.id) for c in library.causes), prompt="Not sure / none", id="cause")
                yield Label(Content.assemble("Thinking traps you notice ", ("(space ticks one)", MUTED)),
                            classes="field-label")
                yield TickList(*(Selection(d.name, d.id) for d in library.distortions), id="distortions")
                yield Static(id="distortions-chosen")
                yield Label("How much do you believe the critic right now? (0-100)", classes="field-label")
                yield self._belief_input("belief-before")
                yield Static(id="belief-before-error", classes="field-error")
                yield Label("Evidence the critic is right", classes="field-label")
                yield TextField(id="evidence-for")
                yield Static(id="evidence-for-error", classes="field-error")
                yield Label(Content.assemble("Evidence the critic is wrong ", ("(ctrl+e inserts earlier evidence)",
                                                                              MUTED)), classes="field-label")
                yield TextField(id="evidence-against")
                yield Static(id="evidence-against-error", classes="field-error")
                yield Static(id="critic-pinned")
                yield Label(Content.assemble("Your reframe: what you would say back ", ("(needed)", MUTED)),
                            classes="field-label")
                yield TextField(id="reframe")
                yield Static(id="reframe-error", classes="field-error")
                yield Label("Having answered it, how much do you believe the critic now? (0-100)",
                            classes="field-label")
                yield self._belief_input("belief-after")
                yield Static(id="belief-after-error", classes="field-error")
            with VerticalScroll(id="editor-side"):
                yield Static(GUIDE, id="editor-guide")
                yield Static(id="distortion-help")
                yield Static(id="evidence-bank")
        yield Footer(compact=True)

    def _belief_input(self, widget_id: str) -> Input:
        return Input(
            placeholder="0-100", id=widget_id, restrict=r"[0-9]*", max_length=3, valid_empty=True,
            validators=[Integer(0, 100, failure_description="Belief goes from 0 to 100.")],
            validate_on=["changed", "submitted"], classes="belief",
        )

    def _voice_suggestions(self) -> list[str]:
        # The user's own earlier answers first: "my stepfather" is more likely again than "a coach".
        earlier = [r.voice for r in self.app.store.reframes() if r.voice.strip()]
        seen: set[str] = set()
        ordered = []
        for voice in (*earlier, *VOICE_SUGGESTIONS):
            if voice.casefold() not in seen:
                seen.add(voice.casefold())
                ordered.append(voice)
        return ordered

    def on_mount(self) -> None:
        form = ReframeForm.from_reframe(self._base) if self._base else ReframeForm()
        self._fill(form)
        self._baseline = self._read()
        self.query_one("#distortion-help").display = False
        self._update_pinned()
        self._update_bank()
        self._update_chosen()
        self.query_one("#situation" if self._base is None else "#critic").focus()
        draft = self.app.store.draft(DRAFT_NAME)
        if draft:
            self.app.push_screen(
                ConfirmScreen(draft_question(draft), yes="Continue it", no="Start a new one"),
                lambda yes: self._answer_draft(draft, yes),
            )

    # --- reading and filling the form -------------------------------------------------------------

    def _known(self, form: ReframeForm) -> ReframeForm:
        """The form with ids the library no longer has dropped, so the widgets can show it."""
        library: Library = self.app.library
        causes = {c.id for c in library.causes}
        distortions = {d.id for d in library.distortions}
        return ReframeForm(**{
            **form.__dict__,
            "cause_id": form.cause_id if form.cause_id in causes else None,
            "distortions": tuple(d for d in form.distortions if d in distortions),
        })

    def _fill(self, form: ReframeForm) -> None:
        form = self._known(form)
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

    def _read(self) -> ReframeForm:
        """The form as it stands on screen."""
        cause = self.query_one("#cause", Select).value
        return ReframeForm(
            **{name: self.query_one(f"#{field_id(name)}", TextArea).text for name in TEXT_AREAS},
            **{name: self.query_one(f"#{field_id(name)}", Input).value for name in BELIEF_INPUTS},
            voice=self.query_one("#voice", Input).value,
            cause_id=cause if isinstance(cause, str) else None,
            distortions=tuple(self.query_one("#distortions", SelectionList).selected),
            editing_id=self._base.id if self._base else "",
        )

    @property
    def has_edits(self) -> bool:
        """True when leaving now would lose something typed."""
        return self._read() != self._baseline

    # --- the draft ----------------------------------------------------------------------------------

    def _answer_draft(self, draft: dict, continue_it: bool | None) -> None:
        # "Start a new one" leaves the old draft alone until this editor writes its own over it.
        if not continue_it:
            return
        form = ReframeForm.from_draft(draft)
        base = None
        if form.editing_id:
            try:
                base = self.app.store.reframe(form.editing_id)
            except (StoreError, LookupError):
                base = None
            if base is not None and base.deleted_at is not None:
                base = None
        self._base = base
        self._set_title()
        self._baseline = self._known(ReframeForm.from_reframe(base) if base else ReframeForm())
        self._fill(form)
        self._draft_written = True  # the draft in the store is now this editor's
        self._update_pinned()
        self._update_bank()
        self._update_chosen()
        critic = self.query_one("#critic", TextArea)
        critic.move_cursor(critic.document.end)
        critic.focus()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event) -> None:
        widget_id = getattr(event.control, "id", None)
        if widget_id == "critic":
            self._update_pinned()
        if isinstance(event, TextArea.Changed):
            show_problem(self.query_one(f"#{widget_id}-error", Static), "")
        if widget_id in ("cause", "distortions"):
            self._update_bank()
        if widget_id == "distortions":
            self._update_chosen()
        if isinstance(event, Input.Changed) and widget_id in ("belief-before", "belief-after"):
            self._show_belief_problem(widget_id, event.validation_result)
        self._schedule_draft()

    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._write_draft)

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    async def _write_draft(self) -> None:
        """Keep the form as typed in the store, or clear this editor's draft when nothing is left to keep."""
        self._draft_timer = None
        if self._saving or not self.is_attached:
            return
        form = self._read()
        store = self.app.store
        try:
            if form == self._baseline:
                if self._draft_written:
                    await self.app.store_call(store.clear_draft, DRAFT_NAME)
                    self._draft_written = False
                return
            await self.app.store_call(store.save_draft, DRAFT_NAME, form.to_draft(self.app.today))
            self._draft_written = True
        except (StoreError, OSError) as error:
            if not self._draft_warned:  # once is enough: the form itself is untouched
                self._draft_warned = True
                reason = "the journal is open read-only" if isinstance(error, ReadOnlyStore) else str(error)
                self.notify(f"Could not keep a draft of this record ({reason}). What you type is still here.",
                            severity="warning", markup=False)

    async def _clear_draft(self) -> None:
        try:
            await self.app.store_call(self.app.store.clear_draft, DRAFT_NAME)
        except (StoreError, OSError):
            pass  # a stale draft is offered next time, which is safe
        self._draft_written = False

    # --- what the side panel and pinned line show ----------------------------------------------------

    def _update_chosen(self) -> None:
        """Name the ticked traps in words, so what is chosen reads without colour."""
        library: Library = self.app.library
        chosen = [library.distortion(d).name for d in self.query_one("#distortions", SelectionList).selected]
        self.query_one("#distortions-chosen", Static).update(
            Content.assemble(("Ticked: ", MUTED), ", ".join(chosen)) if chosen
            else Content.styled("None ticked yet.", MUTED))

    def _update_pinned(self) -> None:
        critic = self.query_one("#critic", TextArea).text.strip()
        pinned = self.query_one("#critic-pinned", Static)
        if critic:
            pinned.update(Content.assemble(("The critic says: ", "bold"), (critic, "italic")))
        else:
            pinned.update(Content.styled("The critic's words show here while you answer them.", MUTED))

    @on(SelectionList.SelectionHighlighted)
    def _distortion_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        # Only while the user is in the list: the first highlight comes on its own at start.
        if event.control.has_focus:
            self._show_distortion(event.selection_index)

    @on(events.DescendantFocus, "#distortions")
    def _distortions_focused(self) -> None:
        self._show_distortion(self.query_one("#distortions", SelectionList).highlighted or 0)

    def _show_distortion(self, index: int) -> None:
        distortions = self.app.library.distortions
        if 0 <= index < len(distortions):
            help_panel = self.query_one("#distortion-help", Static)
            help_panel.display = True
            help_panel.update(
                Content.assemble(heading("Thinking trap"), "\n", distortion_help(distortions[index]))
            )

    def _update_bank(self) -> None:
        form = self._read()
        self._bank = evidence_bank(self.app.store.reframes(), form.cause_id, form.distortions,
                                   exclude_id=form.editing_id)
        panel = self.query_one("#evidence-bank", Static)
        panel.display = bool(self._bank)
        if self._bank:
            shown = bullets(self._bank[:BANK_PREVIEW])
            more = len(self._bank) - BANK_PREVIEW
            panel.update(Content.assemble(
                heading("What you found before"), "\n",
                ("Evidence against the critic from earlier records like this one. ctrl+e inserts one.", MUTED),
                "\n", shown, (f"\n  … and {more} more" if more > 0 else "", MUTED),
            ))

    def _show_belief_problem(self, widget_id: str, result) -> None:
        message = "" if result is None or result.is_valid else " ".join(result.failure_descriptions)
        show_problem(self.query_one(f"#{widget_id}-error", Static), message)

    # --- actions ------------------------------------------------------------------------------------

    def action_insert_evidence(self) -> None:
        """Offer earlier evidence against the critic for this cause or these thinking traps."""
        if not self._bank:
            self.notify("When earlier records share this cause or a thinking trap, their evidence against the "
                        "critic is offered here.", markup=False)
            return
        self.app.push_screen(EvidencePicker(list(self._bank)), self._insert_evidence)

    def _insert_evidence(self, piece: str | None) -> None:
        if not piece:
            return
        area = self.query_one("#evidence-against", TextArea)
        text = area.text
        prefix = "" if not text or text.endswith("\n") else "\n"
        area.insert(prefix + piece, location=area.document.end)
        area.move_cursor(area.document.end)
        area.focus()

    async def action_save(self) -> None:
        """Save the record; on a problem say what it is beside its field and keep everything as typed."""
        if self._saving:
            return
        form = self._read()
        problems = form.problems()
        for name in ERROR_LINES:
            match = next((p for p in problems if p.field == name), None)
            show_problem(self.query_one(f"#{field_id(name)}-error", Static), match.message if match else "")
        if problems:
            self._focus_field(problems[0].field)
            self.notify(problems[0].message, title="Not saved yet", severity="warning", markup=False)
            return
        self._stop_draft_timer()
        await self._save(form.to_reframe(self._base), self._base)

    async def _save(self, record: Reframe, base: Reframe | None) -> None:
        """Save ``record`` as changed from ``base`` (as loaded); on a conflict ask, keeping the form as typed."""
        self._saving = True
        try:
            saved = await self.app.store_call(self.app.store.save_reframe, record, self.app.today, base=base)
        except SaveConflict as conflict:
            self._saving = False
            self._schedule_draft()  # what is typed stays kept while the user chooses
            resolve_conflict(self, conflict, REFRAME_LABELS, partial(show_reframe_value, self.app.library),
                             self._save)
            return
        except ValidationError as error:
            self._saving = False
            self._focus_field(error.field)
            self.notify(error.message, title="Not saved", severity="error", markup=False)
            self._schedule_draft()
            return
        except (StoreError, OSError) as error:
            self._saving = False
            self.notify(f"Could not save: {error}. Everything you wrote is still here.", title="Not saved",
                        severity="error", markup=False)
            self._schedule_draft()
            return
        await self._clear_draft()
        self.dismiss(saved)

    def _focus_field(self, name: str) -> None:
        """Move to the field a problem is about (form or store field name) and bring its message into view."""
        name = STORE_FIELDS.get(name, name)
        if name not in FIELD_WIDGETS:
            return
        target = self.query_one(f"#{field_id(name)}")
        target.focus()
        errors = self.query(f"#{field_id(name)}-error")
        shown_last = errors.first() if errors and errors.first().display else target
        self.query_one("#editor-form", VerticalScroll).scroll_to_widget(shown_last, animate=False)

    async def action_leave(self) -> None:
        await leave(self.app, [self], self._leave_now)  # asks first when something typed would be lost

    def would_lose_input(self) -> bool:
        return self.has_edits

    async def drop_input(self, *, own_draft_only: bool = False) -> None:
        self._stop_draft_timer()
        self._saving = True  # no draft may be written after this point
        if self._draft_written or not own_draft_only:
            await self._clear_draft()

    async def _leave_now(self) -> None:
        await self.drop_input(own_draft_only=True)
        self.dismiss(None)

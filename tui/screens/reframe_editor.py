"""The thought-record editor: the critic's words answered with evidence and a reframe.

The form keeps what the user types exactly (``state.records.reframes.ReframeForm``) in
``ReframeFields``; the side panel (``ReframeSide``) explains thinking traps and lists
earlier evidence. About a second after each change the form is kept as a draft in
the store, off the event loop, so a record half written survives the app being
killed; the next time the editor opens, the draft is offered back. Saving clears
the draft; so does choosing to leave without saving.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header

from rootwork.state.records.errors import SaveConflict, StoreError, ValidationError
from rootwork.state.records.field_words import REFRAME_LABELS, reframe_value
from rootwork.state.records.model import Reframe
from rootwork.state.records.reframe_editing import focus_target, problem_messages, voice_suggestions
from rootwork.state.records.reframes import DRAFT_NAME, ReframeForm, draft_question, evidence_bank
from rootwork.tui.drafts import DraftKeeper
from rootwork.tui.leaving import LeaveGuard, leave
from rootwork.tui.services import app_services
from rootwork.tui.widgets.confirm import ConfirmScreen
from rootwork.tui.widgets.conflict import resolve_conflict
from rootwork.tui.widgets.evidence_picker import EvidencePicker
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.keys_in_order import keys_handled
from rootwork.tui.widgets.reframe_fields import ReframeFields
from rootwork.tui.widgets.reframe_side import ReframeSide

__all__ = ["DRAFT_DELAY", "EvidencePicker", "ReframeEditorScreen"]

# Seconds of quiet after the last change before the draft is written.
DRAFT_DELAY = 1.0


class ReframeEditorScreen(LeaveGuard, Screen[Reframe | None]):
    """Write or edit one thought record; dismisses with the saved record, or None when left."""

    CSS_PATH = ["fields.tcss", "reframe_editor.tcss"]

    LEAVE_QUESTION = "Leave without saving? What you wrote in this thought record will be lost."
    LEAVE_WHAT = "this thought record"
    LEAVE_NO = "Keep writing"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this thought record", id="form.save"),
        Binding(
            "escape",
            "leave",
            "Back",
            tooltip="Leave the editor (asks first if something would be lost)",
            id="editor.leave",
        ),
        # Priority: text fields use ctrl+e for "end of line" (the end key still does that).
        Binding(
            "ctrl+e",
            "insert_evidence",
            "Insert evidence",
            priority=True,
            tooltip="Insert evidence against from earlier records of this cause or thinking trap",
            id="editor.insert-evidence",
        ),
    ]

    def __init__(self, reframe: Reframe | None = None) -> None:
        super().__init__()
        self._base = reframe
        self._baseline = ReframeForm()
        self._saving = False
        self._drafts = DraftKeeper(self, DRAFT_NAME, "this record", DRAFT_DELAY, self._draft, lambda: not self._saving)
        self._bank: list[str] = []
        self._set_title()

    def _set_title(self) -> None:
        self.sub_title = "Edit thought record" if self._base else "New thought record"

    def compose(self) -> ComposeResult:
        voices = voice_suggestions(r.voice for r in app_services(self).store.reframes())
        yield Header()
        with Horizontal(id="editor-body"):
            yield ReframeFields(app_services(self).library, voices, id="editor-form")
            yield ReframeSide(id="editor-side")
        yield CompactFooter()

    @property
    def fields(self) -> ReframeFields:
        return self.query_one(ReframeFields)

    def on_mount(self) -> None:
        self.fields.fill(ReframeForm.from_reframe(self._base) if self._base else ReframeForm())
        self._baseline = self._read()
        self._update_bank()
        self.query_one("#situation" if self._base is None else "#critic").focus()
        draft = app_services(self).store.draft(DRAFT_NAME)
        if draft:
            self.app.push_screen(
                ConfirmScreen(draft_question(draft), yes="Continue it", no="Start a new one"),
                lambda yes: self._answer_draft(draft, yes),
            )

    def _read(self) -> ReframeForm:
        """The form as it stands on screen."""
        return self.fields.read(self._base.id if self._base else "")

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
                base = app_services(self).store.reframe(form.editing_id)
            except (StoreError, LookupError):
                base = None
            if base is not None and base.deleted_at is not None:
                base = None
        self._base = base
        self._set_title()
        self._baseline = self.fields.known(ReframeForm.from_reframe(base) if base else ReframeForm())
        self.fields.fill(form)
        self._drafts.written = True  # the draft in the store is now this editor's
        self._update_bank()
        self.fields.focus_end_of("critic")

    @on(ReframeFields.Edited)
    def _edited(self, event: ReframeFields.Edited) -> None:
        if event.field in ("cause_id", "distortions"):
            self._update_bank()
        self._drafts.schedule()

    def _draft(self) -> dict | None:
        """What the draft keeps: the form as typed, or None when it is as loaded."""
        form = self._read()
        return None if form == self._baseline else form.to_draft(app_services(self).today)

    # --- the side panel -------------------------------------------------------------------------------

    @on(ReframeFields.TrapHighlighted)
    def _trap_highlighted(self, event: ReframeFields.TrapHighlighted) -> None:
        distortions = app_services(self).library.distortions
        if 0 <= event.index < len(distortions):
            self.query_one(ReframeSide).show_distortion(distortions[event.index])

    def _update_bank(self) -> None:
        form = self._read()
        self._bank = evidence_bank(
            app_services(self).store.reframes(), form.cause_id, form.distortions, exclude_id=form.editing_id
        )
        self.query_one(ReframeSide).show_bank(self._bank)

    # --- actions ------------------------------------------------------------------------------------

    def action_insert_evidence(self) -> None:
        """Offer earlier evidence against the critic for this cause or these thinking traps."""
        if not self._bank:
            self.notify(
                "When earlier records share this cause or a thinking trap, their evidence against the "
                "critic is offered here.",
                markup=False,
            )
            return
        self.app.push_screen(EvidencePicker(list(self._bank)), self._insert_evidence)

    def _insert_evidence(self, piece: str | None) -> None:
        if piece:
            self.fields.add_evidence(piece)

    async def action_save(self) -> None:
        """Save the record; on a problem say what it is beside its field and keep everything as typed."""
        if self._saving:
            return
        await keys_handled(self)
        form = self._read()
        problems = form.problems()
        self.fields.show_problems(problem_messages(problems))
        if problems:
            self._focus_field(problems[0].field)
            self.notify(problems[0].message, title="Not saved yet", severity="warning", markup=False)
            return
        self._drafts.stop()
        await self._save(form.to_reframe(self._base), self._base)

    async def _save(self, record: Reframe, base: Reframe | None) -> None:
        """Save ``record`` as changed from ``base`` (as loaded); on a conflict ask, keeping the form as typed."""
        self._saving = True
        try:
            app = app_services(self)
            saved = await app.store_call(app.store.save_reframe, record, app.today, base=base)
        except SaveConflict as conflict:
            self._saving = False
            self._drafts.schedule()  # what is typed stays kept while the user chooses
            resolve_conflict(
                self, conflict, REFRAME_LABELS, partial(reframe_value, app_services(self).library), self._save
            )
            return
        except ValidationError as error:
            self._saving = False
            self._focus_field(error.field)
            self.notify(error.message, title="Not saved", severity="error", markup=False)
            self._drafts.schedule()
            return
        except (StoreError, OSError) as error:
            self._saving = False
            self.notify(
                f"Could not save: {error}. Everything you wrote is still here.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            self._drafts.schedule()
            return
        await self._drafts.clear()
        self.dismiss(saved)

    def _focus_field(self, name: str) -> None:
        """Move to the field a problem is about (form or store field name) and bring its message into view."""
        target = focus_target(name)
        if target is not None:
            self.fields.focus_field(target)

    async def action_leave(self) -> None:
        await leave(self.app, [self], self._leave_now)  # asks first when something typed would be lost

    def would_lose_input(self) -> bool:
        return self.has_edits

    async def drop_input(self, *, own_draft_only: bool = False) -> None:
        self._drafts.stop()
        self._saving = True  # no draft may be written after this point
        if self._drafts.written or not own_draft_only:
            await self._drafts.clear()

    async def _leave_now(self) -> None:
        await self.drop_input(own_draft_only=True)
        self.dismiss(None)

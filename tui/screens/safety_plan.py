"""The safety plan, one key away: seven parts in the person's own words, and the signs that warn them.

``!`` opens it over whatever screen is showing (``Navigator``), from anywhere
outside a text field and from the palette, so nothing on the screen below is
left or lost; escape goes back to it. The plan is read and written on one page:
focus starts on the page, so it reads like a page, and tab goes into the parts.
A new plan starts with the help screen's crisis lines under "Professionals and
crisis lines", not saved until the person saves. Saving (or ``k``, "still
holds", when the plan has come back for review) marks it looked over today.

About a second after each change the form is kept as a draft (``drafts.json``,
encrypted like the journal), so what was typed survives the app being killed;
it is offered back the next time the plan opens.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.widgets.selection_list import Selection

from rootwork.state.records.convert import safety_plan_from_doc, safety_plan_to_doc
from rootwork.state.records.errors import SaveConflict, StoreError, ValidationError
from rootwork.state.records.field_words import FIELD_NAMES, value_words
from rootwork.state.records.safety_plan import PART_PREFIX, SafetyPlan, review_due_on, starting_parts
from rootwork.state.records.safety_plan import clean_parts as checked_parts
from rootwork.tui.drafts import DraftKeeper
from rootwork.tui.leaving import LeaveGuard, leave
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.confirm import ConfirmScreen
from rootwork.tui.widgets.conflict import resolve_conflict
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.keys_in_order import keys_handled
from rootwork.tui.widgets.plan_part import PlanPartField
from rootwork.tui.widgets.ticklist import TickList

__all__ = ["DRAFT_NAME", "SafetyPlanScreen"]

#: The draft a plan being changed is kept under (drafts.json).
DRAFT_NAME = "safety-plan"
#: Seconds of quiet after the last change before the draft is written.
DRAFT_DELAY = 1.0

INTRO = (
    "For a hard moment: what helps, and who to reach. It is in your own words, in your journal, "
    "and only you can read it. Tab goes into a part to write; ctrl+s saves."
)


class SafetyPlanScreen(LeaveGuard, Screen[None]):
    """Read and write the safety plan; escape goes back to the screen it was opened over."""

    CSS_PATH = "safety_plan.tcss"

    LEAVE_QUESTION = "Leave without saving? The changes to your safety plan would be lost."
    LEAVE_WHAT = "your safety plan"
    LEAVE_NO = "Keep writing"
    OFFERS_SAFETY_PLAN = False  # the palette does not offer it over itself

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save your safety plan", id="form.save"),
        Binding(
            "escape",
            "leave",
            "Back",
            tooltip="Back to where you were (asks first if something would be lost)",
            id="safety.leave",
        ),
        Binding(
            "k",
            "still_holds",
            "Still holds",
            tooltip="You read it through and it still holds: it comes back in 90 days",
            id="safety.still-holds",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Your safety plan"
        self._base: SafetyPlan | None = None
        self._baseline: tuple[dict[str, str], tuple[str, ...]] = ({}, ())
        self._saving = False
        self._drafts = DraftKeeper(self, DRAFT_NAME, "your plan", DRAFT_DELAY, self._draft, lambda: not self._saving)
        self._review_due = False

    def compose(self) -> ComposeResult:
        library = app_services(self).library
        yield Header()
        with VerticalScroll(id="plan-scroll"):
            yield Static(Content.assemble(("Your safety plan", "bold"), "\n", (INTRO, MUTED)), id="plan-intro")
            yield Static(id="plan-review")
            for part in library.safety.plan_parts:
                yield PlanPartField(part)
            yield Static(Content.styled("Check-in signs that warn me", "bold"), classes="plan-part-title")
            yield Static(
                Content.styled(
                    "Tick the signs that tell you a hard time may be starting. A check-in with one of them, or at "
                    "9 or 10, has Today offer this plan in one line.",
                    MUTED,
                ),
                classes="plan-part-prompt",
            )
            yield TickList(*(Selection(sign.title, sign.id) for sign in library.signs), id="plan-signs")
        yield CompactFooter()

    # --- showing ------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        app = app_services(self)
        plan = app.store.safety_plan()
        self._base = plan
        parts = dict(plan.parts) if plan is not None else starting_parts(app.library)
        self._fill(parts, plan.warning_signs if plan is not None else ())
        self._baseline = self._read()
        self._show_review()
        self.query_one("#plan-scroll").focus()
        draft = app.store.draft(DRAFT_NAME)
        if draft and self._from_draft(draft) != self._baseline:
            self.app.push_screen(
                ConfirmScreen(
                    "You were changing your safety plan and had not saved. Go on with those changes?",
                    yes="Go on with them",
                    no="Saved plan",
                ),
                lambda yes: self._answer_draft(draft, yes),
            )

    def _fill(self, parts: dict[str, str], signs: tuple[str, ...] | list[str]) -> None:
        for field in self.query(PlanPartField):
            field.fill(parts.get(field.part.id, ""))
        ticks = self.query_one("#plan-signs", TickList)
        ticks.deselect_all()
        known = {sign.id for sign in app_services(self).library.signs}
        for sign in signs:
            if sign in known:  # a sign this version's library lacks stays in the plan, untouched
                ticks.select(sign)

    def _read(self) -> tuple[dict[str, str], tuple[str, ...]]:
        """The parts and ticked signs as they stand on screen."""
        parts = {field.part.id: field.text for field in self.query(PlanPartField)}
        return parts, tuple(self.query_one("#plan-signs", TickList).selected)

    def _show_review(self) -> None:
        app = app_services(self)
        due = review_due_on(self._base)
        self._review_due = due is not None and due <= app.today
        line = self.query_one("#plan-review", Static)
        line.display = self._review_due
        line.update(
            Content.styled(
                "It is a while since you last looked this over. Read it through: change what has changed and "
                "save, or press k if it still holds.",
                "italic",
            )
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "still_holds":
            return self._review_due
        return True

    @property
    def has_edits(self) -> bool:
        """True when leaving now would lose something typed."""
        parts, signs = self._read()
        base_parts, base_signs = self._baseline
        return parts != base_parts or set(signs) != set(base_signs)

    # --- the draft ----------------------------------------------------------------------------------

    @staticmethod
    def _from_draft(draft: dict[str, Any]) -> tuple[dict[str, str], tuple[str, ...]]:
        parts = draft.get("parts")
        signs = draft.get("warning_signs")
        return (
            {str(k): v for k, v in parts.items() if isinstance(v, str)} if isinstance(parts, dict) else {},
            tuple(s for s in signs if isinstance(s, str)) if isinstance(signs, list) else (),
        )

    def _answer_draft(self, draft: dict[str, Any], go_on: bool | None) -> None:
        if not go_on:  # the draft stays until this form writes its own over it, or saves
            return
        parts, signs = self._from_draft(draft)
        known, _ = self._baseline
        self._fill({**known, **parts}, signs)
        # Saved as changed from the plan the draft was typed over, with its clock: a part changed
        # elsewhere since is kept, and one changed in both places is asked about, never overwritten.
        self._base = _draft_base(draft.get("base"))
        self._drafts.written = True

    @on(PlanPartField.Edited)
    @on(TickList.SelectedChanged)
    def _edited(self) -> None:
        self._drafts.schedule()

    def _draft(self) -> dict[str, Any] | None:
        """What the draft keeps: the parts and signs as typed, and the plan they were typed over (with its
        clock, so taking the draft back saves as changed from it); None when nothing differs from it."""
        if not self.has_edits:
            return None
        parts, signs = self._read()
        base = {**safety_plan_to_doc(self._base), "clock": self._base.clock} if self._base else None
        return {"parts": parts, "warning_signs": list(signs), "base": base}

    # --- actions ------------------------------------------------------------------------------------

    async def action_save(self) -> None:
        """Save the plan; on a problem say which part, keeping everything as typed."""
        if self._saving:
            return
        await keys_handled(self)
        parts, signs = self._read()
        try:
            cleaned = checked_parts(parts, app_services(self).library)
        except ValidationError as error:
            self._problem(error)
            return
        carried = {k: v for k, v in (self._base.parts if self._base else {}).items() if k not in cleaned}
        cleaned = {**carried, **cleaned}  # a part a newer version added: kept as it was
        known = {sign.id for sign in app_services(self).library.signs}
        kept = tuple(sign for sign in (self._base.warning_signs if self._base else ()) if sign not in known)
        self._drafts.stop()
        await self._save(SafetyPlan(parts=cleaned, warning_signs=(*signs, *kept)), self._base)

    async def _save(self, plan: SafetyPlan, base: SafetyPlan | None) -> None:
        """Save ``plan`` as changed from ``base`` (as loaded); on a conflict ask, keeping the form as typed."""
        self._saving = True
        app = app_services(self)
        try:
            saved = await app.store_call(app.store.save_safety_plan, plan, app.today, base=base)
        except SaveConflict as conflict:
            self._saving = False
            self._drafts.schedule()  # what is typed stays kept while the person chooses
            library = app.library
            resolve_conflict(
                self,
                conflict,
                FIELD_NAMES["safety"],
                lambda field, value: value_words("safety", field, value, library),
                self._save,
                apply=_with_chosen_parts,
            )
            return
        except ValidationError as error:
            self._saving = False
            self._problem(error)
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
        self._saving = False
        await self._drafts.clear()
        self._base = saved
        self._fill(dict(saved.parts), saved.warning_signs)
        self._baseline = self._read()
        self._show_review()
        self.notify("Your safety plan is saved.", markup=False)

    def _problem(self, error: ValidationError) -> None:
        for field in self.query(PlanPartField):
            if field.part.id == error.field:
                field.field.focus()
        self.notify(error.message, title="Not saved", severity="error", markup=False)

    async def action_still_holds(self) -> None:
        """The plan was read through and still holds: it comes back for review in 90 days."""
        app = app_services(self)
        try:
            looked = await app.store_call(app.store.look_over_safety_plan, app.today)
        except (StoreError, OSError) as error:
            self.notify(f"Could not note that: {error}", severity="error", markup=False)
            return
        if looked is not None:
            self._base = replace(self._base, reviewed_on=looked.reviewed_on) if self._base else looked
        self._show_review()
        self.notify("Noted: your plan comes back for a look in 90 days.", markup=False)

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


def _draft_base(doc: Any) -> SafetyPlan | None:
    """The plan a draft was typed over, as it kept it (None: there was none, or it cannot be read)."""
    if not isinstance(doc, dict):
        return None
    try:
        return safety_plan_from_doc(doc)
    except (ValueError, TypeError, KeyError):
        return None


def _with_chosen_parts(merged: SafetyPlan, values: dict[str, Any]) -> SafetyPlan:
    """``merged`` with the parts (and signs) chosen in the conflict dialog, named as stored (``part.<id>``)."""
    parts = dict(merged.parts)
    signs = merged.warning_signs
    for name, value in values.items():
        if name.startswith(PART_PREFIX):
            parts[name[len(PART_PREFIX) :]] = value
        elif name == "warning_signs":
            signs = tuple(value)
    return replace(merged, parts=parts, warning_signs=signs)

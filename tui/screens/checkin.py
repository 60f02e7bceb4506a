"""The daily check-in: mood, how insecure today, signs, causes, a note and gratitude.

One check-in per day: opening it loads the day's saved check-in for editing. The
date field fills in a past day. ``ctrl+s`` saves through the store's writer thread;
``escape`` leaves, asking first when typed input would be lost. A failed save says
why and keeps the form exactly as typed. A save is merged with whatever was saved
for the day since the form loaded it; a field changed on both sides is asked
about side by side (``tui.widgets.conflict``) before anything is written.

Two ways in: as the ``checkin`` mode (``i``), which returns to Today after saving,
or ``CheckinScreen.for_day(day)`` pushed over another screen (the calendar), which
dismisses with the saved ``Checkin`` (or None) and so returns where it came from.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from rootwork.state.records.checkin_form import (
    CONFLICT_LABELS,
    INTENSITY_RANGE,
    INTENSITY_WORDS,
    MOOD_RANGE,
    MOOD_WORDS,
    CheckinInput,
    build_checkin,
    missing_message,
    read_day,
    show_value,
)
from rootwork.state.records.errors import SaveConflict, StoreError, ValidationError
from rootwork.state.records.model import Checkin
from rootwork.state.records.week import day_label
from rootwork.tui.leaving import LeaveGuard, leave
from rootwork.tui.services import app_services
from rootwork.tui.showing import ShowsOnce
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.checkin_labels import relabel
from rootwork.tui.widgets.confirm import ConfirmScreen
from rootwork.tui.widgets.conflict import resolve_conflict
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.keys_in_order import keys_handled
from rootwork.tui.widgets.scale import Scale
from rootwork.tui.widgets.text_fields import LineField, TextField
from rootwork.tui.widgets.ticklist import TickList

# The store's ValidationError.field -> the widget to put the cursor in.
FIELD_WIDGETS = {
    "day": "#checkin-date",
    "mood": "#mood",
    "intensity": "#intensity",
    "signs": "#signs",
    "causes": "#causes",
    "note": "#note",
    "gratitude": "#gratitude",
}


class CheckinScreen(ShowsOnce, LeaveGuard, Screen[Checkin | None]):
    """The check-in form for one day (today unless another day is given)."""

    CSS_PATH = "checkin.tcss"

    LEAVE_QUESTION = "Leave without saving? What you typed in this check-in would be lost."
    LEAVE_WHAT = "this check-in"

    # Mood first: the fastest path is digits, Tab, digits, ctrl+s.
    AUTO_FOCUS = "#mood"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this check-in", id="form.save"),
        Binding(
            "escape",
            "leave",
            "Leave",
            tooltip="Leave the check-in (asks first if something would be lost)",
            id="checkin.leave",
        ),
    ]

    def __init__(self, day: date | None = None, *, dismiss_when_done: bool = False) -> None:
        super().__init__()
        self.sub_title = "Check-in"
        self._home_day = day
        self._dismiss_when_done = dismiss_when_done
        self._day: date | None = None
        self._saved: Checkin | None = None
        self._baseline = CheckinInput()
        self._kept_ids: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._saving = False
        self._asking = False

    @classmethod
    def for_day(cls, day: date) -> CheckinScreen:
        """A check-in screen for ``day`` to push over another screen; it dismisses with the saved Checkin or None."""
        return cls(day, dismiss_when_done=True)

    @property
    def day(self) -> date | None:
        """The day this form is for."""
        return self._day

    # -- building the form -------------------------------------------------

    def compose(self) -> ComposeResult:
        library = app_services(self).library
        yield Header()
        with Horizontal(id="checkin-form"):
            with Vertical(id="checkin-left"):
                date_input = LineField(
                    placeholder="YYYY-MM-DD", id="checkin-date", max_length=10, restrict=r"[0-9-]*", compact=False
                )
                date_input.border_title = "Day (YYYY-MM-DD)"
                yield date_input
                yield Static(id="date-message")
                yield Scale("Mood", *MOOD_RANGE, MOOD_WORDS, id="mood")
                yield Scale("How insecure today", *INTENSITY_RANGE, INTENSITY_WORDS, id="intensity")
                signs = TickList(*(Selection(Content(sign.title), sign.id) for sign in library.signs), id="signs")
                signs.border_title = "Signs noticed today (space ticks)"
                yield signs
            with Vertical(id="checkin-right"):
                causes = TickList(
                    *(Selection(Content(f"{c.number:>2}  {c.title}"), c.id) for c in library.causes), id="causes"
                )
                causes.border_title = "Causes that felt active (optional)"
                yield causes
                note = TextField(id="note", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
                note.border_title = "Note"
                yield note
                gratitude = LineField(placeholder="One thing, however small", id="gratitude")
                gratitude.border_title = "Grateful for (optional)"
                yield gratitude
        yield Static(id="checkin-status")
        yield CompactFooter()

    def when_shown(self) -> None:  # also the first showing: the form loads its day then
        if self._asking:
            # Back from our own question: the answer's callback has already acted.
            self._asking = False
            return
        # Data may have changed elsewhere (the CLI, the calendar) and the day may have
        # turned; typed input is never thrown away, though.
        if not self.is_dirty:
            self.load_day(self._home_day or app_services(self).today)
            self.query_one("#mood", Scale).focus()

    def journal_changed(self) -> None:
        """Saved elsewhere (tui/store_bridge.py): show it, unless the user has typed; the focus stays."""
        if not self._asking and not self.is_dirty:
            self.load_day(self._day or app_services(self).today)

    # -- reading and filling the form -----------------------------------------

    def form_input(self) -> CheckinInput:
        """What the form holds now."""
        return CheckinInput(
            mood=self.query_one("#mood", Scale).value,
            intensity=self.query_one("#intensity", Scale).value,
            signs=tuple(self.query_one("#signs", SelectionList).selected),
            causes=tuple(self.query_one("#causes", SelectionList).selected),
            note=self.query_one("#note", TextArea).text,
            gratitude=self.query_one("#gratitude", Input).value,
        )

    @property
    def is_dirty(self) -> bool:
        """True when something typed would be lost by leaving now."""
        return self.form_input() != self._baseline

    def _fill(self, typed: CheckinInput) -> None:
        self.query_one("#mood", Scale).value = typed.mood
        self.query_one("#intensity", Scale).value = typed.intensity
        for list_id, chosen in (("#signs", typed.signs), ("#causes", typed.causes)):
            selection_list = self.query_one(list_id, SelectionList)
            selection_list.deselect_all()
            for value in chosen:
                selection_list.select(value)
        self.query_one("#note", TextArea).load_text(typed.note)
        self.query_one("#gratitude", Input).value = typed.gratitude

    def _offered(self, list_id: str) -> set[str]:
        selection_list = self.query_one(list_id, SelectionList)
        return {selection_list.get_option_at_index(i).value for i in range(selection_list.option_count)}

    def load_day(self, day: date) -> None:
        """Show ``day``'s saved check-in for editing, or an empty form for it (drops typed input: ask first)."""
        saved = app_services(self).store.checkin_for(day)
        typed = CheckinInput.of(saved)
        signs, causes = self._offered("#signs"), self._offered("#causes")
        # Ids the lists no longer offer are kept aside and saved back, never dropped.
        self._kept_ids = (
            tuple(s for s in typed.signs if s not in signs),
            tuple(c for c in typed.causes if c not in causes),
        )
        typed = replace(
            typed,
            signs=tuple(s for s in typed.signs if s in signs),
            causes=tuple(c for c in typed.causes if c in causes),
        )
        self._fill(typed)
        self._set_day(day, saved)
        self._baseline = self.form_input()

    def _set_day(self, day: date, saved: Checkin | None) -> None:
        self._day = day
        self._saved = saved
        date_input = self.query_one("#checkin-date", Input)
        if date_input.value != day.isoformat():
            date_input.value = day.isoformat()
        self.query_one("#date-message", Static).update("")
        relabel(self, day, app_services(self).today)
        self._show_status()

    def _show_status(self) -> None:
        assert self._day is not None
        when = day_label(self._day)
        if self._day == app_services(self).today:
            when = f"today, {when}"
        if self._saved is not None:
            line = f"Editing your check-in for {when}."
        else:
            line = f"A new check-in for {when}."
        self.query_one("#checkin-status", Static).update(
            Content.assemble(line, ("   Tab moves between fields · digits or ←/→ set a scale · ctrl+s saves", MUTED))
        )

    # -- the date field ----------------------------------------------------------

    @on(Input.Changed, "#checkin-date")
    def date_changed(self, event: Input.Changed) -> None:
        message = self.query_one("#date-message", Static)
        day, problem = read_day(event.value, app_services(self).today)
        if day is None:
            # Quiet while a date is still being typed; speak once it is complete.
            message.update(Content.styled(problem, "$warning") if len(event.value.strip()) >= 10 else "")
            return
        message.update("")
        if day != self._day:
            self._change_day(day)

    def _change_day(self, day: date) -> None:
        saved = app_services(self).store.checkin_for(day)
        if saved is None:
            if self.is_dirty:
                # What was typed is meant for the new day: keep it, now unsaved there.
                self._set_day(day, None)
                self._baseline = CheckinInput()
            else:
                self.load_day(day)
            return
        if not self.is_dirty:
            self.load_day(day)
            return
        previous = self._day

        def answered(load: bool | None) -> None:
            if load:
                self.load_day(day)
            elif previous is not None:
                self.query_one("#checkin-date", Input).value = previous.isoformat()
                self.notify(f"Kept what you typed, for {day_label(previous)}.", markup=False)

        self._asking = True
        self.app.push_screen(
            ConfirmScreen(
                f"{day_label(day)} already has a check-in. Open it? What you typed here would be dropped.",
                yes="Open it",
                no="Keep typing",
                destructive=True,
            ),
            answered,
        )

    # -- saving and leaving ---------------------------------------------------------

    async def action_save(self) -> None:
        """Save the form as the check-in of its day, then go back."""
        if self._saving:
            return
        await keys_handled(self)
        day, problem = read_day(self.query_one("#checkin-date", Input).value, app_services(self).today)
        if day is None:
            self.notify(problem, title="Not saved yet", severity="warning", markup=False)
            self.query_one("#checkin-date", Input).focus()
            return
        if day != self._day:
            # The date field changed without a load (e.g. the same day typed differently).
            self._change_day(day)
            return
        typed = self.form_input()
        missing = typed.missing()
        if missing:
            self.notify(missing_message(missing), title="Not saved yet", severity="warning", markup=False)
            self.query_one(FIELD_WIDGETS[missing[0]]).focus()
            return
        await self._save(build_checkin(day, typed, self._saved, self._kept_ids), self._saved)

    async def _save(self, checkin: Checkin, base: Checkin | None) -> None:
        """Save ``checkin`` as changed from ``base`` (as loaded); on a conflict ask, keeping the form as typed."""
        self._saving = True
        try:
            app = app_services(self)
            saved = await app.store_call(app.store.save_checkin, checkin, base=base)
        except SaveConflict as conflict:
            self._asking = True
            resolve_conflict(self, conflict, CONFLICT_LABELS, show_value, self._save)
            return
        except ValidationError as error:
            self.notify(f"Not saved yet: {error.message}", severity="error", markup=False)
            widget = FIELD_WIDGETS.get(error.field)
            if widget:
                self.query_one(widget).focus()
            return
        except (StoreError, OSError) as error:
            self.notify(
                f"Could not save your check-in: {error}. Everything you typed is still here.",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        finally:
            self._saving = False
        self._saved = saved
        self._baseline = self.form_input()
        self.notify(f"Checked in for {day_label(saved.day)}.", markup=False)
        self._close(saved)

    async def action_leave(self) -> None:
        """Leave, asking first when typed input would be lost."""
        await leave(self.app, [self], lambda: self._close(None))

    def would_lose_input(self) -> bool:
        return self.is_dirty

    async def drop_input(self) -> None:
        # Now, so the next visit shows what is saved.
        self.load_day(self._home_day or app_services(self).today)

    def _close(self, saved: Checkin | None) -> None:
        if self._dismiss_when_done:
            self.dismiss(saved)
        else:
            self.app.switch_mode("today")

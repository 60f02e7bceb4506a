"""Settings: when a day starts, how many items a day, a lighter day's intensity, the first weekday, the reminder.

A form over whatever screen it was opened from (``s`` on Help, or "Settings" in the
command palette anywhere). ``ctrl+s`` checks what was typed (``state.records.settings``)
and saves it in one store transaction on the writer thread, then closes;
``escape`` closes, asking first when something changed. A refused or failed save
says why, above the buttons and in a notice, and keeps the form as typed.

Screens showing what depends on these (Today, Practices, Reframes, Month) read
the store again when they are shown, so they follow a change straight away.
The theme is not here: Textual's own picker (``ctrl+p``, Theme) changes it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from rootwork.state.records.errors import StoreError, ValidationError
from rootwork.state.records.settings import (
    DAILY_CAP_RANGE,
    DAY_START_RANGE,
    EDITABLE,
    GENTLE_OFF,
    GENTLE_RANGE,
    WEEKDAYS,
    save_settings,
    validate_settings,
)
from rootwork.tui.leaving import LeaveGuard, leave
from rootwork.tui.requests import OpenPassphrase
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.choice_field import ChoiceField
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.keys_in_order import keys_handled
from rootwork.tui.widgets.text_fields import LineField

# (setting, title over the field, one line of what it does): the form, in order.
FIELDS = (
    (
        "day_start_hour",
        "A new day starts at (hour, {}-{})".format(*DAY_START_RANGE),
        "A day starts at 04:00 by default, so a check-in at 01:30 still belongs to the evening before.",
    ),
    (
        "daily_cap",
        "Items due a day (at most, {}-{})".format(*DAILY_CAP_RANGE),
        "How many practices and reframes come up on one day; the rest wait their turn, oldest first.",
    ),
    (
        "gentle_threshold",
        "Lighter day at intensity ({}-{} or off)".format(*GENTLE_RANGE),
        "A day checked in at this intensity or more shows two things at most; the rest come on the next days.",
    ),
    (
        "first_weekday",
        "First day of the week",
        "Where the week on Today and each row of the month calendar begin.",
    ),
    (
        "reminder_time",
        "Reminder time (HH:MM, 24-hour)",
        "When the calendar file (rootwork export --format ics) reminds you, and when rootwork remind"
        " --install reminds you daily (run it again after a change).",
    ),
)
# Digits only in the number fields; the time field also takes its colon.
RESTRICT = {
    "day_start_hour": r"[0-9]*",
    "daily_cap": r"[0-9]*",
    "gentle_threshold": r"[0-9a-zA-Z]*",
    "reminder_time": r"[0-9:]*",
}
MAX_LENGTH = {"day_start_hour": 2, "daily_cap": 2, "gentle_threshold": 3, "reminder_time": 5}
# How each saved value reads in the "Saved" notice.
SAVED_WORDS = {
    "day_start_hour": lambda hour: f"a day starts at {hour:02d}:00",
    "daily_cap": lambda cap: f"at most {cap} item{'s' if cap != 1 else ''} a day",
    "gentle_threshold": lambda level: (
        "no lighter days from a check-in" if level is None else f"a lighter day from intensity {level}"
    ),
    "first_weekday": lambda day: f"weeks start on {WEEKDAYS[day]}",
    "reminder_time": lambda when: f"reminders at {when}",
}


def saved_message(changed: dict) -> str:
    """'Saved: at most 8 items a day, a day starts at 05:00.' for the settings that changed."""
    if not changed:
        return "Your settings were already like this; nothing needed saving."
    return "Saved: " + ", ".join(SAVED_WORDS[key](value) for key, value in changed.items()) + "."


class SettingsScreen(LeaveGuard, ModalScreen[bool]):
    """The settings form; dismisses with True when something was saved."""

    CSS_PATH = "settings.tcss"

    LEAVE_QUESTION = "Leave without saving? What you changed here would be dropped; your settings stay as they were."
    LEAVE_WHAT = "the settings"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save these settings", id="form.save"),
        Binding(
            "escape",
            "leave",
            "Leave",
            tooltip="Leave the settings (asks first if something changed)",
            id="settings.leave",
        ),
        Binding(
            "f6",
            "passphrase",
            "Passphrase",
            tooltip="Change the passphrase of your encrypted journal",
            id="settings.passphrase",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._loaded: dict[str, str] = {}
        self._saving = False
        # The message under the fields is about the last attempt to save until something is typed.
        self._message_is_about_attempt = False

    def compose(self) -> ComposeResult:
        with Vertical(id="settings"):
            yield Static(Content.styled("Settings", "bold"), id="settings-title")
            with VerticalScroll(id="settings-fields", can_focus=False):  # no tab stop after the last field
                for key, title, explanation in FIELDS:
                    field = self._field(key)
                    field.border_title = title
                    yield field
                    yield Static(Content.styled(explanation, MUTED), classes="settings-explanation")
            yield Static(id="settings-message")
            yield Static(
                Content.styled("Tab moves between fields · ctrl+s saves · escape leaves", MUTED), id="settings-keys"
            )
        yield CompactFooter()

    def _field(self, key: str) -> Input | Select:
        if key == "first_weekday":
            return ChoiceField(
                [(name, str(number)) for number, name in enumerate(WEEKDAYS)],
                allow_blank=False,
                id="first_weekday",
            )
        return LineField(id=key, restrict=RESTRICT[key], max_length=MAX_LENGTH[key], compact=False)

    def _shown_field(self, key: str) -> Input | Select:
        """The field ``_field`` made for ``key``, as it is on the screen."""
        widget = self.query_one(f"#{key}")
        if not isinstance(widget, Input | Select):
            msg = f"#{key} is a {type(widget).__name__}, not a settings field"
            raise TypeError(msg)
        return widget

    def on_mount(self) -> None:
        store = app_services(self).store
        for key in EDITABLE:
            value = store.setting(key)
            text = GENTLE_OFF if value is None and key == "gentle_threshold" else str(value)
            widget = self._shown_field(key)
            if isinstance(widget, Select) and text not in {str(n) for n in range(len(WEEKDAYS))}:
                text = "0"  # a value the list does not offer (a hand-edited file) shows as Monday, the default
            widget.value = text
        self._loaded = self.form_values()
        if store.read_only:
            self._say("This journal is open read-only: settings can be looked at but not changed.", about_attempt=False)
        self.query_one("#day_start_hour", Input).focus()

    # -- reading the form -------------------------------------------------------

    def form_values(self) -> dict[str, str]:
        """What the form holds now, as text, by setting name."""
        values: dict[str, str] = {}
        for key in EDITABLE:
            widget = self._shown_field(key)
            values[key] = str(widget.value) if isinstance(widget, Select) else widget.value
        return values

    @property
    def is_dirty(self) -> bool:
        """True when something changed since the form was filled in."""
        return self.form_values() != self._loaded

    def _say(self, message: str, *, about_attempt: bool = True) -> None:
        self.query_one("#settings-message", Static).update(Content.styled(message, "$warning"))
        self._message_is_about_attempt = about_attempt

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        # Why the last save was refused no longer fits once the field is typed in again.
        if self._message_is_about_attempt and not self._saving:
            self.query_one("#settings-message", Static).update("")
            self._message_is_about_attempt = False

    # -- saving and leaving ------------------------------------------------------

    async def action_save(self) -> None:
        """Check and save the form in one transaction, then close; a refusal keeps the form as typed."""
        if self._saving:
            return
        await keys_handled(self)
        try:
            values = validate_settings(self.form_values())
        except ValidationError as error:
            self._refused(error)
            return
        self._saving = True
        try:
            app = app_services(self)
            changed = await app.store_call(save_settings, app.store, values)
        except ValidationError as error:
            self._refused(error)
            return
        except (StoreError, OSError) as error:
            reason = f"{error} What you typed is still here."
            self._say(reason)
            self.notify(reason, title="Not saved", severity="error", timeout=15, markup=False)
            return
        finally:
            self._saving = False
        self._loaded = self.form_values()
        self.notify(saved_message(changed), markup=False)
        self.dismiss(bool(changed))

    def _refused(self, error: ValidationError) -> None:
        self._say(error.message)
        self.notify(error.message, title="Not saved yet", severity="warning", markup=False)
        if error.field in EDITABLE:
            self.query_one(f"#{error.field}").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "passphrase":
            return app_services(self).store.codec.encrypting  # only an encrypted journal has one
        return True

    def action_passphrase(self) -> None:

        self.post_message(OpenPassphrase())

    async def action_leave(self) -> None:
        """Close, asking first when something changed."""
        await leave(self.app, [self], lambda: self.dismiss(False))

    def would_lose_input(self) -> bool:
        return self.is_dirty

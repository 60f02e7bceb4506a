"""When a save meets a change saved elsewhere meanwhile: the fields both changed, side by side, to choose.

The store raises ``SaveConflict`` and writes nothing. ``ConflictScreen`` shows,
for each field both sides changed, the user's value and the saved one, and asks
which to keep (or both, for text). It dismisses with the chosen values by field,
or None on escape: then nothing is saved and the form is as the user left it.
``resolve_conflict`` wires it to a screen's save: the chosen values go onto the
merged record, which is saved again with the stored record as its new base.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import is_dataclass, replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, RadioButton, RadioSet, Static

from rootwork.state.records.errors import SaveConflict
from rootwork.state.sync.merge_fields import Conflict
from rootwork.tui.text import MUTED
from rootwork.tui.widgets.keys_in_order import KeysInOrder, keys_handled

YOURS, SAVED, BOTH = "yours", "saved", "both"
CHOICE_WORDS = {YOURS: "Keep yours", SAVED: "Keep the saved", BOTH: "Keep both"}

INTRO = (
    "This was also saved somewhere else (another window, or rootwork checkin) since you opened it. "
    "Changes that do not overlap are kept. For each field below, choose what to keep; "
    "nothing is saved until you do."
)


def _shown(text: str) -> Content:
    return Content(text) if text.strip() else Content.styled("(empty)", MUTED)


class ChoiceSet(KeysInOrder, RadioSet):
    """A field's choices (yours, saved, both). Its keys run in the order typed, and ``chosen`` is the
    answer as soon as it is toggled: ``pressed_button`` follows a message later, after keys typed since."""

    chosen: str | None = None

    def action_toggle_button(self) -> None:
        before = {button: button.value for button in self.query(RadioButton)}
        super().action_toggle_button()
        for button, was in before.items():
            if button.value and not was:
                self.chosen = button.name


class ConflictScreen(ModalScreen[dict[str, Any] | None]):
    """Each conflicting field with yours and the saved value side by side; ``ctrl+s`` saves the choices."""

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; background: $background 60%; }
    ConflictScreen > #conflict { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $warning; background: $surface; padding: 0 1; }
    ConflictScreen #conflict-fields { height: auto; max-height: 1fr; }
    ConflictScreen .conflict-field { height: auto; margin-top: 1; }
    ConflictScreen .conflict-sides { height: auto; }
    ConflictScreen .conflict-side { width: 1fr; height: auto; max-height: 8; border: round $primary; }
    ConflictScreen RadioSet { layout: horizontal; width: 100%; border: none; }
    ConflictScreen RadioButton { width: auto; margin-right: 2; }
    ConflictScreen #conflict-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ConflictScreen Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save these", priority=True, id="form.save"),
        Binding("escape", "back", "Back to the form", priority=True, id="conflict.back"),
    ]

    def __init__(
        self,
        conflicts: list[Conflict],
        labels: Mapping[str, str],
        show: Callable[[str, Any], str] = lambda _field, value: str(value),
    ) -> None:
        super().__init__()
        self.conflicts = list(conflicts)
        self.labels = labels
        self.show = show

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict"):
            yield Static(Content.assemble(("Saved elsewhere meanwhile", "bold"), "\n", (INTRO, MUTED)))
            with VerticalScroll(id="conflict-fields"):
                for n, c in enumerate(self.conflicts):
                    with Vertical(classes="conflict-field"):
                        yield Static(Content.styled(self.labels.get(c.field, c.field), "bold"))
                        with Horizontal(classes="conflict-sides"):
                            for side, value in (("Yours", c.yours), ("Saved meanwhile", c.saved)):
                                panel = Static(_shown(self.show(c.field, value)), classes="conflict-side")
                                panel.border_title = side
                                yield panel
                        choices = (YOURS, SAVED, BOTH) if c.is_text else (YOURS, SAVED)
                        yield ChoiceSet(
                            *(RadioButton(CHOICE_WORDS[k], name=k) for k in choices), id=f"choose-{n}"
                        )  # by position: a field's name may hold what an id may not (a safety plan's "part.x")
            with Horizontal(id="conflict-buttons"):
                yield Button("Back to the form  (esc)", id="conflict-back")
                yield Button("Save these  (ctrl+s)", id="conflict-save", variant="primary")

    def on_mount(self) -> None:
        # A notice that the journal changed elsewhere is about what this dialog now shows side by side;
        # left standing it would sit over the buttons at 80x24 (issue 27).
        self.app.clear_notifications()
        self.query(RadioSet).first().focus()

    @on(RadioSet.Changed)
    def _mark_choice(self, event: RadioSet.Changed) -> None:
        if isinstance(event.radio_set, ChoiceSet):  # a click as well as a key
            event.radio_set.chosen = event.pressed.name
        # The choice is said with ✓, not by the button's colour alone.
        for button in event.radio_set.query(RadioButton):
            words = CHOICE_WORDS[button.name or YOURS]
            button.label = f"✓ {words}" if button is event.pressed else words

    def choices(self) -> dict[str, Any] | None:
        """The chosen value of every field, or None while a field has no choice yet."""
        values: dict[str, Any] = {}
        for n, c in enumerate(self.conflicts):
            chosen = self.query_one(f"#choose-{n}", ChoiceSet).chosen
            if chosen is None:
                return None
            values[c.field] = c.both() if chosen == BOTH else {YOURS: c.yours, SAVED: c.saved}.get(chosen)
        return values

    async def action_save(self) -> None:
        await keys_handled(self)  # choices typed just before ctrl+s (a priority key) are made first
        values = self.choices()
        if values is None:
            unchosen = next(s for s in self.query(ChoiceSet) if s.chosen is None)
            self.set_focus(unchosen)
            self.notify(
                "Choose what to keep for each field first (arrows, then space).", severity="warning", markup=False
            )
            return
        self.dismiss(values)

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "conflict-save":
            await self.action_save()
        else:
            self.action_back()


def resolve_conflict(
    screen: Screen,
    conflict: SaveConflict,
    labels: Mapping[str, str],
    show: Callable[[str, Any], str],
    save_again: Callable[[Any, Any], Awaitable[None]],
    apply: Callable[[Any, dict[str, Any]], Any] | None = None,
) -> None:
    """Ask about ``conflict`` over ``screen``; save the merged record with the choices on the new base.

    ``apply`` puts the chosen values (by field) on the merged record; by default they are its
    dataclass fields (``dataclasses.replace``).
    """

    async def chosen(values: dict[str, Any] | None) -> None:
        if values is None:
            screen.notify("Nothing was saved yet; what you typed is still here.", markup=False)
            return
        merged = conflict.merged
        if apply is not None:
            await save_again(apply(merged, values), conflict.saved)
            return
        if not is_dataclass(merged) or isinstance(merged, type):
            msg = f"a merged record is a dataclass instance, not {type(merged).__name__}"
            raise TypeError(msg)  # what replace() raises for one that is not
        await save_again(replace(merged, **values), conflict.saved)

    screen.app.push_screen(ConflictScreen(conflict.conflicts, labels, show), chosen)

"""Rehearsal: answer the critic from memory, see the saved reframe, rate how it went.

Each due reframe shows the critic's words and its cause. The user may type an
answer from memory, reveals the saved reframe (``ctrl+r``), says how true the
critic feels now (0-100) and rates the rehearsal 1-4 or ``s``. The rating, the
belief and the answer go to ``store.review`` in one transaction; the screen says
when the reframe comes back and moves to the next one.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.validation import Integer
from textual.widgets import Button, Header, Input, Label, Static, TextArea

from rootwork.state.records.errors import StoreError, ValidationError
from rootwork.state.records.model import Rating, Reframe
from rootwork.state.records.reframes import RehearsalTally, parse_belief
from rootwork.state.records.schedule import explain
from rootwork.state.records.text import first_words
from rootwork.tui.leaving import LeaveGuard, leave
from rootwork.tui.services import app_services
from rootwork.tui.text import MUTED, heading
from rootwork.tui.widgets.footer import CompactFooter
from rootwork.tui.widgets.keys_in_order import keys_handled
from rootwork.tui.widgets.text_fields import LineField, TextField, show_problem

RATING_KEYS = {
    "1": Rating.DIDNT_MANAGE,
    "2": Rating.STRUGGLED,
    "3": Rating.DID_IT,
    "4": Rating.CAME_EASILY,
    "s": Rating.NOT_TODAY,
}
RATING_HELP = {
    Rating.DIDNT_MANAGE: "it was hard to believe today",
    Rating.STRUGGLED: "came back with effort",
    Rating.DID_IT: "I could answer it",
    Rating.CAME_EASILY: "it felt natural",
    Rating.NOT_TODAY: "another day",
}


def rating_button(rating: Rating) -> Button:
    """A button that rates the rehearsal, labelled with its key."""
    return Button(
        Content.assemble((rating.value, "bold"), f"  {rating.label}"),
        id=f"rate-{rating.value}",
        tooltip=RATING_HELP[rating],
        classes="rating",
    )


class RehearseScreen(LeaveGuard, Screen[None]):
    """Rehearse the given reframes one after another, then say what was done."""

    CSS_PATH = ["fields.tcss", "rehearse.tcss"]

    LEAVE_QUESTION = "Leave this rehearsal? The answer you typed for this reframe will not be kept."
    LEAVE_WHAT = "this rehearsal"

    BINDINGS = [
        # Priority, as tab: focus is on the belief field while ctrl+r is read, so what is typed next goes there.
        Binding(
            "ctrl+r", "reveal", "Reveal", tooltip="Show the reframe you saved", priority=True, id="rehearse.reveal"
        ),
        # Not in the footer: the rating buttons show their keys.
        *(
            Binding(
                key,
                f"rate('{key}')",
                rating.label.capitalize(),
                show=False,
                tooltip=f"Rate this rehearsal: {rating.label}",
                id="rehearse.not-today" if key == "s" else f"rehearse.rate-{key}",
            )
            for key, rating in RATING_KEYS.items()
        ),
        Binding("escape", "leave", "Back", tooltip="Back to your thought records", id="rehearse.leave"),
        # Priority, as the app's tab: from the belief field, focus is on the rating buttons while enter
        # is handled, so a rating key typed right after it in one burst rates (tests/tui/test_keys_in_a_burst_forms.py).
        Binding(
            "enter",
            "belief_entered",
            "To the ratings",
            show=False,
            priority=True,
            tooltip="From the belief field: on to the ratings",
            id="rehearse.belief-enter",
        ),
    ]

    def __init__(self, reframe_ids: list[str]) -> None:
        super().__init__()
        self.sub_title = "Rehearse"
        self._queue = list(reframe_ids)
        self._total = len(reframe_ids)
        self._current: Reframe | None = None
        self._revealed = False
        self._busy = False
        self.tally = RehearsalTally()
        self._done_lines: list[Content] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="rehearse"):
            with Vertical(id="rehearse-item"):
                yield Static(id="rehearse-progress")
                yield Static(id="rehearse-critic")
                yield Label("Your answer, from memory (optional)", classes="field-label")
                yield TextField(id="rehearse-answer")
                yield Button("Reveal the reframe  (ctrl+r)", id="reveal", variant="primary")
                with Vertical(id="rehearse-revealed"):
                    yield Static(id="rehearse-reframe")
                    yield Label(
                        "How true do the critic's words feel now? (0-100, optional; enter moves on)",
                        classes="field-label",
                    )
                    yield LineField(
                        placeholder="0-100",
                        id="rehearse-belief",
                        restrict=r"[0-9]*",
                        max_length=3,
                        valid_empty=True,
                        classes="belief",
                        validate_on=["changed"],
                        validators=[Integer(0, 100, failure_description="Belief goes from 0 to 100.")],
                    )
                    yield Static(id="rehearse-belief-error", classes="field-error")
                    yield Label("How did this rehearsal go?", classes="field-label")
                    with Horizontal(id="rehearse-ratings"):
                        for rating in RATING_KEYS.values():
                            yield rating_button(rating)
            yield Static(id="rehearse-done")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#rehearse-done").display = False
        self._next()

    # --- moving through the queue -------------------------------------------------------------------

    def _next(self) -> None:
        """Show the next reframe still there, or the closing line."""
        while self._queue:
            reframe_id = self._queue.pop(0)
            try:
                reframe = app_services(self).store.reframe(reframe_id)
            except StoreError:
                continue  # deleted from another window meanwhile; nothing to rehearse
            if reframe.deleted_at is None:
                self._show(reframe)
                return
        self._finish()

    def _show(self, reframe: Reframe) -> None:
        self._current = reframe
        self._revealed = False
        position = self._total - len(self._queue)
        self.query_one("#rehearse-progress", Static).update(
            Content.styled(f"Reframe {position} of {self._total}", MUTED)
        )
        about = []
        if reframe.cause_id:
            try:
                about.append(app_services(self).library.cause(reframe.cause_id).title)
            except KeyError:
                about.append(reframe.cause_id)
        if reframe.voice:
            about.append(f"sounds like {reframe.voice}")
        self.query_one("#rehearse-critic", Static).update(
            Content.assemble(
                heading("The critic says"),
                "\n",
                (reframe.critic, "italic"),
                ("\n" + " · ".join(about), MUTED) if about else "",
                "\n\n",
                ("What would you say back? Answer in your own words, then reveal what you wrote before.", MUTED),
            )
        )
        self.query_one("#rehearse-answer", TextArea).load_text("")
        self.query_one("#rehearse-belief", Input).value = ""
        show_problem(self.query_one("#rehearse-belief-error", Static), "")
        self.query_one("#rehearse-revealed").display = False
        self.query_one("#reveal").display = True
        self.query_one("#rehearse-answer").focus()
        self.refresh_bindings()

    def _finish(self) -> None:
        self._current = None
        self.query_one("#rehearse-item").display = False
        done = self.query_one("#rehearse-done", Static)
        parts: list[Content | str | tuple[str, str]] = [heading(self.tally.summary())]
        if self._done_lines:
            parts += ["\n", Content("\n").join(self._done_lines)]
        parts += ["\n\n", ("escape goes back to your thought records.", MUTED)]
        done.update(Content.assemble(*parts))
        done.display = True
        self.query_one("#rehearse").focus()
        self.refresh_bindings()

    # --- actions ---------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self._current is not None and not self._revealed
        if action == "rate":
            return self._current is not None and self._revealed
        if action == "belief_entered":
            return self.focused is not None and self.focused.id == "rehearse-belief"
        return True

    def action_reveal(self) -> None:
        """Show the saved reframe and ask how true the critic feels now."""
        reframe = self._current
        if reframe is None or self._revealed:
            return
        self._revealed = True
        self.query_one("#rehearse-reframe", Static).update(
            Content.assemble(heading("Your reframe"), "\n", (reframe.reframe, "bold"))
        )
        self.query_one("#reveal").display = False
        self.query_one("#rehearse-revealed").display = True
        self.set_focus(self.query_one("#rehearse-belief"))
        self.query_one("#rehearse", VerticalScroll).scroll_end(animate=False)
        self.refresh_bindings()

    @on(Button.Pressed, "#reveal")
    def _reveal_pressed(self) -> None:
        self.action_reveal()

    @on(Button.Pressed, ".rating")
    async def _rating_pressed(self, event: Button.Pressed) -> None:
        await self.action_rate(str(event.button.id).removeprefix("rate-"))

    @on(Input.Changed, "#rehearse-belief")
    def _belief_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        message = "" if result is None or result.is_valid else " ".join(result.failure_descriptions)
        show_problem(self.query_one("#rehearse-belief-error", Static), message)

    def action_belief_entered(self) -> None:
        """Enter in the belief field: on to the rating buttons (now, not after the keys already typed)."""
        self.set_focus(self.query_one(f"#rate-{Rating.DID_IT.value}"))

    async def action_rate(self, key: str) -> None:
        """Record the rehearsal with this rating, then show the next reframe."""
        reframe = self._current
        if reframe is None or not self._revealed or self._busy:
            return
        await keys_handled(self)
        rating = RATING_KEYS[key]
        belief_input = self.query_one("#rehearse-belief", Input)
        try:
            belief = parse_belief(belief_input.value, "belief")
        except ValidationError as error:
            show_problem(self.query_one("#rehearse-belief-error", Static), error.message)
            belief_input.focus()
            return
        answer = self.query_one("#rehearse-answer", TextArea).text
        app = app_services(self)
        self._busy = True
        try:
            await app.store_call(
                app.store.review, "reframe", reframe.id, rating, app.today, belief=belief, answer=answer
            )
            after = app.store.reframe(reframe.id).schedule
        except (StoreError, OSError) as error:
            self.notify(
                f"Could not record this rehearsal: {error}. Your answer is still here.", severity="error", markup=False
            )
            return
        finally:
            self._busy = False
        why = explain(reframe.schedule, after, rating, app.today)
        self.tally.add(rating)
        self._done_lines.append(Content.assemble("  • “", first_words(reframe.critic, 50), "”  ", (why, MUTED)))
        self.notify(why[0].upper() + why[1:] + ".", markup=False)
        self._next()

    async def action_leave(self) -> None:
        """Back to the list; asks first if a typed answer would be lost."""
        await leave(self.app, [self], self.dismiss)

    def would_lose_input(self) -> bool:
        return self._current is not None and bool(self.query_one("#rehearse-answer", TextArea).text.strip())

    async def drop_input(self) -> None:
        self.query_one("#rehearse-answer", TextArea).clear()

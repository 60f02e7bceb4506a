"""Leaving a form: one question, whichever way out is taken.

A form screen (check-in, thought-record editor, rehearsal, settings) subclasses
``LeaveGuard``: it says whether leaving now would lose something typed, what to ask,
and how to drop its input. Every way out goes through ``leave``: the form's own
``escape``, the app's quit (``q``, ``ctrl+q``, the palette's Quit) and its screen
switches (``t i c r p m ?`` and the palette's "Go to ..."). When nothing would be
lost it goes at once; otherwise it asks once, with ``ConfirmScreen``, and only on
"Leave" drops the input and goes. "Stay" keeps everything exactly as typed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable

from textual.app import App
from textual.screen import Screen

from rootwork.tui.widgets.confirm import ConfirmScreen

# The id of the question while it is up, so a second way out does not stack another on it.
QUESTION_ID = "leave-question"


class LeaveGuard:
    """A screen mixin for forms: what leaving would lose, and how to drop it when the user chooses to."""

    LEAVE_QUESTION = "Leave without saving? What you typed here would be lost."
    # What the form holds, for a question about more than one form ("the settings").
    LEAVE_WHAT = "this form"
    LEAVE_NO = "Stay"

    def would_lose_input(self) -> bool:
        """True when leaving now would lose something typed."""
        raise NotImplementedError

    async def drop_input(self) -> None:
        """Forget what was typed (and any draft of it): the user chose to leave without saving."""


def _guards(screens: Iterable[Screen]) -> list[LeaveGuard]:
    """The forms among ``screens`` (topmost first) that hold something leaving would lose."""
    return [s for s in reversed(list(screens)) if isinstance(s, LeaveGuard) and s.would_lose_input()]


def question_for(guards: list[LeaveGuard]) -> str:
    """One form's own question, or one naming every form that would lose something."""
    if len(guards) == 1:
        return guards[0].LEAVE_QUESTION
    names = [g.LEAVE_WHAT for g in guards]
    return f"Leave without saving? What you typed in {', '.join(names[:-1])} and {names[-1]} would be lost."


async def leave(app: App, screens: Iterable[Screen], go: Callable[[], object]) -> None:
    """Do ``go`` once nothing typed in ``screens`` would be lost: at once, or after "Leave" is chosen."""
    if any(screen.id == QUESTION_ID for screen in app.screen_stack):
        app.bell()  # already asking: the question is answered first
        return
    guards = _guards(screens)
    if not guards:
        await _call(go)
        return

    async def answered(yes: bool | None) -> None:
        if yes:
            for guard in guards:
                await guard.drop_input()
            await _call(go)

    app.push_screen(
        ConfirmScreen(question_for(guards), yes="Leave", no=guards[0].LEAVE_NO, destructive=True, id=QUESTION_ID),
        answered,
    )


async def _call(go: Callable[[], object]) -> None:
    result = go()
    # Only a coroutine is waited for: waiting for a screen's own dismiss from its handler would raise.
    if inspect.iscoroutine(result):
        await result


def all_screens(app: App) -> list[Screen]:
    """Every screen of every mode shown so far: quitting leaves them all."""
    screens: list[Screen] = []
    for mode in (app.DEFAULT_MODE, *app.MODES):
        try:
            screens += app.get_screen_stack(mode)
        except KeyError:  # a mode not shown yet has no stack, and no form in it
            continue
    return screens


async def quit_app(app: App) -> None:
    """Quit, asking first when a form anywhere holds something that would be lost."""
    await leave(app, all_screens(app), app.exit)


async def go_to_mode(app: App, mode: str) -> None:
    """Show the top-level screen ``mode``, asking first when a form on the current one would lose input.

    A mode's key always shows that mode's own screen: whatever was opened over the
    screen being left (a form, a detail, Insights, the self-check's results) is
    closed, so ``m`` after ``m g p`` shows the calendar, not Insights (issue 27),
    and ``r`` in the thought-record editor shows the list. A form that would lose
    what was typed asks first; half-written records are kept as drafts anyway.
    """
    stack = list(app.screen_stack)
    if mode == app.current_mode and len(stack) <= 1:
        return

    def go() -> None:
        for _ in range(len(app.screen_stack) - 1):  # never the mode's own screen
            app.pop_screen()
        app.switch_mode(mode)

    await leave(app, stack, go)

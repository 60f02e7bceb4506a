"""Line by line: a check-in and a rehearsal asked one plain question at a time, for a screen reader.

The full-screen app draws boxes and moves a cursor about, which a screen
reader cannot follow. Here each question is one line of plain text ending in
": ", the current or default answer in brackets, read with ``input()``: no
colour, no cursor movement, nothing redrawn. An empty line keeps the answer in
brackets; a bad answer gets one line saying what would do, and the question
again (``state.records.line_answers`` reads every answer). ``?`` lists the
choices of a list question. End of input (ctrl+d) or ctrl+c stops, and says
that nothing more was saved.

The check-in saves as ``rootwork checkin`` with options does (``save_checkin``
with the check-in as it was read as its base): an answer changed elsewhere
meanwhile is asked about, never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar, cast

from rootwork.state.files.locations import resolve_data_dir
from rootwork.state.records.line_answers import BadAnswer, pick_list, rating, shown_list, whole_number
from rootwork.tui.cli.args import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    UsageError,
    check_not_future,
    check_note,
    lowercase_first,
    parse_date_option,
)
from rootwork.tui.cli.store import open_store, rootwork_today

if TYPE_CHECKING:
    from rootwork.state.records.model import Checkin
    from rootwork.state.store import Store
    from rootwork.tui.cli.args import CommandRun

T = TypeVar("T")
STOPPED = "Stopped. Nothing more was saved."


class Stopped(Exception):
    """The person ended the input (ctrl+d) or interrupted (ctrl+c)."""


def ask(question: str, read: Callable[[str], T], *, choices: Sequence[tuple[str, str]] = ()) -> T:
    """Ask ``question`` until ``read`` takes the answer; ``?`` lists ``choices`` first, numbered."""
    while True:
        try:
            typed = input(f"{question}: ")
        except (EOFError, KeyboardInterrupt):
            print()
            raise Stopped from None
        if typed.strip() == "?" and choices:
            for number, (_id, title) in enumerate(choices, start=1):
                print(f"{number} {title}")
            continue
        try:
            return read(typed)
        except BadAnswer as problem:
            print(problem)


def _text(current: str, field: str) -> Callable[[str], str]:
    """A one-line text answer: enter keeps ``current``, a lone ``-`` clears it; checked as the journal checks it."""

    def read(typed: str) -> str:
        text = typed.strip()
        if not text:
            return current
        if text == "-":
            return ""
        try:
            check_note(text, field)  # the journal's own check, in its words
        except UsageError as problem:
            raise BadAnswer(f"{str(problem)[:1].upper()}{str(problem)[1:]}.") from None
        return text

    return read


def _shown_text(text: str) -> str:
    """A saved answer inside a question: on one line, without terminal controls, its direction marks closed."""
    return f"“{shown(text)}”" if text else "empty"


def shown(text: str, limit: int = 60) -> str:
    """Text from the journal (or typed) as printed in a question: one line, no terminal controls, cut to
    ``limit``, and isolated (U+2068..U+2069), so a direction mark inside it cannot turn the rest of the line."""
    from rootwork.state.records.export_words import one_line

    return f"\u2068{one_line(text, limit)}\u2069"


def line_checkin(args: CommandRun, now: datetime) -> int:
    """``rootwork checkin`` on a terminal without field options: ask each answer, then save."""
    from rootwork.content import load_library
    from rootwork.state.exchange.export import long_date
    from rootwork.state.records.checkin_form import INTENSITY_RANGE, MOOD_RANGE, show_value
    from rootwork.state.records.model import Checkin

    library = load_library()
    signs = [(sign.id, sign.title) for sign in library.signs]
    causes = [(cause.id, cause.title) for cause in library.causes]
    given = parse_date_option(args.date) if args.date is not None else None
    if given is not None:  # checked before the journal is opened (or created), as with the options
        check_not_future(given, now, resolve_data_dir(args.data_dir))
    store = open_store(args)
    today = rootwork_today(store, now)
    day = today if given is None else _not_after(given, today)
    if store.read_only:
        raise CommandFailed("your check-in cannot be saved: your journal is open read-only (see above)")
    existing = store.checkin_for(day)
    print(
        f"Check-in for {long_date(day)}"
        + (": a new one." if existing is None else ": changing the one saved.")
        + " Press enter to keep the answer in brackets; ? lists the choices; ctrl+d stops."
    )
    try:
        mood = ask(
            f"Mood, {MOOD_RANGE[0]} very low to {MOOD_RANGE[1]} very good "
            f"[{show_value('mood', existing.mood) if existing else 'not set'}]",
            _required(lambda t, cur: whole_number(t, *MOOD_RANGE, cur), existing.mood if existing else None, "mood"),
        )
        intensity = ask(
            f"How insecure today, {INTENSITY_RANGE[0]} not at all to {INTENSITY_RANGE[1]} overwhelming "
            f"[{show_value('intensity', existing.intensity) if existing else 'not set'}]",
            _required(
                lambda t, cur: whole_number(t, *INTENSITY_RANGE, cur),
                existing.intensity if existing else None,
                "how insecure",
            ),
        )
        now_signs = existing.signs if existing else ()
        chosen_signs = ask(
            f"Signs you noticed, by number or name, commas between [{shown_list(now_signs, signs)}]",
            lambda t: pick_list(t, signs, now_signs),
            choices=signs,
        )
        now_causes = existing.causes if existing else ()
        chosen_causes = ask(
            f"Causes that felt active, by number or name [{shown_list(now_causes, causes)}]",
            lambda t: pick_list(t, causes, now_causes),
            choices=causes,
        )
        note = ask(
            f"A note, one line; - clears it [{_shown_text(existing.note if existing else '')}]",
            _text(existing.note if existing else "", "note"),
        )
        gratitude = ask(
            f"Something you are grateful for; - clears it [{_shown_text(existing.gratitude if existing else '')}]",
            _text(existing.gratitude if existing else "", "gratitude"),
        )
    except Stopped:
        print(STOPPED)
        return EXIT_FAILED
    answers = Checkin(
        day=day,
        mood=mood,
        intensity=intensity,
        signs=tuple(chosen_signs),
        causes=tuple(chosen_causes),
        note=note,
        gratitude=gratitude,
    )
    checkin = (
        answers
        if existing is None
        else replace(
            existing,
            mood=mood,
            intensity=intensity,
            signs=answers.signs,
            causes=answers.causes,
            note=note,
            gratitude=gratitude,
        )
    )
    saved = _save_asking(store, checkin, existing)
    if saved is None:
        print(STOPPED)
        return EXIT_FAILED
    verb = "Checked in" if existing is None else "Updated your check-in"
    print(f"{verb} for {long_date(saved.day)}: mood {saved.mood}, insecurity {saved.intensity}.")
    return EXIT_OK


def _not_after(day: date, today: date) -> date:
    """``day``, unless the journal's own day start makes it later than today (changed since it was checked)."""
    if day > today:
        raise UsageError(f"{day.isoformat()} has not come yet; check in for today or an earlier day")
    return day


def _required(read: Callable[[str, int | None], int | None], current: int | None, name: str) -> Callable[[str], int]:
    def answer(typed: str) -> int:
        value = read(typed, current)
        if value is None:
            raise BadAnswer(f"A check-in needs {name}: type a number.")
        return value

    return answer


def _save_asking(store: Store, checkin: Checkin, base: Checkin | None) -> Checkin | None:
    """Save ``checkin`` as changed from ``base``; for each answer also changed elsewhere meanwhile, ask which
    to keep, then save again. None when the person stops."""
    from rootwork.state.records.checkin_form import CONFLICT_LABELS, show_value
    from rootwork.state.records.errors import SaveConflict, StoreError, ValidationError

    while True:
        try:
            return store.save_checkin(checkin, base=base)
        except SaveConflict as conflict:
            print("This check-in was also changed somewhere else while you answered.")
            chosen: dict[str, object] = {}
            try:
                for c in conflict.conflicts:
                    label = CONFLICT_LABELS.get(c.field, c.field)
                    print(
                        f"{label}: yours is {show_value(c.field, c.yours)}; the saved one is {show_value(c.field, c.saved)}."
                    )
                    keep = ask(f"Keep yours for {label.lower()}? y or n", _yes_no)
                    chosen[c.field] = c.yours if keep else c.saved
            except Stopped:
                return None
            merged, saved = cast("Checkin", conflict.merged), cast("Checkin", conflict.saved)
            checkin, base = replace(merged, **chosen), saved  # type: ignore[arg-type]  # chosen: fields by name
        except ValidationError as error:
            raise CommandFailed(f"your check-in was not saved: {lowercase_first(error.message)}") from error
        except StoreError as error:
            raise CommandFailed(f"your check-in was not saved: {error}") from error


def _yes_no(typed: str) -> bool:
    text = typed.strip().lower()
    if text in {"y", "yes"}:
        return True
    if text in {"n", "no"}:
        return False
    raise BadAnswer("Type y or n.")


def line_rehearse(args: CommandRun, now: datetime) -> int:
    """``rootwork rehearse``: each reframe due today, one plain question at a time; exit 0 when done."""
    from rootwork.state.exchange.export import long_date
    from rootwork.state.records.errors import StoreError, ValidationError
    from rootwork.state.records.model import Reframe
    from rootwork.state.records.text import remove_controls

    store = open_store(args)
    today = rootwork_today(store, now)
    due = [item for item in store.due(today) if isinstance(item, Reframe)]
    if not due:
        print("No reframe is due for rehearsal today. They come back around on their own.")
        return EXIT_OK
    if store.read_only:
        raise CommandFailed("a rehearsal cannot be saved: your journal is open read-only (see above)")
    print(f"{len(due)} reframe{'s' if len(due) != 1 else ''} to rehearse. Ctrl+d stops; each one is saved as you go.")
    for number, reframe in enumerate(due, start=1):
        print()
        print(f"Reframe {number} of {len(due)}.")
        print(f"The critic says: {remove_controls(reframe.critic)}")
        try:
            answer = ask("Your answer to it, in your own words (enter shows your saved reframe)", _text("", "answer"))
            print(f"Your saved reframe: {remove_controls(reframe.reframe)}")
            belief = ask("How true does the critic feel now, 0 to 100 [skip]", lambda t: whole_number(t, 0, 100, None))
            rated = ask("How did it go? 1 didn't manage, 2 struggled, 3 did it, 4 came easily, s not today", rating)
        except Stopped:
            print(STOPPED)
            return EXIT_FAILED
        try:
            store.review("reframe", reframe.id, rated, today, belief=belief, answer=answer)
        except (StoreError, ValidationError) as error:
            raise CommandFailed(f"this rehearsal was not saved: {error}") from error
        again = store.reframe(reframe.id).schedule.due
        print(f"Saved: {rated.label}." + (f" It comes back on {long_date(again)}." if again else ""))
    print()
    print("That is all for today.")
    return EXIT_OK

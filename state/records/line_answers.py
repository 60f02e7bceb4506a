"""Answers typed one line at a time (``rootwork checkin`` and ``rootwork rehearse`` in line mode), read.

Line mode asks one plain question at a time, for a screen reader or a plain
terminal. Each question shows the current or default answer; an empty line
keeps it. These functions read what was typed: they return the new answer, or
raise ``BadAnswer`` with one line saying what would do, and the question is
asked again. Pure functions; no I/O.

- A scale (mood 1-5, intensity 0-10, belief 0-100) takes a whole number in range.
- A list (signs, causes) takes numbers from the list printed on ``?``, or names
  or ids, separated by commas; ``none`` (or ``-``) clears it.
- A rating takes 1-4 or ``s``, as the keys in the app.
"""

from __future__ import annotations

from collections.abc import Sequence

from rootwork.state.records.export_words import one_line
from rootwork.state.records.model import Rating

__all__ = ["CLEAR_WORDS", "BadAnswer", "pick_list", "rating", "shown_list", "whole_number"]

#: What clears a list.
CLEAR_WORDS = frozenset({"none", "-", "nothing"})


class BadAnswer(ValueError):
    """What was typed cannot be the answer; ``str()`` is one line saying what would do."""


def whole_number(typed: str, low: int, high: int, current: int | None) -> int | None:
    """A whole number from ``low`` to ``high``; an empty line keeps ``current``."""
    text = typed.strip()
    if not text:
        return current
    try:
        value = int(text)
    except ValueError:
        raise BadAnswer(
            f"Type a whole number from {low} to {high}, or press enter for the answer in brackets."
        ) from None
    if not low <= value <= high:
        raise BadAnswer(f"{value} is outside {low} to {high}. Type a number from {low} to {high}.")
    return value


def pick_list(typed: str, options: Sequence[tuple[str, str]], current: Sequence[str]) -> tuple[str, ...]:
    """Ids from ``options`` (id, title) named by number, title or id, comma-separated; enter keeps ``current``.

    ``none`` clears the list. A name is matched without regard to case, whole
    or as the start of one title or id (``self`` for Self-doubt), never two.
    """
    text = typed.strip()
    if not text:
        return tuple(current)
    if text.lower() in CLEAR_WORDS:
        return ()
    chosen: list[str] = []
    for piece in (p.strip() for p in text.split(",")):
        if not piece:
            continue
        option_id = _one_option(piece, options)
        if option_id not in chosen:
            chosen.append(option_id)
    return tuple(chosen)


def _one_option(piece: str, options: Sequence[tuple[str, str]]) -> str:
    if piece.isascii() and piece.isdigit():  # "²" is a digit to Python, and int() refuses it
        number = int(piece[:6]) if len(piece) <= 6 else 0
        if 1 <= number <= len(options):
            return options[number - 1][0]
        raise BadAnswer(f"There is no number {one_line(piece, 12)}: choose 1 to {len(options)} (? lists them).")
    wanted = piece.casefold()
    exact = [oid for oid, title in options if wanted in (oid.casefold(), title.casefold())]
    if exact:
        return exact[0]
    starts = [oid for oid, title in options if oid.casefold().startswith(wanted) or title.casefold().startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    if starts:
        raise BadAnswer(
            f"“{one_line(piece, 40)}” could be more than one; type more of the name, or its number (? lists them)."
        )
    raise BadAnswer(f"Nothing is called “{one_line(piece, 40)}”; type a number or a name from the list (? lists them).")


def shown_list(ids: Sequence[str], options: Sequence[tuple[str, str]]) -> str:
    """The chosen ids as the person reads them ("Self-doubt, Comparing"), or "none"."""
    titles = dict(options)
    return ", ".join(titles.get(i, i) for i in ids) or "none"


def rating(typed: str) -> Rating:
    """A rating typed as in the app: 1 didn't manage, 2 struggled, 3 did it, 4 came easily, s not today."""
    text = typed.strip().lower()
    if text in {r.value for r in Rating}:
        return Rating(text)
    raise BadAnswer("Type 1 (didn't manage), 2 (struggled), 3 (did it), 4 (came easily) or s (not today).")

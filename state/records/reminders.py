"""What a reminder says: counts in, fixed words out, so nothing private can reach a lock screen.

A desktop notification shows on a lock screen and in a notification history,
where anyone may read it. So ``reminder_lines`` takes only numbers and a yes or
no (how many things are due, whether today has a check-in) and answers with
fixed sentences: it never names a practice, a cause or a word the person wrote,
because none of those can be passed to it (anything but an ``int`` count and a
``bool`` is refused with ``TypeError``). ``LOCKED_LINE`` is what an encrypted
journal's reminder says when no passphrase is at hand: it needs nothing read.
"""

from __future__ import annotations

__all__ = ["LOCKED_LINE", "TITLE", "reminder_lines"]

#: The notification's title; every line starts with it too, so a printed line says where it came from.
TITLE = "rootwork"
#: An encrypted journal that cannot be opened without asking: a reminder that reads nothing.
LOCKED_LINE = f"{TITLE}: time for your daily check-in"
CHECKIN_LINE = f"{TITLE}: a minute for your check-in?"


def reminder_lines(due_count: int, checked_in: bool) -> tuple[str, ...]:
    """The reminder's lines for ``due_count`` things due today and whether today has a check-in.

    ``()`` when nothing is due and today is checked in (no reminder at all).
    Only an ``int`` (not a bool) of at least 0 and a ``bool`` are taken, so no
    record's text can ever be passed in.
    """
    if type(due_count) is not int:
        raise TypeError(f"due_count must be an int, not {type(due_count).__name__}")
    if type(checked_in) is not bool:
        raise TypeError(f"checked_in must be a bool, not {type(checked_in).__name__}")
    if due_count < 0:
        raise ValueError(f"due_count must be 0 or more, not {due_count}")
    lines: list[str] = []
    if due_count == 1:
        lines.append(f"{TITLE}: 1 thing is waiting")
    elif due_count > 1:
        lines.append(f"{TITLE}: {due_count} things are waiting")
    if not checked_in:
        lines.append(CHECKIN_LINE)
    return tuple(lines)

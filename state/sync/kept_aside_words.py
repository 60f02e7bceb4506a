"""Answers kept aside, in words: which record, who wrote each value, and what each choice keeps.

``rootwork conflicts`` and the app's Kept aside view both speak through these.
Which value a choice writes stays ``state.sync.kept_aside.chosen_value``'s to
say: ``sides`` asks it, so what the view shows as "yours" is exactly what
keeping "mine" writes. Field names and values read as in ``state.records.field_words``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rootwork.content.model import Library
from rootwork.state.records.export_words import long_date, practice_name
from rootwork.state.records.field_words import TEXT_FIELDS, TICK_FIELDS, field_name
from rootwork.state.records.text import first_words
from rootwork.state.sync.kept_aside import KeptAside, chosen_value
from rootwork.state.sync.machine import is_this_machine

__all__ = ["NOTHING_KEPT_ASIDE", "Sides", "can_keep_both", "kept_notice", "record_name", "sides", "who_wrote"]

#: What the list says when every change made on two machines has been merged.
NOTHING_KEPT_ASIDE = "Nothing is kept aside: every change made on two machines has been merged."
CRITIC_WIDTH = 40


@dataclass(frozen=True)
class Sides:
    """The two values a person chooses between, as keeping "mine" and "theirs" would write them."""

    mine: Any
    theirs: Any
    #: "mine" was written on this machine; False when two other machines wrote them ("mine" is the one shown).
    mine_here: bool
    #: the journal shows "mine" for now (the merge chose it the same way on every machine)
    mine_shown: bool = False
    #: values kept aside besides these two (a third machine's): keeping both keeps those texts too
    more: int = 0

    def words(self, keep: str) -> str:
        """What keeping ``keep`` ("mine", "theirs", "both") keeps: 'yours', 'the other machine's', 'both'."""
        if keep == "both":
            return "both"
        if self.mine_here:
            return "yours" if keep == "mine" else "the other machine's"
        return "the one shown" if keep == "mine" else "the one kept aside"

    def titles(self) -> tuple[str, str]:
        """The titles over the two values: whose each is, and which the journal shows for now."""
        if not self.mine_here:
            return "Shown now (another machine)", "Kept aside (another machine)"
        shown = ", shown now"
        return f"Yours (this machine){shown * self.mine_shown}", f"The other machine's{shown * (not self.mine_shown)}"


def sides(item: KeptAside, machine: str | None) -> Sides:
    """What keeping "mine" and "theirs" would write into ``item``'s field, on the machine ``machine``."""
    values = [(item.shown, item.shown_by), *item.aside]
    here = [is_this_machine(by, machine) for _value, by in values]
    return Sides(
        mine=chosen_value(item, "mine", machine),
        theirs=chosen_value(item, "theirs", machine),
        mine_here=any(here) and not all(here),
        mine_shown=not any(here) or all(here) or here[0],
        more=max(len(values) - 2, 0),
    )


def can_keep_both(item: KeptAside) -> bool:
    """True when both values can be kept: texts a person wrote (a note, the critic's words) or tick lists.

    Never a number, a date or one choice from a list (a cause), though some are
    stored as text; and only what ``chosen_value`` can join.
    """
    fields = TEXT_FIELDS.get(item.table, frozenset()) | TICK_FIELDS.get(item.table, frozenset())
    if item.field not in fields:
        return False
    try:
        chosen_value(item, "both", None)
    except ValueError:
        return False
    return True


def who_wrote(by: str, machine: str | None) -> str:
    """'this machine' or 'another machine', for the writer ``by`` of a value."""
    return "this machine" if is_this_machine(by, machine) else "another machine"


def record_name(item: KeptAside, library: Library | None = None, critic: str | None = None) -> str:
    """The record in words: 'check-in of Wed 25 Nov 2026', 'thought record “You always…”', 'practice Ask for help'.

    A thought record is named by its ``critic`` words when given.
    """
    kind, _, rest = item.record_words.partition(" ")
    if item.table == "checkins":
        try:
            return f"check-in of {long_date(date.fromisoformat(rest.strip()))}"
        except ValueError:
            return item.record_words
    if item.table == "plan" and rest and library is not None:
        return f"practice {practice_name(rest.strip(), library)}"
    if item.table == "reframes" and critic and critic.strip():
        return f"thought record “{first_words(' '.join(critic.split()), CRITIC_WIDTH)}”"
    return item.record_words or kind


def kept_notice(item: KeptAside, keep: str, chosen: Sides, record: str) -> str:
    """What was done, in one line: 'Kept yours: Note, check-in of Wed 25 Nov 2026.'."""
    return f"Kept {chosen.words(keep)}: {field_name(item.table, item.field)}, {record}."

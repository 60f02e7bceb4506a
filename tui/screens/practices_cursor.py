"""Where the Practices table's highlight goes after a review: to the next practice still due.

A reviewed practice moves down the table (its next date is later), and the
highlight following it would leave the next key on something no longer due.
"""

from __future__ import annotations

from collections.abc import Sequence


def row_after_review(due_before: Sequence[str], rated: str, rows: Sequence[tuple[str, bool]]) -> int | None:
    """The table row to highlight after ``rated`` was reviewed.

    ``due_before`` is the due practices' ids in table order before the review;
    ``rows`` is the table after it, as (item id, still due) pairs. The answer
    is the due practice now at the rated one's old place among the due ones,
    else the first due one; None when nothing is due any more (stay put).
    """
    due_now = [item_id for item_id, due in rows if due and item_id != rated]
    if not due_now:
        return None
    place = list(due_before).index(rated) if rated in due_before else 0
    target = due_now[place] if place < len(due_now) else due_now[0]
    return [item_id for item_id, _ in rows].index(target)

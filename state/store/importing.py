"""Importing an export: the merge of another machine's journal, by the same rule, and saying what came in.

The export is read by ``incoming.read_export``: a file that is not an export
is refused whole, and a bad record is skipped and named. What is left is
merged into this journal by ``state.store.copies.merge_into``, the function a
conflict copy and ``rootwork merge`` go through. The one merge rule
(``state.sync.causal``) therefore decides an import too:

- a field changed on one side only is kept;
- a change made after seeing another replaces it;
- two made without seeing each other are both kept, one aside for a person
  to choose (``rootwork conflicts``);
- a delete wins over edits made without seeing it;
- a second record for one day (practice) goes to the conflict log.

Importing a journal's own export, or the same export twice, changes nothing.
``ImportResult.notes`` names each record skipped, each answer kept aside and
each record that went to the conflict log. Settings, drafts, focus and the
disclaimer stay as they are on this machine. The whole import is one
transaction: all of it is saved, or none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rootwork.state.records.errors import ValidationError
from rootwork.state.store.copies import CopyRefused, merge_into
from rootwork.state.store.incoming import read_export
from rootwork.state.store.schema import JOURNAL_TABLES

if TYPE_CHECKING:
    from rootwork.state.store.core import Store


class ImportResult(dict[str, dict[str, int]]):
    """Counts added and updated by table (``{"checkins": {"added": 1, "updated": 0}, ...}``).

    ``notes`` holds one sentence for every record skipped (unreadable), every
    answer kept aside and every record kept in the conflict log, in that order.
    """

    def __init__(self, counts: dict[str, dict[str, int]], notes: list[str]) -> None:
        super().__init__(counts)
        self.notes = notes


def import_export(store: Store, data: Any) -> ImportResult:
    """Merge an export into ``store``; return counts added and updated by table (and ``selfchecks``)."""
    incoming = read_export(data)
    journal: dict[str, Any] = {
        name: {str(n): doc for n, doc in enumerate(incoming.tables[name], start=1)} for name in JOURNAL_TABLES
    }
    journal["meta"] = {
        str(n): doc for n, doc in enumerate([*incoming.tables["selfchecks"], *incoming.tables["log"]], start=1)
    }
    try:
        summary = merge_into(store, journal)
    except CopyRefused as why:  # too large to open again, merged
        raise ValidationError("file", f"This export cannot be imported: {why}.") from None
    counts = {
        name: {"added": summary.added.get(name, 0), "updated": summary.counts.get(name, 0) - summary.added.get(name, 0)}
        for name in (*JOURNAL_TABLES, "selfchecks")
    }
    return ImportResult(counts, [*incoming.notes, *summary.notes])

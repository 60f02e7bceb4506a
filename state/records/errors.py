"""Errors raised by the store, with messages written for a person to read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


class StoreError(Exception):
    """Base class for everything the store raises on purpose."""


class ValidationError(StoreError, ValueError):
    """A value the user entered cannot be saved as it is.

    ``field`` names the input (for the UI to focus it); ``message`` is a plain
    sentence that can be shown as it is.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AlreadyAdopted(StoreError):
    """The practice is already in the plan (active or paused)."""


class NotFound(StoreError, LookupError):
    """No item with that id (it may have been removed on another machine)."""


class ReadOnlyStore(StoreError):
    """The journal was opened read-only, so nothing can be saved."""


class SaveFailed(StoreError):
    """Writing to disk failed; nothing changed, on disk or in memory."""


class UnreadableDatabase(StoreError):
    """The journal file is empty, cut short, not JSON, or not shaped like a journal."""


class JournalRefused(StoreError):
    """A file where the journal (or its drafts) should be that rootwork will neither read nor write.

    A folder, pipe, device or socket; a file over the size cap; or a link whose
    target does not begin like a journal rootwork writes. Nothing was opened
    for reading, moved or written; the message names the file and says why.
    """


#: Text fields of one line: "keep both" joins them with this, not with a blank line.
ONE_LINE_FIELDS = frozenset({"gratitude", "voice"})


@dataclass(frozen=True)
class Conflict:
    """A field of a form's save (``state.sync.merge_fields``) both sides changed to different values:
    the user's and the one saved meanwhile."""

    field: str
    yours: Any
    saved: Any

    @property
    def is_text(self) -> bool:
        """True for a text field, where both texts can be kept."""
        return isinstance(self.yours, str) and isinstance(self.saved, str)

    def both(self) -> str:
        """The saved text and the user's, kept together (the saved one first, as it was written first)."""
        texts = [t for t in (str(self.saved).strip(), str(self.yours).strip()) if t]
        return ("; " if self.field in ONE_LINE_FIELDS else "\n\n").join(texts)


class SaveConflict(StoreError):
    """The record was saved elsewhere since it was loaded, and both changed the same fields.

    Nothing was written. ``conflicts`` lists each such field (``field``, ``yours``,
    ``saved``); ``merged`` is the stored record with every other change of the
    user's applied (the conflicting fields still hold the saved values); ``saved``
    is the record as stored now, the base for saving again once the user chooses.
    """

    def __init__(self, merged: object, conflicts: Sequence[Conflict], *, saved: object) -> None:
        names = ", ".join(c.field for c in conflicts)
        super().__init__(f"This entry was changed elsewhere since you opened it ({names}).")
        self.merged = merged
        self.conflicts = list(conflicts)
        self.saved = saved

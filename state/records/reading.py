"""What the views over a journal (the month, insights) read from it, as a protocol.

``Store`` has these methods; naming the protocol here keeps ``state.records`` from
importing the store, so the arrows inside ``state`` point one way.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from rootwork.state.records.model import Checkin, PlanItem, Reframe, Review


class JournalReader(Protocol):
    """The reading half of ``state.store.Store`` that ``calendar`` and ``insights`` use."""

    def checkin_for(self, day: date) -> Checkin | None: ...

    def checkins(self, start: date | None = None, end: date | None = None) -> list[Checkin]: ...

    def plan(self, include_removed: bool = False) -> list[PlanItem]: ...

    def reframes(self, include_deleted: bool = False) -> list[Reframe]: ...

    def reviews(
        self, item_id: str | None = None, start: date | None = None, end: date | None = None
    ) -> list[Review]: ...

    def setting(self, key: str) -> Any: ...

"""The safety plan in the journal: one record of the ``safety`` table, saved and merged like any other.

The record's id is the same on every machine (``convert.SAFETY_PLAN_ID``), so
two machines that each write a plan make one plan, merged part by part by the
one rule (``state.sync.causal``); a part changed on both is kept aside for the
person to choose, as any answer is. Saving the plan, or looking it over without
a change, sets the day it was last looked over, from which it comes back for
review (``safety_plan.review_due_on``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from rootwork.state.records.convert import SAFETY_PLAN_ID, Doc, safety_plan_to_doc
from rootwork.state.records.errors import ValidationError
from rootwork.state.records.safety_plan import SafetyPlan, review_due_on
from rootwork.state.store.base import StoreBase
from rootwork.state.store.entries import UNCHECKED
from rootwork.state.store.index import table_in
from rootwork.state.store.validate import valid_safety_plan
from rootwork.state.sync.causal import BOOKKEEPING
from rootwork.state.sync.merge_fields import merge_plan_or_raise

#: Why a plan is not saved when the one in the journal cannot be read: never a second plan beside it.
UNREADABLE = (
    "The safety plan in your journal cannot be read (its file was changed by hand or by another program), "
    "so a new one was not saved over it. Nothing was changed; the daily copies in your backups folder hold it."
)


class SafetyPlans(StoreBase):
    """Reading and writing the safety plan; part of ``Store``."""

    def safety_plan(self) -> SafetyPlan | None:
        """The person's safety plan, or None before one is written.

        The plan is the record under the id every machine makes; a plan under
        another id (a hand edit) is shown when that one is missing, so no plan
        written is ever hidden.
        """
        view = self._view("safety")
        found = view.by_id.get(SAFETY_PLAN_ID)
        if found is None and view.items:
            found = max(view.items, key=lambda p: (p.updated_at, p.id))
        return found

    def save_safety_plan(
        self, plan: SafetyPlan, today: date, base: SafetyPlan | None | object = UNCHECKED
    ) -> SafetyPlan:
        """Save ``plan``'s parts and warning signs, looked over ``today``; return what was stored.

        ``base`` is the plan as the form loaded it (None: there was none then).
        A part changed since by another save is kept, unless ``plan`` changed
        it too: then nothing is written and ``SaveConflict`` names the part.
        Parts the plan does not name (a newer version's) stay as stored.
        """
        plan = valid_safety_plan(plan)
        with self._writing():
            existing = self.safety_plan()
            if existing is None:
                if any(doc.get("id") == SAFETY_PLAN_ID for doc in table_in(self._tables(), "safety").values()):
                    raise ValidationError("safety plan", UNREADABLE)
                stored = self._stamped_new(replace(plan, reviewed_on=today, clock=None), SAFETY_PLAN_ID)
                doc = self._insert("safety", safety_plan_to_doc(stored))
            else:
                if base is not UNCHECKED:
                    plan = merge_plan_or_raise(base if isinstance(base, SafetyPlan) else None, plan, existing)
                stored = self._touched(
                    existing,
                    parts={**existing.parts, **plan.parts},
                    warning_signs=plan.warning_signs,
                    reviewed_on=max(today, existing.reviewed_on or today),
                )
                doc = self._replace_plan(existing, stored)
        return replace(stored, clock=doc.get("clock"))

    def _replace_plan(self, existing: SafetyPlan, stored: SafetyPlan) -> Doc:
        """Write ``stored`` over ``existing``, keeping every field of the record this version does not show
        (a part in a newer version's shape, a hand edit), so nothing in it is lost by a save here."""
        doc = safety_plan_to_doc(stored)
        key = self._view("safety").keys.get(existing.id)
        raw = table_in(self._tables(), "safety").get(str(key)) if key is not None else None
        kept = {k: v for k, v in (raw or {}).items() if k not in doc and k not in BOOKKEEPING}
        return self._replace("safety", {**kept, **doc})

    def look_over_safety_plan(self, today: date) -> SafetyPlan | None:
        """Note that the plan was looked over ``today`` and still holds (its review done); None without a plan."""
        with self._writing():
            existing = self.safety_plan()
            if existing is None or (existing.reviewed_on is not None and existing.reviewed_on >= today):
                return existing
            stored = self._touched(existing, reviewed_on=today)
            doc = self._replace_plan(existing, stored)
        return replace(stored, clock=doc.get("clock"))

    def safety_plan_review_due(self, today: date) -> bool:
        """Whether the plan has come back for review (``REVIEW_DAYS`` after it was last looked over)."""
        due = review_due_on(self.safety_plan())
        return due is not None and due <= today

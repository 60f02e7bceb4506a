"""The journal's entries: check-ins, the plan of practices, thought records, reviews, and what is due.

A check-in is one per day (saving a day again replaces it). A practice adopted
again after removal comes back with its history. Removing a practice or
deleting a thought record only marks it, so it can be restored. A review
reschedules its item and is logged in the same transaction.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import Any, TypeVar

from rootwork.state.records.convert import (
    Doc,
    checkin_to_doc,
    derived_id,
    new_id,
    plan_item_to_doc,
    reframe_to_doc,
    review_to_doc,
)
from rootwork.state.records.errors import AlreadyAdopted, NotFound, ValidationError
from rootwork.state.records.model import Checkin, ItemKind, PlanItem, Rating, Reframe, Review
from rootwork.state.records.schedule import (
    due_on_day,
    is_gentle_day,
    lighter_line,
    new_schedule,
    replay,
    replay_order,
    schedule_next,
)
from rootwork.state.records.text import NOTE_MAX, SHORT_MAX, clean_text
from rootwork.state.store.base import StoreBase
from rootwork.state.store.index import any_reframe_in, checkins_in, due_reframes_in, reviewed_items_in
from rootwork.state.store.schema import DEFAULT_SETTINGS
from rootwork.state.store.validate import check_setting, checked_belief, required_text, valid_checkin, valid_reframe
from rootwork.state.sync.merge_fields import CHECKIN_FIELDS, REFRAME_FIELDS, merge_or_raise

#: ``base`` of a save when the caller loaded nothing to compare with: the record is replaced whole.
UNCHECKED = object()


@dataclass(frozen=True)
class DueToday:
    """What is due on a day (``Entries.due_today``): the items shown, whether the day is a gentler one,
    and how many more the usual daily cap would show, waiting for the next days."""

    items: list[PlanItem | Reframe]
    gentle: bool
    waiting: int
    cap: int  # how many the day shows at most (fewer on a gentler day)

    @property
    def line(self) -> str:
        """The one kind line a gentler day that held something back shows ("" otherwise)."""
        return lighter_line(len(self.items), gentle=self.gentle, waiting=self.waiting)


class Entries(StoreBase):
    """Reading and writing the four journal tables; part of ``Store``."""

    # ---------------------------------------------------------------- check-ins

    def checkin_for(self, day: date) -> Checkin | None:
        """Return the check-in of ``day``, if there is one."""
        found = self._before_view("checkins", ("days", day, day), partial(checkins_in, start=day, end=day))
        if found is not None:
            return found[0] if found else None
        return self._view("checkins").by_day.get(day)

    def checkins(self, start: date | None = None, end: date | None = None) -> list[Checkin]:
        """Return check-ins from ``start`` to ``end`` (both included), oldest day first."""
        if start is not None and end is not None:
            found = self._before_view("checkins", ("days", start, end), partial(checkins_in, start=start, end=end))
            if found is not None:
                return list(found)
        view = self._view("checkins")
        low = 0 if start is None else bisect.bisect_left(view.days, start)
        high = len(view.days) if end is None else bisect.bisect_right(view.days, end)
        by_day = view.by_day
        return [by_day[day] for day in view.days[low:high]]

    def save_checkin(self, c: Checkin, base: Checkin | None | object = UNCHECKED) -> Checkin:
        """Save the check-in of ``c.day``; return what was stored.

        ``base`` is the check-in as the form loaded it (None: the day had none).
        Fields changed since by another save are kept, unless ``c`` changed them
        too: then nothing is written and ``SaveConflict`` says which. Without a
        ``base`` (the demo, an import) ``c`` replaces the day's check-in whole.
        """
        c = valid_checkin(c)
        with self._writing():
            view = self._view("checkins")
            existing = view.by_day.get(c.day) or (view.by_id.get(c.id) if c.id else None)
            if existing is None:
                # The id is the day's: a check-in made for the same day on another machine is the same record.
                stored = self._stamped_new(c, derived_id("checkin", c.day.isoformat()))
                stored = _clocked(stored, self._insert("checkins", checkin_to_doc(stored)))
            else:
                if base is not UNCHECKED:
                    c = merge_or_raise(base, c, existing, CHECKIN_FIELDS, to_doc=checkin_to_doc)
                stored = self._touched(existing, **{name: getattr(c, name) for name in (*CHECKIN_FIELDS, "day")})
                stored = _clocked(stored, self._replace("checkins", checkin_to_doc(stored)))
        return stored

    # --------------------------------------------------------------------- plan

    def plan(self, include_removed: bool = False) -> list[PlanItem]:
        """Return adopted practices, oldest first (removed ones only if asked)."""
        items = self._view("plan").items
        return list(items) if include_removed else [p for p in items if p.removed_at is None]

    def plan_item(self, item_id: str) -> PlanItem:
        """Return one adopted practice (removed ones included)."""
        try:
            return self._view("plan").by_id[item_id]
        except KeyError:
            raise NotFound("That practice is no longer in your plan.") from None

    def adopt(self, practice_id: str, today: date) -> PlanItem:
        """Add a practice to the plan, due today; a removed one comes back with its history."""
        practice_id = required_text(clean_text(practice_id, max_len=SHORT_MAX, field="practice"), "practice")
        with self._writing():
            same = [p for p in self._view("plan").items if p.practice_id == practice_id]
            if any(p.removed_at is None for p in same):
                raise AlreadyAdopted("That practice is already in your plan.")
            if same:
                old = same[-1]
                stored = self._touched(
                    old,
                    removed_at=None,
                    paused=False,
                    schedule=replace(old.schedule, due=today),
                )
                self._replace("plan", plan_item_to_doc(stored))
            else:
                stored = self._stamped_new(  # the practice's id: adopted elsewhere too, it is one record
                    PlanItem(practice_id=practice_id, adopted_on=today, schedule=new_schedule(today)),
                    derived_id("plan", practice_id),
                )
                self._insert("plan", plan_item_to_doc(stored))
        return stored

    def _update_plan_item(self, item_id: str, **changes: Any) -> PlanItem:
        with self._writing():
            item = self.plan_item(item_id)
            if all(getattr(item, key) == value for key, value in changes.items()):
                return item
            stored = self._touched(item, **changes)
            self._replace("plan", plan_item_to_doc(stored))
        return stored

    def set_paused(self, item_id: str, paused: bool) -> PlanItem:
        """Pause or resume a practice (a paused one is never due)."""
        return self._update_plan_item(item_id, paused=bool(paused))

    def remove_plan_item(self, item_id: str) -> PlanItem:
        """Take a practice out of the plan, keeping it and its history so it can be restored."""
        with self._writing():
            item = self.plan_item(item_id)
            if item.removed_at is not None:
                return item
            return self._update_plan_item(item_id, removed_at=self._now())

    def restore_plan_item(self, item_id: str) -> PlanItem:
        """Undo ``remove_plan_item``."""
        with self._writing():
            item = self.plan_item(item_id)
            if item.removed_at is not None and any(
                p.practice_id == item.practice_id and p.removed_at is None and p.id != item.id
                for p in self._view("plan").items
            ):
                raise AlreadyAdopted("That practice is already in your plan.")
            return self._update_plan_item(item_id, removed_at=None)

    def revision(self, table: str) -> int:
        """A number that changes whenever ``table`` changes (here or in another process): screens
        compare it to skip rebuilding what they show."""
        return self._view(table).revision

    # ----------------------------------------------------------------- reframes

    def reframes(self, include_deleted: bool = False) -> list[Reframe]:
        """Return thought records, newest first (deleted ones only if asked)."""
        items = reversed(self._view("reframes").items)
        return list(items) if include_deleted else [r for r in items if r.deleted_at is None]

    def has_reframes(self) -> bool:
        """Whether there is a thought record (not deleted), without indexing them all when not yet done."""
        found = self._before_view("reframes", ("any",), any_reframe_in)
        return found if found is not None else any(r.deleted_at is None for r in self._view("reframes").items)

    def reframe(self, reframe_id: str) -> Reframe:
        """Return one thought record (deleted ones included)."""
        try:
            return self._view("reframes").by_id[reframe_id]
        except KeyError:
            raise NotFound("That thought record is no longer in your journal.") from None

    def save_reframe(self, r: Reframe, today: date, base: Reframe | None | object = UNCHECKED) -> Reframe:
        """Save a thought record: a new one is due for rehearsal today; an edit keeps its schedule.

        ``base`` is the record as the editor loaded it: fields saved elsewhere
        since are kept, and ``SaveConflict`` is raised (nothing written) when
        both changed the same field, as for ``save_checkin``.
        """
        r = valid_reframe(r)
        with self._writing():
            if r.id:
                existing = self.reframe(r.id)
                if base is not UNCHECKED:
                    r = merge_or_raise(base, r, existing, REFRAME_FIELDS, to_doc=reframe_to_doc)
                stored = self._touched(
                    existing, **{name: getattr(r, name) for name in REFRAME_FIELDS}, day=existing.day or today
                )
                stored = _clocked(stored, self._replace("reframes", reframe_to_doc(stored)))
            else:
                stored = self._stamped_new(replace(r, day=today, schedule=new_schedule(today), deleted_at=None))
                stored = _clocked(stored, self._insert("reframes", reframe_to_doc(stored)))
        return stored

    def _update_reframe(self, reframe_id: str, **changes: Any) -> Reframe:
        with self._writing():
            item = self.reframe(reframe_id)
            if all(getattr(item, key) == value for key, value in changes.items()):
                return item
            stored = self._touched(item, **changes)
            stored = _clocked(stored, self._replace("reframes", reframe_to_doc(stored)))
        return stored

    def delete_reframe(self, reframe_id: str) -> Reframe:
        """Move a thought record to the bin (it can be restored)."""
        with self._writing():
            item = self.reframe(reframe_id)
            if item.deleted_at is not None:
                return item
            return self._update_reframe(reframe_id, deleted_at=self._now())

    def restore_reframe(self, reframe_id: str) -> Reframe:
        """Undo ``delete_reframe``."""
        return self._update_reframe(reframe_id, deleted_at=None)

    # ------------------------------------------------------------------ reviews

    def review(
        self,
        kind: ItemKind,
        item_id: str,
        rating: Rating,
        today: date,
        *,
        belief: int | None = None,
        answer: str = "",
    ) -> Review:
        """Record a review: reschedule the item and log the review, in one transaction."""
        rating = Rating(rating)
        belief = checked_belief(belief, "belief")
        answer = clean_text(answer, max_len=NOTE_MAX, field="answer")
        if kind not in ("practice", "reframe"):
            raise ValidationError("kind", "A review is of a practice or a reframe.")
        with self._writing():
            item = self.plan_item(item_id) if kind == "practice" else self.reframe(item_id)
            before, review_id, now = item.schedule, new_id(), self._now()
            made = [(replay_order(r.day, r.created_at, r.id), r.day, r.rating) for r in self.reviews(item.id)]
            if any(order > replay_order(today, now, review_id) for order, _day, _rating in made):
                # A rating that comes before one already made (a clock behind): the schedule is replayed in the
                # one order every machine replays it in (``replay_order``), the same wherever the reviews meet.
                steps = sorted([*made, (replay_order(today, now, review_id), today, rating)])
                start = item.adopted_on if isinstance(item, PlanItem) else item.day or today
                after = replay(start, [(day, r) for _order, day, r in steps], item_id=item.id, kind=kind)
            else:
                after = schedule_next(before, rating, today, item_id=item.id, kind=kind)
            updated = self._touched(item, schedule=after)
            if isinstance(updated, PlanItem):  # kind "practice"
                self._replace("plan", plan_item_to_doc(updated))
            else:
                self._replace("reframes", reframe_to_doc(updated))
            review = Review.of(
                kind,
                item.id,
                today,
                rating,
                before,
                after,
                id=review_id,
                now=now,
                belief=belief,
                answer=answer,
            )
            self._insert("reviews", review_to_doc(review))
        return review

    def reviews(self, item_id: str | None = None, start: date | None = None, end: date | None = None) -> list[Review]:
        """Return reviews (of one item, or all) from ``start`` to ``end`` included, oldest first."""
        view = self._view("reviews")
        if item_id is not None:
            return [
                r
                for r in view.by_item.get(item_id, ())
                if (start is None or r.day >= start) and (end is None or r.day <= end)
            ]
        low = 0 if start is None else bisect.bisect_left(view.days, start)
        high = len(view.days) if end is None else bisect.bisect_right(view.days, end)
        return view.items[low:high]

    def due(self, today: date, cap: int | None = None) -> list[PlanItem | Reframe]:
        """Return what is due today (active practices and reframes), overdue first, at most ``cap``
        (the daily cap; on a gentler day at most two, see ``due_today``)."""
        return self.due_today(today, cap).items

    def due_today(self, today: date, cap: int | None = None) -> DueToday:
        """What is due on ``today``, with whether it is a gentler day and how many wait for the next days.

        A gentler day (``gentle_day``) shows at most two items, counting those already rated or put off
        that day; the rest keep their due dates and come on the next days, oldest first: the spreading
        after a time away (``schedule.due_on_day``). Nothing is written, so it is the same however often
        it is asked, and a check-in changed below the threshold shows the usual list again.
        """
        if cap is None:
            cap = self.setting("daily_cap")
        candidates: dict[str, PlanItem | Reframe] = {}
        for p in self._view("plan").items:
            if p.removed_at is None and not p.paused:
                candidates[p.id] = p
        due_reframes = self._before_view(
            "reframes", ("due", today, cap), partial(due_reframes_in, today=today, cap=cap)
        )
        if due_reframes is None:
            due_reframes = [r for r in self._view("reframes").items if r.deleted_at is None]
        for r in due_reframes:
            candidates[r.id] = r
        gentle = self.gentle_day(today)
        done = self._reviewed_items(today) if gentle else 0
        day = due_on_day(
            ((key, item.schedule) for key, item in candidates.items()), today, cap, gentle=gentle, done_today=done
        )
        return DueToday([candidates[key] for key in day.ids], gentle=day.gentle, waiting=day.waiting, cap=day.cap)

    def _reviewed_items(self, day: date) -> int:
        # The reviews are the journal's largest table: before their view is built (Today's first paint),
        # their raw documents are counted, not converted.
        counted = self._before_view("reviews", ("reviewed", day), partial(reviewed_items_in, day=day))
        if counted is not None:
            return counted
        return len({r.item_id for r in self.reviews(start=day, end=day)})

    def gentle_day(self, today: date) -> bool:
        """Whether ``today`` is a gentler day: checked in at ``gentle_threshold`` or more, or made lighter."""
        checkin = self.checkin_for(today)
        try:  # the rule a save checks it by
            threshold = check_setting("gentle_threshold", self.setting("gentle_threshold"))
        except ValidationError:  # a hand-edited file: the default, never a crash
            threshold = DEFAULT_SETTINGS["gentle_threshold"]
        return is_gentle_day(
            checkin.intensity if checkin is not None else None,
            threshold,
            made_lighter=self.made_lighter(today),
        )

    def made_lighter(self, today: date) -> bool:
        """Whether "make today lighter" was asked for on ``today``."""
        doc = self._meta("lighter")
        return doc is not None and doc.get("day") == today.isoformat()

    def make_lighter(self, today: date) -> bool:
        """Make ``today`` a gentler day whatever the check-in says; False when it already was made lighter.

        Only the day is kept (this machine's, like the settings): no due date changes, so the items held back
        come on the next days, and asking again changes nothing.
        """
        with self._writing():
            if self.made_lighter(today):
                return False
            self._put_meta("lighter", {"day": today.isoformat()})
        return True


#: A record that carries the clock it was stored with.
Clocked = TypeVar("Clocked", Checkin, Reframe)


def _clocked(record: Clocked, doc: Doc) -> Clocked:
    """``record`` with the clock it was stored with (a form that saves again merges by it)."""
    return replace(record, clock=doc.get("clock"))

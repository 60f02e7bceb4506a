"""Conversion between the dataclasses of ``state.records.model`` and stored documents.

On disk every date is an ISO string (``"2026-11-25"``), every timestamp a UTC
ISO-8601 string with a ``Z`` (``"2026-11-25T23:30:00Z"``), tuples are lists and
a ``Rating`` is its value (``"3"``, ``"s"``). A ``Schedule`` is stored nested
under the key ``"schedule"`` (``{"interval", "ease", "reps", "lapses", "due",
"last_review"}``) so a plan item or reframe document reads as it is modelled.

Reading is tolerant of what a newer or older version may add or leave out:
unknown keys are ignored and missing ones take the dataclass default. Reading
is strict about every value there is: each goes through ``state.records.strict`` (the
one reader for open, import and migration), and a value of the wrong type,
out of range, not finite, not valid UTF-8, an id of the wrong shape or a day
that does not exist raises ``strict.BadValue`` (a ``ValueError`` whose text
names the field: the import shows it, the open counts the entry unreadable).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any, cast

from rootwork.state.records import strict
from rootwork.state.records.model import Checkin, ItemKind, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.records.safety_plan import PART_PREFIX, SafetyPlan

#: One document (record) as the journal file holds it: a JSON object, its values untyped until
#: ``strict`` reads them. Every module that handles stored documents names them by this alias.
Doc = dict[str, Any]
_RATINGS = {r.value: r for r in Rating}  # looked up: calling the enum costs 20 times as much, 20,000 times on a warm-up


def new_id() -> str:
    """Return a fresh document id (uuid4 hex)."""
    return uuid.uuid4().hex


def derived_id(kind: str, key: str) -> str:
    """The id of the one record of ``kind`` for ``key`` (a day's check-in, a practice's plan item), made alike anywhere.

    Two machines that each check in for a day, or adopt a practice, without
    having synced make one record, merged field by field, not two rivals.
    """
    return hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:32]


def utc_stamp(moment: datetime) -> str:
    """Return ``moment`` as ``"2026-11-25T23:30:00Z"`` (it must be timezone-aware)."""
    if moment.tzinfo is None:
        raise ValueError("timestamps need a timezone-aware datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_to_str(day: date | None) -> str | None:
    """Return ``day`` as an ISO string (None stays None)."""
    if day is None:
        return None
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ValueError(f"expected a date, not {day!r}")
    return day.isoformat()


def day_from_str(value: Any, key: str = "day") -> date | None:
    """Parse an ISO day string ``YYYY-MM-DD`` that exists (None stays None)."""
    if value is None:
        return None
    return strict.day(value, key)


def _required_day(value: Any, key: str) -> date:
    if value is None:
        raise strict.BadValue(f"{key} is missing")
    return strict.day(value, key)


def _ids(value: Any, key: str) -> tuple[str, ...]:
    """A list of content ids (signs, causes, distortions)."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)):
        raise strict.BadValue(f"{key} is not a list")
    return tuple(strict.content_id(v, key) for v in value)


def _text(doc: Mapping[str, Any], key: str, default: str = "") -> str:
    value = doc.get(key, default)
    if value is None:
        return default
    return strict.text(value, key)


def _optional_stamp(doc: Mapping[str, Any], key: str) -> str | None:
    value = doc.get(key)
    return None if value is None else strict.stamp(value, key)


def _int(doc: Mapping[str, Any], key: str, low: int, high: int, default: int | None = None) -> int:
    return strict.whole(doc.get(key, default), key, low, high)


def _optional_belief(doc: Mapping[str, Any], key: str) -> int | None:
    value = doc.get(key)
    return None if value is None else strict.whole(value, key, 0, 100)


def _ease(doc: Mapping[str, Any], key: str) -> float:
    return strict.ease(doc.get(key, 2.5), key)


def _stamps(obj: Any) -> Doc:
    return {"id": obj.id, "created_at": obj.created_at, "updated_at": obj.updated_at, "rev": obj.rev}


def next_rev(*revs: int) -> int:
    """The revision after ``revs``: one more than the highest, held within the 64 bits the reader accepts."""
    return min(max(revs, default=0) + 1, strict.INT64_RANGE[1])


def _stamps_from(doc: Mapping[str, Any]) -> dict[str, Any]:
    # ``rev`` counts the writes of a document; one written before revisions existed reads as 0.
    return {
        "id": strict.doc_id(doc.get("id")),
        "created_at": strict.stamp(doc.get("created_at"), "created_at"),
        "updated_at": strict.stamp(doc.get("updated_at"), "updated_at"),
        "rev": strict.count(doc.get("rev", 0), "rev"),
    }


def schedule_to_doc(s: Schedule) -> Doc:
    """Return the nested document of a schedule."""
    return {
        "interval": s.interval,
        "ease": s.ease,
        "reps": s.reps,
        "lapses": s.lapses,
        "due": day_to_str(s.due),
        "last_review": day_to_str(s.last_review),
    }


def schedule_from_doc(doc: Mapping[str, Any] | None) -> Schedule:
    """Return the schedule stored in ``doc`` (a missing one is a fresh schedule)."""
    if doc is None:
        return Schedule()
    if not isinstance(doc, Mapping):
        raise strict.BadValue("schedule is not an object")
    return Schedule(
        interval=strict.interval(doc.get("interval", 1), "interval"),
        ease=_ease(doc, "ease"),
        reps=strict.count(doc.get("reps", 0), "reps"),
        lapses=strict.count(doc.get("lapses", 0), "lapses"),
        due=day_from_str(doc.get("due"), "due"),
        last_review=day_from_str(doc.get("last_review"), "last_review"),
    )


def checkin_to_doc(c: Checkin) -> Doc:
    """Return the stored document of a check-in."""
    return {
        **_stamps(c),
        "day": day_to_str(c.day),
        "mood": c.mood,
        "intensity": c.intensity,
        "signs": list(c.signs),
        "causes": list(c.causes),
        "note": c.note,
        "gratitude": c.gratitude,
    }


def checkin_from_doc(doc: Mapping[str, Any]) -> Checkin:
    """Return the check-in stored in ``doc``."""
    return Checkin(
        day=_required_day(doc.get("day"), "day"),
        mood=_int(doc, "mood", 1, 5),
        intensity=_int(doc, "intensity", 0, 10),
        signs=_ids(doc.get("signs"), "signs"),
        causes=_ids(doc.get("causes"), "causes"),
        note=_text(doc, "note"),
        gratitude=_text(doc, "gratitude"),
        **_stamps_from(doc),
        clock=doc.get("clock"),
    )


def plan_item_to_doc(p: PlanItem) -> Doc:
    """Return the stored document of an adopted practice."""
    return {
        **_stamps(p),
        "practice_id": p.practice_id,
        "adopted_on": day_to_str(p.adopted_on),
        "schedule": schedule_to_doc(p.schedule),
        "paused": bool(p.paused),
        "removed_at": p.removed_at,
    }


def plan_item_from_doc(doc: Mapping[str, Any]) -> PlanItem:
    """Return the adopted practice stored in ``doc``."""
    paused = doc.get("paused", False)
    if not isinstance(paused, bool):
        raise strict.BadValue("paused is not true or false")
    return PlanItem(
        practice_id=strict.content_id(doc.get("practice_id"), "practice_id"),
        adopted_on=_required_day(doc.get("adopted_on"), "adopted_on"),
        schedule=schedule_from_doc(doc.get("schedule")),
        paused=paused,
        removed_at=_optional_stamp(doc, "removed_at"),
        **_stamps_from(doc),
    )


def reframe_to_doc(r: Reframe) -> Doc:
    """Return the stored document of a thought record."""
    return {
        **_stamps(r),
        "situation": r.situation,
        "critic": r.critic,
        "voice": r.voice,
        "cause_id": r.cause_id,
        "distortions": list(r.distortions),
        "belief_before": r.belief_before,
        "evidence_for": r.evidence_for,
        "evidence_against": r.evidence_against,
        "reframe": r.reframe,
        "belief_after": r.belief_after,
        "day": day_to_str(r.day),
        "schedule": schedule_to_doc(r.schedule),
        "deleted_at": r.deleted_at,
    }


def reframe_from_doc(doc: Mapping[str, Any]) -> Reframe:
    """Return the thought record stored in ``doc``."""
    return Reframe(
        critic=_text(doc, "critic"),
        reframe=_text(doc, "reframe"),
        situation=_text(doc, "situation"),
        voice=_text(doc, "voice"),
        cause_id=None if doc.get("cause_id") is None else strict.content_id(doc["cause_id"], "cause_id"),
        distortions=_ids(doc.get("distortions"), "distortions"),
        belief_before=_optional_belief(doc, "belief_before"),
        evidence_for=_text(doc, "evidence_for"),
        evidence_against=_text(doc, "evidence_against"),
        belief_after=_optional_belief(doc, "belief_after"),
        day=day_from_str(doc.get("day")),
        schedule=schedule_from_doc(doc.get("schedule")),
        deleted_at=_optional_stamp(doc, "deleted_at"),
        **_stamps_from(doc),
        clock=doc.get("clock"),
    )


def review_to_doc(r: Review) -> Doc:
    """Return the stored document of a review."""
    return {
        **_stamps(r),
        "item_kind": r.item_kind,
        "item_id": r.item_id,
        "day": day_to_str(r.day),
        "rating": Rating(r.rating).value,
        "interval_before": r.interval_before,
        "interval_after": r.interval_after,
        "due_after": day_to_str(r.due_after),
        "ease_before": r.ease_before,
        "ease_after": r.ease_after,
        "belief": r.belief,
        "answer": r.answer,
    }


def review_from_doc(doc: Mapping[str, Any]) -> Review:
    """Return the review stored in ``doc``."""
    kind = doc.get("item_kind")
    if not isinstance(kind, str) or kind not in ("practice", "reframe"):
        raise strict.BadValue("item_kind is not practice or reframe")
    rating = doc.get("rating")
    if not isinstance(rating, str) or rating not in _RATINGS:
        raise strict.BadValue("rating is not one of 1, 2, 3, 4, s")
    return Review(
        item_kind=cast(ItemKind, kind),
        item_id=strict.doc_id(doc.get("item_id"), "item_id"),
        day=_required_day(doc.get("day"), "day"),
        rating=_RATINGS[rating],
        interval_before=strict.interval(doc.get("interval_before"), "interval_before"),
        interval_after=strict.interval(doc.get("interval_after"), "interval_after"),
        due_after=_required_day(doc.get("due_after"), "due_after"),
        ease_before=_ease(doc, "ease_before"),
        ease_after=_ease(doc, "ease_after"),
        belief=_optional_belief(doc, "belief"),
        answer=_text(doc, "answer"),
        **_stamps_from(doc),
    )


#: The id of the one safety plan: made alike on every machine, so two machines' plans are one record.
SAFETY_PLAN_ID = derived_id("safety-plan", "plan")


def safety_plan_to_doc(p: SafetyPlan) -> Doc:
    """Return the stored document of the safety plan: every part a field of its own (``PART_PREFIX`` + id)."""
    return {
        **_stamps(p),
        "reviewed_on": day_to_str(p.reviewed_on),
        "warning_signs": list(p.warning_signs),
        **{PART_PREFIX + part_id: text for part_id, text in p.parts.items()},
    }


def safety_plan_from_doc(doc: Mapping[str, Any]) -> SafetyPlan:
    """Return the safety plan stored in ``doc``; a part this version does not know is read and kept too.

    Unlike other records, one unreadable answer does not make the plan unreadable: the plan is one
    record, and hiding it whole would hide every part. A part that cannot be read (a newer version's
    shape, a hand edit) is left out of what is shown and stays in the file; an unreadable look-over
    day or sign list reads as none. The id and times are read strictly, as for every record.
    """
    parts: dict[str, str] = {}
    for key in doc:
        if isinstance(key, str) and key.startswith(PART_PREFIX):
            try:
                part_id = strict.content_id(key[len(PART_PREFIX) :], key)
                parts[part_id] = _text(doc, key)
            except strict.BadValue:
                continue  # left in the record as it is (``SafetyPlans`` saves it back), never shown as a part
    return SafetyPlan(
        parts=parts,
        reviewed_on=_or_none(lambda: day_from_str(doc.get("reviewed_on"), "reviewed_on")),
        warning_signs=_or_none(lambda: _ids(doc.get("warning_signs"), "warning_signs")) or (),
        **_stamps_from(doc),
        clock=doc.get("clock"),
    )


def _or_none(read: Callable[[], Any]) -> Any:
    """What ``read`` reads, or None for a value it refuses: one odd answer never hides the whole plan."""
    try:
        return read()
    except strict.BadValue:
        return None


#: Table name -> (to document, from document) for the journal tables.
CONVERTERS: dict[str, tuple[Callable[[Any], Doc], Callable[[Mapping[str, Any]], Any]]] = {
    "checkins": (checkin_to_doc, checkin_from_doc),
    "reframes": (reframe_to_doc, reframe_from_doc),
    "plan": (plan_item_to_doc, plan_item_from_doc),
    "reviews": (review_to_doc, review_from_doc),
    "safety": (safety_plan_to_doc, safety_plan_from_doc),
}

"""Conversion between the dataclasses of ``state.model`` and stored documents.

On disk every date is an ISO string (``"2026-11-25"``), every timestamp a UTC
ISO-8601 string with a ``Z`` (``"2026-11-25T23:30:00Z"``), tuples are lists and
a ``Rating`` is its value (``"3"``, ``"s"``). A ``Schedule`` is stored nested
under the key ``"schedule"`` (``{"interval", "ease", "reps", "lapses", "due",
"last_review"}``) so a plan item or reframe document reads as it is modelled.

Reading is tolerant of what a newer or older version may add or leave out:
unknown keys are ignored and missing ones take the dataclass default. A value
of the wrong type raises ``ValueError`` (the import turns it into a plain
message).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from typing import Any

from state.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule

Document = dict[str, Any]


def new_id() -> str:
    """Return a fresh document id (uuid4 hex)."""
    return uuid.uuid4().hex


def utc_stamp(moment: datetime) -> str:
    """Return ``moment`` as ``"2026-11-25T23:30:00Z"`` (it must be timezone-aware)."""
    if moment.tzinfo is None:
        raise ValueError("timestamps need a timezone-aware datetime")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_to_str(day: date | None) -> str | None:
    """Return ``day`` as an ISO string (None stays None)."""
    if day is None:
        return None
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ValueError(f"expected a date, not {day!r}")
    return day.isoformat()


def day_from_str(value: Any) -> date | None:
    """Parse an ISO day string (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, not {value!r}")
    return date.fromisoformat(value)


def _required_day(value: Any, key: str) -> date:
    day = day_from_str(value)
    if day is None:
        raise ValueError(f"{key} is missing")
    return day


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings")
    return tuple(value)


def _text(doc: Mapping[str, Any], key: str, default: str = "") -> str:
    value = doc.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


def _optional_text(doc: Mapping[str, Any], key: str) -> str | None:
    value = doc.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


def _int(doc: Mapping[str, Any], key: str, default: int | None = None) -> int:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key} must be a whole number")
    return value


def _optional_int(doc: Mapping[str, Any], key: str) -> int | None:
    value = doc.get(key)
    if value is None:
        return None
    return _int(doc, key)


def _float(doc: Mapping[str, Any], key: str, default: float) -> float:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{key} must be a number")
    return float(value)


def _stamps(obj: Any) -> Document:
    return {"id": obj.id, "created_at": obj.created_at, "updated_at": obj.updated_at, "rev": obj.rev}


def _stamps_from(doc: Mapping[str, Any]) -> dict[str, Any]:
    # ``rev`` counts the writes of a document; one written before revisions existed reads as 0.
    return {**{key: _text(doc, key) for key in ("id", "created_at", "updated_at")}, "rev": _int(doc, "rev", 0)}


def schedule_to_doc(s: Schedule) -> Document:
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
        raise ValueError("schedule must be an object")
    return Schedule(
        interval=_int(doc, "interval", 1),
        ease=_float(doc, "ease", 2.5),
        reps=_int(doc, "reps", 0),
        lapses=_int(doc, "lapses", 0),
        due=day_from_str(doc.get("due")),
        last_review=day_from_str(doc.get("last_review")),
    )


def checkin_to_doc(c: Checkin) -> Document:
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
        mood=_int(doc, "mood"),
        intensity=_int(doc, "intensity"),
        signs=_strings(doc.get("signs"), "signs"),
        causes=_strings(doc.get("causes"), "causes"),
        note=_text(doc, "note"),
        gratitude=_text(doc, "gratitude"),
        **_stamps_from(doc),
    )


def plan_item_to_doc(p: PlanItem) -> Document:
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
        raise ValueError("paused must be true or false")
    return PlanItem(
        practice_id=_text(doc, "practice_id"),
        adopted_on=_required_day(doc.get("adopted_on"), "adopted_on"),
        schedule=schedule_from_doc(doc.get("schedule")),
        paused=paused,
        removed_at=_optional_text(doc, "removed_at"),
        **_stamps_from(doc),
    )


def reframe_to_doc(r: Reframe) -> Document:
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
        cause_id=_optional_text(doc, "cause_id"),
        distortions=_strings(doc.get("distortions"), "distortions"),
        belief_before=_optional_int(doc, "belief_before"),
        evidence_for=_text(doc, "evidence_for"),
        evidence_against=_text(doc, "evidence_against"),
        belief_after=_optional_int(doc, "belief_after"),
        day=day_from_str(doc.get("day")),
        schedule=schedule_from_doc(doc.get("schedule")),
        deleted_at=_optional_text(doc, "deleted_at"),
        **_stamps_from(doc),
    )


def review_to_doc(r: Review) -> Document:
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
    if kind not in ("practice", "reframe"):
        raise ValueError("item_kind must be practice or reframe")
    return Review(
        item_kind=kind,
        item_id=_text(doc, "item_id"),
        day=_required_day(doc.get("day"), "day"),
        rating=Rating(doc.get("rating")),
        interval_before=_int(doc, "interval_before"),
        interval_after=_int(doc, "interval_after"),
        due_after=_required_day(doc.get("due_after"), "due_after"),
        ease_before=_float(doc, "ease_before", 2.5),
        ease_after=_float(doc, "ease_after", 2.5),
        belief=_optional_int(doc, "belief"),
        answer=_text(doc, "answer"),
        **_stamps_from(doc),
    )


#: Table name -> (to document, from document) for the four journal tables.
CONVERTERS: dict[str, tuple[Callable[[Any], Document], Callable[[Mapping[str, Any]], Any]]] = {
    "checkins": (checkin_to_doc, checkin_from_doc),
    "reframes": (reframe_to_doc, reframe_from_doc),
    "plan": (plan_item_to_doc, plan_item_from_doc),
    "reviews": (review_to_doc, review_from_doc),
}

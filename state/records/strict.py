"""The strict reader: what a stored value may be, for everything that enters the journal.

Opening the journal, importing an export and migrating an older file all read
documents through ``state.records.convert``, and ``state.records.convert`` checks every value
here. A value that fails raises ``BadValue`` (a ``ValueError``) with a short
reason naming the field ("ease is not a number"): on open the document is left
out and counted among those that could not be read; on import the record is
skipped and named in the summary.

The rules:

- numbers are finite (no NaN, no Infinity) and within their range: ease
  ``EASE_RANGE`` (1.3..3.0), intervals 0..``INTERVAL_MAX`` days (100 years),
  belief 0..100, mood 1..5, intensity 0..10, counts (reps, lapses, scores) 0 or
  more; every whole number fits in 64 bits (``INT64_RANGE``);
- text is a ``str`` that can be written as UTF-8 (no lone surrogates);
- a document id is 32 lowercase hex digits, a uuid4 as ``new_id`` makes it
  (``ID_PATTERN``);
- a content id (a cause, practice, sign, manifestation or distortion the
  library names) is one to four parts joined by ``.``, each lowercase letters
  and digits joined by ``-``: ``perfectionism``, ``perfectionism.good-enough``,
  ``childhood-criticism.shows.fear-of-mistakes`` (``CONTENT_ID_PATTERN``, at
  most 80 characters; the library's longest has three parts and 47 characters);
- a day is ``YYYY-MM-DD`` and exists (``2026-02-30`` does not); a timestamp
  is ``YYYY-MM-DDTHH:MM:SSZ`` (UTC) and exists.

The checks are on the values, whichever JSON parser read them: orjson refuses
NaN and integers past 64 bits while parsing, Python's json accepts both, and
both end here.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

ID_PATTERN = r"[0-9a-f]{32}"
CONTENT_ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*){0,3}"
CONTENT_ID_MAX = 80
INT64_RANGE = (-(2**63), 2**63 - 1)
INTERVAL_MAX = 36500
EASE_RANGE = (1.3, 3.0)
# Scheduler arithmetic in floats may land a hair outside the bounds.
_EASE_SLACK = 1e-9
_EASE_LOW, _EASE_HIGH = EASE_RANGE[0] - _EASE_SLACK, EASE_RANGE[1] + _EASE_SLACK

_ID = re.compile(ID_PATTERN)
_CONTENT_ID = re.compile(CONTENT_ID_PATTERN)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


class BadValue(ValueError):
    """A stored value that breaks the rules; ``str()`` is a reason a person can read."""


def whole(value: Any, key: str, low: int = INT64_RANGE[0], high: int = INT64_RANGE[1]) -> int:
    """``value`` if it is a whole number from ``low`` to ``high`` (never a bool)."""
    if type(value) is int and low <= value <= high:  # the usual case, first: a journal has 20,000 reviews
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"{key} is not a whole number")
    if not low <= value <= high:
        raise BadValue(f"{key} is {_too(value, low)} (it must be from {low} to {high})")
    return value


def count(value: Any, key: str) -> int:
    """A count: a whole number, zero or more, within 64 bits."""
    return whole(value, key, 0, INT64_RANGE[1])


def number(value: Any, key: str, low: float, high: float, slack: float = 0.0) -> float:
    """``value`` as a float if it is a finite number from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValue(f"{key} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadValue(f"{key} is not a number")
    if not low - slack <= value <= high + slack:  # compared before float(): a huge int cannot overflow
        raise BadValue(f"{key} is {_too(value, low)} (it must be from {low} to {high})")
    return float(value)


def ease(value: Any, key: str) -> float:
    """An ease: a finite number from 1.3 to 3.0."""
    if type(value) is float and _EASE_LOW <= value <= _EASE_HIGH:  # NaN fails every comparison
        return value
    return number(value, key, *EASE_RANGE, slack=_EASE_SLACK)


def interval(value: Any, key: str) -> int:
    """An interval in days: a whole number from 0 to ``INTERVAL_MAX``."""
    return whole(value, key, 0, INTERVAL_MAX)


def text(value: Any, key: str) -> str:
    """``value`` if it is text that UTF-8 can hold (no lone surrogates)."""
    if not isinstance(value, str):
        raise BadValue(f"{key} is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadValue(f"{key} holds a character that is not valid text") from None
    return value


def doc_id(value: Any, key: str = "id") -> str:
    """A document id: 32 lowercase hex digits."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise BadValue(f"{key} is not a rootwork id")
    return value


def content_id(value: Any, key: str) -> str:
    """The id of a cause, practice, sign or distortion (``perfectionism.good-enough``)."""
    if not isinstance(value, str) or len(value) > CONTENT_ID_MAX or not _CONTENT_ID.fullmatch(value):
        raise BadValue(f"{key} is not a library id")
    return value


def is_content_id(value: Any) -> bool:
    """Whether ``value`` has the shape of a content id."""
    return isinstance(value, str) and len(value) <= CONTENT_ID_MAX and _CONTENT_ID.fullmatch(value) is not None


def day(value: Any, key: str) -> date:
    """A local day written ``YYYY-MM-DD`` that exists."""
    if not isinstance(value, str):
        raise BadValue(f"{key} is not a date")
    parsed = _day(value)
    if parsed is None:
        raise BadValue(f"{key} is not a real date" if _DAY.fullmatch(value) else f"{key} is not a date")
    return parsed


def stamp(value: Any, key: str) -> str:
    """A UTC timestamp written ``YYYY-MM-DDTHH:MM:SSZ`` that exists."""
    if not isinstance(value, str):
        raise BadValue(f"{key} is not a time")
    if not _stamp_ok(value):
        raise BadValue(f"{key} is not a real time" if _STAMP.fullmatch(value) else f"{key} is not a time")
    return value


# A journal repeats its days and times thousands of times: each distinct one is parsed once.
@lru_cache(maxsize=16384)
def _day(value: str) -> date | None:
    if not _DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def _stamp_ok(value: str) -> bool:
    if not _STAMP.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value[:-1])
    except ValueError:
        return False
    return True


def _too(value: float, low: float) -> str:
    return "too small" if value < low else "too large"

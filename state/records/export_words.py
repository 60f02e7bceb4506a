"""Words for exports and the command line: dates, names and single lines, safe on a terminal.

Whatever the journal holds (an imported id, an old note), what these return
has no terminal control characters: escape sequences, C0 and C1 controls and
DEL are removed (``state.records.text.remove_controls``), so printing it can never move
the cursor, retitle the window or hide text.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from rootwork.content.model import Library
from rootwork.state.records.day_names import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS
from rootwork.state.records.model import PlanItem, Reframe
from rootwork.state.records.text import remove_controls, shorten

ONE_LINE_MAX = 80
# DEL and the C1 controls: json.dumps escapes C0 but writes these as they are.
_JSON_RAW_CONTROLS = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def long_date(day: date) -> str:
    """``day`` with weekday and year in fixed English: 'Wed 25 Nov 2026' (no locale surprises)."""
    return f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def one_line(text: str, limit: int | None = ONE_LINE_MAX) -> str:
    """``text`` on a single line without control characters, cut to ``limit`` characters with '…'."""
    flat = " ".join(remove_controls(text).split())
    return flat if limit is None else shorten(flat, limit)


def practice_name(practice_id: str, library: Library) -> str:
    """The library's name of a practice; its id when the library no longer has it."""
    try:
        return library.practice(practice_id).name
    except KeyError:
        return practice_id


def cause_title(cause_id: str, library: Library) -> str:
    """The library's title of a cause; its id when the library no longer has it."""
    try:
        return library.cause(cause_id).title
    except KeyError:
        return cause_id


def sign_title(sign_id: str, library: Library) -> str:
    """The library's title of a sign; its id when the library no longer has it."""
    try:
        return library.sign(sign_id).title
    except KeyError:
        return sign_id


def item_title(item: PlanItem | Reframe, library: Library, limit: int | None = ONE_LINE_MAX) -> str:
    """What a due item is called on one line: a practice by its library name, a reframe by the critic's words."""
    if isinstance(item, PlanItem):
        return one_line(practice_name(item.practice_id, library), limit)
    return one_line(item.critic, limit)


def item_kind(item: PlanItem | Reframe) -> str:
    """'practice' or 'reframe', as stored in reviews."""
    return "practice" if isinstance(item, PlanItem) else "reframe"


def plain(text: str) -> str:
    """``text`` without terminal controls, its line breaks kept (``\\r\\n`` and ``\\r`` become ``\\n``)."""
    return remove_controls(text)


def json_text(data: Any, **options: Any) -> str:
    """``json.dumps`` (UTF-8 kept as is) with DEL and C1 controls escaped as ``\\u0085``: still the same JSON
    value, but never a raw control on a terminal."""
    return json.dumps(data, ensure_ascii=False, **options).translate(_JSON_RAW_CONTROLS)

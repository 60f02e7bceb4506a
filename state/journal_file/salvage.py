"""What can still be read of a damaged journal file: every record whose JSON is whole.

A journal cut short by a sync tool stopped mid-copy, or with a stretch of it
overwritten, is no longer one JSON value, but most of its records usually
are. ``salvage`` finds each table by its key (``"checkins":{``: JSON escapes
every quote inside a string, so that text can only be a key) and reads the
table's records one by one with the standard JSON decoder. Where a record
cannot be read, it skips to the next ``,"<number>":{`` (again a sequence no
string can hold) before the next table begins, and reads on from there.

Only whole records are kept: a JSON object, with valid UTF-8 throughout, and
for a journal table a string ``id``. The strict reader still checks every
record when the journal opens, as it checks any journal. Nothing here knows
what a record means; the caller merges what was found with a backup by the
one merge rule (``state.sync.merge``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from rootwork.state.journal_file.layout import Journal

__all__ = ["salvage"]

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_NEXT_RECORD = re.compile(r',[ \t\n\r]*"[0-9]+"[ \t\n\r]*:[ \t\n\r]*\{')


def salvage(payload: bytes, tables: Iterable[str]) -> Journal:
    """The whole records of ``tables`` found in the damaged journal ``payload``, by table, keyed 1, 2, ...

    Every whole record is kept, even two of one id (an older copy's tail after
    a newer one's start): the merge that follows keeps the newest version.
    ``meta`` documents are kept when they are objects with a ``kind``; the
    documents of other tables when they have a string ``id``. A table with
    no whole record is left out.
    """
    text = payload.decode("utf-8", errors="surrogateescape")
    starts = sorted(
        (match.end(), name)
        for name in tables
        for match in re.finditer(r'"' + re.escape(name) + r'"[ \t\n\r]*:[ \t\n\r]*\{', text)
    )
    found: Journal = {}
    for number, (start, name) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        table = found.setdefault(name, {})
        for _key, doc in _records(text, start, end):
            if _whole(name, doc):  # keyed anew: a table may appear twice (a copy stopped mid-way over an older one)
                table[str(len(table) + 1)] = doc
    return {name: table for name, table in found.items() if table}


def _records(text: str, position: int, end: int) -> Iterable[tuple[str, Any]]:
    """Each ``key: value`` of the object whose ``{`` ends just before ``position``, up to ``end``."""
    while position < end:
        try:
            position = _after_space(text, position)
            if text.startswith("}", position):
                # The table's end, or damage that closed it early: records may still follow before the next table.
                following = _NEXT_RECORD.search(text, position, end)
                if following is None:
                    return
                position = following.start() + 1
                continue
            key, position = _DECODER.raw_decode(text, position)
            position = _after_space(text, position)
            if not isinstance(key, str) or not text.startswith(":", position):
                raise ValueError("not a key")
            position = _after_space(text, position + 1)
            value, after = _DECODER.raw_decode(text, position)
            if after > end:
                raise ValueError("runs into the next table")
            if isinstance(value, dict) and any(k.isdigit() and isinstance(v, dict) for k, v in value.items()):
                # Its closing brace was damaged, so it swallowed the records after it: read those instead.
                raise ValueError("holds the records after it")
            yield key, value
            position = _after_space(text, after)
            if text.startswith(",", position):
                position += 1
            elif not text.startswith("}", position):
                raise ValueError("no comma")
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser follows
            following = _NEXT_RECORD.search(text, position + 1, end)
            if following is None:
                return
            position = following.start() + 1


def _after_space(text: str, position: int) -> int:
    """Where the JSON whitespace from ``position`` ends (``position`` itself when there is none)."""
    match = _SPACE.match(text, position)  # the pattern matches the empty string too, so never None
    return position if match is None else match.end()


def _whole(table: str, doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    try:  # a stretch of bad bytes inside a string decodes to lone surrogates
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    if table == "meta":
        return isinstance(doc.get("kind"), str)
    return isinstance(doc.get("id"), str)

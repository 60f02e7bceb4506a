"""Parsing the file given to ``rootwork import`` (or a conflict copy) as JSON, strictly.

The file itself is read by ``state.files.regular_file`` (a regular file of at most
``MAX_FILE_BYTES``). Parsing is done by Python's json, whichever parser the
journal itself uses, so an export reads the same everywhere; the values are
then checked by the strict reader (``state.records.strict``), not by the parser:
``NaN``, ``Infinity`` and an integer of any length parse here (a number of
more than 40 digits becomes 2**64, which no field accepts) and are refused
there, record by record. Two things are refused here, for the whole file:

- an object with the same key twice (``DuplicateKey``): which one was meant
  cannot be known, and a reader that kept the last would read it differently
  from one that kept the first;
- nesting so deep that the parser gives up (``TooDeep``, about a thousand
  levels: an export nests six deep), named as such rather than as "not JSON".
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["DuplicateKey", "NotJSON", "TooDeep", "parse_import"]

# Longer integer literals are not parsed digit by digit (Python refuses past 4300 digits):
# they become a value no field accepts, so the record is skipped and named, not the file.
_LONGEST_INT = 40
_TOO_BIG = 2**64


class NotJSON(Exception):
    """The bytes are not UTF-8 JSON."""

    @property
    def words(self) -> str:
        """What is wrong with the file, to follow its name: 'is not JSON'."""
        return "is not JSON"


class TooDeep(NotJSON):
    """The JSON nests arrays or objects deeper than the parser can follow."""

    @property
    def words(self) -> str:
        return "is JSON nested too deeply to be read (lists or objects inside each other, over a thousand levels)"


class DuplicateKey(NotJSON):
    """An object in the JSON holds the same key twice; ``key`` is that key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    @property
    def words(self) -> str:
        key = self.key if len(self.key) <= 40 else self.key[:39] + "…"
        return f'has the key "{key}" twice in one object, so which value was meant cannot be known'


def _parse_int(text: str) -> int:
    return int(text) if len(text.lstrip("-")) <= _LONGEST_INT else _TOO_BIG


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKey(key)
        found[key] = value
    return found


def parse_import(payload: bytes) -> Any:
    """The JSON value of ``payload``; ``NotJSON`` (``TooDeep``, ``DuplicateKey``) when it is not one we read."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise NotJSON() from None
    try:
        return json.loads(text, parse_int=_parse_int, object_pairs_hook=_no_duplicates)
    except DuplicateKey:
        raise
    except RecursionError:  # the parser recurses once per level, until Python's limit stops it
        raise TooDeep() from None
    except ValueError:
        raise NotJSON() from None

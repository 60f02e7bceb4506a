"""Keeping the objects of a journal that did not change when its file is read again.

Another process's write replaces the whole file, so a re-read parses every
document anew. ``reuse_unchanged`` puts back the previous table (or document)
object wherever the new one is equal to it: the store's views then see the
very same dicts, keep their converted entries and their revision, and only the
tables that really changed are rebuilt.
"""

from __future__ import annotations

from typing import Any


def reuse_unchanged(new: dict[str, Any], old: dict[str, Any] | None) -> tuple[dict[str, Any], bool]:
    """Return ``new`` sharing every table and document equal to ``old``'s, and whether anything differs.

    ``new`` is changed in place (it was just parsed, so nothing else holds it);
    ``old`` is only read.
    """
    if old is None:
        return new, True
    changed = new.keys() != old.keys()
    for name, table in new.items():
        before = old.get(name)
        if not isinstance(table, dict) or not isinstance(before, dict):
            changed = changed or table != before
            continue
        if table == before:
            new[name] = before
            continue
        changed = True
        new[name] = {key: before[key] if key in before and before[key] == doc else doc for key, doc in table.items()}
    return new, changed

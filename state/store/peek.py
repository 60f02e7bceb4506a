"""A setting read from the journal file without opening the store: no lock, no repair, no passphrase.

For the command line's checks of its arguments before anything is opened
(``rootwork checkin --date``: is that day still to come?). The journal keeps
its settings in the ``meta`` table as a ``{"kind": "settings", "values": {...}}``
document (``Store.set_setting``); this reads the same place.
"""

from __future__ import annotations

from pathlib import Path

from rootwork.state.files.locations import database_path
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular
from rootwork.state.journal_file.storage import parse
from rootwork.state.records.days import DEFAULT_DAY_START_HOUR
from rootwork.state.records.settings import DAY_START_RANGE


def peek_day_start_hour(data_dir: Path) -> int:
    """The journal's day start hour, read without opening, locking or repairing it.

    The default when there is no journal yet; 0 when it cannot be read (damaged,
    odd, or encrypted), so only days surely to come are refused before the
    journal is opened.
    """
    try:
        raw = read_regular(database_path(data_dir))
    except FileNotFoundError:
        return DEFAULT_DAY_START_HOUR
    except (OSError, ValueError, NotRegularFile, TooLarge):
        return 0
    try:
        meta = parse(raw).get("meta") or {}
        settings = [doc for doc in meta.values() if isinstance(doc, dict) and doc.get("kind") == "settings"]
        hour = settings[0].get("values", {}).get("day_start_hour") if settings else None
    except Exception:  # any damage: the recovery on opening deals with it
        return 0
    if hour is None:
        return DEFAULT_DAY_START_HOUR
    low, high = DAY_START_RANGE
    return hour if isinstance(hour, int) and not isinstance(hour, bool) and low <= hour <= high else 0

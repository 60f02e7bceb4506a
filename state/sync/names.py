"""Which files beside the journal are conflict copies a sync tool left, by their names.

When both machines changed ``rootwork.json`` between syncs, the sync tool
keeps one side's file under another name:

- Syncthing: ``rootwork.sync-conflict-20260301-081500-ABCDEF7.json``
  (date, time, the first seven characters of the device id);
- Dropbox: ``rootwork (Ana's conflicted copy 2026-03-01).json``, and when that
  name is taken ``rootwork (Ana's conflicted copy 2026-03-01) (1).json`` or
  ``rootwork (Ana's conflicted copy 2026-03-01 (1)).json``;
- Nextcloud / ownCloud: ``rootwork (conflicted copy 2026-03-01 081500).json``
  (newer clients put the user's name before the date);
- rootwork itself: ``rootwork.displaced-20260301-081500.json`` (``-2``, ...
  when taken), the file another program renamed over the journal while
  rootwork was saving (``state.files.atomic.replace_checked``), kept to be merged
  back like any conflict copy (``displaced_name``).

The date in the name must be a real one. Only regular files count, never a
symlink (it could point anywhere) nor a folder; the size cap is the import's
(``MAX_FILE_BYTES``) and is checked when the copy is read.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, datetime
from pathlib import Path

#: The style of a copy rootwork kept itself: a file renamed over the journal while it was saving.
DISPLACED = "rootwork"
_DATE = r"(?P<date>\d{4}-\d{2}-\d{2})"
_STYLES = {
    "Syncthing": re.compile(r"rootwork\.sync-conflict-(?P<date>\d{8})-(?P<time>\d{6})-[A-Z2-7]{7}\.json"),
    "Dropbox": re.compile(
        r"rootwork \((?P<who>[^()/]{1,100})[’']s conflicted copy "
        + _DATE
        + r"(?: \(\d{1,4}\))?\)(?: \(\d{1,4}\))?\.json"
    ),
    "Nextcloud": re.compile(r"rootwork \(conflicted copy (?:[^()/]{1,100} )?" + _DATE + r" (?P<time>\d{6})\)\.json"),
    DISPLACED: re.compile(r"rootwork\.displaced-(?P<date>\d{8})-(?P<time>\d{6})(?:-\d{1,4})?\.json"),
}


def displaced_name(moment: datetime, n: int = 1) -> str:
    """The name of the ``n``-th file kept at ``moment`` (UTC) after it was renamed over the journal during a save."""
    return f"rootwork.displaced-{moment.astimezone(UTC):%Y%m%d-%H%M%S}{'' if n == 1 else f'-{n}'}.json"


def conflict_style(name: str) -> str | None:
    """Whose conflict-copy name ``name`` is (``"Syncthing"``, ``"Dropbox"``, ``"Nextcloud"``, ``DISPLACED``), or None."""
    for style, pattern in _STYLES.items():
        found = pattern.fullmatch(name)
        if found is None:
            continue
        day = found["date"].replace("-", "")
        moment = day + (found.groupdict().get("time") or "000000")
        try:
            datetime.strptime(moment, "%Y%m%d%H%M%S")
        except ValueError:
            return None
        return style
    return None


def conflict_copies(data_dir: Path) -> list[Path]:
    """The conflict copies of the journal in ``data_dir``: regular files (not symlinks), in name order."""
    try:
        names = sorted(os.listdir(data_dir))
    except OSError:
        return []
    found = []
    for name in names:
        if conflict_style(name) is None:
            continue
        path = Path(data_dir) / name
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue
        if stat.S_ISREG(mode):
            found.append(path)
    return found

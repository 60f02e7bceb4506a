"""Syncthing's ``.stignore``: which paths of a Syncthing folder it leaves out of the sync.

``rootwork doctor`` (``state.encryption.privacy_check``) asks whether the files
that belong to one machine alone are left out. The patterns are read as
Syncthing documents them: ``*``, ``**``, ``?``, ``[...]``, ``{a,b}``, a leading
``/`` anchors, ``!`` keeps a path in, ``(?i)`` ignores case, ``#include`` reads
another file (four deep at most); the first pattern matching a path, or a folder
it is in, decides.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular

STFOLDER, STIGNORE = ".stfolder", ".stignore"
STIGNORE_LIMIT = 1024 * 1024  # an .stignore longer than this is not read


def syncthing_root(path: Path) -> Path | None:
    """The Syncthing folder ``path`` is in (the nearest folder at or above it holding ``.stfolder``), resolved."""
    for base in dict.fromkeys((Path(path), Path(os.path.realpath(path)))):
        for folder in (base, *base.parents):
            if os.path.lexists(folder / STFOLDER):
                return Path(os.path.realpath(folder))
    return None


def read_ignore(path: Path, depth: int = 0) -> list[tuple[re.Pattern[str], bool]]:
    """The patterns of a ``.stignore`` and the files it ``#include``s, in order, each with whether it is ``!``."""
    raw = read_regular(path, STIGNORE_LIMIT)  # the user's own file, only read: a link to it is followed
    patterns = []
    for line in raw.decode("utf-8").splitlines():
        line = line.strip()
        if line.startswith("#include") and depth < 4:
            try:
                patterns += read_ignore(path.parent / line[len("#include") :].strip(), depth + 1)
            except (OSError, NotRegularFile, TooLarge, UnicodeDecodeError):
                pass
        elif line and not line.startswith(("//", "#")) and (compiled := compile_pattern(line)) is not None:
            patterns.append(compiled)
    return patterns


def compile_pattern(line: str) -> tuple[re.Pattern[str], bool] | None:
    """A Syncthing pattern as a regular expression over paths in its folder, and whether it is ``!``."""
    negated, flags = False, 0
    while line.startswith(("!", "(?i)", "(?d)")):
        negated = negated or line.startswith("!")
        flags |= re.IGNORECASE if line.startswith("(?i)") else 0
        line = line[1:] if line.startswith("!") else line[4:]
    anchored, body = line.startswith("/"), line.strip("/")
    out, i = [], 0
    while i < len(body):
        char, end = body[i], i + 1
        if body.startswith("**", i):
            out.append(".*")
            end = i + 2
        elif char in "*?":
            out.append("[^/]*" if char == "*" else "[^/]")
        elif char == "[" and (close := body.find("]", i + 2)) > 0:
            inner = body[i + 1 : close]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
            end = close + 1
        elif char == "{" and (close := body.find("}", i)) > 0:
            out.append("(?:" + "|".join(re.escape(part) for part in body[i + 1 : close].split(",")) + ")")
            end = close + 1
        elif char == "\\" and i + 1 < len(body):
            out.append(re.escape(body[i + 1]))
            end = i + 2
        else:
            out.append(re.escape(char))
        i = end
    try:
        return (re.compile(("" if anchored else "(?:.*/)?") + "".join(out), flags), negated) if out else None
    except re.error:
        return None


def ignored(patterns: list[tuple[re.Pattern[str], bool]], relative: str) -> bool:
    """Whether Syncthing leaves out ``relative``: the first pattern matching it, or a folder it is in, decides."""
    parts = relative.split("/")
    for count in range(1, len(parts) + 1):
        prefix = "/".join(parts[:count])
        negated = next((negated for pattern, negated in patterns if pattern.fullmatch(prefix)), None)
        if negated is False:
            return True
    return False

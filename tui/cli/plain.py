"""``--plain`` (and ``TERM=dumb``): what a command prints, without symbols a screen reader reads out oddly.

Commands print plain lines already (no colour, no boxes, no cursor movement);
a few lines carry symbols (✓ done, • a bullet, “curly quotes”, → an arrow, …).
With ``--plain``, or on a terminal that says it is dumb, standard output is
written through ``PlainOutput``, which puts plain words or ASCII in their
place. Only what a person reads is changed: JSON, Markdown and exports are
data for programs and go out as stored. ``NO_COLOR`` needs nothing here: no
command prints colour.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

__all__ = ["PLAIN_SYMBOLS", "PlainOutput", "plain_output", "plain_symbols", "wants_plain"]

#: Each symbol and what plain output says instead.
PLAIN_SYMBOLS = {
    "✓": "done:",
    "•": "-",
    "◆": "*",
    "·": "-",
    "→": "->",
    "←": "<-",
    "↺": "rehearsed",
    "✎": "written",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
    "—": "-",
    "–": "-",
}
_TABLE = str.maketrans(PLAIN_SYMBOLS)


def plain_symbols(text: str) -> str:
    """``text`` with each symbol of ``PLAIN_SYMBOLS`` in plain words or ASCII."""
    return text.translate(_TABLE)


class PlainOutput(io.TextIOBase):
    """A text stream that writes through ``plain_symbols`` to another; everything else is the other's."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(plain_symbols(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def writable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:  # buffer, encoding, errors: the stream's own
        return getattr(self.stream, name)


def wants_plain(args: object) -> bool:
    """``--plain`` was given, or output goes to a terminal that says it is dumb (``TERM=dumb``).

    Never for what a program reads (``--json``, ``--markdown``, an export): those keep every
    character as stored, the person's words above all.
    """
    if getattr(args, "json", False) or getattr(args, "markdown", False) or getattr(args, "command", "") == "export":
        return False
    if getattr(args, "plain", False):
        return True
    return os.environ.get("TERM") == "dumb" and sys.stdout is not None and sys.stdout.isatty()


@contextmanager
def plain_output(active: bool) -> Iterator[None]:
    """Standard output through ``PlainOutput`` while the command runs, when ``active``."""
    if not active or sys.stdout is None:
        yield
        return
    before = sys.stdout
    sys.stdout = PlainOutput(before)
    try:
        yield
    finally:
        sys.stdout = before

"""Cleaning what the user types before it is stored.

User text is data: it is stored as typed, except for terminal control
characters, which could move the cursor, retitle the window or hide text when
shown in a terminal. Emoji (with ZWJ), combining marks, right-to-left scripts
and bidi formatting characters are text and are kept as typed; the UI always
shows stored text literally, never as markup.

Limits: ``NOTE_MAX`` for a check-in note, gratitude, the critic's words, a
reframe and a rehearsal answer; ``FIELD_MAX`` for the longer free-text fields of
a thought record (situation, evidence for and against); ``SHORT_MAX`` for ids,
names and one-line values.
"""

from __future__ import annotations

import re

from rootwork.state.records.errors import ValidationError

__all__ = [
    "FIELD_MAX",
    "NOTE_MAX",
    "SHORT_MAX",
    "ValidationError",
    "clean_text",
    "first_words",
    "remove_controls",
    "shorten",
]

NOTE_MAX = 10_000
FIELD_MAX = 20_000
SHORT_MAX = 200

# Escape sequences are removed whole, so that no "[31m" or "]0;title" remnant
# survives as text once the ESC itself is gone. Both the 7-bit (ESC x) and the
# 8-bit C1 introducers are recognised.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?        # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])                        # OSC, DCS, SOS, PM, APC
      .*? (?:\x07|\x1b\\|\x9c|\Z)                                    # ... up to BEL or ST (or the end)
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                 # any other ESC sequence
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, and lone surrogates
# (which cannot be encoded as UTF-8 and so could never be saved).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def remove_controls(text: str) -> str:
    """``text`` without escape sequences and control characters; ``\\r\\n`` and ``\\r`` become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def clean_text(value: str, *, max_len: int, field: str) -> str:
    """Return ``value`` without terminal controls, with ``\\n`` line ends and no surrounding blanks.

    Raises ``ValidationError`` when the value is not text or is longer than
    ``max_len`` characters once cleaned.
    """
    if not isinstance(value, str):
        raise ValidationError(field, f"The {field} must be text.")
    text = remove_controls(value).strip()
    if len(text) > max_len:
        raise ValidationError(field, f"The {field} is {len(text):,} characters; the limit is {max_len:,}.")
    return text


def shorten(text: str, width: int, *, trim: bool = True) -> str:
    """``text`` cut to ``width`` characters with an ellipsis when it is longer.

    The one place text is cut to fit: table columns, one-line summaries, echoes in
    messages. ``trim`` drops the spaces the cut leaves before the ellipsis.
    """
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    return (cut.rstrip() if trim else cut) + "…"


def first_words(text: str, width: int = 60) -> str:
    """The first line of ``text``, cut at a word to at most ``width`` characters with an ellipsis."""
    stripped = text.strip()
    line = stripped.splitlines()[0] if stripped else ""
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"

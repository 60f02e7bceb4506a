"""Hostile text: markup, terminal controls, tricky Unicode and whitespace, alone and combined.

``CORPUS`` holds every piece alone, each piece wrapped in ordinary words, pairs
of pieces from two different families (each piece with two partners, chosen by
rotation rather than the full product, to keep pilot tests fast) and triples of
markup, control and Unicode, so that a string harmless alone but breaking
something next to another one is still tried.
``HUGE_PASTE`` is a one-megabyte paste, beyond every field's limit.
"""

from __future__ import annotations

MARKUP = (
    "[/]",
    "[bold]",
    "[b]bold?[/b]",
    "[@click=app.quit]x[/]",
    "[@click=app.exit()]",
    "[$accent]",
    "[$accent]coloured[/]",
    "[link=https://example.com]x[/link]",
    "[",
    "]",
    "[[",
    "]]",
    "[unclosed",
    "closed]",
    "[/bold]",
    "\\[escaped]",
    "$text-muted",
    "{0}{name}%s",
)

CONTROLS = (
    "\x1b",  # ESC alone
    "\x1b[31mred",  # CSI colour
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]0;new title\x07",  # OSC window title
    "\x1b]52;c;SGVsbG8=\x07",  # OSC 52: write the clipboard
    "\x1b]52;c;SGVsbG8=\x1b\\",  # OSC 52 ended by ST
    "\x9b31m",  # C1 CSI
    "\x9d0;title\x9c",  # C1 OSC ... C1 ST
    "\x00",  # NUL
    "\x7f",  # DEL
    "\x07",  # BEL
    "\x08\x08",  # backspaces
    "\r",  # a lone carriage return
    "\x1bPq#0;2;0;0;0\x1b\\",  # DCS (sixel)
)

UNICODE = (
    "\u202eevil\u202c",  # right-to-left override
    "\u2066isolated\u2069",
    "👩‍👩‍👧",  # ZWJ family
    "🏳️‍🌈",
    "e\u0301\u0301\u0301",  # stacked combining marks
    "Z\u0334\u0321a\u0337l\u0336g\u0335o",
    "مرحبا بالعالم",  # Arabic, right to left
    "שלום",  # Hebrew
    "\u200d",  # ZWJ alone
    "\ufeffBOM",
    "𝕏𝔂𝔃",  # astral plane
    "漢字かな",
    "\u00adsoft\u00ad",
)

WHITESPACE = ("   ", "\t", "\n\n\n", "\u00a0", "\u3000", " \t\n ")

FAMILIES = (MARKUP, CONTROLS, UNICODE, WHITESPACE)


def _build() -> list[str]:
    pieces = [piece for family in FAMILIES for piece in family]
    found: list[str] = list(pieces)
    found += [f"before {piece} after" for piece in pieces]
    for first, second in ((MARKUP, CONTROLS), (CONTROLS, UNICODE), (UNICODE, MARKUP)):
        for n, a in enumerate(first):
            found += [a + second[n % len(second)], second[(n * 7 + 3) % len(second)] + a]
    for n in range(24):
        found.append(MARKUP[n % len(MARKUP)] + CONTROLS[(n * 5) % len(CONTROLS)] + UNICODE[(n * 3) % len(UNICODE)])
    found += ["x" * 5000 + "[/]", "line\n" * 300]
    return list(dict.fromkeys(found))  # no repeats, order kept


CORPUS: list[str] = _build()
HUGE_PASTE = ("one megabyte of pasted text [/] \x1b[31m " * 30_000)[:1_000_000]

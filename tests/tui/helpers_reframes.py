"""Typing into the reframes screens as a person would: keys for ASCII, a paste for the rest."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the focused widget: printable ASCII as key presses, anything else pasted."""
    chunk = ""

    async def flush() -> None:
        nonlocal chunk
        if chunk:
            # To the app, as a terminal sends it; the app hands it to the focused widget.
            pilot.app.post_message(events.Paste(chunk))
            await pilot.pause()
            chunk = ""

    for char in text:
        if char.isascii() and (char.isprintable() or char == "\n"):
            await flush()
            await pilot.press("enter" if char == "\n" else char)
        else:
            chunk += char
    await flush()
    await pilot.pause()


def shown(static: Static) -> str:
    """The plain text a Static shows."""
    return str(static.render())

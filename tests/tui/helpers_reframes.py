"""Typing into the reframes screens as a person would: key presses, or a paste."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static


async def paste_text(pilot: Pilot, text: str) -> None:
    """Paste ``text`` as a terminal does: to the app, which hands it to the focused widget."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key; what has no key (emoji, other scripts) is pasted.

    A key press costs the pilot about 0.1 s: paste long text instead.
    """
    chunk = ""
    for char in text:
        if char.isascii() and (char.isprintable() or char == "\n"):
            if chunk:
                await paste_text(pilot, chunk)
                chunk = ""
            await pilot.press("enter" if char == "\n" else char)
        else:
            chunk += char
    if chunk:
        await paste_text(pilot, chunk)
    await pilot.pause()


def shown(static: Static) -> str:
    """The plain text a Static shows."""
    return str(static.render())

"""Form widgets that act on their own keys in the order the keys were typed (issue 27).

Textual hands a key to the focused widget's queue and looks at bindings only when
the key bubbles back up to the app, against whatever has focus *then*. Tab moves
focus at once (a priority binding, run as the app reads the key), so in a burst
(``down space tab space``, a paste of keys, a multiplexer) the first ``down`` and
``space`` came back after the tab and acted on the next field, and a backspace
typed before a tab deleted in the field after it. ``KeysInOrder`` runs the
widget's own bindings as each key reaches the widget, in order, whatever has
focus by then; keys it has no binding for go on as before.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from functools import cache

from textual import events
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from rootwork.tui.keymap import keys_in_use

# A field busy with its queued keys for longer than this is not waited for (one would be stuck, not typing).
SETTLE_LIMIT = 1.0


@cache
def class_bindings(widget_class: type[DOMNode]) -> tuple[Binding, ...]:
    """The bindings a widget class declares and inherits, as Textual merges them (later classes win a key)."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(widget_class.__mro__):
        if isinstance(base, type) and issubclass(base, DOMNode):
            for key, bindings in BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings.items():
                keys[key] = bindings
    return tuple(binding for bindings in keys.values() for binding in bindings)


def bindings_for(widget_class: type[DOMNode], keymap: Mapping[str, str]) -> BindingsMap:
    """The class's bindings with the user's keys applied, as the app applies them (made once per class and keymap)."""
    return _bindings_for(widget_class, tuple(sorted(keymap.items())))


@cache
def _bindings_for(widget_class: type[DOMNode], keymap: tuple[tuple[str, str], ...]) -> BindingsMap:
    bindings = BindingsMap(class_bindings(widget_class))
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return bindings


class KeysInOrder:
    """Mixin for a widget in a form: its own (non-priority) bindings run as their key reaches it.

    Put it first among the bases, so this ``on_key`` runs before the widget's own
    key handling (which ``prevent_default`` then skips for a key it has run).
    """

    async def on_key(self, event: events.Key) -> None:
        assert isinstance(self, DOMNode)
        for binding in bindings_for(type(self), keys_in_use(self.app)).key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return


async def keys_handled(root: DOMNode) -> None:
    """Wait until every ``KeysInOrder`` field under ``root`` has handled the keys already sent to it.

    Each field works through its own queue, so after a burst the key that saves
    (or rates) can arrive while a field left by tab is still typing the keys sent
    before it. Called before a form reads its fields. Keys that come later are not
    waited for; a field that cannot take the message (being removed) is skipped,
    and no field holds the caller longer than ``SETTLE_LIMIT`` seconds.
    """
    for widget in root.query("*"):
        if isinstance(widget, KeysInOrder):
            handled = asyncio.Event()
            if widget.call_later(handled.set):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(handled.wait(), SETTLE_LIMIT)

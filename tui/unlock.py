"""Unlocking an encrypted journal in the terminal before the app starts (``rootwork`` with no passphrase given).

``UnlockApp`` shows only ``UnlockScreen`` (tui/screens/unlock.py) and exits
with the opened ``Store``, or with None when the user quits. A crash is logged
like the app's (tui/crash.py): without messages or local variables, so the
passphrase never reaches a log or the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App

from rootwork.state.store import Store
from rootwork.tui.crash import handle_crash
from rootwork.tui.keymap import LoadedKeymap, use_keys
from rootwork.tui.screens.unlock import UnlockScreen
from rootwork.tui.textual_compat import CrashHook


class UnlockApp(CrashHook, App[Store | None]):
    """Asks for the passphrase until ``opener`` opens the journal, or the user quits."""

    TITLE = "rootwork"
    # Nothing to do here but unlock or quit: no palette (its theme commands would be saved nowhere).
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, opener: Callable[[str], Store], data_dir: Path, keymap: LoadedKeymap | None = None) -> None:
        super().__init__()
        self._opener = opener
        self._data_dir = data_dir
        self._user_keys = keymap  # the user's keys work here too (the notice about a bad file waits for the app)

    def on_mount(self) -> None:
        if self._user_keys is not None and self._user_keys.keys:
            use_keys(self, self._user_keys.keys)
        self.push_screen(UnlockScreen(self._opener, f"Journal: {self._data_dir}"))

    def crashed(self, error: Exception) -> None:
        handle_crash(self, error, self._data_dir, datetime.now().astimezone())


def unlock(data_dir: Path, keymap: LoadedKeymap | None = None) -> Store | None:
    """Run the passphrase screen on the journal in ``data_dir``; the opened store, or None if the user quit."""
    from rootwork.state.encryption.codec import FileCodec

    def opener(passphrase: str) -> Store:
        return Store.open(data_dir, codec=FileCodec(passphrase))

    app = UnlockApp(opener, data_dir, keymap)
    app.run()
    return app.return_value

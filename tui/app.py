"""The rootwork Textual app: modes, global keys and the store, nothing more."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding

from rootwork.content import Library, load_library
from rootwork.state.records.days import local_day
from rootwork.state.store import Store
from rootwork.tui import app_parts
from rootwork.tui.commands import RootworkCommands
from rootwork.tui.keymap import LoadedKeymap, apply_keymap
from rootwork.tui.layout import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS
from rootwork.tui.leaving import go_to_mode, quit_app
from rootwork.tui.modes import MODE_KEYS, lazy_modes, mode_binding
from rootwork.tui.navigation import SAFETY_PLAN_BINDING, Navigator
from rootwork.tui.services import AppServices
from rootwork.tui.store_bridge import JournalChecked, JournalCheckFailed, StoreBridge
from rootwork.tui.store_thread import StoreThread
from rootwork.tui.textual_compat import CrashHook
from rootwork.tui.theme_memory import restore_theme
from rootwork.tui.warm_up import start_warm_up

T = TypeVar("T")
__all__ = ["MODE_KEYS", "RootworkApp"]


class RootworkApp(CrashHook, Navigator, AppServices, App[None]):
    """Top-level screens are modes; every screen reaches the store through ``self.app``."""

    TITLE = "rootwork"
    # App-wide rules only: each screen loads its own sheet (its CSS_PATH) when first shown.
    CSS_PATH = ["app.tcss", "layout.tcss"]  # layout: what each screen does on a small or large terminal
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS
    COMMANDS = App.COMMANDS | {RootworkCommands}
    # Each screen's module is imported the first time it is shown (tui/modes.py).
    MODES = lazy_modes()
    # Help, the safety plan and Quit first: a narrow footer cuts from the end (the rest: ? and ctrl+p).
    BINDINGS = [
        mode_binding("help"),
        SAFETY_PLAN_BINDING,
        Binding(
            "q", "quit", "Quit", tooltip="Leave rootwork (asks first if a form holds something unsaved)", id="app.quit"
        ),
        *(mode_binding(mode) for mode in MODE_KEYS if mode != "help"),
        # Priority, so focus moves as soon as tab arrives: keys typed right after it
        # ("4 tab 3" in the check-in) then reach the next field, not the one left.
        Binding("tab", "focus_next", "Next field", show=False, priority=True, id="app.focus-next"),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True, id="app.focus-previous"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        today: date | None = None,
        clock: Callable[[], datetime] | None = None,
        library: Library | None = None,
        start_mode: str = "today",
        demo: bool = False,
        keymap: LoadedKeymap | None = None,
    ) -> None:
        super().__init__()
        # Reads on the event loop never wait for the lock or a parse (tui/store_bridge.py).
        store.use_snapshots()
        self.store = store
        self._bridge = StoreBridge(self)
        self.demo = demo
        if demo:
            # On every screen's header, so a made-up journal is never taken for one's own.
            self.title = "rootwork DEMO: a made-up journal"
        self.library = library or load_library()
        self._fixed_today = today
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._start_mode = start_mode
        self._keymap_file = keymap  # read before start-up (tui/keymap.py)
        # One writer thread: saves leave the event loop and keep their order.
        self._store_thread = StoreThread()
        self._warmed = asyncio.Event()

    def now(self) -> datetime:
        """The current local time, from the clock the app was given."""
        return self._clock()

    @property
    def today(self) -> date:
        """The rootwork day now (a day starts at ``day_start_hour``), or the fixed day given."""
        if self._fixed_today is not None:
            return self._fixed_today
        return local_day(self.now(), self.store.setting("day_start_hour"))

    async def store_call(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """Run a store operation off the event loop, in order with every other save."""
        return await self._store_thread.call(fn, *args, **kwargs)

    def switch_mode(self, mode: str):  # Textual's AwaitComplete
        """Show ``mode``'s screen, and look for changes made elsewhere to show there."""
        shown = super().switch_mode(mode)
        self._bridge.check()
        return shown

    def on_mount(self) -> None:
        restore_theme(self)
        apply_keymap(self, self._keymap_file)
        self.switch_mode(self._start_mode)
        self._bridge.start()
        app_parts.greet(self)
        app_parts.fit_window(self)

    def on_ready(self) -> None:
        # The first screen is painted: now what other screens' first visits would wait for.
        start_warm_up(self, self._warmed)

    async def warmed(self) -> None:
        """Wait until the work left for after the first paint is done (tui/warm_up.py)."""
        await self._warmed.wait()

    def on_journal_checked(self, found: JournalChecked) -> None:
        self._bridge.checked(found)

    def on_journal_check_failed(self, failed: JournalCheckFailed) -> None:
        self._bridge.check_failed(failed)

    def on_resize(self, event: events.Resize) -> None:
        app_parts.fit_window(self, event.size)  # self.size is still the old size here

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q, the palette), asking first when a form holds something unsaved."""
        await quit_app(self)

    async def action_switch_mode(self, mode: str) -> None:
        """Go to a top-level screen (its key, the palette), asking first when a form would lose input."""
        await go_to_mode(self, mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if app_parts.action_blocked(self, action):
            return False
        return super().check_action(action, parameters)

    async def on_event(self, event: events.Event) -> None:
        app_parts.clean_paste(event)
        await super().on_event(event)

    def crashed(self, error: Exception) -> None:
        app_parts.crash(self, error)  # logged privately, without what the user wrote

    async def on_unmount(self) -> None:
        self._store_thread.shutdown()

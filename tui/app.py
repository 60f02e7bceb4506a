"""The rootwork Textual app: modes, global keys and the store, nothing more."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from functools import partial
from typing import TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size

from rootwork.content import Library, load_library
from rootwork.state.days import local_day
from rootwork.state.store import Store
from rootwork.state.text import remove_controls
from rootwork.tui.commands import RootworkCommands
from rootwork.tui.crash import handle_crash
from rootwork.tui.crash_log import DEMO_CRASH_DIR
from rootwork.tui.keymap import LoadedKeymap, apply_keymap
from rootwork.tui.layout import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS, TooSmallScreen, too_small
from rootwork.tui.leaving import go_to_mode, quit_app
from rootwork.tui.screens.causes import CausesScreen
from rootwork.tui.screens.disclaimer import DisclaimerScreen
from rootwork.tui.screens.help import HelpScreen
from rootwork.tui.screens.checkin import CheckinScreen
from rootwork.tui.screens.month import MonthScreen
from rootwork.tui.screens.practices import PracticesScreen
from rootwork.tui.screens.reframes import ReframesScreen
from rootwork.tui.screens.today import TodayScreen
from rootwork.tui.store_bridge import StoreBridge

T = TypeVar("T")

MODE_KEYS = {
    "today": ("t", "Today"),
    "checkin": ("i", "Check-in"),
    "causes": ("c", "Causes"),
    "reframes": ("r", "Reframes"),
    "practices": ("p", "Practices"),
    "month": ("m", "Month"),
    "help": ("question_mark", "Help"),
}

DEMO_NOTICE = (
    "A made-up journal to explore: change anything you like. "
    "It is deleted when you quit, and your own journal is never touched."
)


class RootworkApp(App[None]):
    """Top-level screens are modes; every screen reaches the store through ``self.app``."""

    TITLE = "rootwork"
    # One style sheet per screen beside it, so screens can change independently.
    CSS_PATH = [
        "app.tcss",
        *(f"screens/{name}.tcss" for name in ("today", "checkin", "reframes", "practices", "month")),
        "layout.tcss",  # last: what each screen does on a small or large terminal (tui/layout.py)
    ]
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS
    COMMANDS = App.COMMANDS | {RootworkCommands}
    MODES = {
        "today": TodayScreen,
        "checkin": CheckinScreen,
        "causes": CausesScreen,
        "reframes": ReframesScreen,
        "practices": PracticesScreen,
        "month": MonthScreen,
        "help": HelpScreen,
    }
    BINDINGS = [
        *(Binding(key, f"app.switch_mode('{mode}')", label, tooltip=f"Go to {label}", id=f"app.{mode}")
          for mode, (key, label) in MODE_KEYS.items()),
        Binding("q", "quit", "Quit",
                tooltip="Leave rootwork (asks first if a form holds something unsaved)", id="app.quit"),
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
        self._store_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rootwork-store")

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
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._store_thread, partial(fn, *args, **kwargs))

    def switch_mode(self, mode: str):  # noqa: ANN201 - Textual's AwaitComplete
        """Show ``mode``'s screen, and look for changes made elsewhere to show there."""
        shown = super().switch_mode(mode)
        self._bridge.check()
        return shown

    def on_mount(self) -> None:
        theme = self.store.setting("theme")
        if theme in self.available_themes:
            self.theme = theme
        apply_keymap(self, self._keymap_file)
        self.switch_mode(self._start_mode)
        self._bridge.start()
        # Only changes after this point are the user's choice, worth remembering.
        self.watch(self, "theme", self._remember_theme, init=False)
        for notice in self.store.notices:
            self.notify(notice, title="About your journal", severity="warning", timeout=30, markup=False)
        if not self.store.disclaimer_acknowledged():
            self.push_screen(DisclaimerScreen(self.library.safety), self._acknowledged)
        else:
            self._announce_demo()
        self._fit_window()

    def on_resize(self, event: events.Resize) -> None:
        self._fit_window(event.size)  # self.size is still the old size here

    def _fit_window(self, size: Size | None = None) -> None:
        """Cover the app with a notice while the window is too small; uncover it when it fits."""
        size = size or self.size
        small, top = too_small(size), self.screen
        if small and isinstance(top, TooSmallScreen):
            top.show_size(size)
        elif small:
            self.push_screen(TooSmallScreen())
        elif isinstance(top, TooSmallScreen):
            self.pop_screen()

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q, the palette), asking first when a form holds something unsaved."""
        await quit_app(self)

    async def action_switch_mode(self, mode: str) -> None:
        """Go to a top-level screen (its key, the palette), asking first when a form would lose input."""
        await go_to_mode(self, mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the too-small notice covers the app, only quitting works: a mode switched
        # to now would be drawn broken behind it. The first-run disclaimer is answered
        # first: the palette's "Go to ..." would leave it behind.
        if isinstance(self.screen, TooSmallScreen) and action != "quit":
            return False
        if action == "command_palette" and isinstance(self.screen, DisclaimerScreen):
            return False
        return super().check_action(action, parameters)

    def _announce_demo(self) -> None:
        if self.demo:
            self.notify(DEMO_NOTICE, title="This is a demo", timeout=20, markup=False)

    async def _acknowledged(self, accepted: bool | None) -> None:
        # After the disclaimer, so the notice never sits over its button.
        self._announce_demo()
        if accepted:
            try:
                await self.store_call(self.store.acknowledge_disclaimer)
            except Exception as error:  # noqa: BLE001 - any failure is reported, never fatal
                self.notify(f"Could not remember that you read this: {error}", severity="warning", markup=False)

    def _remember_theme(self, theme: str) -> None:
        if self.store.read_only:  # the user has been told; a toast per previewed theme would nag
            return
        self.run_worker(self._save_theme(theme), group="theme")

    async def _save_theme(self, theme: str) -> None:
        def save_if_changed() -> None:
            # Compared on the writer thread, in order with earlier saves: the theme
            # picker previews several themes in a row and the last one must win.
            if self.store.setting("theme") != theme:
                self.store.set_setting("theme", theme)

        try:
            await self.store_call(save_if_changed)
        except Exception as error:  # noqa: BLE001 - a theme not remembered is never fatal
            self.notify(f"The theme will not be remembered: {error}", severity="warning", markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):
            # A paste can carry escape sequences (OSC 52 writes the clipboard, CSI moves
            # the cursor) that the terminal would obey when the field shows them.
            event.text = remove_controls(event.text)
        await super().on_event(event)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own report prints every frame's local variables, which hold what
        # the user wrote: log the traceback privately instead (tui/crash.py).
        # A demo's folder is deleted at exit, so its log goes where it outlives the demo.
        log_dir = DEMO_CRASH_DIR if self.demo else self.store.data_dir
        handle_crash(self, error, log_dir, self.now())

    async def on_unmount(self) -> None:
        self._store_thread.shutdown(wait=True)

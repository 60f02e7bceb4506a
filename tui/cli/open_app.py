"""``rootwork`` without a command: the full-screen app on the journal, or on a made-up demo journal.

The app needs a terminal: it reads keys from stdin and draws on stderr, and
without one Textual would spin at full CPU until killed. So a run from a script
or with redirected streams is refused (exit 2) before anything is opened. An
encrypted journal with no passphrase given is unlocked on its own screen first
(tui/unlock.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rootwork.state.files.locations import resolve_data_dir
from rootwork.tui.cli.args import EXIT_OK, CommandFailed, CommandRun, UsageError
from rootwork.tui.cli.store import open_store, rootwork_today
from rootwork.tui.collector import tune_collector

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType
    from typing import Any, TypeAlias

    from rootwork.state.store import Store
    from rootwork.tui.keymap import LoadedKeymap

# The demo journal: the same made-up three months every time, ending today.
# This seed and volume (30 thought records, 8 practices) leave a mix of
# practices and reframes due on most days, so every screen has something to show.
DEMO_DAYS = 90
DEMO_SEED = 42
DEMO_SCALE = 0.01
STREAMS = (("standard input", "stdin"), ("standard output", "stdout"), ("standard error", "stderr"))


def missing_terminal() -> str | None:
    """The first of stdin, stdout and stderr that is not a terminal, in words; None when all are."""
    for words, name in STREAMS:
        stream = getattr(sys, name, None)
        try:
            if stream is not None and stream.isatty():
                continue
        except (ValueError, OSError):  # a closed stream
            pass
        return words
    return None


def check_terminal() -> None:
    """UsageError when the app cannot run here (see the module)."""
    missing = missing_terminal()
    if missing is not None:
        raise UsageError(
            f"the app needs a terminal, and {missing} is not one; "
            "commands such as 'rootwork due' work without one (see 'rootwork --help')"
        )


def app_exit_code(app: object) -> int:
    """The app's own exit status: 1 after a crash (tui.crash sets it), else 0."""
    code = getattr(app, "return_code", None)
    return code if isinstance(code, int) and code != 0 else EXIT_OK


def run_app(args: CommandRun, now: datetime) -> int:
    """Open the store (or a demo journal) and run the full-screen app; non-zero when it crashed."""
    check_terminal()
    if args.demo:
        return run_demo(now)
    from rootwork.tui.app import RootworkApp

    store = open_app_store(args)
    if store is None:  # quit on the passphrase screen: nothing was opened
        return EXIT_OK
    app = RootworkApp(store=store, keymap=user_keymap())
    tune_collector()  # the process's collector, set here by the program, not by the app object
    app.run()
    return app_exit_code(app)


def open_app_store(args: CommandRun) -> Store | None:
    """The journal for the app: an encrypted one with no passphrase at hand is unlocked on a screen first."""
    from rootwork.tui.cli import passphrase as passphrases

    data_dir = resolve_data_dir(args.data_dir)
    if (
        passphrases.needs_passphrase(data_dir)
        and passphrases.given_passphrase(args) is None
        and passphrases.keyring_passphrase(data_dir) is None
    ):
        from rootwork.tui.unlock import unlock

        return unlock(data_dir, user_keymap())
    return open_store(args, stop_on_refusal=False)  # a plain file refused is said on screen, as on the unlock path


def user_keymap() -> LoadedKeymap:
    """The user's keymap file, read before the app starts; the demo uses it too (keys are not journal data)."""
    from rootwork.state.files.locations import resolve_keymap_path
    from rootwork.tui.keymap import load_keymap

    return load_keymap(resolve_keymap_path())


def fill_demo_journal(store: Store, today: date) -> dict[str, int]:
    """Write the demo journal (DEMO_DAYS days ending the day before ``today``) into an empty store."""
    from rootwork.state.demo.sample import generate_journal

    return generate_journal(store, days=DEMO_DAYS, today=today, seed=DEMO_SEED, scale=DEMO_SCALE)


def open_demo_journal(now: datetime) -> tuple[Store, Path]:
    """A made-up journal of DEMO_DAYS days ending on ``now``'s rootwork day, in a new temporary folder.

    The caller removes the folder. --data-dir and $ROOTWORK_DATA_DIR are never looked at.
    """
    from rootwork.state.store import Store, StoreError

    directory = Path(tempfile.mkdtemp(prefix="rootwork-demo-"))
    store = None
    try:
        store = Store.open(directory)
        fill_demo_journal(store, rootwork_today(store, now))
    except (OSError, StoreError) as error:
        if store is not None:
            store.close()
        shutil.rmtree(directory, ignore_errors=True)
        raise CommandFailed(f"cannot make the demo journal in {directory}: {error}") from error
    return store, directory


def run_demo(now: datetime) -> int:
    """Run the app on a demo journal and remove it afterwards, however the app ends."""
    from rootwork.tui.app import RootworkApp

    store, directory = open_demo_journal(now)
    previous = _remove_before_dying(directory)
    try:
        app = RootworkApp(store=store, demo=True, keymap=user_keymap())
        tune_collector()
        app.run()
    finally:
        store.close()
        shutil.rmtree(directory, ignore_errors=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return app_exit_code(app)


#: What ``signal.signal`` takes and gives back: a function, or SIG_DFL, SIG_IGN or None (set outside Python).
SignalHandler: TypeAlias = "Callable[[int, FrameType | None], Any] | int | signal.Handlers | None"


def _remove_before_dying(directory: Path) -> dict[int, SignalHandler]:
    """Remove ``directory`` on SIGHUP (the terminal closed) and SIGTERM, then die of the signal as before.

    Those signals end the process without unwinding, so ``finally`` never runs;
    returns the handlers replaced, to put back.
    """

    def remove_and_die(signum: int, _frame: object) -> None:
        shutil.rmtree(directory, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    wanted = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    return {signum: signal.signal(signum, remove_and_die) for signum in wanted}

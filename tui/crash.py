"""When the app fails unexpectedly: a traceback without messages or local variables, in a private log, and one line on screen.

Textual prints an unhandled exception's traceback with the local variables of
every frame, and those hold what the user wrote (a note, the critic's words).
Instead, ``tui.crash_log.crash_report`` (exception types, files, line numbers
and function names: no messages, no locals) is appended to ``crash.log`` in the
data folder, readable only by the user, and the terminal gets one sentence and
where the log is. The app then exits with code 1.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.worker import WorkerFailed

from rootwork.tui import crash_log
from rootwork.tui.crash_log import MAX_LOG_BYTES, write_crash_log
from rootwork.tui.textual_compat import close_after_crash

__all__ = ["MAX_LOG_BYTES", "crash_message", "crash_report", "handle_crash", "unwrap", "write_crash_log"]


def unwrap(error: BaseException) -> BaseException:
    """The worker's own exception for a ``WorkerFailed``: it holds the useful traceback."""
    if isinstance(error, WorkerFailed) and isinstance(error.error, BaseException):
        return error.error
    return error


def crash_report(error: BaseException) -> str:
    """The traceback of ``error`` (and its causes) without messages or local variables."""
    return crash_log.crash_report(unwrap(error))


def crash_message(error: BaseException, log: Path | None) -> str:
    """What the terminal gets: what happened, that the journal is safe, and where the details are."""
    return crash_log.crash_message(unwrap(error), log)


def handle_crash(app: App, error: Exception, data_dir: Path | None, moment: datetime) -> None:
    """Stand in for Textual's ``App._handle_exception``: log privately, say one line, exit with code 1."""
    log = write_crash_log(data_dir, unwrap(error), moment)
    # Text, so a path is never read as markup; the path has a line of its own to copy.
    close_after_crash(app, error, Text(crash_message(error, log), overflow="fold"))

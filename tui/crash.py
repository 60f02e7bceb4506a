"""When the app fails unexpectedly: a traceback without local variables, in a private log, and one line on screen.

Textual prints an unhandled exception's traceback with the local variables of
every frame, and those hold what the user wrote (a note, the critic's words).
Instead, the traceback alone (``traceback.format_exception``: code and line
numbers, no locals) is appended to ``crash.log`` in the data folder, readable
only by the user, and the terminal gets one sentence and where the log is. The
exception's message is not printed either: it can quote user text.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.worker import WorkerFailed

from state.locations import crash_log_path
from state.storage import FILE_MODE, secure_dir, secure_file

# A log past this size is started afresh, so repeated crashes never fill the disk.
MAX_LOG_BYTES = 512_000


def crash_report(error: BaseException) -> str:
    """The traceback of ``error`` (and its causes), without local variables."""
    if isinstance(error, WorkerFailed) and isinstance(error.error, BaseException):
        error = error.error  # the worker's own exception holds the useful traceback
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def write_crash_log(data_dir: Path | None, error: BaseException, moment: datetime) -> Path | None:
    """Append ``error``'s report to the crash log (0600) in ``data_dir``; None when it cannot be written."""
    if data_dir is None:
        return None
    path = crash_log_path(data_dir)
    try:
        secure_dir(data_dir)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            flags |= os.O_TRUNC
        fd = os.open(path, flags, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as log:
            log.write(f"--- rootwork stopped at {moment.isoformat(timespec='seconds')}\n")
            log.write(crash_report(error))
        secure_file(path)  # an older log may have been made readable by others
    except OSError:
        return None
    return path


def crash_message(error: BaseException, log: Path | None) -> str:
    """What the terminal gets: what happened, that the journal is safe, and (on a line of its own) where the details are."""
    kind = type(error.error if isinstance(error, WorkerFailed) else error).__name__
    line = f"rootwork stopped on an unexpected error ({kind}); what you saved is safe."
    if log is None:
        return line + " No details could be written down."
    return line + f"\nDetails for a bug report, without anything you wrote, are in:\n{log}"


def handle_crash(app: App, error: Exception, data_dir: Path | None, moment: datetime) -> None:
    """Stand in for Textual's ``App._handle_exception``: log privately, say one line, exit with code 1."""
    app._return_code = 1
    # Pilot tests re-raise the first exception when the app closes; keep that.
    if app._exception is None:
        app._exception = error
        app._exception_event.set()
    log = write_crash_log(data_dir, error, moment)
    # Text, so a path is never read as markup; the path has a line of its own to copy.
    app._exit_renderables.append(Text(crash_message(error, log), overflow="fold"))
    app._close_messages_no_wait()

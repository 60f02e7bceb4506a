"""The private crash log: where an unexpected error happened, never what it said.

An exception's message can quote what the user wrote (``ValueError: invalid
literal for int(): 'my note ...'``), and Python's and Textual's own reports add
it, and Textual even every frame's local variables. ``crash_report`` keeps only
what a bug report needs: each exception's type and, for every frame, the file,
line number and function name. The log is appended to ``crash.log`` in the data
folder (0600); the terminal gets one sentence naming the exception's type and
where the log is.

No Textual here: the command line reports its own crashes with this, and must
stay quick to start.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from rootwork.state.files.locations import crash_log_path
from rootwork.state.journal_file.storage import FILE_MODE, secure_dir, secure_file
from rootwork.state.records.text import remove_controls

# A log past this size is started afresh, so repeated crashes never fill the disk.
MAX_LOG_BYTES = 512_000
# A demo's folder is deleted at exit, so its log goes where it outlives the demo.
DEMO_CRASH_DIR = Path(tempfile.gettempdir()) / "rootwork-demo-crash"
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def type_name(error: BaseException) -> str:
    """``error``'s class as ``module.Qualname`` (just the name for builtins)."""
    kind = type(error)
    module = getattr(kind, "__module__", "")
    return kind.__qualname__ if module in ("builtins", "__main__", "") else f"{module}.{kind.__qualname__}"


def _frames(error: BaseException) -> list[str]:
    lines = []
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n')
    return lines


def _report_one(error: BaseException, seen: set[int], indent: str = "") -> list[str]:
    seen.add(id(error))
    lines: list[str] = []
    cause = error.__cause__
    context = None if error.__suppress_context__ else error.__context__
    if cause is not None and id(cause) not in seen:
        lines += _report_one(cause, seen, indent) + [_CAUSE]
    elif context is not None and id(context) not in seen:
        lines += _report_one(context, seen, indent) + [_CONTEXT]
    if error.__traceback__ is not None:
        lines.append("Traceback (most recent call last):\n")
        lines += _frames(error)
    lines.append(f"{type_name(error)}\n")
    if isinstance(error, BaseExceptionGroup):
        for number, inner in enumerate(error.exceptions, 1):
            lines.append(f"+-- {number} of {len(error.exceptions)}\n")
            lines += ["    " + line for line in _report_one(inner, seen)]
    return [indent + line if line.strip() else line for line in lines]


def crash_report(error: BaseException) -> str:
    """The traceback of ``error`` and its causes: exception types, files, line numbers and functions.

    Never the exceptions' messages, the source lines or any local variable.
    """
    return "".join(_report_one(error, set()))


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
    line = f"rootwork stopped on an unexpected error ({type(error).__name__}); what you saved is safe."
    if log is None:
        return line + " No details could be written down."
    # A folder's name may hold escape codes (it is the user's to choose): the terminal gets it plain.
    where = remove_controls(str(log)).replace("\n", " ")
    return line + f"\nDetails for a bug report, without anything you wrote, are in:\n{where}"

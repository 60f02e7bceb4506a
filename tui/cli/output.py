"""When what a command prints cannot be written: a closed pipe, a closed stdout, a full disk.

``rootwork due | head -0`` (a reader that stops reading), a closed standard
output (``rootwork due >&-``) and a full disk (``> /dev/full``) are not crashes
of rootwork: ``output_failure`` tells them apart from one, and ``tui.cli.main.main``
ends a closed pipe quietly, as git and coreutils do (the exit status is chosen
and explained there), and a full output with one line and status 1. Python ignores SIGPIPE, so a
reader that has gone shows up as BrokenPipeError (EPIPE) on a write or on a flush, also the one at exit; after
one, ``discard_unwritable_output`` points the stream at os.devnull, as in the
Python docs' note on SIGPIPE, so the interpreter's own last flush cannot fail
again ("Exception ignored ... BrokenPipeError", exit 120).

The journal's own writes report their errors as ``StoreError`` (so a command
says "not saved" and exits 1), and ``export -o`` as ``CommandFailed``: an EPIPE
or ENOSPC that reaches ``main`` came from writing standard output or error.
"""

from __future__ import annotations

import errno
import os
import sys

CLOSED = "closed"  # the reader went away (EPIPE): end quietly
FULL = "full"  # no room for the output (ENOSPC, or a disk quota): one line, exit 1

# EDQUOT is missing on some platforms (Windows).
_NO_ROOM = {errno.ENOSPC, *([errno.EDQUOT] if hasattr(errno, "EDQUOT") else [])}


def output_failure(error: BaseException) -> str | None:
    """CLOSED for a closed pipe, FULL for an output with no room left, None for any other error (a crash)."""
    if isinstance(error, BrokenPipeError) or (isinstance(error, OSError) and error.errno == errno.EPIPE):
        return CLOSED
    if isinstance(error, OSError) and error.errno in _NO_ROOM:
        return FULL
    return None


def stand_in_for_closed_streams() -> None:
    """Give a standard output or error closed before start (``>&-``, ``2>&-``) os.devnull instead.

    Python leaves such a stream None, and ``print(file=None)`` would send an
    error meant for stderr to stdout. Opened first, before the journal, the
    stand-in takes the free descriptor, so no journal file can be open as fd 1
    or 2 (where something writing to "standard output" would change it).
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # for the whole run


def flush_output() -> None:
    """Write out what stdout and stderr still hold, so a failure shows up here, not at the interpreter's exit."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def discard_unwritable_output() -> None:
    """Point stdout and stderr, whichever still cannot be written, at os.devnull (the Python docs' recipe).

    What a failed write left buffered goes nowhere at exit, instead of failing
    again there. A stream without a descriptor (a test's capture) is left alone.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except OSError:
            try:
                fd = stream.fileno()
            except (OSError, ValueError):  # io.UnsupportedOperation is both
                continue
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)

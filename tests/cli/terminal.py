"""A command run on a pseudo-terminal, answered line by line as a person (or a screen reader's user) would.

``Terminal`` starts ``rootwork`` with its standard input, output and error on
one pseudo-terminal, so the command sees a terminal (``isatty``) exactly as it
would at a keyboard. ``answer(prompt, typed)`` waits until ``prompt`` has been
printed, then types ``typed`` and enter. ``transcript`` is everything the
terminal showed, the typed lines included (the terminal echoes them).
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

from tests.scripts import console_script

WAIT = 30.0  # seconds for a prompt to appear: a loaded CI machine starts Python slowly


class Terminal:
    """``rootwork *argv`` on a pseudo-terminal of 100 columns."""

    def __init__(self, data_dir: Path, *argv: str, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        environment = {**os.environ, "TERM": "xterm", "COLUMNS": "100", **(env or {})}
        environment.pop("ROOTWORK_PASSPHRASE", None)
        self.process = subprocess.Popen(
            [str(console_script("rootwork")), "--data-dir", str(data_dir), *argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            close_fds=True,
        )
        os.close(slave)
        self.transcript = ""
        self._seen = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the command ended and the terminal closed
            return False
        if not data:
            return False
        self.transcript += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return True

    def wait_for(self, text: str) -> str:
        """Everything shown since the last wait, up to and including ``text``; fails after ``WAIT`` seconds."""
        deadline = time.monotonic() + WAIT
        while text not in self.transcript[self._seen :]:
            if time.monotonic() > deadline or (not self._read(0.2) and self.process.poll() is not None):
                if text in self.transcript[self._seen :]:
                    break
                raise AssertionError(f"{text!r} never appeared; the terminal showed:\n{self.transcript}")
        end = self.transcript.index(text, self._seen) + len(text)
        shown, self._seen = self.transcript[self._seen : end], end
        return shown

    def answer(self, prompt: str, typed: str) -> str:
        """Wait for the question holding ``prompt`` (up to its ": "), then type ``typed`` and enter; return what
        was shown since the last answer, the question included."""
        shown = self.wait_for(prompt)
        shown += self.wait_for(": ")
        os.write(self.master, typed.encode() + b"\r")
        return shown

    def end_of_input(self) -> None:
        """Ctrl+d, as a person ends the input."""
        os.write(self.master, b"\x04")

    def finish(self) -> int:
        """Read what is left and return the exit status."""
        deadline = time.monotonic() + WAIT
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        while self._read(0.1):
            pass
        status = self.process.wait(timeout=WAIT)
        os.close(self.master)
        return status

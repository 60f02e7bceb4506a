"""One Syncthing instance of the pair: its folders, its key and device id, and its process.

The process runs with ``HOME`` set to the instance's own throwaway home, as a single
process (no monitor), in its own process group, and dies with the Python process
that started it (``PR_SET_PDEATHSIG``), even when that one is SIGKILLed.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from config import API_KEY
from rest import Rest

_LOG_TAIL = 4000


class SyncPairError(RuntimeError):
    """Syncthing did not start, connect or settle as expected; the message says what and where the logs are."""


# --------------------------------------------------------------------------- the syncthing binary


def syncthing_flavour(binary: str) -> str:
    """``"new"`` for ``syncthing serve`` / ``syncthing generate`` (1.10 and later), ``"old"`` for ``-generate=`` / ``-home=``."""
    try:
        out = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        raise SyncPairError(
            f"{binary} not found; install it with: apt-get update && apt-get install -y syncthing"
        ) from None
    text = out.stdout + out.stderr
    return "new" if re.search(r"^\s+serve\b", text, re.M) and re.search(r"^\s+generate\b", text, re.M) else "old"


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),  # nothing of the real user's home is read or written
        STNORESTART="1",
        # Run as the "inner" process straight away (what syncthing's own monitor process
        # sets for its child): one process, so the pid we hold is syncthing itself and
        # PR_SET_PDEATHSIG kills it even when this Python process is SIGKILLed.
        STMONITORED="yes",
        STNOUPGRADE="1",
        STNODEFAULTFOLDER="1",
    )
    env.pop("STTRACE", None)
    return env


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed if we are
    except Exception:
        pass


# --------------------------------------------------------------------------- one instance


@dataclass
class Instance:
    name: str  # "a" or "b"
    root: Path  # base/a
    api_port: int
    listen_port: int
    device_id: str = ""
    proc: subprocess.Popen | None = None
    _log: object | None = field(default=None, repr=False)

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log_path(self) -> Path:
        return self.root / "syncthing.log"

    @property
    def listen_url(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    @property
    def journal(self) -> Path:
        return self.data / "rootwork.json"

    @property
    def rest(self) -> Rest:
        """Its REST API (see rest.py)."""
        return Rest(self.api_port)

    def api(
        self, method: str, path: str, query: dict[str, str] | None = None, body: object = None, timeout: float = 30
    ):
        """One raw REST call (``Rest.call``)."""
        return self.rest.call(method, path, query, body, timeout)

    def get(self, path: str, **query: str):
        """One raw REST GET (``Rest.get``)."""
        return self.rest.get(path, **query)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, n: int = _LOG_TAIL) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    # -- making it ----------------------------------------------------------

    def make_folders(self) -> None:
        """Create ``home`` (mode 700) and ``data`` with its ``.stfolder`` marker; both must be new or empty."""
        for d in (self.home, self.data):
            if d.exists() and any(d.iterdir()):
                raise SyncPairError(f"{d} is not empty; give start() a fresh base folder")
            d.mkdir(parents=True, exist_ok=True)
        self.home.chmod(0o700)
        (self.data / ".stfolder").mkdir(exist_ok=True)

    def generate(self, binary: str, flavour: str) -> None:
        """Make the key and certificate in ``home`` and set ``device_id``."""
        if flavour == "new":
            cmd = [binary, "generate", f"--home={self.home}", "--no-default-folder", "--skip-port-probing"]
        else:
            cmd = [binary, f"-generate={self.home}"]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=_env(self.home))
        if out.returncode != 0:
            raise SyncPairError(f"{' '.join(cmd)} failed ({out.returncode}): {out.stdout}{out.stderr}")
        m = re.search(r"Device ID:\s*([A-Z0-9-]{63})", out.stdout + out.stderr)
        if m is None:  # fall back to the device element of the generated config
            m = re.search(r'<device id="([A-Z0-9-]{63})"', (self.home / "config.xml").read_text())
        if m is None:
            raise SyncPairError(f"no device id after {' '.join(cmd)}: {out.stdout}{out.stderr}")
        self.device_id = m.group(1)

    # -- its process --------------------------------------------------------

    def launch(self, binary: str, flavour: str) -> None:
        if flavour == "new":
            cmd = [
                binary,
                "serve",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                f"--home={self.home}",
                f"--gui-address=http://127.0.0.1:{self.api_port}",
                f"--gui-apikey={API_KEY}",
                "--logflags=7",
            ]
        else:
            cmd = [
                binary,
                "-no-browser",
                "-no-restart",
                "-no-upgrade",
                f"-home={self.home}",
                f"-gui-address=http://127.0.0.1:{self.api_port}",
                f"-gui-apikey={API_KEY}",
                "-logflags=7",
            ]
        self._log = open(self.log_path, "ab", buffering=0)
        self._log.write(f"### syncpair: {' '.join(cmd)}\n".encode())
        self.proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=_env(self.home),
            cwd=self.root,
            start_new_session=True,  # its own process group, killed as one in kill()
            preexec_fn=_die_with_parent,
        )

    def kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                    try:
                        os.killpg(proc.pid, sig)  # the group we made at launch: pgid == pid
                    except ProcessLookupError:
                        break
                    try:
                        proc.wait(wait)
                        break
                    except subprocess.TimeoutExpired:
                        continue
            else:
                try:  # anything it left in its group
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        if self._log is not None:
            try:
                self._log.close()
            finally:
                self._log = None

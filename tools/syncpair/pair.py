"""A real pair of Syncthing instances on this machine, sharing one folder, for trying rootwork on two "machines".

This module starts the pair, waits on it, pauses and resumes its folder, looks at
the two data folders, and stops it. What each instance is told (``config.xml``,
``.stignore``) is in config.py, the REST API client in rest.py, one instance's
folders and process in instance.py.

    pair = start(Path("/tmp/x"))          # a/home, a/data, b/home, b/data under /tmp/x
    try:
        ...                               # write into pair.a.data, read pair.b.data
        pair.wait_idle(60)
    finally:
        pair.stop()

Never part of CI: it needs the ``syncthing`` binary and takes real time.
Standard library only.
"""

from __future__ import annotations

import atexit
import json
import signal
import socket
import tempfile
import time
from pathlib import Path

from config import (  # API_KEY, StignoreNotFound, readme_stignore: re-exported
    API_KEY,
    DEFAULT_PORT_BASE,
    FOLDER_ID,
    StignoreNotFound,
    localhost_only_problems,
    readme_stignore,
    write_config,
    write_stignore,
)
from instance import Instance, SyncPairError, syncthing_flavour
from rest import TRANSIENT

__all__ = [
    "API_KEY",
    "DEFAULT_PORT_BASE",
    "FOLDER_ID",
    "Instance",
    "Pair",
    "StignoreNotFound",
    "SyncPairError",
    "readme_stignore",
    "start",
]


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _is_syncthing_temp(name: str) -> bool:
    return (name.startswith(".syncthing.") or name.startswith("~syncthing~")) and name.endswith(".tmp")


class Pair:
    """Two running Syncthing instances, ``a`` and ``b``, sharing ``FOLDER_ID`` (``a.data`` <-> ``b.data``)."""

    def __init__(self, base: Path, a: Instance, b: Instance) -> None:
        self.base = base
        self.a = a
        self.b = b
        self._stopped = False
        atexit.register(self.stop)

    @property
    def sides(self) -> tuple[Instance, Instance]:
        return (self.a, self.b)

    def _other(self, inst: Instance) -> Instance:
        return self.b if inst is self.a else self.a

    def _check_alive(self) -> None:
        for inst in self.sides:
            if not inst.alive():
                raise SyncPairError(f"syncthing {inst.name} is not running; log {inst.log_path}:\n{inst.log_tail()}")

    # -- waiting ------------------------------------------------------------

    def wait_for(
        self, what: str, ready, timeout: float, interval: float = 0.25, stable: int = 1, check_both: bool = True
    ):
        """Poll ``ready()`` (truthy when done, or raises) until it holds ``stable`` times in a row."""
        deadline = time.monotonic() + timeout
        last: object = None
        streak = 0
        while True:
            if check_both:
                self._check_alive()
            else:
                for inst in self.sides:
                    if inst.proc is not None and not inst.alive():
                        raise SyncPairError(f"syncthing {inst.name} exited; log {inst.log_path}:\n{inst.log_tail()}")
            try:
                last = ready()
            except TRANSIENT as exc:
                last = exc
                streak = 0
            else:
                streak = streak + 1 if last else 0
                if streak >= stable:
                    return last
            if time.monotonic() >= deadline:
                raise SyncPairError(
                    f"timed out after {timeout:.0f}s waiting for {what}; last seen: {self._describe(last)}; logs: "
                    f"{self.a.log_path}, {self.b.log_path}"
                )
            time.sleep(interval)

    def _describe(self, last: object) -> str:
        if isinstance(last, Exception):
            return repr(last)
        try:
            return json.dumps(self.status(), sort_keys=True)
        except Exception as exc:  # the status itself failed
            return f"{last!r} (status: {exc!r})"

    def connected(self) -> bool:
        return all(inst.rest.connected_to(self._other(inst).device_id) for inst in self.sides)

    def status(self) -> dict[str, dict]:
        """Per side: the folder's db/status (a few fields) and its view of the other side's completion."""
        out: dict[str, dict] = {}
        for inst in self.sides:
            st = inst.rest.folder_status(FOLDER_ID)
            comp = inst.rest.completion(FOLDER_ID, self._other(inst).device_id)
            out[inst.name] = {
                "state": st.get("state"),
                "needTotalItems": st.get("needTotalItems"),
                "pullErrors": st.get("pullErrors"),
                "globalFiles": st.get("globalFiles"),
                "globalBytes": st.get("globalBytes"),
                "globalDeleted": st.get("globalDeleted"),
                "inSyncFiles": st.get("inSyncFiles"),
                "otherCompletion": comp.get("completion"),
                "otherNeedItems": comp.get("needItems"),
                "otherNeedDeletes": comp.get("needDeletes"),
                "otherRemoteState": comp.get("remoteState"),
            }
        return out

    def in_sync(self) -> bool:
        """Both folders idle, neither needs anything, each sees the other at 100 %, and both agree on the global state."""
        s = self.status()
        for name in ("a", "b"):
            side = s[name]
            if side["state"] != "idle" or side["needTotalItems"] != 0:
                return False
            if side["otherCompletion"] != 100 or side["otherNeedItems"] != 0 or side.get("otherNeedDeletes", 0) != 0:
                return False
            if side["otherRemoteState"] not in (None, "valid"):
                return False
        return all(s["a"][k] == s["b"][k] for k in ("globalFiles", "globalBytes", "globalDeleted"))

    def wait_connected(self, timeout: float = 60) -> None:
        self.wait_for("both instances to see each other connected", self.connected, timeout, interval=0.5)

    def wait_idle(self, timeout: float = 60, *, scan: bool = True) -> None:
        """Wait until both folders are idle and in sync (completion 100 both ways, no need items).

        With ``scan`` (the default) both folders are rescanned first, so a change the
        file-system watcher has not reported yet (it waits ``watcher_delay_seconds``)
        is included. The state must hold for three polls in a row (about half a second).
        """
        if scan:
            self.rescan()
        self.wait_for("both folders idle and in sync", self.in_sync, timeout, stable=3)

    # -- control ------------------------------------------------------------

    def rescan(self) -> None:
        """Rescan the folder on both sides now (each call returns when its scan has finished)."""
        self._check_alive()
        for inst in self.sides:
            inst.rest.scan(FOLDER_ID)

    def _set_paused(self, paused: bool, timeout: float) -> None:
        self._check_alive()
        for inst in self.sides:
            inst.rest.set_paused(FOLDER_ID, paused)

        def settled() -> bool:
            if paused:
                return all(inst.rest.is_paused(FOLDER_ID) for inst in self.sides)
            return all(inst.rest.is_running(FOLDER_ID) for inst in self.sides)

        self.wait_for("the folder to be " + ("paused" if paused else "running") + " on both sides", settled, timeout)

    def pause(self, timeout: float = 30) -> None:
        """Pause the shared folder on both sides: no scanning, no syncing, until ``resume()``."""
        self._set_paused(True, timeout)

    def resume(self, timeout: float = 30) -> None:
        """Unpause the shared folder on both sides (each then scans and the two exchange what changed)."""
        self._set_paused(False, timeout)

    def stop(self) -> None:
        """Kill both instances (always safe to call again; also runs at exit)."""
        if self._stopped:
            return
        self._stopped = True
        for inst in self.sides:
            try:
                inst.kill()
            except Exception:
                pass
        try:
            atexit.unregister(self.stop)
        except Exception:
            pass

    def __enter__(self) -> Pair:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- looking at the folders ---------------------------------------------

    def _find(self, pattern: str, temp: bool) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for inst in self.sides:
            found = []
            for p in inst.data.rglob(pattern):
                rel = p.relative_to(inst.data)
                if rel.parts[0] in ("backups", ".stfolder", ".stversions"):
                    continue
                if _is_syncthing_temp(p.name) == temp:
                    found.append(str(rel))
            out[inst.name] = sorted(found)
        return out

    def conflict_copies(self) -> dict[str, list[str]]:
        """The ``*.sync-conflict-*`` files in each data folder (relative paths, sorted).

        Not counted: anything under ``backups/`` (``backups/merged/`` keeps copies under
        their original names) and Syncthing's own temporary files of a pull in progress
        or abandoned (``.syncthing.NAME.tmp``; see ``temp_files()``).
        """
        return self._find("*.sync-conflict-*", temp=False)

    def temp_files(self) -> dict[str, list[str]]:
        """Syncthing's temporary files (``.syncthing.*.tmp``, ``~syncthing~*.tmp``) in each data folder.

        One is left behind when a pull is abandoned, e.g. because the file was deleted
        on the other side while it was being copied; Syncthing removes it after
        ``keepTemporariesH`` (24 h).
        """
        return self._find("*.tmp", temp=True)

    def merged_copies(self) -> dict[str, list[str]]:
        """The names in ``backups/merged/`` on each side (sorted; empty when the folder does not exist)."""
        out: dict[str, list[str]] = {}
        for inst in self.sides:
            d = inst.data / "backups" / "merged"
            try:
                out[inst.name] = sorted(p.name for p in d.iterdir())
            except (FileNotFoundError, NotADirectoryError):
                out[inst.name] = []
        return out

    def journal_bytes(self) -> tuple[bytes | None, bytes | None]:
        """``rootwork.json`` as it is on A and on B (None where there is none)."""

        def read(p: Path) -> bytes | None:
            try:
                return p.read_bytes()
            except (FileNotFoundError, IsADirectoryError):
                return None

        return read(self.a.journal), read(self.b.journal)


def start(
    base: Path,
    rescan_seconds: int = 10,
    fs_watcher: bool = True,
    *,
    watcher_delay_seconds: int = 10,
    port_base: int = DEFAULT_PORT_BASE,
    stignore: tuple[str, ...] | list[str] | None = None,
    syncthing: str = "syncthing",
    timeout: float = 90,
) -> Pair:
    """Make, configure and start the pair under ``base``; return it connected and idle.

    ``base/a/{home,data}`` and ``base/b/{home,data}``; logs in ``base/a/syncthing.log``
    and ``base/b/syncthing.log``. Ports ``port_base+1`` (A's API), ``+2`` (B's API),
    ``+3`` (A's listener), ``+4`` (B's listener), all on 127.0.0.1. The data folders
    get ``stignore`` as their ``.stignore`` (default: the lines README.md recommends,
    read now by ``readme_stignore()``, which raises ``StignoreNotFound`` if it cannot
    find them). On any failure both instances are killed before the error is raised.
    """
    lines = tuple(readme_stignore() if stignore is None else stignore)
    base = Path(base).resolve()
    a = Instance("a", base / "a", port_base + 1, port_base + 3)
    b = Instance("b", base / "b", port_base + 2, port_base + 4)
    busy = [p for p in (a.api_port, b.api_port, a.listen_port, b.listen_port) if not _port_free(p)]
    if busy:
        raise SyncPairError(f"ports in use on 127.0.0.1: {busy} (another pair running? pass port_base=...)")
    flavour = syncthing_flavour(syncthing)
    for inst in (a, b):
        inst.make_folders()
        write_stignore(inst.data, lines)
        inst.generate(syncthing, flavour)
    for me, other in ((a, b), (b, a)):
        write_config(
            me, other, rescan_seconds=rescan_seconds, fs_watcher=fs_watcher, watcher_delay_seconds=watcher_delay_seconds
        )

    pair = Pair(base, a, b)
    try:
        for inst in (a, b):  # one after the other: two instances dialling each other in the same instant can stall 20 s
            inst.launch(syncthing, flavour)
            pair.wait_for(
                f"syncthing {inst.name}'s API on 127.0.0.1:{inst.api_port}",
                lambda inst=inst: inst.rest.my_id() == inst.device_id,
                timeout,
                check_both=False,
            )
        for inst in (a, b):  # refuse to go on if a running instance is not as config.py wrote it
            wrong = localhost_only_problems(inst.rest.options(), inst.rest.devices(), inst.listen_url)
            if wrong:
                raise SyncPairError(f"syncthing {inst.name} is not localhost-only: {wrong}")
        pair.wait_connected(timeout)
        pair.wait_idle(timeout)
    except BaseException:
        pair.stop()
        raise
    return pair


def run_folder(base: Path | None, keep: bool, prefix: str) -> tuple[Path, bool]:
    """The folder a run works in, and whether it is kept: ``base`` (made if need be, always kept), else a new
    temporary folder named ``prefix``…, kept only when ``keep``."""
    if base is not None:
        base = base.resolve()
        base.mkdir(parents=True, exist_ok=True)
        return base, True
    return Path(tempfile.mkdtemp(prefix=prefix)), keep


def end_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP end the run through its ``finally:`` (both instances killed); so does Ctrl-C, even when
    the run was started with SIGINT ignored (``cmd &``)."""

    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGHUP, on_term)

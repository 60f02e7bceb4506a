"""A client for one Syncthing instance's REST API on 127.0.0.1 (standard library only).

Every URL the harness uses is here. Each call opens a new connection; a call to an
instance that is not up yet, or is restarting, raises one of ``TRANSIENT``, which
a caller that polls treats as "not yet".
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from config import API_KEY

#: What a call raises while the instance is starting, busy or gone: poll again.
TRANSIENT = (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError)


class Rest:
    """The REST API of the instance whose GUI listens on ``127.0.0.1:port``."""

    def __init__(self, port: int, api_key: str = API_KEY) -> None:
        self.port = port
        self.api_key = api_key

    def call(
        self, method: str, path: str, query: dict[str, str] | None = None, body: object = None, timeout: float = 30
    ):
        """``method`` on ``path``: the decoded JSON answer, its text when it is not JSON, None when empty."""
        url = f"http://127.0.0.1:{self.port}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method, headers={"X-API-Key": self.api_key})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read()
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode(errors="replace")

    def get(self, path: str, **query: str):
        return self.call("GET", path, query or None)

    # -- the system ---------------------------------------------------------

    def my_id(self) -> str | None:
        """The device id of the instance answering (None before it knows it)."""
        return self.get("/rest/system/status").get("myID")

    def connected_to(self, device_id: str) -> bool:
        """True when this instance has a live connection to ``device_id``."""
        conns = self.get("/rest/system/connections").get("connections", {})
        return bool(conns.get(device_id, {}).get("connected"))

    def options(self) -> dict:
        """The running options (``/rest/config/options``)."""
        return self.get("/rest/config/options")

    def devices(self) -> list[dict]:
        """The configured devices (``/rest/config/devices``)."""
        return self.get("/rest/config/devices")

    # -- one folder ---------------------------------------------------------

    def folder_status(self, folder: str) -> dict:
        """``/rest/db/status``: state, need and global counts, pull errors."""
        return self.get("/rest/db/status", folder=folder)

    def completion(self, folder: str, device_id: str) -> dict:
        """``/rest/db/completion``: how complete ``device_id`` is on ``folder``, as this instance sees it."""
        return self.get("/rest/db/completion", folder=folder, device=device_id)

    def scan(self, folder: str, timeout: float = 120) -> None:
        """Rescan ``folder`` now; returns when the scan has finished."""
        self.call("POST", "/rest/db/scan", {"folder": folder}, timeout=timeout)

    def set_paused(self, folder: str, paused: bool) -> None:
        """Pause or unpause ``folder`` in the running configuration."""
        self.call("PATCH", f"/rest/config/folders/{folder}", body={"paused": paused})

    def is_paused(self, folder: str) -> bool:
        """True when ``folder`` is paused both in the configuration and in its state.

        A paused folder reports an empty state (1.19) or ``"paused"``.
        """
        if not self.get(f"/rest/config/folders/{folder}").get("paused"):
            return False
        return self.folder_status(folder).get("state") in ("", "paused", None)

    def is_running(self, folder: str) -> bool:
        """True when ``folder`` is unpaused both in the configuration and in its state."""
        if self.get(f"/rest/config/folders/{folder}").get("paused"):
            return False
        return self.folder_status(folder).get("state") not in ("", "paused", None)

"""What the two Syncthing instances are told before they first start: their ``config.xml`` and the folder's ``.stignore``.

Each instance's ``config.xml`` is written whole here (the one ``syncthing generate``
makes is only used for the key and the device id): localhost only, each knowing
the other by an explicit ``tcp://127.0.0.1:<port>`` address, with global and local
discovery, relays, NAT traversal (UPnP and STUN), LAN-address announcement, usage
reporting, crash reporting and upgrades off. ``localhost_only_problems`` checks
that a running instance still has those options.

The ``.stignore`` lines are not kept here: they are read, at run time, from the
fenced block that follows "put these lines in the `.stignore` of the synced folder:"
in the repository's README.md, so the harness tests what the README tells users.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from instance import Instance

#: The folder id both instances share.
FOLDER_ID = "rootwork-syncpair"
#: The API key of both instances (localhost only, throwaway homes).
API_KEY = "syncpair-test-api-key-0123456789"
#: Ports: A's GUI/API, B's GUI/API, A's sync listener, B's sync listener are port_base+1 .. port_base+4.
DEFAULT_PORT_BASE = 28380

#: The repository's README.md (tools/syncpair/ is two folders below the root).
README_PATH = Path(__file__).resolve().parents[2] / "README.md"
#: The end of the sentence the ``.stignore`` block follows in README.md.
STIGNORE_INTRO = "put these lines in the `.stignore` of the synced folder:"


class StignoreNotFound(RuntimeError):
    """README.md has no (single, non-empty) fenced block right after ``STIGNORE_INTRO``."""


# --------------------------------------------------------------------------- .stignore


def readme_stignore(readme: Path = README_PATH) -> tuple[str, ...]:
    """The ``.stignore`` lines README.md recommends: the fenced block right after ``STIGNORE_INTRO``.

    The sentence may be wrapped over several lines of the README. Blank lines in the
    block are dropped; every other line is kept as written (trailing spaces removed).
    Raises ``StignoreNotFound`` (saying what is missing) rather than guessing.
    """
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as exc:
        raise StignoreNotFound(f"cannot read {readme} for the .stignore lines: {exc}") from None
    intro = r"\s+".join(re.escape(word) for word in STIGNORE_INTRO.split())
    hits = list(re.finditer(intro, text))
    if len(hits) != 1:
        raise StignoreNotFound(
            f"{readme}: expected the sentence ending {STIGNORE_INTRO!r} once, found it {len(hits)} times"
        )
    rest = text[hits[0].end() :].split("\n")
    i = 1  # rest[0] is what follows the colon on the sentence's own line
    if rest[0].strip():
        raise StignoreNotFound(
            f"{readme}: text follows {STIGNORE_INTRO!r} on the same line; expected a fenced block below it"
        )
    while i < len(rest) and not rest[i].strip():
        i += 1
    fence = re.match(r"\s*(```+|~~~+)", rest[i]) if i < len(rest) else None
    if fence is None:
        got = rest[i].strip() if i < len(rest) else "the end of the file"
        raise StignoreNotFound(f"{readme}: expected a fenced code block right after {STIGNORE_INTRO!r}, found {got!r}")
    lines: list[str] = []
    for line in rest[i + 1 :]:
        if line.strip().startswith(fence.group(1)):
            break
        if line.strip():
            lines.append(line.rstrip())
    else:
        raise StignoreNotFound(f"{readme}: the fenced block after {STIGNORE_INTRO!r} is never closed")
    if not lines:
        raise StignoreNotFound(f"{readme}: the fenced block after {STIGNORE_INTRO!r} is empty")
    return tuple(lines)


def write_stignore(data: Path, lines: tuple[str, ...] | list[str]) -> None:
    """Write ``lines`` as ``data/.stignore``, one a line."""
    (data / ".stignore").write_text("".join(line + "\n" for line in lines))


# --------------------------------------------------------------------------- config.xml


def config_xml(
    *,
    me: Instance,
    other: Instance,
    rescan_seconds: int,
    fs_watcher: bool,
    watcher_delay_seconds: int,
) -> str:
    """The whole ``config.xml`` of ``me``, sharing ``FOLDER_ID`` with ``other`` and nobody else."""

    def device(inst: Instance) -> str:
        return f"""    <device id={quoteattr(inst.device_id)} name={quoteattr(inst.name)} compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>{escape(inst.listen_url)}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
        <untrusted>false</untrusted>
    </device>
"""

    folder_devices = "".join(
        f'        <device id={quoteattr(i.device_id)} introducedBy=""><encryptionPassword></encryptionPassword></device>\n'
        for i in (me, other)
    )
    watcher = "true" if fs_watcher else "false"
    return f"""<configuration version="36">
    <folder id={quoteattr(FOLDER_ID)} label="rootwork" path={quoteattr(str(me.data))} type="sendreceive" rescanIntervalS="{int(rescan_seconds)}" fsWatcherEnabled="{watcher}" fsWatcherDelayS="{int(watcher_delay_seconds)}" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
{folder_devices}        <minDiskFree unit="%">1</minDiskFree>
        <versioning></versioning>
        <maxConflicts>10</maxConflicts>
        <paused>false</paused>
        <markerName>.stfolder</markerName>
    </folder>
{device(me)}{device(other)}    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{me.api_port}</address>
        <apikey>{escape(API_KEY)}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>{escape(me.listen_url)}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <stunServer></stunServer>
        <announceLANAddresses>false</announceLANAddresses>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <urUniqueID></urUniqueID>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <upgradeToPreReleases>false</upgradeToPreReleases>
        <startBrowser>false</startBrowser>
        <restartOnWakeup>false</restartOnWakeup>
        <reconnectionIntervalS>2</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
        <minHomeDiskFree unit="%">1</minHomeDiskFree>
        <progressUpdateIntervalS>5</progressUpdateIntervalS>
    </options>
</configuration>
"""


def write_config(me: Instance, other: Instance, **options) -> None:
    """Write ``config_xml(me=me, other=other, **options)`` to ``me.home/config.xml`` (mode 600)."""
    path = me.home / "config.xml"
    path.write_text(config_xml(me=me, other=other, **options))
    path.chmod(0o600)


#: Options a running instance must still have (what ``config_xml`` wrote).
LOCALHOST_ONLY_OPTIONS = (
    ("globalAnnounceEnabled", False),
    ("localAnnounceEnabled", False),
    ("relaysEnabled", False),
    ("natEnabled", False),
    ("crashReportingEnabled", False),
    ("autoUpgradeIntervalH", 0),
    ("stunKeepaliveStartS", 0),
)


def localhost_only_problems(options: dict, devices: list[dict], listen_url: str) -> dict[str, object]:
    """What, in a running instance's options and devices (as its REST API gives them), is not localhost only.

    Empty when all is as written: discovery, relays, NAT, usage reports, crash reports
    and upgrades off; listening on ``listen_url`` alone; every device dialled at a
    ``tcp://127.0.0.1:`` address.
    """
    wrong: dict[str, object] = {k: options.get(k) for k, want in LOCALHOST_ONLY_OPTIONS if options.get(k) != want}
    if options.get("urAccepted", -1) > 0:
        wrong["urAccepted"] = options.get("urAccepted")
    addrs = options.get("listenAddresses") or []
    if addrs != [listen_url]:
        wrong["listenAddresses"] = addrs
    for dev in devices:
        if any(not a.startswith("tcp://127.0.0.1:") for a in dev.get("addresses", [])):
            wrong[f"device {dev.get('name')} addresses"] = dev.get("addresses")
    return wrong

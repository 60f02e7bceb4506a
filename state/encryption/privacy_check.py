"""``rootwork doctor``'s checks: what in a journal's folder could let someone else read what you wrote.

``check_folder`` only looks: it changes nothing, never needs the passphrase (an
age file is known by its header) and reads at most the first KiB of a file that
may be large, never through a link but the journal's. It looks at modes
(folders 0700, files 0600); links among rootwork's names (the journal may be
one); in an encrypted folder (the journal is an age file, or this machine's
note says so), stray plain text: a file holding what you wrote that is not an
age file (``journal_files``), ``identity.age`` in the clear, temporary files of
a stopped save or export, an export or copy left there, a ``crash.log`` holding
more than rootwork writes, an ``encrypt`` or ``decrypt`` stopped half-way; and,
in a Syncthing folder (a ``.stfolder`` at or above it), whether ``.stignore``
leaves out the files that belong to this machine alone. Each ``Finding`` is
one line: a ``problem`` (``rootwork doctor`` exits 1) or a ``note``, with its fix.
"""

from __future__ import annotations

import os
import re
import shlex
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rootwork.state.encryption.folder import journal_files
from rootwork.state.encryption.header import is_encrypted
from rootwork.state.encryption.marker import FolderState, read_mark
from rootwork.state.files import locations as loc
from rootwork.state.files.private_file import EXPORT_TEMP_PREFIX
from rootwork.state.files.regular_file import NotRegularFile, TooLarge, file_kind, open_regular, read_regular
from rootwork.state.files.syncthing_ignore import STFOLDER, STIGNORE, ignored, read_ignore, syncthing_root

PROBLEM: Literal["problem"] = "problem"
NOTE: Literal["note"] = "note"
HEAD_BYTES = 1024
MERGED = loc.MERGED_NAME
#: More files than this with a wrong mode in one folder make one line, not one each.
GROUP_AFTER = 3
#: The README's .stignore lines, each with a name it must cover: those a synced folder must have, then the rest.
SYNC_NEEDED = {
    loc.MACHINE_ID_NAME: loc.MACHINE_ID_NAME,
    loc.ENCRYPTION_MARK_NAME: loc.ENCRYPTION_MARK_NAME,
    loc.LAST_WRITE_NAME: loc.LAST_WRITE_NAME,
    loc.DRAFTS_NAME: loc.DRAFTS_NAME,
    f"{loc.OUTBOX_PREFIX}*.json": f"{loc.OUTBOX_PREFIX}{'0' * 32}.json",
}
SYNC_ALSO = {
    f"{loc.TEMP_PREFIX}*": f"{loc.TEMP_PREFIX}0123456789abcdef.tmp",
    loc.LOCK_NAME: loc.LOCK_NAME,
    loc.CRASH_LOG_NAME: loc.CRASH_LOG_NAME,
    loc.BACKUPS_NAME: loc.BACKUPS_NAME,
}
_OUR_NAMES = {
    loc.DATABASE_NAME,
    loc.DRAFTS_NAME,
    loc.LOCK_NAME,
    loc.MACHINE_ID_NAME,
    loc.LAST_WRITE_NAME,
    loc.ENCRYPTION_MARK_NAME,
    loc.IDENTITY_NAME,
    loc.BACKUPS_NAME,
    loc.CRASH_LOG_NAME,
}
#: What sync tools and desktops keep in a folder: neither rootwork's nor the user's writing.
_SYNC_TOOLS = {
    STFOLDER,
    STIGNORE,
    ".stversions",
    ".stglobalignore",
    ".DS_Store",
    "desktop.ini",
    "Thumbs.db",
    ".dropbox",
    ".dropbox.attr",
    ".dropbox.cache",
    "Icon\r",
}
_EXPORT_SUFFIXES = {".json", ".md", ".markdown", ".csv", ".ics", ".txt", ".bak", ".tmp"}
#: What a stopped write of ``machine-id``, ``last-write`` or the encryption note leaves: no user text.
_HARMLESS = re.compile(rb"([0-9a-f]{32}|\d+ \d+ \d+|(encrypted|encrypting|decrypting)( age1[0-9a-z]+)?)\n?")
#: Every line ``tui.crash_log`` writes: a time, exception types, files, line numbers, functions.
_CRASH_LINE = re.compile(
    r"(--- rootwork stopped at \S+|Traceback \(most recent call last\):|File \".*\", line \d+, in \S+|[\w.<>]+"
    r"|\+-- \d+ of \d+|The above exception was the direct cause of the following exception:"
    r"|During handling of the above exception, another exception occurred:)?"
)
CRASH_LOG_LIMIT = 4 * 1024 * 1024
_ENCRYPT_FIX = "open your journal with its passphrase (the app, or any command such as `rootwork due`): what is still plain is encrypted then"


@dataclass(frozen=True)
class Finding:
    """One line of ``rootwork doctor``: what was found, and how to put it right."""

    level: Literal["problem", "note"]
    text: str
    fix: str = ""


def check_folder(data_dir: Path) -> list[Finding]:
    """Everything ``rootwork doctor`` finds in ``data_dir``, problems and notes, in the order they are said."""
    data_dir = Path(data_dir)
    try:
        info = os.stat(data_dir)
    except FileNotFoundError:
        return [Finding(NOTE, f"there is no journal folder at {data_dir} yet, so there is nothing to check")]
    except OSError as error:
        return [
            Finding(
                PROBLEM,
                f"{data_dir} cannot be looked at ({error.strerror or error})",
                f"check who may open it: ls -ld {_q(data_dir)}",
            )
        ]
    if not stat.S_ISDIR(info.st_mode):
        return [
            Finding(
                PROBLEM,
                f"{data_dir} is {file_kind(info.st_mode)}, not a folder",
                "point --data-dir or $ROOTWORK_DATA_DIR at your journal's folder",
            )
        ]
    return [*_modes(data_dir, info), *_links(data_dir), *_encryption(data_dir), *_sync_ignore(data_dir)]


def _q(path: Path | str) -> str:
    return shlex.quote(str(path))


def _shown(data_dir: Path, path: Path) -> str:
    """``path`` as a finding says it: relative to the data folder when inside it."""
    return path.relative_to(data_dir).as_posix() if path.is_relative_to(data_dir) else str(path)


def _entries(folder: Path) -> Iterator[tuple[str, Path, os.stat_result]]:
    """Each entry of ``folder`` (sorted) with its ``lstat``; none when it cannot be listed."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        try:
            yield name, folder / name, os.lstat(folder / name)
        except OSError:
            continue


def _head(path: Path, *, follow: bool = False) -> bytes | None:
    """The first KiB of the regular file ``path``; None when it is missing, not a regular file, or unreadable."""
    try:
        fd, _info = open_regular(path, sys.maxsize, follow_symlinks=follow)
    except (OSError, ValueError, NotRegularFile, TooLarge):
        return None
    try:
        return os.read(fd, HEAD_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)


def _plain(path: Path, *, follow: bool = False) -> bool:
    """True when ``path`` is a regular file holding something, and not an age file."""
    head = _head(path, follow=follow)
    return head is not None and bool(head) and not is_encrypted(head)


def _is_ours(name: str) -> bool:
    return (
        name in _OUR_NAMES
        or name.startswith((loc.TEMP_PREFIX, EXPORT_TEMP_PREFIX))
        or (name.endswith(".json") and name.startswith(("rootwork", loc.OUTBOX_PREFIX)))
        or (name.startswith("identity") and name.endswith(".age"))
    )


def _target(journal: Path) -> Path | None:
    """The file a linked journal points to (resolved); None when the journal is not a link."""
    return Path(os.path.realpath(journal)) if journal.is_symlink() else None


def _modes(data_dir: Path, info: os.stat_result) -> list[Finding]:
    if os.name == "nt":  # no POSIX modes to look at
        return []
    found, folders = [], [(data_dir, info)]
    for sub in (loc.backups_dir(data_dir), loc.backups_dir(data_dir) / MERGED):
        try:
            folders.append((sub, os.lstat(sub)))
        except OSError:
            continue
    for folder, folder_info in folders:
        if not stat.S_ISDIR(folder_info.st_mode):
            continue
        where = f"the data folder {data_dir}" if folder == data_dir else f"the folder {_shown(data_dir, folder)}"
        if stat.S_IMODE(folder_info.st_mode) & 0o077:
            found.append(
                Finding(
                    PROBLEM,
                    f"{where} is open to others (mode {stat.S_IMODE(folder_info.st_mode):o}; it should be 700)",
                    f"chmod 700 {_q(folder)}",
                )
            )
        loose = [
            (path, stat.S_IMODE(entry.st_mode))
            for name, path, entry in _entries(folder)  # a sync tool's are its own
            if stat.S_ISREG(entry.st_mode) and stat.S_IMODE(entry.st_mode) & 0o077 and name not in _SYNC_TOOLS
        ]
        if len(loose) > GROUP_AFTER:
            modes = ", ".join(sorted({f"{mode:o}" for _path, mode in loose}))
            found.append(
                Finding(
                    PROBLEM,
                    f"{len(loose)} files in {where} can be read by others (mode {modes}; they should be 600)",
                    f"find {_q(folder)} -maxdepth 1 -type f -exec chmod 600 {{}} +",
                )
            )
            loose = []
        found += [
            Finding(
                PROBLEM,
                f"{_shown(data_dir, path)} can be read by others (mode {mode:o}; it should be 600)",
                f"chmod 600 {_q(path)}",
            )
            for path, mode in loose
        ]
    target = _target(loc.database_path(data_dir))
    try:
        mode = os.stat(target).st_mode if target is not None else 0
    except OSError:
        mode = 0
    if target is not None and stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
        found.append(
            Finding(
                PROBLEM,
                f"{target}, the file {loc.DATABASE_NAME} links to, can be read by others "
                f"(mode {stat.S_IMODE(mode):o}; it should be 600)",
                f"chmod 600 {_q(target)}",
            )
        )
    return found


def _links(data_dir: Path) -> list[Finding]:
    found = []
    for name, path, info in _entries(data_dir):
        if not stat.S_ISLNK(info.st_mode) or not _is_ours(name):
            continue
        if name == loc.DATABASE_NAME:
            missing = "" if path.exists() else ", which does not exist"
            found.append(
                Finding(
                    NOTE,
                    f"{name} is a link to {_target(path)}{missing}: every save goes there, and the link stays a link",
                )
            )
            continue
        what = "folder" if name == loc.BACKUPS_NAME else "file"
        found.append(
            Finding(
                PROBLEM,
                f"{name} is a link (to {os.readlink(path)}); rootwork keeps this {what} "
                "itself and never needs a link here",
                f"remove the link (what it points to stays): rm {_q(path)}",
            )
        )
    return found


def _encryption(data_dir: Path) -> list[Finding]:
    state = read_mark(data_dir).state
    head = _head(loc.database_path(data_dir), follow=True)
    journal_encrypted = bool(head and is_encrypted(head))
    if state is FolderState.DECRYPTING:  # plain files are what is meant: only the job half done is said
        return [
            Finding(
                PROBLEM,
                "`rootwork decrypt` was stopped before it finished: some files are still encrypted",
                "run `rootwork decrypt` again",
            )
        ]
    found = []
    if state is FolderState.ENCRYPTING:
        found.append(
            Finding(
                PROBLEM,
                "`rootwork encrypt` was stopped before it finished: some files may still be plain text",
                "run `rootwork encrypt` again",
            )
        )
    elif state is FolderState.PLAIN and journal_encrypted:
        found.append(
            Finding(
                NOTE,
                "your journal is encrypted, but this machine has no note of it "
                f"(`{loc.ENCRYPTION_MARK_NAME}`), so a plain journal put in its place would not be refused",
                "open your journal once with its passphrase (the app, or `rootwork due`)",
            )
        )
    if not journal_encrypted and state is FolderState.PLAIN:
        return found
    return [
        *found,
        *_plain_files(data_dir, state),
        *_identities(data_dir),
        *_temps(data_dir),
        *_foreign(data_dir),
        *_crash_log(data_dir),
    ]


def _what(data_dir: Path, path: Path) -> str:
    if path.parent != data_dir:
        return "a merged copy from another machine" if path.parent.name == MERGED else "a backup"
    kinds = {
        loc.DRAFTS_NAME: "your half-written forms",
        loc.OUTBOX_PREFIX: "this machine's copy of what it saved",
        "rootwork.broken-": "a copy of a damaged journal, kept aside",
        "rootwork.plain-": "a plain journal rootwork would not read, kept aside",
    }
    return next((what for start, what in kinds.items() if path.name.startswith(start)), "a copy of your journal")


def _plain_files(data_dir: Path, state: FolderState) -> list[Finding]:
    found, journal = [], loc.database_path(data_dir)
    for path in journal_files(data_dir):
        if not _plain(path, follow=path == journal):  # an empty file holds nothing
            continue
        if path != journal:
            found.append(
                Finding(
                    PROBLEM,
                    f"{_shown(data_dir, path)} ({_what(data_dir, path)}) is plain text, "
                    "though your journal is encrypted",
                    _ENCRYPT_FIX,
                )
            )
            continue
        elsewhere = "if you decrypted it on another machine, run `rootwork decrypt` here too; else "
        aside = (
            "open your journal with its passphrase: the plain file is kept aside unread (and encrypted), and "
            "your journal comes back from its newest backup"
        )
        found.append(
            Finding(
                PROBLEM,
                f"your journal, {loc.DATABASE_NAME}, is plain text, though this machine knows the folder as encrypted",
                (elsewhere if state is FolderState.ENCRYPTED else "") + aside,
            )
        )
    return found


def _identities(data_dir: Path) -> list[Finding]:
    return [
        Finding(
            PROBLEM,
            f"{name} is not encrypted: the key to your journal is there for anyone who reads the folder",
            f"encrypt it with your passphrase (the age tool): age -p -o {_q(path)}.new {_q(path)} "
            f"&& mv {_q(path)}.new {_q(path)}",
        )
        for name, path, _info in _entries(data_dir)
        if name.startswith("identity") and name.endswith(".age") and _plain(path)
    ]


def _temps(data_dir: Path) -> list[Finding]:
    # A save through a linked journal writes its temporary file beside the file it points to.
    target = _target(loc.database_path(data_dir))
    folders = [data_dir, loc.backups_dir(data_dir), *([target.parent] if target else [])]
    found = []
    for folder in dict.fromkeys(folders):
        for name, path, _info in _entries(folder):
            export = name.startswith(EXPORT_TEMP_PREFIX)
            if not (export or name.startswith(loc.TEMP_PREFIX)) or not _plain(path):
                continue
            if _HARMLESS.fullmatch(_head(path) or b""):
                continue
            found.append(
                Finding(
                    PROBLEM,
                    f"{_shown(data_dir, path)} is plain text left by "
                    f"{'an export' if export else 'a save'} that was stopped",
                    f"delete it: rm {_q(path)}",
                )
            )
    return found


def _foreign(data_dir: Path) -> list[Finding]:
    """Plain files in the folder that are not rootwork's: an export, a copy of the journal, or the user's own."""
    found = []
    for name, path, _info in _entries(data_dir):
        if _is_ours(name) or name in _SYNC_TOOLS or not _plain(path):
            continue
        if Path(name).suffix.lower() in _EXPORT_SUFFIXES or "rootwork" in name.lower():
            found.append(
                Finding(
                    PROBLEM,
                    f"{name} is plain text in your encrypted folder (an export, or a copy of your journal?)",
                    f"move it somewhere only you can read, or delete it: rm {_q(path)}",
                )
            )
        else:
            found.append(
                Finding(
                    NOTE,
                    f"{name} is not rootwork's and is not encrypted",
                    "if it holds anything private, move it out of this folder",
                )
            )
    return found


def _crash_log(data_dir: Path) -> list[Finding]:
    path = loc.crash_log_path(data_dir)
    try:
        text = read_regular(path, CRASH_LOG_LIMIT, follow_symlinks=False).decode("utf-8", "replace")
    except TooLarge:
        text = "\0"
    except (OSError, NotRegularFile):  # none, or a link (said with the links)
        return []
    if all(_CRASH_LINE.fullmatch(line.strip()) for line in text.splitlines()):
        return []
    return [
        Finding(
            PROBLEM,
            f"{loc.CRASH_LOG_NAME} holds lines rootwork does not write, which may quote what you "
            "wrote (an older rootwork's log, or another program's)",
            f"read it, then delete it: rm {_q(path)}",
        )
    ]


def _sync_ignore(data_dir: Path) -> list[Finding]:
    target = _target(loc.database_path(data_dir))
    starts = [data_dir, *([target.parent] if target else [])]
    real_dir = Path(os.path.realpath(data_dir))
    found = []
    for root in dict.fromkeys(syncthing_root(start) for start in starts):
        if root is None or not real_dir.is_relative_to(root):
            continue  # only the journal is synced there: this machine's own files are not
        inside, ignore = real_dir.relative_to(root), root / STIGNORE
        try:
            patterns, where = read_ignore(ignore), f"the .stignore of the Syncthing folder {root} does not leave out"
        except (OSError, NotRegularFile, TooLarge, UnicodeDecodeError) as error:
            kind = "no" if isinstance(error, FileNotFoundError) else "an unreadable"
            patterns, where = [], f"the Syncthing folder {root} has {kind} .stignore, so it does not leave out"
        missing = [line for line, name in SYNC_NEEDED.items() if not ignored(patterns, (inside / name).as_posix())]
        rest = [line for line, name in SYNC_ALSO.items() if not ignored(patterns, (inside / name).as_posix())]
        if missing:
            found.append(
                Finding(
                    PROBLEM,
                    f"{where} {', '.join(missing)}, which belong to this machine alone",
                    f"add these lines to {ignore}, one a line: {' '.join(missing + rest)}",
                )
            )
        elif rest:
            found.append(
                Finding(
                    NOTE,
                    f"{where} {', '.join(rest)} (each machine keeps its own)",
                    f"add these lines to {ignore}, one a line: {' '.join(rest)}",
                )
            )
    return found


__all__ = ["NOTE", "PROBLEM", "Finding", "check_folder"]

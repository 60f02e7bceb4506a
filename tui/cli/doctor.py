"""``rootwork doctor``: a privacy self-check of the journal's folder, one line per finding; exit 0 or 1.

What is looked at is ``state.encryption.privacy_check``'s; here are the two things only
the command line knows of: the system keyring (an entry for this folder is
said, with how to remove it; never the passphrase) and where the passphrase
comes from (``--passphrase-file`` private and out of synced folders,
``$ROOTWORK_PASSPHRASE`` in the environment). Doctor never changes anything,
never opens the journal and never needs the passphrase: the file named by
``--passphrase-file`` is looked at, not read.

Each finding is a line on stdout, ``problem: ... — fix: ...`` or ``note:
...``; when there is no problem, a last line starts ``All is well:``. The
exit status is 0 when all is well (notes alone change nothing) and 1 when
something needs attention.
"""

from __future__ import annotations

import os
import shlex
import stat
from collections.abc import Callable
from pathlib import Path

from rootwork.state.encryption.privacy_check import NOTE, PROBLEM, Finding, check_folder
from rootwork.state.files.locations import resolve_data_dir
from rootwork.state.files.syncthing_ignore import syncthing_root
from rootwork.state.records.export_words import one_line
from rootwork.tui.cli.args import EXIT_FAILED, EXIT_OK, CommandRun
from rootwork.tui.cli.passphrase import ENV_PASSPHRASE, KEYRING_SERVICE, keyring_passphrase

#: Something needs attention: the same 1 as a failed command, so ``rootwork doctor || ...`` works in scripts.
EXIT_ATTENTION = EXIT_FAILED


def run_doctor(args: CommandRun) -> int:
    """Check the data folder and print one line per finding; 0 when all is well, 1 when something needs attention."""
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    findings = [*check_folder(data_dir), *keyring_findings(data_dir), *passphrase_findings(args, data_dir)]
    for finding in findings:
        print(finding_line(finding))
    if any(finding.level == PROBLEM for finding in findings):
        return EXIT_ATTENTION
    print(one_line(f"All is well: nothing in {data_dir} needs attention.", None))
    return EXIT_OK


def finding_line(finding: Finding) -> str:
    """``problem: TEXT — fix: FIX`` (or ``note: TEXT``), on one line without control characters."""
    line = f"{finding.level}: {finding.text}" + (f" — fix: {finding.fix}" if finding.fix else "")
    return one_line(line, None)


def keyring_findings(data_dir: Path, lookup: Callable[[Path], str | None] | None = None) -> list[Finding]:
    """A note when the system keyring holds this folder's passphrase (it never says the passphrase)."""
    if (lookup or keyring_passphrase)(data_dir) is None:
        return []
    return [
        Finding(
            NOTE,
            f"your system keyring holds this journal's passphrase (service {KEYRING_SERVICE}): "
            "anyone who can use your login session can open the journal",
            f"if you would rather type it, remove it: keyring del {KEYRING_SERVICE} {shlex.quote(str(data_dir))}",
        )
    ]


def passphrase_findings(args: CommandRun, data_dir: Path) -> list[Finding]:
    """Where the passphrase comes from: a ``--passphrase-file`` others or a sync tool could read; the environment."""
    found = []
    if os.environ.get(ENV_PASSPHRASE):
        found.append(
            Finding(
                NOTE,
                f"${ENV_PASSPHRASE} is set: other programs running as you can read it",
                "prefer --passphrase-file FILE (mode 600) or your system keyring",
            )
        )
    given = getattr(args, "passphrase_file", None)
    if not given:
        return found
    path = Path(given).expanduser().absolute()
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except (OSError, ValueError) as error:
        return [
            *found,
            Finding(
                PROBLEM,
                f"the passphrase file {given} cannot be looked at ({getattr(error, 'strerror', None) or error})",
                "give a file that exists",
            ),
        ]
    quoted = shlex.quote(str(path))
    if mode & 0o077:
        found.append(
            Finding(
                PROBLEM, f"the passphrase file {given} can be read by others (mode {mode:o})", f"chmod 600 {quoted}"
            )
        )
    real, real_dir = Path(os.path.realpath(path)), Path(os.path.realpath(data_dir))
    synced = syncthing_root(path)
    if real.is_relative_to(real_dir) or synced is not None:
        where = "your journal's folder" if real.is_relative_to(real_dir) else f"the Syncthing folder {synced}"
        found.append(
            Finding(
                PROBLEM,
                f"the passphrase file {given} is in {where}: whoever gets a copy of it can read your journal",
                "move it to a folder that is not synced, and give that path to --passphrase-file",
            )
        )
    return found

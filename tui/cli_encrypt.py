"""``rootwork encrypt`` and ``rootwork decrypt``: every file of the journal, converted in place.

``encrypt`` asks for a new passphrase twice on a terminal (no echo) and refuses
an empty one or two that differ; ``--passphrase-file`` or
``$ROOTWORK_PASSPHRASE`` give it without asking. A journal already encrypted
(a run that was killed, say) is opened with its passphrase, asked once, and
the files still plain are finished under its key. ``decrypt`` asks once. The
conversion itself is ``state.encryption.convert_folder``: one atomic replace
per file under the process lock, so a kill leaves each file old or new.
Every refusal (no journal, no terminal and no passphrase, a wrong one, a
mismatch) is one line and exit 2, with nothing changed.
"""

from __future__ import annotations

import argparse
import sys

from rootwork.state.locations import database_path, resolve_data_dir
from rootwork.tui.cli_args import EXIT_OK, CommandFailed, UsageError
from rootwork.tui.cli_passphrase import HINT, codec_for, given_passphrase, journal_is_encrypted, prompt
from rootwork.tui.cli_store import open_store, say


def _new_passphrase(args: argparse.Namespace) -> str:
    """The passphrase to encrypt with: given, or typed twice the same."""
    given = given_passphrase(args)
    if given:
        return given
    first = prompt("New passphrase for your journal: ")
    if first is None:
        raise UsageError(f"encrypting needs a passphrase: {HINT}")
    if not first:
        raise UsageError("an empty passphrase protects nothing; nothing was changed")
    if prompt("The same passphrase again: ") != first:
        raise UsageError("the two passphrases differ; nothing was changed")
    return first


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def _report_leftovers(result) -> None:  # noqa: ANN001 - state.encryption.Conversion
    if result.other_passphrase:
        say(f"{_files(len(result.other_passphrase))} encrypted with another passphrase were left as they are: "
            + ", ".join(p.name for p in result.other_passphrase))
    if result.damaged:
        say(f"{_files(len(result.damaged))} could not be read and were left as they are: "
            + ", ".join(p.name for p in result.damaged))


def _convert(args: argparse.Namespace, *, encrypt: bool):  # noqa: ANN202 - a Conversion
    from rootwork.state.encryption import convert_folder
    from rootwork.state.store import StoreError

    store = open_store(args)
    try:
        return convert_folder(store, encrypt=encrypt)
    except (OSError, StoreError) as error:
        reason = getattr(error, "strerror", None) or error
        raise CommandFailed(f"your journal could not be fully converted ({reason}); "
                            "every file is whole, and running the command again finishes the job") from error


def encrypt_folder(args: argparse.Namespace) -> int:
    """``rootwork encrypt``."""
    data_dir = resolve_data_dir(args.data_dir)
    if not database_path(data_dir).exists():
        raise UsageError(f"there is no journal in {data_dir} to encrypt yet")
    already = journal_is_encrypted(data_dir)
    codec = codec_for(args)
    if not already:
        codec.set_passphrase(_new_passphrase(args))
    result = _convert(args, encrypt=True)
    _report_leftovers(result)
    done = len(result.converted)
    if already:
        print(f"Your journal was already encrypted; {_files(done)} more encrypted in {data_dir}.")
    else:
        print(f"Encrypted your journal and {_files(max(done - 1, 0))} beside it in {data_dir}. "
              "Keep your passphrase safe: if it is forgotten, the journal cannot be opened.")
    return EXIT_OK


def decrypt_folder(args: argparse.Namespace) -> int:
    """``rootwork decrypt``."""
    data_dir = resolve_data_dir(args.data_dir)
    if not database_path(data_dir).exists():
        raise UsageError(f"there is no journal in {data_dir} to decrypt")
    result = _convert(args, encrypt=False)
    _report_leftovers(result)
    if not result.converted:
        print("Your journal is not encrypted; nothing was changed.")
    else:
        print(f"Decrypted your journal and {_files(max(len(result.converted) - 1, 0))} beside it in {data_dir}: "
              "they are plain files again.", file=sys.stdout)
    return EXIT_OK

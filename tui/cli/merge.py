"""``rootwork merge FILE``: another machine's journal file, merged record by record, the file left as it is.

The file is read strictly before the journal is opened (``state.store.copies``):
a folder, pipe or device, a file too large, not JSON, not a rootwork journal,
from a newer version, or with one record that fails a check is refused with one
line on stderr and exit 2, and the journal stays byte for byte as it was. A
good file is merged as a conflict copy is (``state.sync.merge``) but not moved:
it is the user's. The summary says what came in. An encrypted file is opened
with the passphrase (tui.cli.passphrase), the journal's own as a rule.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rootwork.tui.cli.args import EXIT_OK, CommandFailed, CommandRun, UsageError
from rootwork.tui.cli.store import open_store


def merge_file(args: CommandRun, now: datetime) -> int:
    """Merge the journal in ``args.file`` into this one and print what came in."""
    from rootwork.state.encryption.codec import PassphraseError
    from rootwork.state.records.convert import utc_stamp
    from rootwork.state.store import StoreError
    from rootwork.state.store.copies import CopyRefused, merge_into, read_journal_file
    from rootwork.tui.cli.passphrase import given_passphrase, passphrase_usage, prompt

    path = Path(args.file).expanduser()
    try:
        if not path.exists():
            raise UsageError(f"there is no file {args.file}")
    except ValueError:  # a name no file system accepts ("embedded null byte")
        raise UsageError(f"{args.file} cannot be a file name") from None
    store = open_store(args)  # first: an encrypted folder's key opens the files encrypted to it
    # A file named here is read even when plain in an encrypted folder, and a passphrase file is opened
    # (asked for on a terminal, or the --passphrase-file's): the person chose it.
    codec = store.codec.for_named_file(lambda: given_passphrase(args) or prompt(f"Passphrase for {path.name}: "))
    try:
        incoming = read_journal_file(path, utc_stamp(now.astimezone(UTC)), codec, named=True)
    except PassphraseError as error:
        raise UsageError(f"{args.file} cannot be merged: it is encrypted, and {passphrase_usage(error)}") from None
    except CopyRefused as why:
        raise UsageError(f"{args.file} cannot be merged: {why}") from None
    except ValueError:
        raise UsageError(f"{args.file} cannot be a file name") from None
    try:
        summary = merge_into(store, incoming)
    except StoreError as error:
        raise CommandFailed(f"nothing was merged: {error}") from error
    print(f"Merged {path.name}: {summary.words()}.")
    return EXIT_OK

"""``rootwork encrypt``, ``decrypt`` and ``passphrase``: the folder's key, and every file converted in place.

``encrypt`` asks for a new passphrase twice on a terminal (no echo; a weak one
is said to be weak and must be confirmed), makes the folder's identity, keeps
it in ``identity.age`` under the passphrase, and encrypts every file to it
(``state.encryption.folder``). A folder already encrypted (a run that was
killed, say) is opened with its passphrase and whatever is still plain is
finished. ``decrypt`` asks once and turns every file plain; in a folder whose
journal came plain from another machine that ran ``decrypt``, it is the way to
say so. ``passphrase`` rewrites ``identity.age`` only: the journal and its
backups stay byte for byte as they were. Each conversion is one atomic
replace per file under the process lock, so a kill leaves each file old or
new, and the next command finishes the job. Every refusal is one line and
exit 2, with nothing changed.
"""

from __future__ import annotations

from datetime import datetime

from rootwork.state.files.locations import database_path, identity_path, resolve_data_dir
from rootwork.tui.cli.args import EXIT_OK, CommandFailed, CommandRun, UsageError
from rootwork.tui.cli.passphrase import codec_for, needs_passphrase, new_passphrase, read_passphrase_file
from rootwork.tui.cli.store import open_store, say


def _files(n: int) -> str:
    return f"{n} file{'s' if n != 1 else ''}"


def _report_leftovers(result) -> None:  # state.encryption.folder.Conversion
    if result.other_passphrase:
        say(
            f"{_files(len(result.other_passphrase))} encrypted to another key or passphrase were left as they are: "
            + ", ".join(p.name for p in result.other_passphrase)
        )
    if result.damaged:
        say(
            f"{_files(len(result.damaged))} could not be read and were left as they are: "
            + ", ".join(p.name for p in result.damaged)
        )


def _rewrite(store, change):  # a Store, and what the change returns
    from rootwork.state.store import StoreError

    try:
        return store.rewrite_files(change)
    except (OSError, StoreError) as error:
        reason = getattr(error, "strerror", None) or error
        raise CommandFailed(
            f"your journal could not be fully converted ({reason}); "
            "every file is whole, and running the command again finishes the job"
        ) from error


def encrypt_folder(args: CommandRun, now: datetime) -> int:
    """``rootwork encrypt``."""
    from rootwork.state.encryption import folder

    data_dir = resolve_data_dir(args.data_dir)
    if not database_path(data_dir).exists():
        raise UsageError(f"there is no journal in {data_dir} to encrypt yet")
    if needs_passphrase(data_dir):
        store = open_store(args)  # finishes an interrupted encrypt and seals what is still plain
        if store.codec.encrypting:
            result = _rewrite(store, lambda where: folder.convert(where, store.codec, encrypt=True))
            _report_leftovers(result)
            print(f"Your journal was already encrypted; {_files(len(result.converted))} more encrypted in {data_dir}.")
            return EXIT_OK
    key = folder.make_key(new_passphrase(args), now)  # scrypt, about a second: before the lock is taken
    store = open_store(args)
    result = _rewrite(store, lambda where: folder.encrypt_folder(where, store.codec, key, now))
    _report_leftovers(result)
    print(
        f"Encrypted your journal and {_files(max(len(result.converted) - 1, 0))} beside it in {data_dir}, "
        f"to the key kept in {identity_path(data_dir).name} under your passphrase. Keep the passphrase safe: "
        "if it is forgotten, the journal cannot be opened."
    )
    return EXIT_OK


def decrypt_folder(args: CommandRun, now: datetime) -> int:
    """``rootwork decrypt``."""
    from rootwork.state.encryption import folder

    data_dir = resolve_data_dir(args.data_dir)
    if not database_path(data_dir).exists():
        raise UsageError(f"there is no journal in {data_dir} to decrypt")
    codec_for(args).plain_accepted = True  # a journal made plain on another machine: this is the way to say so
    store = open_store(args)
    if not store.codec.unlocked:
        print("Your journal is not encrypted; nothing was changed.")
        return EXIT_OK
    result = _rewrite(store, lambda where: folder.decrypt_folder(where, store.codec, now))
    _report_leftovers(result)
    print(
        f"Decrypted your journal and {_files(max(len(result.converted) - 1, 0))} beside it in {data_dir}: "
        "they are plain files again. The folder's key is kept as identity-retired-<time>.age: another "
        "machine may still have files encrypted to it. Delete it once every machine has decrypted."
    )
    return EXIT_OK


def change_passphrase(args: CommandRun, now: datetime) -> int:
    """``rootwork passphrase``: ``identity.age`` under a new passphrase; nothing else is rewritten."""
    from rootwork.state.encryption import folder

    data_dir = resolve_data_dir(args.data_dir)
    if not needs_passphrase(data_dir) or not identity_path(data_dir).exists():
        raise UsageError(
            f"your journal in {data_dir} is not encrypted, so it has no passphrase to change "
            "(rootwork encrypt sets one)"
        )
    given = read_passphrase_file(args.new_passphrase_file) if args.new_passphrase_file else None
    store = open_store(args)  # the current passphrase, asked once: it opens identity.age
    fresh = new_passphrase(args, given=given) if given else _typed_new(args)
    _rewrite(store, lambda where: folder.change_passphrase(where, store.codec, fresh, now))
    print(
        f"Your passphrase is changed: {identity_path(data_dir).name} was encrypted again with the new one, "
        "and your journal and its backups were not rewritten. A copy of the old identity.age kept elsewhere "
        "(a sync tool's old versions, a backup of the folder) still opens with the old passphrase."
    )
    return EXIT_OK


def _typed_new(args: CommandRun) -> str:
    """The new passphrase typed twice (never the current one, given with --passphrase-file or the environment)."""
    from rootwork.tui.cli.passphrase import on_terminal

    if not on_terminal():
        raise UsageError("the new passphrase is typed twice on a terminal, or given with --new-passphrase-file FILE")
    return new_passphrase(args, given="")

"""The command line's journal: opening it, its day, and telling the user what it has to say.

``Store.notices`` holds what the user should know about their journal (a
recovery on opening, a backup copy that could not be written after a save).
``open_store`` prints those it starts with; ``report_new_notices`` prints, once
each, those added while a command ran.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import TYPE_CHECKING

from rootwork.state.files.locations import resolve_data_dir
from rootwork.state.store.sealing import Refusal
from rootwork.tui.cli.args import CommandFailed, CommandRun, UsageError

if TYPE_CHECKING:
    from rootwork.state.store import Store


def say(text: str) -> None:
    """One line on stderr, prefixed with 'rootwork: ', without control characters or line breaks."""
    from rootwork.state.exchange.export import one_line

    try:
        print(f"rootwork: {one_line(text, None)}", file=sys.stderr)
    except OSError:
        # stderr closed or full: what it had to say is lost, but the command goes on and keeps
        # its own status (a notice must never turn a check-in into a crash or a false success).
        pass


def open_store(args: CommandRun, *, stop_on_refusal: bool = True) -> Store:
    """Open the journal named by --data-dir / $ROOTWORK_DATA_DIR, telling the user of any recovery.

    An encrypted journal is opened with the passphrase from tui.cli.passphrase;
    a missing or wrong one exits 2 with one line, nothing touched.
    """
    from rootwork.state.encryption.codec import PassphraseError, PlainFileRefused
    from rootwork.state.store import JournalRefused, Store, StoreError
    from rootwork.tui.cli.passphrase import codec_for, passphrase_usage

    data_dir = resolve_data_dir(args.data_dir)
    try:
        store = Store.open(data_dir, codec=codec_for(args))
    except PassphraseError as error:  # never taken for damage: nothing was touched
        raise passphrase_usage(error) from None
    except OSError as error:
        # strerror ("Read-only file system", "Permission denied") without the errno and repr noise.
        raise CommandFailed(f"cannot open your journal in {data_dir}: {error.strerror or error}") from error
    except (JournalRefused, PlainFileRefused) as error:  # a pipe, a device, a link to a stranger, a plain
        raise UsageError(str(error)) from None  # journal in an encrypted folder: nothing touched
    except StoreError as error:
        raise CommandFailed(f"cannot open your journal in {data_dir}: {error}") from error
    except ValueError:  # a folder name no file system accepts ("embedded null byte")
        raise UsageError(f"{data_dir} cannot be a folder name") from None
    refused = [notice for notice in store.notices if isinstance(notice, Refusal)]
    if refused and stop_on_refusal:  # a plain file set aside unread: a command stops on that line alone
        raise UsageError(" ".join(refused))
    args.run_opened.append([store, 0])
    report_new_notices(args)
    return store


def report_new_notices(args: CommandRun) -> None:
    """Print each notice the stores opened for this command gained since last printed, one line each."""
    for entry in args.run_opened:
        store, shown = entry
        for notice in store.notices[shown:]:
            say(notice)
        entry[1] = len(store.notices)


def rootwork_today(store: Store, now: datetime) -> date:
    """The rootwork day ``now`` belongs to, with the user's day start hour."""
    from rootwork.state.records.days import local_day

    return local_day(now, store.setting("day_start_hour"))

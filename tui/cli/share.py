"""``rootwork share``: chosen records from a range of days, as Markdown encrypted to a therapist's age key.

Everything is checked before the journal is opened: the recipients (``--recipient``,
``--recipient-file``), the days and the kinds. Then what would go in is said in
counts and days, never words, and on a terminal the person is asked (no unless
they say yes; ``--yes`` skips the question). The file is written private (0600)
and whole, or not at all; only the recipients' keys open it
(``age -d -i their-key FILE``), not the journal's.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rootwork.tui.cli.args import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    UsageError,
    check_output_path,
    parse_date_option,
)
from rootwork.tui.cli.store import open_store, rootwork_today

if TYPE_CHECKING:
    from rootwork.state.encryption.share import Recipient
    from rootwork.state.exchange.share import Share
    from rootwork.tui.cli.args import CommandRun

#: The largest recipients file read: a few hundred keys.
RECIPIENTS_FILE_MAX = 256 * 1024


def share(args: CommandRun, now: datetime) -> int:
    """Write the share, encrypted to the recipients; 2 for bad input or an empty range, 1 when declined."""
    from rootwork.content import load_library
    from rootwork.state.encryption.share import encrypt_to
    from rootwork.state.exchange.export import one_line
    from rootwork.state.exchange.share import DEFAULT_KINDS, parse_kinds, select
    from rootwork.state.files.locations import resolve_data_dir
    from rootwork.state.files.private_file import write_private_file

    recipients = _recipients(args.recipient or [], args.recipient_file or [])
    try:
        kinds = parse_kinds(args.what) if args.what is not None else DEFAULT_KINDS
    except ValueError as error:
        raise UsageError(str(error)) from None
    since = parse_date_option(args.since) if args.since else None
    until = parse_date_option(args.until) if args.until else None
    if since and until and since > until:
        raise UsageError("--since is after --until: nothing is between them")
    target = check_output_path(args.output, resolve_data_dir(args.data_dir))

    store = open_store(args)
    today = rootwork_today(store, now)
    until = until or today
    since = since or date.min
    chosen = select(
        kinds,
        since,
        until,
        checkins=store.checkins(),
        reframes=store.reframes(),
        plan=store.plan(include_removed=True),
        reviews=store.reviews(),
        safety_plan=store.safety_plan(),
    )
    if chosen.is_empty:
        raise UsageError("there is nothing of that kind in those days to share; nothing was written")
    if args.since is None:  # from the first day it holds, as the person would say it
        chosen = replace(chosen, since=min(_days_in(chosen)))
    print("This share holds:")
    print("\n".join(chosen.summary()))
    print(
        f"It is encrypted to {len(recipients)} recipient{'s' if len(recipients) != 1 else ''}: only their key opens it."
    )
    if not args.yes and sys.stdin.isatty() and sys.stdout.isatty() and not _agreed():
        print("Nothing was written.")
        return EXIT_FAILED
    library = load_library()
    data = encrypt_to(chosen.markdown(library, today).encode("utf-8"), recipients)
    try:
        write_private_file(target, data)
    except OSError as error:
        raise CommandFailed(f"cannot write {one_line(args.output, None)}: {error.strerror or error}") from error
    name = one_line(args.output, None)
    print(f"Wrote {name}. They open it with: age -d -i their-key {name}")
    return EXIT_OK


def _days_in(chosen: Share) -> list[date]:
    days = [c.day for c in chosen.checkins] + [r.day for r in chosen.reviews]
    days += [r.day for r in chosen.reframes if r.day is not None]
    return days or [chosen.until]


def _agreed() -> bool:
    try:
        answer = input("Write it? y or n [n]: ")
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return answer.strip().lower() in {"y", "yes"}


def _recipients(keys: list[str], files: list[str]) -> list[Recipient]:
    """Every recipient given, checked; UsageError (exit 2) with one line for the first problem."""
    from rootwork.state.encryption.share import BadRecipient, parse_recipient, recipients_in
    from rootwork.state.exchange.export import one_line
    from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular

    if not keys and not files:
        raise UsageError("a share needs --recipient age1... (or --recipient-file FILE): whose key opens it")
    found: list[Recipient] = []
    try:
        for key in keys:
            found.append(parse_recipient(key))
    except BadRecipient as problem:
        raise UsageError(f"--recipient: {one_line(str(problem), None)}") from None
    for name in files:
        shown = one_line(name, None)
        try:
            text = read_regular(Path(name), RECIPIENTS_FILE_MAX).decode("utf-8")
        except FileNotFoundError:
            raise UsageError(f"--recipient-file {shown}: there is no such file") from None
        except NotRegularFile:
            raise UsageError(f"--recipient-file {shown}: it is not a regular file") from None
        except TooLarge:
            raise UsageError(f"--recipient-file {shown}: it is larger than a recipients file can be") from None
        except UnicodeDecodeError:
            raise UsageError(f"--recipient-file {shown}: it is not UTF-8 text") from None
        except OSError as error:
            raise UsageError(f"--recipient-file {shown}: it cannot be read ({error.strerror or error})") from None
        try:
            found += recipients_in(text)
        except BadRecipient as problem:
            raise UsageError(f"--recipient-file {shown}: {one_line(str(problem), None)}") from None
    return found

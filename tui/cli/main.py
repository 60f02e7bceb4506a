"""The ``rootwork`` command: the app, and quick shell commands for check-ins, due items, export and import.

    rootwork [--data-dir DIR]
    rootwork --demo                      the app on a made-up 90-day journal, deleted at exit
    rootwork checkin [--mood N] [--intensity N] [--note T] [--cause ID]... [--sign ID]... [--date D]
    rootwork due [--json] [--date D]
    rootwork export --format json|markdown|ics [-o FILE]
    rootwork import FILE
    rootwork merge FILE
    rootwork encrypt | decrypt           the journal's files, in place (encrypt.py)
    rootwork passphrase                  a new passphrase for identity.age (encrypt.py)
    rootwork doctor                      a privacy self-check of the folder; exit 0 or 1 (doctor.py)
    rootwork remind [--install | --uninstall]  a notification naming nothing private; its daily timer (remind.py)

This is the one place that reads the clock: ``main`` takes ``now`` (for tests)
or reads it once and passes it down. Bad input exits 2 with one line on stderr
and is refused before the journal is opened (``tui.cli.args``), so nothing is
created or changed. What the journal has to say after a command's saves (a
backup copy not written) follows on stderr, one line each. An unexpected error
exits 1 with one line; its traceback, without any message, goes to the crash
log (``tui.crash_log``). A closed pipe or stdout ends quietly and a full
disk on stdout says so in one line (``tui.cli.output``). An encrypted journal's passphrase comes from
``--passphrase-file``, ``$ROOTWORK_PASSPHRASE``, the keyring or a prompt (``tui.cli.passphrase``). Textual is imported only when the app runs, so
``rootwork due`` stays fast enough for a shell prompt.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime, time
from typing import TYPE_CHECKING

from rootwork.state.files.locations import database_path, resolve_data_dir
from rootwork.state.records.checkin_form import INTENSITY_RANGE, MOOD_RANGE
from rootwork.tui.cli.args import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailed,
    CommandRun,
    UsageError,
    build_parser,
    check_ids,
    check_not_future,
    check_note,
    check_output_path,
    lowercase_first,
    parse_date_option,
    parse_whole_number,
)
from rootwork.tui.cli.conflicts import run_conflicts
from rootwork.tui.cli.open_app import DEMO_DAYS, fill_demo_journal, open_demo_journal, run_app  # noqa: F401 - used by tests
from rootwork.tui.cli.store import open_store, report_new_notices, rootwork_today, say

if TYPE_CHECKING:
    from rootwork.state.store import Store

DEFAULT_REMINDER = time(9, 0)


# ---------------------------------------------------------------- commands


def run_checkin(args: CommandRun, now: datetime) -> int:
    """Create or update a day's check-in and say what was saved."""
    from rootwork.content import load_library
    from rootwork.state.exchange.export import long_date
    from rootwork.state.records.model import Checkin
    from rootwork.state.store import StoreError, ValidationError

    fields = (args.mood, args.intensity, args.note, args.grateful, args.cause, args.sign)
    if all(value is None for value in fields) and sys.stdin.isatty() and sys.stdout.isatty():
        from rootwork.tui.cli.line_mode import line_checkin  # a person at a terminal: one question at a time

        return line_checkin(args, now)
    # Everything is checked before the journal is opened (or created, or repaired).
    mood = None if args.mood is None else parse_whole_number(args.mood, "mood", MOOD_RANGE)
    intensity = None if args.intensity is None else parse_whole_number(args.intensity, "intensity", INTENSITY_RANGE)
    day = parse_date_option(args.date) if args.date is not None else None
    check_note(args.note)
    check_note(args.grateful, "gratitude")
    library = load_library()
    causes = check_ids(args.cause, [c.id for c in library.causes], "cause")
    signs = check_ids(args.sign, [s.id for s in library.signs], "sign")
    if day is not None:
        check_not_future(day, now, resolve_data_dir(args.data_dir))
    if (mood is None or intensity is None) and not database_path(resolve_data_dir(args.data_dir)).exists():
        # No journal yet, so no check-in to update: say so before anything is created.
        raise UsageError("a first check-in needs both --mood and --intensity")

    store = open_store(args)
    today = rootwork_today(store, now)
    if day is None:
        day = today
    elif day > today:  # the journal's day start, read by check_not_future, changed in between
        raise UsageError(f"{long_date(day)} has not come yet; check in for today or an earlier day")

    if store.read_only:  # its lock cannot even be taken in a read-only folder
        raise CommandFailed("your check-in was not saved: your journal is open read-only (see above)")
    # Read and write in one transaction of the journal, so a change the app
    # makes in between is never overwritten with what we read before it.
    with store.transaction():
        existing = store.checkin_for(day)
        if existing is None:
            if mood is None or intensity is None:
                missing = [f"--{name}" for name, value in (("mood", mood), ("intensity", intensity)) if value is None]
                raise UsageError(f"{long_date(day)} has no check-in yet, so it needs {' and '.join(missing)}")
            checkin = Checkin(
                day=day,
                mood=mood,
                intensity=intensity,
                signs=signs,
                causes=causes,
                note=args.note or "",
                gratitude=args.grateful or "",
            )
        else:
            # An update changes only what the command line mentions.
            checkin = replace(
                existing,
                mood=existing.mood if mood is None else mood,
                intensity=existing.intensity if intensity is None else intensity,
                note=existing.note if args.note is None else args.note,
                gratitude=existing.gratitude if args.grateful is None else args.grateful,
                causes=existing.causes if args.cause is None else causes,
                signs=existing.signs if args.sign is None else signs,
            )
        try:
            saved = store.save_checkin(checkin, base=existing)
        except ValidationError as error:
            raise UsageError(lowercase_first(error.message)) from None
        except StoreError as error:
            raise CommandFailed(f"your check-in was not saved: {error}") from error
    verb = "Checked in" if existing is None else "Updated your check-in"
    print(f"{verb} for {long_date(saved.day)}: mood {saved.mood}, insecurity {saved.intensity}.")
    return EXIT_OK


def run_due(args: CommandRun, now: datetime) -> int:
    """Print what is due (capped), one line each or as JSON; exit 0 whether or not anything is."""
    from rootwork.content import load_library
    from rootwork.state.exchange.export import due_lines, due_records, json_text

    day = parse_date_option(args.date) if args.date is not None else None
    store = open_store(args)
    today = day or rootwork_today(store, now)
    due = store.due_today(today)  # on a gentler day at most two, as on Today: worked out once
    items = due.items
    library = load_library()
    # A person is told why there are fewer; a prompt or cron gets the items alone.
    lighter = due.line if not args.json and sys.stdout.isatty() else ""
    if args.json:
        print(json_text(due_records(items, library)))
    elif items:
        print("\n".join(due_lines(items, library, today)))
    elif sys.stdout.isatty() and not lighter:
        # A prompt or cron wants silence when nothing is due; a person wants an answer.
        print("Nothing is due today." if day is None else "Nothing is due that day.")
    if lighter:
        print(lighter)
    if not args.json and sys.stdout.isatty() and store.safety_plan_review_due(today):
        from rootwork.state.records.safety_plan import review_line

        print(review_line("rootwork safety-plan prints it, ! opens it in the app"))
    return EXIT_OK


def render_export(store: Store, fmt: str, now: datetime, *, with_safety_plan: bool = False) -> bytes:
    """The journal in ``fmt`` (json, markdown or ics) as bytes; the safety plan only when asked for."""
    from rootwork.content import load_library
    from rootwork.state.exchange import export

    if fmt == "json":
        return export.render_json(store.export_data(safety_plan=with_safety_plan)).encode("utf-8")
    library = load_library()
    today = rootwork_today(store, now)
    if fmt == "markdown":
        text = export.render_markdown(
            checkins=store.checkins(),
            reframes=store.reframes(),
            plan=store.plan(include_removed=True),
            reviews=store.reviews(),
            library=library,
            exported_on=today,
        )
        safety_plan = store.safety_plan() if with_safety_plan else None
        if safety_plan is not None and not safety_plan.is_empty:
            from rootwork.state.exchange.safety_plan_text import plan_markdown

            text = f"{text.rstrip()}\n\n{plan_markdown(safety_plan, library, today, level=2)}"
        return text.encode("utf-8")
    try:
        reminder = export.parse_reminder_time(str(store.setting("reminder_time")))
    except ValueError as error:
        say(f"reminder time setting: {error}; using 09:00")
        reminder = DEFAULT_REMINDER
    revisits = export.upcoming_revisits(
        [*store.plan(), *store.reframes()],
        library,
        today,
        cap=store.setting("daily_cap"),
        first_day_cap=store.due_today(today).cap,  # a gentler day's two, the rest on the next days
    )
    return export.render_ics(revisits, reminder_time=reminder, stamp=now)


def run_export(args: CommandRun, now: datetime) -> int:
    """Write the journal to -o FILE (0600, atomically) or to stdout."""
    target = check_output_path(args.output, resolve_data_dir(args.data_dir)) if args.output else None
    if args.with_safety_plan and args.format == "ics":
        raise UsageError("--with-safety-plan goes with --format json or markdown: a calendar holds no plan")
    store = open_store(args)
    data = render_export(store, args.format, now, with_safety_plan=args.with_safety_plan)
    if store.codec.encrypting:
        say("your journal is encrypted, but this export is not: keep it somewhere only you can read")
    if target is None:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is not None:
            out.write(data)
            out.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    from rootwork.state.files.private_file import write_private_file

    try:
        write_private_file(target, data)
    except OSError as error:
        raise CommandFailed(f"cannot write {args.output}: {error.strerror or error}") from error
    from rootwork.state.exchange.export import one_line

    # The name as typed may hold escape codes: the terminal gets it made plain.
    print(f"Exported your journal as {args.format} to {one_line(args.output, None)}.", file=sys.stderr)
    return EXIT_OK


def run_merge(args: CommandRun, now: datetime) -> int:
    """Merge another machine's journal file record by record (merge.py)."""
    from rootwork.tui.cli.merge import merge_file

    return merge_file(args, now)


def run_import(args: CommandRun, now: datetime) -> int:
    """Merge a json export into the journal by id and say what changed (importing.py)."""
    from rootwork.tui.cli.importing import import_file

    return import_file(args, now)


def run_encrypt(args: CommandRun, now: datetime) -> int:
    """Encrypt the journal's files in place (encrypt.py)."""
    from rootwork.tui.cli.encrypt import encrypt_folder

    return encrypt_folder(args, now)


def run_decrypt(args: CommandRun, now: datetime) -> int:
    """Decrypt the journal's files in place (encrypt.py)."""
    from rootwork.tui.cli.encrypt import decrypt_folder

    return decrypt_folder(args, now)


def run_passphrase(args: CommandRun, now: datetime) -> int:
    """Change the passphrase of an encrypted journal: identity.age only (encrypt.py)."""
    from rootwork.tui.cli.encrypt import change_passphrase

    return change_passphrase(args, now)


def run_doctor(args: CommandRun, now: datetime) -> int:
    """Check the privacy of the journal's folder, changing nothing (doctor.py)."""
    from rootwork.tui.cli.doctor import run_doctor as check

    return check(args)


def run_rehearse(args: CommandRun, now: datetime) -> int:
    """Rehearse today's due reframes one plain question at a time (line_mode.py)."""
    from rootwork.tui.cli.line_mode import line_rehearse

    return line_rehearse(args, now)


def run_share(args: CommandRun, now: datetime) -> int:
    """Write a share encrypted to a therapist's key (share.py)."""
    from rootwork.tui.cli.share import share

    return share(args, now)


def run_today(args: CommandRun, now: datetime) -> int:
    """Today as plain lines (today_lines.py)."""
    from rootwork.tui.cli.today_lines import print_today

    return print_today(args, now)


def run_safety_plan(args: CommandRun, now: datetime) -> int:
    """Print the safety plan, plain or as Markdown (safety_plan.py)."""
    from rootwork.tui.cli.safety_plan import print_safety_plan

    return print_safety_plan(args, now)


def run_remind(args: CommandRun, now: datetime) -> int:
    """A notification that says nothing private, or its daily timer (remind.py)."""
    from rootwork.tui.cli.remind import run_remind as remind

    return remind(args, now)


def report_crash(error: BaseException, args: CommandRun | None, now: datetime) -> int:
    """An unexpected error: its traceback (no message) to the crash log, one sentence on stderr; exit 1.

    The log goes in the journal's folder when it exists (a crash never creates
    it), else the demo's crash folder; without a log, the traceback (still
    without messages) is printed, for a bug report.
    """
    from rootwork.tui.crash_log import DEMO_CRASH_DIR, crash_message, crash_report, write_crash_log

    log_dir = None
    try:
        if args is not None and getattr(args, "demo", False):
            log_dir = DEMO_CRASH_DIR
        else:
            data_dir = resolve_data_dir(getattr(args, "data_dir", None))
            log_dir = data_dir if data_dir.is_dir() else None
    except (OSError, ValueError):
        pass
    log = write_crash_log(log_dir, error, now)
    if log is None:
        print(crash_report(error), end="", file=sys.stderr)
    print(crash_message(error, log), file=sys.stderr)
    return EXIT_FAILED


COMMANDS = {
    "checkin": run_checkin,
    "due": run_due,
    "export": run_export,
    "import": run_import,
    "merge": run_merge,
    "conflicts": run_conflicts,
    "encrypt": run_encrypt,
    "decrypt": run_decrypt,
    "passphrase": run_passphrase,
    "doctor": run_doctor,
    "remind": run_remind,
    "safety-plan": run_safety_plan,
    "rehearse": run_rehearse,
    "today": run_today,
    "share": run_share,
}


def main(argv: list[str] | None = None, *, now: datetime | None = None) -> int:
    """Run the rootwork command; returns the exit status (0 ok, 1 failed or crashed, 2 bad input)."""
    from rootwork.tui.cli.output import (
        CLOSED,
        FULL,
        discard_unwritable_output,
        flush_output,
        output_failure,
        stand_in_for_closed_streams,
    )
    from rootwork.tui.cli.plain import plain_output, wants_plain

    stand_in_for_closed_streams()  # before the journal is opened (see there)
    args = None
    # The one place the clock is read: everything below gets ``now`` passed in.
    current = now if now is not None else datetime.now().astimezone()
    # A reader that stops reading (``rootwork due | head -0``) is not a failure
    # of rootwork, so a closed pipe keeps this status: the command's own, or 0
    # when the pipe closed while it printed. Every command prints what it did
    # last, once its work is saved, so 0 there is true; 141 (killed by
    # SIGPIPE, as git does) would fail `set -o pipefail` scripts such as
    # `rootwork due | grep -q ...` for a reader's choice.
    status = EXIT_OK
    try:
        try:
            args = build_parser().parse_args(argv, namespace=CommandRun())
            if args.demo and args.command is not None:
                raise UsageError(f"--demo opens the app; it cannot be used with '{args.command}'")
            try:
                if args.command is None:
                    status = run_app(args, current)
                else:
                    with plain_output(wants_plain(args)):
                        status = COMMANDS[args.command](args, current)
            finally:
                report_new_notices(args)
        except UsageError as error:
            status = EXIT_USAGE
            say(str(error))
        except CommandFailed as error:
            status = EXIT_FAILED
            say(str(error))
        except SystemExit as exiting:  # --help and --version print, then exit 0 through argparse
            status = exiting.code if isinstance(exiting.code, int) else EXIT_FAILED
        # Here, not at the interpreter's exit, so a closed pipe or a full disk is handled below.
        flush_output()
        return status
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # any crash: a private log and exit 1, never a message
        failure = output_failure(error)
        if failure not in (CLOSED, FULL):
            return report_crash(error, args, current)
        if failure == FULL:
            status = EXIT_FAILED
            try:
                say(f"output could not be written: {getattr(error, 'strerror', None) or error}")
            except OSError:  # stderr is full or closed too: the status alone says it
                pass
        discard_unwritable_output()
        return status


if __name__ == "__main__":
    sys.exit(main())

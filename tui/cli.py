"""The ``rootwork`` command: the app, and quick shell commands for check-ins, due items, export and import.

    rootwork [--data-dir DIR]
    rootwork --demo                      the app on a made-up 90-day journal, deleted at exit
    rootwork checkin --mood N --intensity N [--note T] [--cause ID]... [--sign ID]... [--date D]
    rootwork due [--json] [--date D]
    rootwork export --format json|markdown|ics [-o FILE]
    rootwork import FILE

This is the one place that reads the clock: ``main`` takes ``now`` (for tests)
or reads it once and passes it down. Bad input exits 2 with one line on stderr
and is refused before the journal is opened for writing, so nothing changes.
Textual is imported only when the app runs, so ``rootwork due`` stays fast
enough for a shell prompt.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from state.locations import database_path, lock_path, resolve_data_dir

if TYPE_CHECKING:
    from state.store import Store

EXIT_OK = 0
EXIT_FAILED = 1  # the journal could not be read or written: not the user's input
EXIT_USAGE = 2

MOOD_RANGE = (1, 5)
INTENSITY_RANGE = (0, 10)
EXPORT_FORMATS = ("json", "markdown", "ics")
DEFAULT_REMINDER = time(9, 0)
# The demo journal: the same made-up three months every time, ending today.
# This seed and volume (30 thought records, 8 practices) leave a mix of
# practices and reframes due on most days, so every screen has something to show.
DEMO_DAYS = 90
DEMO_SEED = 42
DEMO_SCALE = 0.01


class UsageError(Exception):
    """Bad input: exit 2 with one clear line on stderr, change nothing."""


class CommandFailed(Exception):
    """The command could not be carried out (disk, permissions, a read-only journal): exit 1."""


def package_version() -> str:
    """The installed version of rootwork."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rootwork")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


class _OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one line ("rootwork checkin: ...") instead of usage plus message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("argument COMMAND: invalid choice:"):
            message = "unknown command " + message.split("invalid choice:", 1)[1].strip()
        raise UsageError(f"{message} (see '{self.prog} --help')")


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (reading package metadata costs a prompt time)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest=dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"rootwork {package_version()}")
        parser.exit(EXIT_OK)


def _add_data_dir(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # Accepted before and after the subcommand; the subcommand's copy only sets
    # the value when given, so it never overwrites one given before it.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top_level else argparse.SUPPRESS,
        help="where your journal lives (default: $ROOTWORK_DATA_DIR, else your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the app and its subcommands."""
    parser = _OneLineParser(
        prog="rootwork",
        description="A keyboard-driven companion for healing insecurity at its roots. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    _add_data_dir(parser, top_level=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a made-up 90-day journal in a temporary folder, deleted when you quit "
        "(your own journal is never touched)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_OneLineParser)

    checkin = commands.add_parser(
        "checkin",
        help="check in for today (or --date) from the shell",
        description="Save a check-in for today, or update it: fields you leave out keep their saved value.",
    )
    checkin.add_argument("--mood", required=True, metavar="N", help="how you feel, 1 (low) to 5 (good)")
    checkin.add_argument(
        "--intensity", required=True, metavar="N", help="how strong insecurity felt, 0 (none) to 10"
    )
    checkin.add_argument("--note", metavar="TEXT", help="a note for the day (replaces a saved note)")
    checkin.add_argument(
        "--cause", action="append", metavar="ID", help="a cause that felt active, e.g. perfectionism (repeatable)"
    )
    checkin.add_argument(
        "--sign", action="append", metavar="ID", help="a sign you noticed, e.g. self-doubt (repeatable)"
    )
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today; a day starts at 04:00)")
    _add_data_dir(checkin, top_level=False)

    due = commands.add_parser(
        "due",
        help="what is due today, one line each (for a shell prompt or cron)",
        description="List the practices and reframes due today, as many as your daily cap.",
    )
    due.add_argument("--json", action="store_true", help="print a JSON list instead")
    due.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    _add_data_dir(due, top_level=False)

    export = commands.add_parser(
        "export",
        help="write your journal as json, markdown or an ics calendar",
        description="Export your journal: json is everything (and can be imported), markdown is "
        "a journal to read, ics puts the next 60 days of revisits in your calendar with reminders.",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="what to write")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (readable only by you) instead of the screen")
    _add_data_dir(export, top_level=False)

    import_ = commands.add_parser(
        "import",
        help="merge a json export into your journal",
        description="Merge a json export into your journal by id: nothing is duplicated.",
    )
    import_.add_argument("file", metavar="FILE", help="a file written by 'rootwork export --format json'")
    _add_data_dir(import_, top_level=False)
    return parser


# ---------------------------------------------------------------- checking input


def parse_whole_number(text: str, name: str, bounds: tuple[int, int]) -> int:
    """``text`` as a whole number within ``bounds``; UsageError in plain words otherwise."""
    low, high = bounds
    try:
        value = int(text.strip(), 10)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        shown = text if text.strip() else "nothing"
        raise UsageError(f"{name} must be a whole number from {low} to {high}, not {shown}")
    return value


def parse_date_option(text: str) -> date:
    """A --date value; UsageError when it is not a real YYYY-MM-DD date."""
    from state.days import parse_day

    try:
        return parse_day(text)
    except ValueError as error:
        raise UsageError(str(error)) from None


def check_ids(given: Iterable[str] | None, known: Sequence[str], kind: str) -> tuple[str, ...]:
    """The ids given for ``kind`` (cause, sign), in order without repeats; UsageError naming an unknown one."""
    chosen: list[str] = []
    for raw in given or ():
        value = raw.strip()
        if value not in known:
            close = difflib.get_close_matches(value, known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"{kind} ids are: {', '.join(known)}"
            raise UsageError(f"unknown {kind} '{raw}'; {hint}")
        if value not in chosen:
            chosen.append(value)
    return tuple(chosen)


# ---------------------------------------------------------------- the journal


def lowercase_first(sentence: str) -> str:
    """A store message ("The note is ...") to follow "rootwork: " mid-sentence."""
    return sentence[:1].lower() + sentence[1:]


def open_store(args: argparse.Namespace) -> Store:
    """Open the journal named by --data-dir / $ROOTWORK_DATA_DIR, telling the user of any recovery."""
    from state.store import Store, StoreError

    data_dir = resolve_data_dir(args.data_dir)
    try:
        store = Store.open(data_dir)
    except OSError as error:
        # strerror ("Read-only file system", "Permission denied") without the errno and repr noise.
        raise CommandFailed(f"cannot open your journal in {data_dir}: {error.strerror or error}") from error
    except StoreError as error:
        raise CommandFailed(f"cannot open your journal in {data_dir}: {error}") from error
    except ValueError:  # a folder name no file system accepts ("embedded null byte")
        raise UsageError(f"{data_dir} cannot be a folder name") from None
    for notice in store.notices:
        print(f"rootwork: {notice}", file=sys.stderr)
    return store


def rootwork_today(store: Store, now: datetime) -> date:
    """The rootwork day ``now`` belongs to, with the user's day start hour."""
    from state.days import local_day

    return local_day(now, store.setting("day_start_hour"))


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable only by the user (0600).

    A temporary file in the same directory is written, fsynced and renamed over
    ``path``, so a reader never sees half a file and a failure leaves the old one.
    """
    directory = path.parent
    temp = directory / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:  # some platforms cannot open a directory; the rename is done anyway
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def check_output_path(text: str, data_dir: Path) -> Path:
    """Where -o writes, refused when its folder is missing or it would overwrite the journal itself."""
    if "\0" in text:  # no file system takes it, and pathlib would raise ValueError
        raise UsageError(f"{text} cannot be a file name")
    path = Path(text).expanduser().absolute()
    try:
        is_folder, parent_exists = path.is_dir(), path.parent.is_dir()
        resolved = path.resolve()
    except OSError as error:  # a name too long for the file system, a loop of links
        raise UsageError(f"cannot write {text}: {error.strerror or error}") from None
    if is_folder:
        raise UsageError(f"{text} is a folder; give a file name, e.g. {Path(text) / 'rootwork-export'}")
    if not parent_exists:
        raise UsageError(f"cannot write {text}: the folder {path.parent} does not exist")
    protected = {database_path(data_dir).resolve(), lock_path(data_dir).resolve()}
    if resolved in protected:
        raise UsageError(f"{text} is your journal itself; choose another file name")
    return path


# ---------------------------------------------------------------- commands


def run_checkin(args: argparse.Namespace, now: datetime) -> int:
    """Create or update a day's check-in and say what was saved."""
    from content import load_library
    from state.export import long_date
    from state.model import Checkin
    from state.store import StoreError, ValidationError

    # Everything that can be checked without the journal is checked first.
    mood = parse_whole_number(args.mood, "mood", MOOD_RANGE)
    intensity = parse_whole_number(args.intensity, "intensity", INTENSITY_RANGE)
    day = parse_date_option(args.date) if args.date is not None else None
    library = load_library()
    causes = check_ids(args.cause, [c.id for c in library.causes], "cause")
    signs = check_ids(args.sign, [s.id for s in library.signs], "sign")

    store = open_store(args)
    today = rootwork_today(store, now)
    if day is None:
        day = today
    elif day > today:
        raise UsageError(f"{long_date(day)} has not come yet; check in for today or an earlier day")

    if store.read_only:  # its lock cannot even be taken in a read-only folder
        raise CommandFailed("your check-in was not saved: your journal is open read-only (see above)")
    # Read and write under the journal's lock, so a change the app makes in
    # between is never overwritten with what we read before it.
    from state.storage import ProcessLock

    with ProcessLock.for_path(lock_path(store.data_dir)):
        existing = store.checkin_for(day)
        if existing is None:
            checkin = Checkin(
                day=day, mood=mood, intensity=intensity, signs=signs, causes=causes, note=args.note or ""
            )
        else:
            # An update keeps what the command line does not mention.
            checkin = replace(
                existing,
                mood=mood,
                intensity=intensity,
                note=existing.note if args.note is None else args.note,
                causes=existing.causes if args.cause is None else causes,
                signs=existing.signs if args.sign is None else signs,
            )
        try:
            saved = store.save_checkin(checkin)
        except ValidationError as error:
            raise UsageError(lowercase_first(error.message)) from None
        except StoreError as error:
            raise CommandFailed(f"your check-in was not saved: {error}") from error
    verb = "Checked in" if existing is None else "Updated your check-in"
    print(f"{verb} for {long_date(saved.day)}: mood {saved.mood}, insecurity {saved.intensity}.")
    return EXIT_OK


def run_due(args: argparse.Namespace, now: datetime) -> int:
    """Print what is due (capped), one line each or as JSON; exit 0 whether or not anything is."""
    from content import load_library
    from state.export import due_lines, due_records

    day = parse_date_option(args.date) if args.date is not None else None
    store = open_store(args)
    today = day or rootwork_today(store, now)
    items = store.due(today)
    library = load_library()
    if args.json:
        print(json.dumps(due_records(items, library), ensure_ascii=False))
    elif items:
        print("\n".join(due_lines(items, library, today)))
    elif sys.stdout.isatty():
        # A prompt or cron wants silence when nothing is due; a person wants an answer.
        print("Nothing is due today." if day is None else "Nothing is due that day.")
    return EXIT_OK


def render_export(store: Store, fmt: str, now: datetime) -> bytes:
    """The journal in ``fmt`` (json, markdown or ics) as bytes."""
    from content import load_library
    from state import export

    if fmt == "json":
        return export.render_json(store.export_data()).encode("utf-8")
    library = load_library()
    today = rootwork_today(store, now)
    if fmt == "markdown":
        return export.render_markdown(
            checkins=store.checkins(),
            reframes=store.reframes(),
            plan=store.plan(include_removed=True),
            reviews=store.reviews(),
            library=library,
            exported_on=today,
        ).encode("utf-8")
    try:
        reminder = export.parse_reminder_time(str(store.setting("reminder_time")))
    except ValueError as error:
        print(f"rootwork: reminder time setting: {error}; using 09:00", file=sys.stderr)
        reminder = DEFAULT_REMINDER
    revisits = export.upcoming_revisits(
        [*store.plan(), *store.reframes()], library, today, cap=store.setting("daily_cap")
    )
    return export.render_ics(revisits, reminder_time=reminder, stamp=now)


def run_export(args: argparse.Namespace, now: datetime) -> int:
    """Write the journal to -o FILE (0600, atomically) or to stdout."""
    target = check_output_path(args.output, resolve_data_dir(args.data_dir)) if args.output else None
    store = open_store(args)
    data = render_export(store, args.format, now)
    if target is None:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is not None:
            out.write(data)
            out.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    try:
        write_private_file(target, data)
    except OSError as error:
        raise CommandFailed(f"cannot write {args.output}: {error.strerror or error}") from error
    from state.export import one_line

    # The name as typed may hold escape codes: the terminal gets it made plain.
    print(f"Exported your journal as {args.format} to {one_line(args.output, None)}.", file=sys.stderr)
    return EXIT_OK


def run_import(args: argparse.Namespace, now: datetime) -> int:
    """Merge a json export into the journal by id and say what changed (cli_import.py)."""
    from tui.cli_import import import_file

    return import_file(args, now)


def run_app(args: argparse.Namespace, now: datetime) -> int:
    """Open the store (or a demo journal) and run the full-screen app."""
    from tui.app import RootworkApp

    if args.demo:
        return run_demo(now)
    store = open_store(args)
    RootworkApp(store=store).run()
    return EXIT_OK


def fill_demo_journal(store: Store, today: date) -> dict[str, int]:
    """Write the demo journal (DEMO_DAYS days ending the day before ``today``) into an empty store."""
    from state.sample import generate_journal

    return generate_journal(store, days=DEMO_DAYS, today=today, seed=DEMO_SEED, scale=DEMO_SCALE)


def open_demo_journal(now: datetime) -> tuple[Store, Path]:
    """A made-up journal of DEMO_DAYS days ending on ``now``'s rootwork day, in a new temporary folder.

    The caller removes the folder. --data-dir and $ROOTWORK_DATA_DIR are never looked at.
    """
    from state.store import Store, StoreError

    directory = Path(tempfile.mkdtemp(prefix="rootwork-demo-"))
    store = None
    try:
        store = Store.open(directory)
        fill_demo_journal(store, rootwork_today(store, now))
    except (OSError, StoreError) as error:
        if store is not None:
            store.close()
        shutil.rmtree(directory, ignore_errors=True)
        raise CommandFailed(f"cannot make the demo journal in {directory}: {error}") from error
    return store, directory


def run_demo(now: datetime) -> int:
    """Run the app on a demo journal and remove it afterwards, however the app ends."""
    from tui.app import RootworkApp

    store, directory = open_demo_journal(now)
    previous = _remove_before_dying(directory)
    try:
        RootworkApp(store=store, demo=True).run()
    finally:
        store.close()
        shutil.rmtree(directory, ignore_errors=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return EXIT_OK


def _remove_before_dying(directory: Path) -> dict[int, object]:
    """Remove ``directory`` on SIGHUP (the terminal closed) and SIGTERM, then die of the signal as before.

    Those signals end the process without unwinding, so ``finally`` never runs;
    returns the handlers replaced, to put back.
    """

    def remove_and_die(signum: int, _frame: object) -> None:
        shutil.rmtree(directory, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    wanted = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    return {signum: signal.signal(signum, remove_and_die) for signum in wanted}


def report_error(error: Exception) -> None:
    """Print ``error`` as one line on stderr; what the user typed (a file name, an id) cannot break the line
    or send escape codes to the terminal."""
    from state.export import one_line

    print(f"rootwork: {one_line(str(error), None)}", file=sys.stderr)


COMMANDS = {
    "checkin": run_checkin,
    "due": run_due,
    "export": run_export,
    "import": run_import,
}


def main(argv: list[str] | None = None, *, now: datetime | None = None) -> int:
    """Run the rootwork command; returns the exit status (0 ok, 1 failed, 2 bad input)."""
    try:
        args = build_parser().parse_args(argv)
        if args.demo and args.command is not None:
            raise UsageError(f"--demo opens the app; it cannot be used with '{args.command}'")
        # The one place the clock is read: everything below gets ``now`` passed in.
        current = now if now is not None else datetime.now().astimezone()
        if args.command is None:
            return run_app(args, current)
        return COMMANDS[args.command](args, current)
    except UsageError as error:
        report_error(error)
        return EXIT_USAGE
    except CommandFailed as error:
        report_error(error)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

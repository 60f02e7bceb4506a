"""The ``rootwork`` command's arguments: the parser, and every check made before the journal is opened.

Bad input exits 2 with one line on stderr and creates or changes nothing: no
data folder is made, no damaged journal is restored from a backup. So every
argument is checked here, without opening the store.
"""

from __future__ import annotations

import argparse
import difflib
import stat
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rootwork.state.files.locations import database_path, lock_path

EXIT_OK = 0
EXIT_FAILED = 1  # the journal could not be read or written, or rootwork failed: not the user's input
EXIT_USAGE = 2

EXPORT_FORMATS = ("json", "markdown", "ics")


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


def _add_passphrase_file(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # As --data-dir: before or after the subcommand (tui.cli.passphrase reads it).
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=None if top_level else argparse.SUPPRESS,
        help="an encrypted journal's passphrase: the first line of FILE, which must be mode 0600 "
        "(else $ROOTWORK_PASSPHRASE, else you are asked)",
    )


def _add_journal_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    _add_data_dir(parser, top_level=top_level)
    _add_passphrase_file(parser, top_level=top_level)
    if not top_level:  # every command: its output is plain lines already; this says so, and takes out symbols
        parser.add_argument(
            "--plain",
            action="store_true",
            default=argparse.SUPPRESS,
            help="plain text only: no symbols (✓, •, “quotes”), for a screen reader or a plain terminal",
        )


if TYPE_CHECKING:
    from rootwork.state.encryption.codec import FileCodec


class CommandRun(argparse.Namespace):
    """A command's arguments (the parser fills them in) and what the run holds while it lasts.

    - ``run_codec``: the run's one ``FileCodec`` (``passphrase.codec_for`` makes it);
    - ``run_env_passphrase``: ``$ROOTWORK_PASSPHRASE``, taken out of the environment when first read,
      until the codec holds it;
    - ``run_opened``: each store the run opened, with how many of its notices were printed (``store.py``).
    """

    def __init__(self, **kwargs: Any) -> None:
        self.run_codec: FileCodec | None = None
        self.run_env_passphrase: str | None = None
        self.run_opened: list[list[Any]] = []
        super().__init__(**kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the app and its subcommands."""
    parser = _OneLineParser(
        prog="rootwork",
        description="A keyboard-driven companion for healing insecurity at its roots. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    _add_journal_options(parser, top_level=True)
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
        description="Save a check-in for today, or update it: fields you leave out keep their saved value. "
        "On a terminal without any of the options below it asks one plain question at a time (mood, "
        "intensity, signs, causes, note, grateful), which a screen reader can follow.",
    )
    checkin.add_argument(
        "--mood", metavar="N", help="how you feel, 1 (low) to 5 (good); needed for a day not checked in yet"
    )
    checkin.add_argument(
        "--intensity", metavar="N", help="how strong insecurity felt, 0 (none) to 10; needed for a new day"
    )
    checkin.add_argument("--note", metavar="TEXT", help="a note for the day (replaces a saved note)")
    checkin.add_argument(
        "--grateful", metavar="TEXT", help="something you are grateful for today (replaces a saved one)"
    )
    checkin.add_argument(
        "--cause", action="append", metavar="ID", help="a cause that felt active, e.g. perfectionism (repeatable)"
    )
    checkin.add_argument(
        "--sign", action="append", metavar="ID", help="a sign you noticed, e.g. self-doubt (repeatable)"
    )
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today; a day starts at 04:00)")
    _add_journal_options(checkin, top_level=False)

    due = commands.add_parser(
        "due",
        help="what is due today, one line each (for a shell prompt or cron)",
        description="List the practices and reframes due today, as many as your daily cap.",
    )
    due.add_argument("--json", action="store_true", help="print a JSON list instead")
    due.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    _add_journal_options(due, top_level=False)

    export = commands.add_parser(
        "export",
        help="write your journal as json, markdown or an ics calendar",
        description="Export your journal: json is everything (and can be imported), markdown is "
        "a journal to read, ics puts the next 60 days of revisits in your calendar with reminders.",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="what to write")
    export.add_argument(
        "--with-safety-plan",
        action="store_true",
        help="include your safety plan (json and markdown; left out unless asked for)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (readable only by you) instead of the screen"
    )
    _add_journal_options(export, top_level=False)

    import_ = commands.add_parser(
        "import",
        help="merge a json export into your journal",
        description="Merge a json export into your journal by id: nothing is duplicated.",
    )
    import_.add_argument("file", metavar="FILE", help="a file written by 'rootwork export --format json'")
    _add_journal_options(import_, top_level=False)
    merge = commands.add_parser(
        "merge",
        help="merge another machine's journal file into yours, record by record",
        description="Merge another machine's rootwork.json into your journal, answer by answer: a change "
        "made on one machine is kept, one made after seeing another replaces it, two made without seeing "
        "each other are both kept (one aside: 'rootwork conflicts'); settings stay yours. The file is not "
        "changed.",
    )
    merge.add_argument("file", metavar="FILE", help="a rootwork.json from another machine (or a backup)")
    _add_journal_options(merge, top_level=False)
    conflicts = commands.add_parser(
        "conflicts",
        help="list what two machines changed without seeing each other, or settle one",
        description="List each answer changed on two machines without either seeing the other: one is "
        "shown, the other kept aside. 'rootwork conflicts resolve KEY --keep mine|theirs|both' settles one "
        "(an ordinary edit, which syncs).",
    )
    conflicts.add_argument("action", nargs="?", choices=["resolve"], help="settle the one named by KEY")
    conflicts.add_argument("key", nargs="?", metavar="KEY", help="as listed, e.g. 9049e48b6dd7-note")
    conflicts.add_argument("--keep", choices=["mine", "theirs", "both"], help="what to keep (both: texts only)")
    conflicts.add_argument("--json", action="store_true", help="print the list as JSON")
    _add_journal_options(conflicts, top_level=False)
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt your journal, its backups and drafts (age, with a key kept under a passphrase)",
        description="Make this folder's key (an age identity, kept in identity.age under a passphrase asked "
        "twice) and encrypt every file of your journal to it, in place. 'age -d -i identity.age rootwork.json' "
        "opens the journal too. A forgotten passphrase cannot be recovered.",
    )
    _add_journal_options(encrypt, top_level=False)
    _add_weak_ok(encrypt)
    decrypt = commands.add_parser(
        "decrypt",
        help="turn an encrypted journal back into plain files",
        description="Decrypt every file of your journal in place, with its passphrase. In a folder whose "
        "journal came plain from another machine that ran decrypt, this says you meant it.",
    )
    _add_journal_options(decrypt, top_level=False)
    passphrase = commands.add_parser(
        "passphrase",
        help="change the passphrase of an encrypted journal (only identity.age is rewritten)",
        description="Encrypt this folder's key (identity.age) with a new passphrase, typed twice on a terminal "
        "or given with --new-passphrase-file. The journal and its backups are not rewritten.",
    )
    _add_journal_options(passphrase, top_level=False)
    passphrase.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="the new passphrase: the first line of FILE, which must be mode 0600 (as --passphrase-file)",
    )
    _add_weak_ok(passphrase)
    doctor = commands.add_parser(
        "doctor",
        help="a privacy self-check of your journal's folder (changes nothing; exit 1 when something needs attention)",
        description="Check the privacy of your journal's folder: modes, plain text left in an encrypted "
        "folder, links, Syncthing's ignore lines, a keyring entry. One line per finding, with its fix; "
        "nothing is changed and no passphrase is needed.",
    )
    _add_journal_options(doctor, top_level=False)
    share = commands.add_parser(
        "share",
        help="write chosen records as markdown encrypted to a therapist's age key (only their key opens it)",
        description="Write check-ins, thought records and practices from a range of days (and your safety "
        "plan, if you name it) as Markdown, encrypted with age to the recipient's public key: only they can "
        "open it, with 'age -d -i their-key FILE'. On a terminal it says what goes in and asks first.",
    )
    share.add_argument(
        "--recipient", action="append", metavar="KEY", help="their age public key (age1...) or SSH public key"
    )
    share.add_argument(
        "--recipient-file", action="append", metavar="FILE", help="a file of public keys, one a line (as age -R)"
    )
    share.add_argument("--since", metavar="YYYY-MM-DD", help="the first day to include (default: the first there is)")
    share.add_argument("--until", metavar="YYYY-MM-DD", help="the last day to include (default: today)")
    share.add_argument(
        "--what",
        metavar="KINDS",
        help="what to include, commas between: checkins,reframes,practices,safety-plan "
        "(default: checkins,reframes,practices)",
    )
    share.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (readable only by you)")
    share.add_argument("--yes", action="store_true", help="write it without asking first")
    _add_journal_options(share, top_level=False)
    today = commands.add_parser(
        "today",
        help="Today as plain lines: your check-in, what is due, your week, a quote",
        description="Print what the app's Today shows, as plain lines a screen reader can follow.",
    )
    _add_journal_options(today, top_level=False)
    rehearse = commands.add_parser(
        "rehearse",
        help="rehearse today's due reframes, one plain question at a time",
        description="For each reframe due today: the critic's words, your answer, your saved reframe, how "
        "true the critic feels now (0-100) and how it went. Each is saved as you go; ctrl+d stops.",
    )
    _add_journal_options(rehearse, top_level=False)
    safety_plan = commands.add_parser(
        "safety-plan",
        help="print your safety plan: what helps in a hard moment and who to reach",
        description="Print your safety plan, every part in order, as you wrote it. "
        "Write and change it in the app: press ! on any screen.",
    )
    safety_plan.add_argument("--markdown", action="store_true", help="print it as Markdown")
    _add_journal_options(safety_plan, top_level=False)
    remind = commands.add_parser(
        "remind",
        help="a desktop notification when something is due or today has no check-in (it names nothing private)",
        description="Show a notification (notify-send, osascript, else a printed line) when something is due "
        "today or today has no check-in yet. It says only how many things are waiting: never a practice, a "
        "cause or a word you wrote. Nothing due and checked in: nothing is shown. --install runs it daily at "
        "the reminder time in Settings (a systemd user timer, a launchd agent, or a crontab line to add).",
    )
    when = remind.add_mutually_exclusive_group()
    when.add_argument("--install", action="store_true", help="run the reminder daily at your reminder time")
    when.add_argument("--uninstall", action="store_true", help="remove the daily reminder --install set up")
    _add_journal_options(remind, top_level=False)
    return parser


def _add_weak_ok(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--accept-weak-passphrase",
        action="store_true",
        help="use a new passphrase that is short or easy to guess, without being asked to confirm",
    )


# ---------------------------------------------------------------- single values


def lowercase_first(sentence: str) -> str:
    """A store message ("The note is ...") to follow "rootwork: " mid-sentence."""
    return sentence[:1].lower() + sentence[1:]


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
    from rootwork.state.records.days import parse_day

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


def check_note(text: str | None, field: str = "note") -> None:
    """UsageError when --note (or --grateful) would be refused by the journal (over its length limit once cleaned)."""
    from rootwork.state.records.text import NOTE_MAX, ValidationError, clean_text

    if text is None:
        return
    try:
        clean_text(text, max_len=NOTE_MAX, field=field)
    except ValidationError as error:
        raise UsageError(lowercase_first(error.message)) from None


def check_not_future(day: date, now: datetime, data_dir: Path) -> None:
    """UsageError when ``day`` is after today, with the journal's day start hour read but nothing opened."""
    from rootwork.state.exchange.export import long_date
    from rootwork.state.records.days import local_day
    from rootwork.state.store.peek import peek_day_start_hour

    if day > local_day(now, peek_day_start_hour(data_dir)):
        raise UsageError(f"{long_date(day)} has not come yet; check in for today or an earlier day")


def check_output_path(text: str, data_dir: Path) -> Path:
    """Where -o writes, refused when its folder is missing, or it is in the journal's folder (the journal, its key,
    its backups: never written over by an export or a share)."""
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
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = None  # nothing there yet: the export makes it
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        from rootwork.state.files.regular_file import file_kind

        # The export replaces the file it is given: a pipe or a device must never be swapped for one.
        raise UsageError(f"{text} is {file_kind(mode)}, not a file; give a file name (or leave out -o to print)")
    protected = {database_path(data_dir).resolve(), lock_path(data_dir).resolve()}
    if resolved in protected:
        raise UsageError(f"{text} is your journal itself; choose another file name")
    folder = data_dir.expanduser().absolute().resolve()
    if folder in resolved.parents or folder in path.parents:
        # The journal's key, its backups, its encryption marker: a file written over any of them can lock
        # the person out of everything, and an export there would be synced with the journal.
        raise UsageError(f"{text} is inside your journal's folder; write it somewhere else")
    return path

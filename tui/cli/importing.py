"""``rootwork import FILE``: read an export strictly, merge it, and say what was added, skipped and replaced.

The file must be a regular file of at most 64 MiB (``state.files.regular_file``): a
folder, pipe, device or socket, a longer file, a file that is not JSON or not
a rootwork export is refused with one line on stderr and exit 2, and the
journal is not touched. In a good export each record is read strictly: a bad
one is skipped, and the summary on stdout names it and says why, as it names
every answer kept aside and every record put in the conflict log by the merge
(``state.store.importing``: the rule sync uses) (the first ``NOTES_SHOWN``, then
how many more).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rootwork.tui.cli.args import EXIT_OK, CommandFailed, CommandRun, UsageError, lowercase_first
from rootwork.tui.cli.store import open_store

# How import counts are named for people.
TABLE_WORDS = {
    "checkins": "check-ins",
    "reframes": "reframes",
    "plan": "practices",
    "reviews": "reviews",
    "selfchecks": "self-checks",
}
NOTES_SHOWN = 20
_EXPORT_HINT = "import takes a file from 'rootwork export --format json'"


def read_export_file(text: str) -> Any:
    """The parsed content of a json export; UsageError when it cannot be read, is not JSON or not ours."""
    from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular
    from rootwork.state.journal_file.strict_json import NotJSON, parse_import

    try:
        raw = read_regular(Path(text).expanduser())
    except FileNotFoundError:
        raise UsageError(f"there is no file {text}") from None
    except NotRegularFile as error:
        raise UsageError(f"{text} is {error.kind}, not an export file") from None
    except TooLarge as error:
        raise UsageError(f"{text} is {error.words}, too large to be a rootwork export") from None
    except OSError as error:
        raise UsageError(f"cannot read {text}: {error.strerror or error}") from None
    except ValueError:  # a name no file system accepts ("embedded null byte")
        raise UsageError(f"{text} cannot be a file name") from None
    try:
        data = parse_import(raw)
    except NotJSON as error:
        raise UsageError(f"{text} {error.words}; {_EXPORT_HINT}") from None
    if not looks_like_export(data):
        raise UsageError(f"{text} is not a rootwork export; {_EXPORT_HINT}")
    return data


def looks_like_export(data: object) -> bool:
    """Whether parsed JSON is a ``Store.export_data()``: marked as rootwork's, with a schema version."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    return (
        isinstance(data, dict)
        and data.get("app") == "rootwork"
        and isinstance(version, int)
        and not isinstance(version, bool)
    )


def describe_import(counts: dict[str, dict[str, int]]) -> str:
    """One line from ``Store.import_data``'s counts: 'Imported: check-ins 3 added, 1 updated; ...'."""
    parts = [
        f"{TABLE_WORDS.get(table, table)} {numbers.get('added', 0)} added, {numbers.get('updated', 0)} updated"
        for table, numbers in counts.items()
    ]
    return "Imported: " + "; ".join(parts) + "."


def describe_notes(notes: list[str]) -> list[str]:
    """The lines naming records skipped, kept aside or logged: the first ``NOTES_SHOWN``, then how many more."""
    from rootwork.state.exchange.export import one_line

    lines = [one_line(note, None) for note in notes[:NOTES_SHOWN]]
    if len(notes) > NOTES_SHOWN:
        rest = len(notes) - NOTES_SHOWN
        lines.append(f"...and {rest} more record{'s' if rest != 1 else ''} skipped or replaced.")
    return lines


def check_import(data: dict, text: str) -> None:
    """UsageError when the export ``data`` (read from ``text``) would be refused by the journal.

    It is merged into an empty journal in memory first, so the user's own is
    neither opened nor restored from a backup for a file that cannot be imported.
    """
    from rootwork.state.store import Store, ValidationError

    try:
        Store.in_memory().import_data(data)
    except ValidationError as error:
        raise UsageError(f"{text} cannot be imported: {lowercase_first(error.message)}") from None


def import_file(args: CommandRun, now: datetime) -> int:
    """Merge a json export into the journal by id and say what changed, and what was not taken."""
    from rootwork.state.store import StoreError, ValidationError

    data = read_export_file(args.file)
    check_import(data, args.file)
    store = open_store(args)
    try:
        result = store.import_data(data)
    except ValidationError as error:
        raise UsageError(f"{args.file} cannot be imported: {lowercase_first(error.message)}") from None
    except StoreError as error:
        raise CommandFailed(f"nothing was imported: {error}") from error
    print(describe_import(result))
    for line in describe_notes(getattr(result, "notes", [])):
        print(line)
    return EXIT_OK

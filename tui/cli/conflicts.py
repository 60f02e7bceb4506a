"""``rootwork conflicts``: what two machines changed without seeing each other, and settling one.

Each answer kept aside is listed with its key, the record and field, the
value shown and the values kept aside, and which machine wrote each ("this
machine" or "another machine"); ``--json`` prints the same as a list. The
list exits 0, whether or not anything is kept aside (it is for a person or a
script to read, like ``rootwork due``). ``resolve KEY --keep mine|theirs|both``
saves the choice as an ordinary edit; a key that names nothing, or "both" for
a number, is one line and exit 2.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

from rootwork.tui.cli.args import EXIT_OK, CommandFailed, CommandRun, UsageError, lowercase_first
from rootwork.tui.cli.store import open_store


def run_conflicts(args: CommandRun, now: datetime) -> int:
    """List what is kept aside, or settle one (``resolve KEY --keep ...``)."""
    from rootwork.content import load_library
    from rootwork.state.exchange.export import json_text, one_line
    from rootwork.state.records.field_words import field_name, value_words
    from rootwork.state.store import NotFound, StoreError, ValidationError
    from rootwork.state.sync.kept_aside_words import NOTHING_KEPT_ASIDE, who_wrote

    if args.action is None and (args.key is not None or args.keep is not None):
        raise UsageError("to settle one, say 'rootwork conflicts resolve KEY --keep mine|theirs|both'")
    if args.action == "resolve" and (args.key is None or args.keep is None):
        raise UsageError("resolve needs the KEY as listed and --keep mine, theirs or both")
    store = open_store(args)
    if args.action == "resolve":
        try:
            item = store.resolve_kept_aside(args.key, args.keep)
        except NotFound as error:
            raise UsageError(lowercase_first(str(error)).rstrip(".")) from None
        except ValidationError as error:
            raise UsageError(lowercase_first(error.message)) from None
        except StoreError as error:
            raise CommandFailed(f"your choice was not saved: {error}") from error
        named = field_name(item.table, item.field)
        print(one_line(f"Kept {args.keep} in “{named}” of your {item.record_words}.", None))
        return EXIT_OK
    machine = store.machine_id
    items = store.kept_aside()
    if args.json:
        print(json_text([_as_json(item, machine) for item in items], indent=2))
        return EXIT_OK
    if not items and sys.stdout.isatty():
        print(NOTHING_KEPT_ASIDE)
    library = load_library() if items else None
    for item in items:
        print(one_line(f"{item.key}  {item.record_words}, {field_name(item.table, item.field)}", None))
        shown = value_words(item.table, item.field, item.shown, library)
        print("  " + one_line(f"shown ({who_wrote(item.shown_by, machine)}): {shown}", None))  # indented: one_line
        # makes a line of whatever it is given, leading blanks too
        for value, by in item.aside:
            aside = value_words(item.table, item.field, value, library)
            print("  " + one_line(f"kept aside ({who_wrote(by, machine)}): {aside}", None))
    return EXIT_OK


def _as_json(item: Any, machine: str | None) -> dict[str, Any]:
    from rootwork.state.sync.kept_aside_words import who_wrote

    return {
        "key": item.key,
        "record": item.record_words,
        "table": item.table,
        "id": item.record_id,
        "field": item.field,
        "shown": {"value": item.shown, "by": who_wrote(item.shown_by, machine)},
        "kept_aside": [{"value": value, "by": who_wrote(by, machine)} for value, by in item.aside],
    }

"""The ``rootwork`` command: the app, and (as they land) its shell subcommands."""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import PackageNotFoundError, version

from state.locations import resolve_data_dir


class UsageError(Exception):
    """Bad input: exit 2 with one clear line on stderr, change nothing."""


def package_version() -> str:
    try:
        return version("rootwork")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rootwork",
        description="A keyboard-driven companion for healing insecurity at its roots.",
    )
    parser.add_argument("--version", action="version", version=f"rootwork {package_version()}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where your journal lives (default: $ROOTWORK_DATA_DIR, else your user data folder)",
    )
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def run_app(args: argparse.Namespace) -> int:
    """Open the store and run the full-screen app."""
    from state.store import Store, StoreError
    from tui.app import RootworkApp

    data_dir = resolve_data_dir(args.data_dir)
    try:
        store = Store.open(data_dir)
    except (OSError, StoreError) as error:
        raise UsageError(f"cannot open your journal in {data_dir}: {error}") from error
    RootworkApp(store=store).run()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        parser.error(f"unknown command {args.command}")
    except UsageError as error:
        print(f"rootwork: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

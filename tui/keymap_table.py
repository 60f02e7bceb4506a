"""The README's table of binding ids, made from the code: ``python -m rootwork.tui.keymap_table --update README.md``.

Without ``--update`` it prints the table. tests/test_readme_keymap.py fails when
the README's table (between the two markers) and the code disagree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rootwork.tui.keymap_catalogue import binding_catalogue

START = "<!-- keymap-table: made by python -m rootwork.tui.keymap_table --update README.md -->"
END = "<!-- /keymap-table -->"


def keys_cell(keys: str) -> str:
    return " ".join(f"`{key.strip()}`" for key in keys.split(","))


def where(owners: tuple[str, ...]) -> str:
    """Class names in words: ``ReframeEditorScreen`` is "reframe editor", the app is "everywhere"."""
    if "RootworkApp" in owners:
        return "everywhere"
    words = (re.sub(r"(?<!^)(?=[A-Z])", " ", owner.removesuffix("Screen")).lower() for owner in owners)
    return ", ".join(words)


def keymap_table() -> str:
    """A markdown table of every binding id, its standard keys and what it does, markers included."""
    rows = [START, "", "| id | standard keys | where | what it does |", "|---|---|---|---|"]
    for entry in binding_catalogue().values():
        rows.append(
            f"| `{entry.id}` | {keys_cell(entry.keys)} | {where(entry.owners)} "
            f"| {entry.description.replace('|', '/')} |"
        )
    return "\n".join([*rows, "", END])


def replace_table(text: str, table: str) -> str:
    """``text`` with its table (markers included) replaced by ``table``."""
    start, end = text.index(START), text.index(END) + len(END)
    return text[:start] + table + text[end:]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--update"] and len(argv) == 2:
        path = Path(argv[1])
        path.write_text(replace_table(path.read_text(encoding="utf-8"), keymap_table()), encoding="utf-8")
    else:
        print(keymap_table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

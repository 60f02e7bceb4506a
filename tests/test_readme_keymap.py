"""The README lists every binding id, as the code has it (tui/keymap_table.py makes the table)."""

from __future__ import annotations

import re
from pathlib import Path

from rootwork.tui.keymap_catalogue import binding_catalogue
from rootwork.tui.keymap_table import END, START, keymap_table, replace_table

README = Path(__file__).parents[1] / "README.md"


def test_readme_table_matches_the_code():
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text
    shown = text[text.index(START) : text.index(END) + len(END)]
    assert shown == keymap_table(), "run: python -m rootwork.tui.keymap_table --update README.md"


def test_readme_names_every_id():
    text = README.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z]+\.[a-z0-9-]+)` \|", text, flags=re.MULTILINE))
    assert listed == set(binding_catalogue())


def test_the_example_keymap_in_the_readme_is_valid():
    from rootwork.tui.keymap import parse_keymap

    text = README.read_text(encoding="utf-8")
    example = text[text.index("```toml\n", text.index("## Changing keys")) + 8 :]
    example = example[: example.index("```")]
    keymap, problems = parse_keymap(example.encode(), binding_catalogue())
    assert problems == [] and keymap["app.today"] == "y"


def test_replace_table_keeps_what_is_around_it():
    assert replace_table(f"before\n{START}\nold\n{END}\nafter", "NEW") == "before\nNEW\nafter"

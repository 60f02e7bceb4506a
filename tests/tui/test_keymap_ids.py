"""Every binding of ours has an id a keymap file can name (tui/keymap_catalogue.py has the rule)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from textual.binding import Binding

from rootwork.tui.keymap_catalogue import binding_catalogue, declared_bindings, tui_modules

TUI = Path(__file__).parents[2] / "tui"
ID_PATTERN = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")


def test_the_walk_imports_every_screen_and_widget_module():
    on_disk = {
        f"rootwork.tui.{folder}.{path.stem}"
        for folder in ("screens", "widgets")
        for path in (TUI / folder).glob("*.py")
        if path.stem != "__init__"
    }
    assert on_disk <= set(tui_modules())
    owners = {cls.__module__ for cls, _binding in declared_bindings()}
    assert {"rootwork.tui.app", "rootwork.tui.screens.today", "rootwork.tui.widgets.scale"} <= owners


def test_every_binding_is_a_binding_with_a_well_formed_id():
    missing = [
        f"{cls.__qualname__}: {binding!r}"
        for cls, binding in declared_bindings()
        if not isinstance(binding, Binding) or not binding.id
    ]
    assert missing == []
    malformed = [binding.id for _cls, binding in declared_bindings() if not ID_PATTERN.match(binding.id)]
    assert malformed == []


def test_ids_are_unique_within_a_class():
    seen: dict[type, list[str]] = defaultdict(list)
    for cls, binding in declared_bindings():
        seen[cls].append(binding.id)
    repeated = {cls.__qualname__: ids for cls, ids in seen.items() if len(ids) != len(set(ids))}
    assert repeated == {}


def test_an_id_shared_by_classes_has_one_meaning_and_one_default():
    keys: dict[str, set[str]] = defaultdict(set)
    for _cls, binding in declared_bindings():
        keys[binding.id].add(binding.key)
    assert {binding_id: found for binding_id, found in keys.items() if len(found) > 1} == {}
    shared = {entry.id for entry in binding_catalogue().values() if len(entry.owners) > 1}
    # Only these are shared on purpose: one keymap line changes them everywhere.
    assert shared == {"app.quit", "form.save"}


def test_examples_from_the_brief_exist():
    catalogue = binding_catalogue()
    assert catalogue["app.quit"].keys == "q"
    assert catalogue["today.rate-1"].keys == "1"
    assert catalogue["month.next-month"].keys == "pagedown"
    assert catalogue["app.focus-next"].guards_typing
    assert not catalogue["confirm.yes"].guards_typing  # a dialog without a text field

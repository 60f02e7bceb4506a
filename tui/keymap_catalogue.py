"""Every key binding rootwork declares, found by walking the ``tui`` package.

Each ``Binding`` in an App, Screen or Widget ``BINDINGS`` list has an ``id``,
which is what a line of the user's keymap file names (tui/keymap.py).

The rule for ids: ``scope.what-it-does`` in lower case, the scope being the
screen or widget (``today.rate-1``, ``month.next-month``, ``scale.more``) or
``app`` for the keys that work everywhere. An id is unique within a class. The
same id on several classes is allowed only for one meaning with the same default
keys, because Textual applies a keymap line by id across the whole app: one line
then changes that key everywhere, as a user expects for ``app.quit`` (the app, the
too-small notice and the first-run disclaimer) and ``form.save`` (every form and
its save-conflict dialog).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from textual.binding import Binding
from textual.screen import ModalScreen

from rootwork import tui


@dataclass(frozen=True)
class BindingEntry:
    """One binding id: its default keys, what it does, and where it is declared."""

    id: str
    keys: str
    description: str
    owners: tuple[str, ...]
    # A priority binding on the app or a full screen is seen before a focused text
    # field: remapped to a letter, it would take that letter from everything typed.
    guards_typing: bool


def tui_modules() -> list[str]:
    """The name of every module in the ``tui`` package, imported."""
    names = []
    for info in pkgutil.walk_packages(tui.__path__, "rootwork.tui."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
        names.append(info.name)
    return sorted(names)


def declared_bindings() -> list[tuple[type, Binding]]:
    """Each class of ``tui`` with its own ``BINDINGS``, paired with each binding it declares, in order."""
    found = []
    for name in tui_modules():
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if isinstance(cls, type) and cls.__module__ == name and "BINDINGS" in cls.__dict__:
                found += [(cls, binding) for binding in cls.__dict__["BINDINGS"]]
    return found


def binding_catalogue() -> dict[str, BindingEntry]:
    """Every binding id, in declaration order, with the classes that declare it."""
    declared: dict[str, list[tuple[type, Binding]]] = {}
    for cls, binding in declared_bindings():
        if isinstance(binding, Binding) and binding.id is not None:  # the id test reports the others
            declared.setdefault(binding.id, []).append((cls, binding))
    catalogue = {}
    for binding_id, found in declared.items():
        first = found[0][1]
        owners = tuple(dict.fromkeys(cls.__qualname__ for cls, _binding in found))
        # Shared: the short description, since each tooltip speaks of its own screen.
        description = (first.tooltip or first.description) if len(owners) == 1 else first.description
        guards = any(binding.priority and not issubclass(cls, ModalScreen) for cls, binding in found)
        catalogue[binding_id] = BindingEntry(binding_id, first.key, description, owners, guards)
    return catalogue

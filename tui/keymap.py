"""The user's keymap file: other keys for rootwork's bindings.

The file is ``keymap.toml`` in the user config folder (``~/.config/rootwork`` on
Linux), or the file named by ``$ROOTWORK_KEYMAP`` (state/files/locations.py). It maps
binding ids (tui/keymap_catalogue.py, listed in the README) to comma-separated
Textual key names::

    [keys]
    "app.today" = "y"
    "form.save" = "ctrl+s,f2"

It is read once, before the app starts (``load_keymap``), and applied with
``App.set_keymap`` when it mounts (``apply_keymap``). All or nothing: a file with
any problem (not TOML, an unknown id, a value that is not a string, an unknown
key, a key that would take typing from a text field, two bindings of one screen
on one key, too large) is not used at all; the app starts with its standard keys
and says once, in a notice, what to fix. Nothing here ever stops the app starting.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual.binding import Binding
from textual.keys import Keys, key_to_character

from rootwork.state.files.regular_file import NotRegularFile, TooLarge, read_regular
from rootwork.state.records.text import remove_controls
from rootwork.tui.keymap_catalogue import BindingEntry, binding_catalogue

if TYPE_CHECKING:
    from textual.app import App

MAX_BYTES = 64 * 1024
TOO_LARGE = f"it is larger than {MAX_BYTES // 1024} KiB"
MAX_KEYS = 8  # keys for one binding
SHOWN_PROBLEMS = 6
MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})
# Named keys Textual reports (f1, pageup, escape...), without the ctrl+ combinations.
KEY_NAMES = frozenset(key.value for key in Keys if "+" not in key.value and not key.value.startswith("<"))
# What a text field does with these keys is editing: a priority binding must not take them.
EDITING_KEYS = frozenset({"space", "backspace", "delete", "enter", "left", "right", "up", "down", "home", "end"})


@dataclass(frozen=True)
class LoadedKeymap:
    """What ``load_keymap`` read: the keymap to apply (maybe empty) and why the file was not used."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    path: Path | None = None

    def notice(self) -> str | None:
        """One notice for every problem, or None when there is none."""
        if not self.problems:
            return None
        lines = [f"- {problem}" for problem in self.problems[:SHOWN_PROBLEMS]]
        if len(self.problems) > SHOWN_PROBLEMS:
            lines.append(f"- and {len(self.problems) - SHOWN_PROBLEMS} more")
        where = shown(str(self.path), 120) if self.path else "Your keymap file"
        return f"{where} was not used; the standard keys work.\n" + "\n".join(lines)


def shown(text: str, limit: int = 40) -> str:
    """User text fit for a notice: no control characters, not too long."""
    text = remove_controls(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def valid_key(key: str) -> bool:
    """True for a key Textual can report: modifiers, then one character or a key name."""
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    if any(modifier not in MODIFIERS for modifier in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and base not in ", "
    return base in KEY_NAMES or (base.islower() and key_to_character(base) is not None)


def types_text(key: str) -> bool:
    """True when a focused text field would type or edit with ``key``."""
    if key in EDITING_KEYS:
        return True
    character = key_to_character(key)
    return character is not None and character.isprintable()


def parse_keymap(data: bytes, known: Mapping[str, BindingEntry]) -> tuple[dict[str, str], list[str]]:
    """The keymap in ``data`` (a keymap file's bytes) and its problems; an empty keymap when there is any."""
    if len(data) > MAX_BYTES:
        return {}, [TOO_LARGE]
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, ["it is not UTF-8 text"]
    except tomllib.TOMLDecodeError as error:
        return {}, [f"it is not TOML: {shown(str(error), 80)}"]
    problems = [f"unknown section [{shown(name)}]: only [keys] is read" for name in document if name != "keys"]
    table = document.get("keys", {})
    if not isinstance(table, dict):
        return {}, [*problems, "'keys' must be a table: [keys]"]
    keymap: dict[str, str] = {}
    for binding_id, value in table.items():
        entry = known.get(binding_id)
        if entry is None:
            problems.append(f"no binding has the id {shown(binding_id)!r}")
        elif not isinstance(value, str):
            problems.append(f'{binding_id}: the keys must be a string, such as "ctrl+s"')
        else:
            keys, key_problems = parse_keys(value, entry)
            problems += [f"{binding_id}: {problem}" for problem in key_problems]
            keymap[binding_id] = keys
    if not problems:
        problems = clashes(keymap, known)
    return ({}, problems) if problems else (keymap, [])


def parse_keys(value: str, entry: BindingEntry) -> tuple[str, list[str]]:
    """``value``'s keys, comma-separated without spaces, and what is wrong with them."""
    keys = [key.strip() for key in value.split(",")]
    if len(keys) > MAX_KEYS:
        return "", [f"more than {MAX_KEYS} keys"]
    problems = []
    defaults = {key.strip() for key in entry.keys.split(",")}
    for key in keys:
        if not key:
            problems.append("an empty key (two commas, or nothing at all)")
        elif not valid_key(key):
            problems.append(f"{shown(key)!r} is not a key name (see the README's 'Changing keys')")
        elif entry.guards_typing and types_text(key) and key not in defaults:
            problems.append(f"{key!r} would take that key from every text field; use a ctrl+ or f key")
    return ",".join(keys), problems


def clashes(keymap: Mapping[str, str], known: Mapping[str, BindingEntry]) -> list[str]:
    """Two bindings of one screen or widget on one key, once the keymap is applied."""
    holders: dict[tuple[str, str], str] = {}
    problems = []
    for binding_id, entry in known.items():
        for key in keymap.get(binding_id, entry.keys).split(","):
            for owner in entry.owners:
                other = holders.setdefault((owner, key.strip()), binding_id)
                # Only the file's own lines are reported: a few standard keys do two things by design.
                if other != binding_id and (binding_id in keymap or other in keymap):
                    problems.append(f"{other} and {binding_id} would both be {key.strip()!r}")
    return problems


def load_keymap(path: Path | None, known: Mapping[str, BindingEntry] | None = None) -> LoadedKeymap:
    """Read the keymap file at ``path``; no file (or no path) is the standard keys without a word."""
    if path is None:
        return LoadedKeymap()
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return LoadedKeymap(path=path)
    except NotRegularFile:  # a folder, or a pipe that would never finish reading
        return LoadedKeymap(problems=("it is not a regular file",), path=path)
    except TooLarge:
        return LoadedKeymap(problems=(TOO_LARGE,), path=path)
    except OSError as error:
        return LoadedKeymap(problems=(f"it cannot be read: {error.strerror or error}",), path=path)
    keys, problems = parse_keymap(data, binding_catalogue() if known is None else known)
    return LoadedKeymap(keys, tuple(problems), path)


_KEYS_IN_USE: WeakKeyDictionary[App, Mapping[str, str]] = WeakKeyDictionary()


def use_keys(app: App, keys: Mapping[str, str]) -> None:
    """Give ``app`` these keys for its bindings, and remember them for ``keys_in_use``.

    Remembered as Textual names them in key events ("+" is "plus"), as ``set_keymap`` applies them.
    """
    _KEYS_IN_USE[app] = {binding_id: key_names(value) for binding_id, value in keys.items()}
    app.set_keymap(dict(keys))


def key_names(keys: str) -> str:
    """Comma-separated keys as Textual's key events name them: "+,ctrl+s" is "plus,ctrl+s"."""
    return ",".join(binding.key for binding in Binding.make_bindings([Binding(keys, "noop")]))


def keys_in_use(app: App) -> Mapping[str, str]:
    """The user's keys ``app`` runs with (binding id to keys), empty when it runs with the standard ones."""
    return _KEYS_IN_USE.get(app, {})


def apply_keymap(app: App, loaded: LoadedKeymap | None) -> None:
    """Use the keys read at start-up, or say why the file was not used."""
    if loaded is None:
        return
    if loaded.keys:
        use_keys(app, loaded.keys)
    notice = loaded.notice()
    if notice:
        app.notify(notice, title="About your keys", severity="warning", timeout=30, markup=False)

"""The keymap file: read without Textual running, all or nothing, never fatal (tui/keymap.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rootwork.state.files.locations import resolve_keymap_path
from rootwork.tui.keymap import MAX_BYTES, LoadedKeymap, load_keymap, parse_keymap
from rootwork.tui.keymap_catalogue import binding_catalogue

KNOWN = binding_catalogue()


def parse(text: str | bytes) -> tuple[dict[str, str], list[str]]:
    return parse_keymap(text.encode() if isinstance(text, str) else text, KNOWN)


def test_a_good_file_maps_ids_to_keys():
    keymap, problems = parse('[keys]\n"app.today" = "y"\n"form.save" = "ctrl+s, f2"\n"app.help" = "?"\n')
    assert problems == []
    assert keymap == {"app.today": "y", "form.save": "ctrl+s,f2", "app.help": "?"}


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "[keys]\n"])
def test_an_empty_file_is_the_standard_keys_without_a_word(text):
    assert parse(text) == ({}, [])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[keys\n", "not TOML"),
        ('[keys]\n"app.today" = "y"\n"app.today" = "u"\n', "not TOML"),  # a key twice
        ('[keys]\n"app.nowhere" = "y"\n', "no binding has the id 'app.nowhere'"),
        ('[keys]\n"app.today" = 7\n', "must be a string"),
        ('[keys]\n"app.today" = ["y"]\n', "must be a string"),
        ('[keys]\n"app.today" = ""\n', "an empty key"),
        ('[keys]\n"app.today" = "y,,u"\n', "an empty key"),
        ('[keys]\n"app.today" = "ctrl-t"\n', "'ctrl-t' is not a key name"),
        ('[keys]\n"app.today" = "Enter"\n', "not a key name"),
        ('[keys]\n"app.today" = "ctrl+ctrl+t"\n', "not a key name"),
        ('[keys]\n"app.today" = "' + ",".join("f1" for _ in range(9)) + '"\n', "more than 8 keys"),
        ('keys = "y"\n', "must be a table"),
        ('[key]\n"app.today" = "y"\n', "unknown section [key]"),
        # Priority bindings are seen before a text field: they may not take its typing.
        ('[keys]\n"app.focus-next" = "j"\n', "would take that key from every text field"),
        ('[keys]\n"app.focus-next" = "space"\n', "would take that key"),
        ('[keys]\n"editor.insert-evidence" = "backspace"\n', "would take that key"),
        # Two bindings of one screen on one key.
        ('[keys]\n"today.rate-1" = "f"\n', "today.rate-1 and today.find-roots would both be 'f'"),
    ],
)
def test_a_bad_file_is_not_used_and_says_why(text, says):
    keymap, problems = parse(text)
    assert keymap == {}
    assert any(says in problem for problem in problems), problems


def test_one_bad_line_keeps_the_good_ones_out_too():
    keymap, problems = parse('[keys]\n"app.today" = "y"\n"app.todya" = "u"\n')
    assert keymap == {} and len(problems) == 1


def test_allowed_keys_for_guarded_bindings():
    # A ctrl key, an f key or the binding's own default are fine for a priority binding.
    assert parse('[keys]\n"app.focus-next" = "tab,ctrl+n,f6"\n') == ({"app.focus-next": "tab,ctrl+n,f6"}, [])
    # Letters are fine for bindings a text field sees first, and for dialogs without one.
    assert parse('[keys]\n"confirm.yes" = "j,enter"\n')[1] == []


def test_swapping_two_keys_of_a_screen_is_no_clash():
    assert parse('[keys]\n"today.rate-1" = "2"\n"today.rate-2" = "1"\n')[1] == []


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe[keys]",  # not UTF-8
        b'[keys]\n"app.today" = "\x1b]0;pwned\x07"\n',  # control characters are not TOML strings
        b"\x00" * 100,
        b"[keys]\n" + b'"app.today" = "' + b"a" * 5000 + b'"\n',
        b"[" * 5000,  # deep nesting
        ("[keys]\n" + "".join(f'"x{i}" = "y"\n' for i in range(2000))).encode(),
    ],
)
def test_hostile_files_never_raise(data):
    keymap, problems = parse_keymap(data, KNOWN)
    assert keymap == {} and problems
    assert all(len(problem) < 200 and "\x1b" not in problem for problem in problems)


def test_an_unknown_id_is_shown_without_control_characters_and_shortened():
    _keymap, problems = parse('[keys]\n"\\u001b[31m' + "z" * 300 + '" = "y"\n')
    assert "\x1b" not in problems[0] and len(problems[0]) < 100


def test_a_file_too_large_is_refused_before_parsing():
    keymap, problems = parse_keymap(b"#" * (MAX_BYTES + 1), KNOWN)
    assert keymap == {} and "larger than 64 KiB" in problems[0]


def test_load_reads_a_file(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('[keys]\n"app.today" = "y"\n')
    assert load_keymap(path) == LoadedKeymap({"app.today": "y"}, (), path)


def test_no_file_is_the_standard_keys_without_a_word(tmp_path):
    loaded = load_keymap(tmp_path / "missing.toml")
    assert loaded.keys == {} and loaded.notice() is None
    assert load_keymap(None).notice() is None


def test_a_folder_or_a_pipe_is_reported_not_read(tmp_path):
    assert "not a regular file" in load_keymap(tmp_path).notice()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "not a regular file" in load_keymap(fifo).notice()  # would block forever if opened


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_reported(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text("[keys]\n")
    path.chmod(0)
    assert "cannot be read" in load_keymap(path).notice()


def test_a_huge_file_is_not_read_whole(tmp_path):
    path = tmp_path / "keymap.toml"
    with open(path, "wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB of nothing on disk
    assert "larger than 64 KiB" in load_keymap(path).notice()


def test_the_notice_names_the_file_and_caps_the_list(tmp_path):
    lines = "".join(f'"nope.{i}" = "y"\n' for i in range(10))
    path = tmp_path / "keymap.toml"
    path.write_text("[keys]\n" + lines)
    notice = load_keymap(path).notice()
    assert notice.startswith(f"{path} was not used; the standard keys work.")
    assert notice.count("\n- ") == 7 and notice.endswith("- and 4 more")


def test_the_keymap_path_is_in_the_config_folder_unless_the_environment_says(tmp_path):
    assert resolve_keymap_path({"ROOTWORK_KEYMAP": str(tmp_path / "k.toml")}) == tmp_path / "k.toml"
    default = resolve_keymap_path({})
    assert default.name == "keymap.toml" and default.parent.name == "rootwork"
    assert Path.home() in default.parents or os.name != "posix"

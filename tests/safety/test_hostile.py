"""Hostile text through every text field and every command-line option.

What goes in is stored exactly as typed, except for removed control
characters (``state.records.text.clean_text``); it is shown literally (markup stays
text); no escape byte from it reaches the screen; nothing crashes; and text
over a field's limit is refused with a message.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from rootwork.state.records.text import NOTE_MAX, clean_text
from rootwork.state.store import Store
from rootwork.tui.cli.main import main
from tests.safety.corpus import CORPUS, HUGE_PASTE

NOW = datetime(2026, 11, 25, 12, 0).astimezone()
# What must never reach the terminal from user text: C0 controls but tab and newline, DEL, C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_plain_line(err: str) -> bool:
    """An error the CLI prints: one line, no control character in it."""
    return err.count("\n") == 1 and err.endswith("\n") and not CONTROL.search(err)


# -- the command line ------------------------------------------------------------------------


def test_checkin_note_from_the_command_line_is_stored_cleaned(tmp_path: Path, capsys) -> None:
    data_dir = tmp_path / "data"
    for n, text in enumerate(CORPUS):
        day = f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"
        code = main(
            ["--data-dir", str(data_dir), "checkin", "--mood", "3", "--intensity", "2", "--note", text, "--date", day],
            now=NOW,
        )
        out, err = capsys.readouterr()
        assert code == 0, (text, err)
        assert not CONTROL.search(out + err)
    stored = {c.day.isoformat(): c.note for c in Store.open(data_dir).checkins()}
    for n, text in enumerate(CORPUS):
        assert stored[f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"] == clean_text(text, max_len=NOTE_MAX, field="note")


def test_an_oversize_note_is_refused_in_one_line_and_nothing_is_saved(tmp_path: Path, capsys) -> None:
    data_dir = tmp_path / "data"
    code = main(
        ["--data-dir", str(data_dir), "checkin", "--mood", "3", "--intensity", "2", "--note", HUGE_PASTE], now=NOW
    )
    err = capsys.readouterr().err
    assert code == 2 and one_plain_line(err) and "the limit is 10,000" in err
    assert Store.open(data_dir).checkins() == []


OPTIONS = {
    "mood": lambda d, t: ["--data-dir", d, "checkin", "--mood", t, "--intensity", "2"],
    "intensity": lambda d, t: ["--data-dir", d, "checkin", "--mood", "3", "--intensity", t],
    "cause": lambda d, t: ["--data-dir", d, "checkin", "--mood", "3", "--intensity", "2", "--cause", t],
    "sign": lambda d, t: ["--data-dir", d, "checkin", "--mood", "3", "--intensity", "2", "--sign", t],
    "checkin date": lambda d, t: ["--data-dir", d, "checkin", "--mood", "3", "--intensity", "2", "--date", t],
    "due date": lambda d, t: ["--data-dir", d, "due", "--date", t],
    "format": lambda d, t: ["--data-dir", d, "export", "--format", t],
    "command": lambda d, t: ["--data-dir", d, t],
    "import file": lambda d, t: ["--data-dir", d, "import", t],
    "export file": lambda d, t: ["--data-dir", d, "export", "--format", "json", "-o", t],
    "data dir": lambda d, t: ["--data-dir", t, "due"],
}


@pytest.mark.parametrize("option", list(OPTIONS))
def test_every_option_refuses_hostile_text_plainly(option: str, tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative file and folder names land here
    data_dir = tmp_path / "data"
    Store.open(data_dir)
    journal = (data_dir / "rootwork.json").read_bytes()
    for text in CORPUS:
        code = main(OPTIONS[option](str(data_dir), text), now=NOW)
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (option, text)
        assert not CONTROL.search(err), (option, text, err)
        if code:
            assert one_plain_line(err), (option, text, err)
    if option not in ("data dir", "export file"):
        assert (data_dir / "rootwork.json").read_bytes() == journal

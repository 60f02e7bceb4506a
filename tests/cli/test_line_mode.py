"""Line by line (issue 30): a check-in and a rehearsal on a pseudo-terminal, one plain question at a time.

Each test runs the installed ``rootwork`` on a real pseudo-terminal (``terminal.py``), types as a person
would, bad answers included, and reads the journal afterwards.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from rootwork.state.records.checkin_form import MOOD_WORDS
from rootwork.state.records.days import local_day
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from tests.cli.terminal import Terminal

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")

#: Any terminal control sequence: colour, cursor movement, clearing.
ESCAPES = re.compile(r"\x1b[\[\]()#;?]*[0-9;]*[A-Za-z@`]?")


def today() -> datetime:
    return datetime.now().astimezone()


def rootwork_today():
    return local_day(today())


def test_a_first_check_in_asks_each_answer_and_asks_again_after_a_bad_one(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "data", "checkin", env={"NO_COLOR": "1"})
    assert "[not set]: " in term.answer("Mood", "9")
    assert "9 is outside 1 to 5" in term.answer("Mood", "2")
    term.answer("How insecure", "")
    assert "A check-in needs how insecure" in term.answer("How insecure", "seven")
    assert "Type a whole number from 0 to 10" in term.answer("How insecure", "7")
    term.answer("Signs", "?")
    assert "1 Self-doubt\n2 Comparing\n" in term.answer("Signs", "1, zzz")
    assert "Nothing is called “zzz”" in term.answer("Signs", "self-doubt, 2")
    term.answer("Causes", "perf")
    term.answer("A note", "[b]a hard day[/b]")
    term.answer("grateful", "")
    assert term.finish() == 0
    assert "Checked in for" in term.transcript and not ESCAPES.search(term.transcript)
    [saved] = Store.open(tmp_path / "data").checkins()
    assert (saved.mood, saved.intensity, saved.signs, saved.causes) == (
        2,
        7,
        ("self-doubt", "comparing"),
        ("perfectionism",),
    )
    assert saved.note == "[b]a hard day[/b]" and saved.gratitude == ""


def test_changing_a_check_in_keeps_every_answer_left_empty(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    store.save_checkin(Checkin(day=rootwork_today(), mood=3, intensity=4, signs=("comparing",), note="kept"))
    store.close()
    term = Terminal(tmp_path / "data", "checkin")
    assert f"[3 ({MOOD_WORDS[3]})]" in term.answer("Mood", "")
    term.answer("How insecure", "")
    assert "[Comparing]" in term.answer("Signs", "")
    term.answer("Causes", "")
    assert "[“\u2068kept\u2069”]" in term.answer("A note", "")  # isolated: its direction marks stay inside
    term.answer("grateful", "thank you")
    assert term.finish() == 0
    [saved] = Store.open(tmp_path / "data").checkins()
    assert (saved.mood, saved.intensity, saved.signs, saved.note, saved.gratitude) == (
        3,
        4,
        ("comparing",),
        "kept",
        "thank you",
    )


def test_ctrl_d_stops_and_saves_nothing(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "data", "checkin")
    term.answer("Mood", "2")
    term.wait_for("How insecure")
    term.end_of_input()
    assert term.finish() == 1
    assert "Nothing more was saved" in term.transcript
    assert Store.open(tmp_path / "data").checkins() == []


def test_a_rehearsal_runs_line_by_line_and_is_saved(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data")
    saved = store.save_reframe(
        Reframe(critic="You always get it wrong.", reframe="I get many things right."),
        rootwork_today() - timedelta(days=3),
    )
    store.close()
    assert any(item.id == saved.id for item in Store.open(tmp_path / "data").due(rootwork_today()))
    term = Terminal(tmp_path / "data", "rehearse", env={"NO_COLOR": "1"})
    assert "The critic says: You always get it wrong." in term.answer("Your answer", "Not always. I did fine today.")
    assert "Your saved reframe: I get many things right." in term.answer("How true", "150")
    term.answer("How true", "30")
    term.answer("How did it go", "5")
    term.answer("How did it go", "3")
    assert term.finish() == 0
    assert "Type 1 (didn't manage)" in term.transcript and "Saved: did it." in term.transcript
    assert not ESCAPES.search(term.transcript)
    [review] = Store.open(tmp_path / "data").reviews(saved.id)
    assert (review.belief, review.answer, review.rating.value) == (30, "Not always. I did fine today.", "3")


def test_with_nothing_due_a_rehearsal_says_so(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "data", "rehearse")
    assert term.finish() == 0
    assert "No reframe is due for rehearsal today" in term.transcript


def test_saved_words_with_terminal_controls_are_never_printed_raw(tmp_path: Path) -> None:
    """Found in review: a note holding escape codes (a synced file, a hand edit) was printed raw in the question."""
    import json

    from rootwork.state.files.locations import database_path

    store = Store.open(tmp_path / "data")
    store.save_checkin(Checkin(day=rootwork_today(), mood=3, intensity=4, note="plain"))
    store.close()
    path = database_path(tmp_path / "data")
    journal = json.loads(path.read_text())
    journal.pop("~layout", None)
    [doc] = journal["checkins"].values()
    doc["note"] = "before\x1b]52;c;SGFja2Vk\x07\x1b[2Jafter\u202eevil"
    path.write_text(json.dumps(journal))
    term = Terminal(tmp_path / "data", "checkin")
    for prompt in ("Mood", "How insecure", "Signs", "Causes"):
        term.answer(prompt, "")
    shown = term.answer("A note", "")
    term.answer("grateful", "")
    assert term.finish() == 0
    assert "beforeafter" in shown and "\x1b" not in term.transcript and "\x07" not in term.transcript
    assert "\u2068beforeafter\u202eevil\u2069" in shown  # a direction mark stays inside its own words


def test_odd_digits_and_pasted_controls_in_a_list_answer_get_a_line_not_a_crash(tmp_path: Path) -> None:
    """Found in review: "²" (a digit to Python) crashed the check-in and lost the answers typed."""
    term = Terminal(tmp_path / "data", "checkin")
    term.answer("Mood", "3")
    term.answer("How insecure", "4")
    term.answer("Signs", "²")
    assert "Nothing is called “²”" in term.answer("Signs", "9" * 5000)
    assert "There is no number" in term.answer("Signs", "1")
    term.answer("Causes", "")
    term.answer("A note", "")
    term.answer("grateful", "")
    assert term.finish() == 0
    [saved] = Store.open(tmp_path / "data").checkins()
    assert saved.signs == ("self-doubt",)


@pytest.mark.parametrize(("date", "said"), [("2099-01-01", "has not come yet"), ("2026-13-01", "is not a date")])
def test_a_bad_date_is_refused_before_any_question_and_before_a_journal_is_made(
    tmp_path: Path, date: str, said: str
) -> None:
    term = Terminal(tmp_path / "data", "checkin", "--date", date)
    assert term.finish() == 2
    assert said in term.transcript and "Mood" not in term.transcript
    assert not (tmp_path / "data").exists()

"""`rootwork due` on a gentler day (issue 29): the same two as Today, with the kind line only for a person."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from tests.cli.test_cli import LIBRARY, TODAY, data_dir, run

__all__ = ["data_dir"]  # the fixture, shared with test_cli


def journal_with_five_due(data_dir: Path) -> list[str]:
    store = Store.open(data_dir)
    return [
        store.adopt(practice.id, TODAY - timedelta(days=5 - n)).id for n, practice in enumerate(LIBRARY.practices[:5])
    ]


def test_due_shows_two_on_a_day_checked_in_at_the_threshold(data_dir: Path, capsys) -> None:
    ids = journal_with_five_due(data_dir)
    assert run(data_dir, "due") == 0
    assert len(capsys.readouterr().out.splitlines()) == 5
    assert run(data_dir, "checkin", "--mood", "2", "--intensity", "9") == 0
    capsys.readouterr()
    assert run(data_dir, "due") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2  # not a terminal: the items alone, for a prompt or cron
    assert "lighter" not in " ".join(out)
    assert run(data_dir, "due", "--json") == 0
    assert [record["id"] for record in json.loads(capsys.readouterr().out)] == ids[:2]
    # Another day is not gentler: what waited comes back, oldest first.
    assert run(data_dir, "due", "--json", "--date", (TODAY + timedelta(days=1)).isoformat()) == 0
    assert [record["id"] for record in json.loads(capsys.readouterr().out)] == ids


def test_due_on_a_terminal_says_why_there_are_fewer(data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    journal_with_five_due(data_dir)
    Store.open(data_dir).make_lighter(TODAY)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(data_dir, "due") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[-1] == "A lighter day: two things, the rest can wait."


def test_a_checkin_lowered_below_the_threshold_shows_them_all_again(data_dir: Path, capsys) -> None:
    journal_with_five_due(data_dir)
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=TODAY, mood=2, intensity=8))
    store.save_checkin(Checkin(day=TODAY, mood=3, intensity=5))
    assert run(data_dir, "due", "--json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


def test_the_calendar_export_spreads_a_gentler_day_the_same_way(data_dir: Path, capsys) -> None:
    journal_with_five_due(data_dir)
    Store.open(data_dir).make_lighter(TODAY)
    out = data_dir.parent / "revisits.ics"
    assert run(data_dir, "export", "--format", "ics", "-o", str(out)) == 0
    days = [event.decoded("dtstart") for event in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    per_day = {day: days.count(day) for day in days}
    starts = sorted(per_day)
    assert [per_day[day] for day in starts] == [2, 3]

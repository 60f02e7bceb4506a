"""`rootwork today` and `--plain` (issue 30): Today as plain sentences, and output without symbols when asked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rootwork.state.records.model import Checkin
from rootwork.state.records.safety_plan import SafetyPlan
from rootwork.state.store import Store
from tests.cli.test_cli import NOW, TODAY, data_dir, run

__all__ = ["data_dir"]  # the fixture, shared with test_cli

SYMBOLS = "✓•◆·→←“”‘’…—"


def test_today_says_the_day_the_check_in_what_is_due_the_week_and_a_quote(data_dir: Path, capsys) -> None:
    assert run(data_dir, "today") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Today is Wed 25 Nov 2026."
    assert "Not checked in yet today: rootwork checkin asks one question at a time." in lines
    assert "Nothing is due today." in lines and lines[-1].startswith("Quote of the day: ")
    assert not any("\x1b" in line for line in lines)


def test_today_after_a_hard_check_in_names_the_plan_but_never_a_note(data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    store.save_checkin(Checkin(day=TODAY, mood=1, intensity=9, note="private words"))
    store.save_safety_plan(SafetyPlan(parts={"reasons": "plan words"}), TODAY)
    assert run(data_dir, "today") == 0
    out = capsys.readouterr().out
    assert "Today sounds hard. Your safety plan is there whenever you want it: rootwork safety-plan prints it." in out
    assert "Checked in today: mood 1 (very low), insecure 9 of 10 (strong)." in out
    assert "private words" not in out and "plan words" not in out


@pytest.mark.parametrize("how", ["--plain", "TERM=dumb"])
def test_plain_output_has_no_symbols(data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    Store.open(data_dir).save_safety_plan(SafetyPlan(parts={"reasons": "“quoted” … and • more"}), TODAY)
    argv = ["safety-plan"]
    if how == "--plain":
        argv.append("--plain")
    else:
        monkeypatch.setenv("TERM", "dumb")
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)  # TERM=dumb counts on a terminal
    assert run(data_dir, *argv) == 0
    out = capsys.readouterr().out
    assert not any(symbol in out for symbol in SYMBOLS)
    assert '"quoted" ... and - more' in out


def test_plain_leaves_the_bytes_of_an_export_alone(data_dir: Path, capsys) -> None:
    Store.open(data_dir).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="“kept as written”"))
    assert run(data_dir, "export", "--format", "json", "--plain", now=NOW) == 0
    assert "“kept as written”" in capsys.readouterr().out


def test_every_command_that_prints_takes_plain(data_dir: Path, capsys) -> None:
    for argv in (["due"], ["today"], ["safety-plan"], ["conflicts"], ["doctor"], ["rehearse"]):
        assert run(data_dir, *argv, "--plain") in (0, 1), argv
    assert "unrecognized" not in capsys.readouterr().err


def test_json_and_markdown_keep_every_character_even_when_plain(
    data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in review: --plain (and TERM=dumb) turned “quotes” inside JSON strings into bare ones."""
    import json

    Store.open(data_dir).save_safety_plan(SafetyPlan(parts={"reasons": "My kids → “Mum” — always…"}), TODAY)
    monkeypatch.setenv("TERM", "dumb")
    assert run(data_dir, "safety-plan", "--markdown", "--plain") == 0
    assert "“Mum” — always…" in capsys.readouterr().out
    assert run(data_dir, "due", "--json", "--plain") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_term_dumb_changes_nothing_when_output_is_not_a_terminal(
    data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(data_dir).save_safety_plan(SafetyPlan(parts={"reasons": "“quoted”"}), TODAY)
    monkeypatch.setenv("TERM", "dumb")
    assert run(data_dir, "safety-plan") == 0
    assert "“quoted”" in capsys.readouterr().out

"""`rootwork safety-plan` (issue 29): the plan printed plain or as Markdown; in an export only when asked for."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from rootwork.state.exchange.safety_plan_text import NO_PLAN
from rootwork.state.records.safety_plan import REVIEW_DAYS, SafetyPlan
from rootwork.state.store import Store
from tests.cli.test_cli import TODAY, data_dir, run

__all__ = ["data_dir"]  # the fixture, shared with test_cli

HOSTILE = "[b]not markup[/b] \x1b]52;c;aGk=\x07 *stars* <b>x</b>"


def with_plan(data_dir: Path, **parts: str) -> None:
    Store.open(data_dir).save_safety_plan(
        SafetyPlan(parts=parts, warning_signs=("self-doubt",)), TODAY - timedelta(days=1)
    )


def test_without_a_plan_it_says_how_to_write_one(data_dir: Path, capsys) -> None:
    assert run(data_dir, "safety-plan") == 0
    assert capsys.readouterr().out.strip() == NO_PLAN


def test_the_plan_prints_every_part_in_order_as_written_without_terminal_controls(data_dir: Path, capsys) -> None:
    with_plan(data_dir, reasons=HOSTILE, **{"calming-alone": "a walk\n\nthen tea"})
    assert run(data_dir, "safety-plan") == 0
    out = capsys.readouterr().out
    assert out.index("My warning signs") < out.index("What I can do on my own") < out.index("My reasons")
    assert "  a walk\n\n  then tea" in out and "[b]not markup[/b]" in out and "\x1b" not in out and "\x07" not in out
    assert "(not filled in yet)" in out and "Check-in signs that warn me\n  Self-doubt" in out


def test_markdown_escapes_what_was_written(data_dir: Path, capsys) -> None:
    with_plan(data_dir, reasons=HOSTILE)
    assert run(data_dir, "safety-plan", "--markdown") == 0
    out = capsys.readouterr().out
    assert out.startswith("# My safety plan\n") and "## My reasons to keep going" in out
    assert "\\*stars\\*" in out and "<b>" not in out


def test_an_export_holds_the_plan_only_with_the_option(data_dir: Path, capsys) -> None:
    with_plan(data_dir, reasons="marigold")
    for fmt in ("json", "markdown"):
        assert run(data_dir, "export", "--format", fmt) == 0
        assert "marigold" not in capsys.readouterr().out
        assert run(data_dir, "export", "--format", fmt, "--with-safety-plan") == 0
        assert "marigold" in capsys.readouterr().out
    assert run(data_dir, "export", "--format", "ics", "--with-safety-plan") == 2
    assert "goes with --format json or markdown" in capsys.readouterr().err


def test_due_on_a_terminal_says_when_the_plan_is_due_a_look(
    data_dir: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(data_dir).save_safety_plan(SafetyPlan(parts={"reasons": "tea"}), TODAY - timedelta(days=REVIEW_DAYS))
    assert run(data_dir, "due") == 0
    assert "safety plan" not in capsys.readouterr().out  # a prompt or cron gets the items alone
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run(data_dir, "due") == 0
    assert "Your safety plan is due a read-through (it comes back every 90 days)" in capsys.readouterr().out
    assert run(data_dir, "due", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []

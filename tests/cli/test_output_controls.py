"""Whatever the journal holds, what the command line prints or exports carries no terminal control character.

An old version may have saved such text, or another program written it: the
journal file here is written directly, so these tests hold however strict saving
and importing are. (Ids and library ids with controls are hidden by the strict
reader on open, so they never reach an output at all; the first test shows it.) C0 controls (but line breaks), DEL and C1 controls (U+0080 to
U+009F, among them CSI U+009B, which a terminal reads like ESC [) never reach
due (text or --json), the Markdown export, or the calendar's UID, SUMMARY and
DESCRIPTION.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from rootwork.content import load_library
from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin, Reframe
from rootwork.state.store import Store
from rootwork.tui.cli.main import main

LOCAL = datetime.now().astimezone().tzinfo
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
# CSI as one C1 character with "2J" (clear screen), DEL, NEL, ESC [31m and BEL: all go, sequences whole.
DIRTY = "\x9b2J\x7f\x85\x1b[31m\x07"
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def dirty_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A journal whose thought record, situation and note hold control characters (ids stay valid)."""
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    practice = load_library().practices[0]
    store.adopt(practice.id, TODAY - timedelta(days=3))
    store.save_reframe(
        Reframe(
            critic="not good enough", reframe="good enough", cause_id="perfectionism", day=TODAY - timedelta(days=3)
        ),
        TODAY - timedelta(days=3),
    )
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=4, note="plain"))
    store.close()
    data = json.loads(database_path(data_dir).read_text())
    [plan] = data["plan"].values()
    plan["schedule"]["due"] = TODAY.isoformat()
    [frame] = data["reframes"].values()
    frame.update(critic=f"not good{DIRTY} enough", situation=f"work{DIRTY} again", reframe=f"good{DIRTY} enough")
    frame["schedule"]["due"] = TODAY.isoformat()
    [checkin] = data["checkins"].values()
    checkin.update(note=f"a note{DIRTY} with controls")
    database_path(data_dir).write_text(json.dumps(data))
    return data_dir


def command(data_dir: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["--data-dir", str(data_dir), *argv], now=NOW) == 0
    printed = capsys.readouterr()
    assert not CONTROLS.search(printed.err), printed.err
    return printed.out


def test_the_journal_really_holds_them(dirty_journal: Path) -> None:
    store = Store.open(dirty_journal)
    assert {getattr(item, "critic", "") for item in store.due(TODAY)} == {"", f"not good{DIRTY} enough"}
    assert store.checkins()[0].note == f"a note{DIRTY} with controls"


def test_ids_with_controls_are_hidden_on_open_and_kept_in_the_file(dirty_journal: Path) -> None:
    data = json.loads(database_path(dirty_journal).read_text())
    [plan] = data["plan"].values()
    plan.update(id=f"plan{DIRTY}id")
    database_path(dirty_journal).write_text(json.dumps(data))
    for outbox in dirty_journal.glob("outbox-*.json"):
        outbox.unlink()  # a file from elsewhere: this machine's outbox would restore the item
    store = Store.open(dirty_journal)
    assert store.plan() == [] and any("could not be read" in notice for notice in store.notices)
    assert f"plan{DIRTY}id" in json.loads(database_path(dirty_journal).read_text())["plan"]["1"]["id"]


def test_due_prints_no_controls(dirty_journal: Path, capsys) -> None:
    out = command(dirty_journal, capsys, "due")
    assert not CONTROLS.search(out) and "not good enough" in out


def test_due_json_carries_no_controls_and_stays_json(dirty_journal: Path, capsys) -> None:
    out = command(dirty_journal, capsys, "due", "--json")
    assert not CONTROLS.search(out)
    records = json.loads(out)
    assert len(records) == 2
    assert not any(CONTROLS.search(json.dumps(r, ensure_ascii=False)) for r in records)


def test_markdown_export_carries_no_controls(dirty_journal: Path, capsys) -> None:
    out = command(dirty_journal, capsys, "export", "--format", "markdown")
    assert not CONTROLS.search(out)
    assert "a note with controls" in out and "not good enough" in out


def test_ics_export_uid_summary_and_description_carry_no_controls(dirty_journal: Path, capsys) -> None:
    out = command(dirty_journal, capsys, "export", "--format", "ics")
    assert not CONTROLS.search(out.replace("\r\n", "\n"))
    events = list(Calendar.from_ical(out).walk("VEVENT"))
    assert events
    for event in events:
        for field in ("UID", "SUMMARY", "DESCRIPTION"):
            assert not CONTROLS.search(str(event.get(field, ""))), (field, event.get(field))
    assert len({str(event["UID"]).rsplit("-", 1)[0] for event in events}) == 2  # the practice and the reframe


def test_json_export_keeps_every_character_but_escapes_del_and_c1(dirty_journal: Path, capsys) -> None:
    out = command(dirty_journal, capsys, "export", "--format", "json")
    assert not CONTROLS.search(out)
    critics = {doc["critic"] for doc in json.loads(out)["reframes"]}
    assert critics == {f"not good{DIRTY} enough"}  # the same value, so a round trip loses nothing

"""``rootwork conflicts``: the list, its JSON, and settling one; bad keys and choices are one line and exit 2."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from rootwork.tui.cli.main import main

from .test_import_strict import NOW, TODAY


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv], now=NOW)


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A laptop journal where the note and mood of today's check-in were changed on both machines."""
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    Store.open(laptop).save_checkin(Checkin(day=TODAY, mood=3, intensity=3, note="before"))
    desktop.mkdir()
    shutil.copy(database_path(laptop), database_path(desktop))
    for folder, note, mood in ((laptop, "from the laptop", 2), (desktop, "from the desktop \x1b[31m", 5)):
        store = Store.open(folder)
        now = store.checkin_for(TODAY)
        store.save_checkin(replace(now, note=note, mood=mood), base=now)
    shutil.copy(database_path(desktop), laptop / "rootwork.sync-conflict-20261125-120000-ABCDEF7.json")
    return laptop


def test_the_list_names_each_field_and_who_wrote_what(laptop: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(laptop, "conflicts") == 0
    out = capsys.readouterr().out
    assert f"check-in {TODAY.isoformat()}, Note" in out and f"check-in {TODAY.isoformat()}, Mood" in out
    assert "(this machine): from the laptop" in out and "(another machine): from the desktop" in out
    assert "\x1b" not in out


def test_json_lists_the_same(laptop: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(laptop, "conflicts", "--json") == 0
    items = json.loads(capsys.readouterr().out)
    assert {item["field"] for item in items} == {"note", "mood"}
    note = next(item for item in items if item["field"] == "note")
    assert {note["shown"]["value"], *(v["value"] for v in note["kept_aside"])} == {
        "from the laptop",
        "from the desktop",
    }  # control characters never reach the journal


def test_resolving_settles_one_and_bad_requests_exit_2(laptop: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(laptop, "conflicts", "--json") == 0
    items = {item["field"]: item for item in json.loads(capsys.readouterr().out)}
    assert run(laptop, "conflicts", "resolve", items["note"]["key"], "--keep", "mine") == 0
    assert "Kept mine in “Note” of your check-in" in capsys.readouterr().out
    assert Store.open(laptop).checkin_for(TODAY).note == "from the laptop"
    for argv, said in (
        (["resolve", items["note"]["key"], "--keep", "mine"], "nothing is kept aside under that name"),
        (["resolve", items["mood"]["key"], "--keep", "both"], "only texts and tick lists can be kept both"),
        (["resolve", items["mood"]["key"]], "resolve needs the KEY"),
        ([items["mood"]["key"]], "invalid choice"),
    ):
        assert run(laptop, "conflicts", *argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and said in err, (argv, err)
    assert run(laptop, "conflicts", "resolve", items["mood"]["key"], "--keep", "theirs") == 0
    assert Store.open(laptop).checkin_for(TODAY).mood == 5 and Store.open(laptop).kept_aside() == []

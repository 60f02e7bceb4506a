"""``rootwork merge FILE``: another machine's journal merged record by record; a bad file changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rootwork.state.files.locations import database_path
from rootwork.state.records.model import Checkin
from rootwork.state.store import Store
from tests.cli.test_cli import run, seed_journal


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    return tmp_path / "data"


def test_a_second_journal_is_merged_and_left_where_it_is(data_dir: Path, tmp_path: Path, capsys) -> None:
    seed_journal(data_dir)
    other = tmp_path / "other"
    Store.open(other).save_checkin(Checkin(date(2026, 1, 2), mood=4, intensity=1, note="on the desktop"))
    given = other / "rootwork.json"
    before = given.read_bytes()
    assert run(data_dir, "merge", str(given)) == 0
    assert capsys.readouterr().out == "Merged rootwork.json: 1 check-in.\n"
    assert given.read_bytes() == before
    assert Store.open(data_dir).checkin_for(date(2026, 1, 2)).note == "on the desktop"
    merged = database_path(data_dir).read_bytes()
    assert run(data_dir, "merge", str(given)) == 0  # the same file again changes nothing
    assert capsys.readouterr().out == "Merged rootwork.json: nothing new.\n"
    assert database_path(data_dir).read_bytes() == merged


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "is not a rootwork journal (not JSON)"),
        (b"[]", "is not a rootwork journal"),
        (None, "check-in 2026-01-02: mood is too large"),
    ],
)
def test_a_bad_file_exits_2_and_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys, content: bytes | None, message: str
) -> None:
    seed_journal(data_dir)
    before = database_path(data_dir).read_bytes()
    bad = tmp_path / "bad.json"
    if content is None:
        other = tmp_path / "other"
        Store.open(other).save_checkin(Checkin(date(2026, 1, 2), mood=4, intensity=1))
        data = json.loads((other / "rootwork.json").read_text())
        next(iter(data["checkins"].values()))["mood"] = 9
        content = json.dumps(data).encode()
    bad.write_bytes(content)
    assert run(data_dir, "merge", str(bad)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err
    assert database_path(data_dir).read_bytes() == before


def test_a_missing_file_exits_2(data_dir: Path, tmp_path: Path, capsys) -> None:
    assert run(data_dir, "merge", str(tmp_path / "nowhere.json")) == 2
    assert "there is no file" in capsys.readouterr().err

"""``rootwork import`` reads strictly (issue 13): regular files up to a cap, bad records skipped and named.

Whatever the file holds, the command ends with exit 0 (and every record it
took reads back) or exit 2 with one line and the journal byte-identical:
never a traceback, a hang, or memory without end.
"""

from __future__ import annotations

import json
import math
import os
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rootwork.state.files.locations import database_path
from rootwork.state.files.regular_file import MAX_FILE_BYTES
from rootwork.state.records.model import Checkin, Rating
from rootwork.state.store import Store
from rootwork.tui.cli.main import main

LOCAL = datetime.now().astimezone().tzinfo
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
PRACTICE = "perfectionism.good-enough"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    return tmp_path / "data"


def run(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv], now=NOW)


def a_journal(data_dir: Path) -> bytes:
    """A journal with a check-in, a practice and a review; returns its bytes."""
    with Store.open(data_dir) as store:
        store.save_checkin(Checkin(day=TODAY - timedelta(days=3), mood=3, intensity=4))
        item = store.adopt(PRACTICE, TODAY - timedelta(days=3))
        store.review("practice", item.id, Rating.DID_IT, TODAY - timedelta(days=3))
    return database_path(data_dir).read_bytes()


def an_export() -> dict:
    """A small export of another journal: two check-ins, a practice, a review."""
    store = Store.in_memory()
    store.save_checkin(Checkin(day=TODAY - timedelta(days=2), mood=4, intensity=2, note="a good day"))
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=2, intensity=6))
    item = store.adopt("perfectionism.progress-over-perfection", TODAY - timedelta(days=2))
    store.review("practice", item.id, Rating.CAME_EASILY, TODAY - timedelta(days=2))
    return store.export_data()


def unreadable_notices(data_dir: Path) -> list[str]:
    with Store.open(data_dir) as store:
        return [n for n in store.notices if "could not be read" in n]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_ease_is_skipped_and_named_never_imported_as_null(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture, literal: str
) -> None:
    a_journal(data_dir)
    data = an_export()
    data["plan"][0]["schedule"]["ease"] = "@EASE@"
    data["reviews"][0]["ease_after"] = "@EASE@"
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data).replace('"@EASE@"', literal))
    assert run(data_dir, "import", str(export)) == 0
    out = capsys.readouterr().out
    assert "Skipped practice perfectionism.progress-over-perfection: ease is not a number." in out
    assert "Skipped practice review 1 of 1: ease_after is not a number." in out
    assert "check-ins 2 added" in out
    assert unreadable_notices(data_dir) == []


@pytest.mark.parametrize(
    "placeholder, literal",
    [("interval", "9" * 5000), ("interval", str(10**30)), ("id", '"' + "a" * 31 + '\\ud800"')],
)
def test_huge_integers_and_lone_surrogates_do_not_crash(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture, placeholder: str, literal: str
) -> None:
    a_journal(data_dir)
    data = an_export()
    if placeholder == "interval":
        data["plan"][0]["schedule"]["interval"] = "@X@"
    else:
        data["plan"][0]["id"] = "@X@"
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data).replace('"@X@"', literal))
    assert run(data_dir, "import", str(export)) == 0
    out = capsys.readouterr().out
    assert "Skipped practice perfectionism.progress-over-perfection:" in out
    assert unreadable_notices(data_dir) == []


def test_a_file_of_nothing_but_bad_records_is_refused_and_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    before = a_journal(data_dir)
    export = tmp_path / "export.json"
    export.write_text('{"app": "rootwork", "schema_version": 1, "plan": [{"id": "x", "schedule": {"ease": NaN}}]}')
    assert run(data_dir, "import", str(export)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing in this file could be read" in err
    assert database_path(data_dir).read_bytes() == before


def refused_fast(data_dir: Path, path: str, capsys: pytest.CaptureFixture, message: str, before: bytes) -> None:
    codes: list[int] = []
    worker = threading.Thread(target=lambda: codes.append(run(data_dir, "import", path)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert codes == [2], "import hung or did not refuse"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert database_path(data_dir).read_bytes() == before


def test_a_device_is_refused_at_once(data_dir: Path, capsys: pytest.CaptureFixture) -> None:
    before = a_journal(data_dir)
    refused_fast(data_dir, "/dev/zero", capsys, "is a device, not an export file", before)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_hanging(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    before = a_journal(data_dir)
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    refused_fast(data_dir, str(fifo), capsys, "is a pipe, not an export file", before)


def test_a_file_over_the_cap_is_refused(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    before = a_journal(data_dir)
    big = tmp_path / "export.json"
    with big.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_FILE_BYTES + 1)
    refused_fast(data_dir, str(big), capsys, "larger than 64 MiB", before)


def test_many_skipped_records_are_named_twenty_then_counted(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    a_journal(data_dir)
    data = an_export()
    good = data["checkins"][0]
    data["checkins"] += [{**good, "id": f"{n:032x}", "day": "2026-02-30"} for n in range(25)]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(data))
    assert run(data_dir, "import", str(export)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("Skipped check-in") for line in lines) == 20
    assert lines[-1] == "...and 5 more records skipped or replaced."


# ---------------------------------------------------------- any value anywhere

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(
        [
            math.nan,
            math.inf,
            10**30,
            2**63,
            -(2**63) - 1,
            "",
            "\ud800",
            "a" * 32,
            "2026-02-30",
            "2026-11-20",
            "2026-11-20T10:00:00Z",
            "perfectionism",
            "3",
            "practice",
            "\x1b[2J",
        ]
    )
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value that holds a value: the path of keys and indexes to it."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


def put(data: object, path: tuple, value: object) -> None:
    for step in path[:-1]:
        data = data[step]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


EXPORT = an_export()
PATHS = paths(EXPORT)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PATHS), value=JSON_VALUES)
def test_no_value_anywhere_in_an_export_makes_import_fail_uncleanly(tmp_path: Path, where: tuple, value) -> None:
    data = json.loads(json.dumps(EXPORT))
    put(data, where, value)
    store = Store.in_memory()
    store.save_checkin(Checkin(day=TODAY - timedelta(days=1), mood=3, intensity=3))
    before = store.export_data()
    try:
        result = store.import_data(data)
    except ValueError as error:  # ValidationError: the whole file refused, nothing changed
        assert type(error).__name__ == "ValidationError"
        after = store.export_data()
        assert {k: v for k, v in after.items() if k != "exported_at"} == {
            k: v for k, v in before.items() if k != "exported_at"
        }
        return
    assert isinstance(result.notes, list)
    # Whatever was taken reads back in full: nothing hidden, one check-in a day.
    for name in ("checkins", "reframes", "plan", "reviews"):
        assert store._view(name).unreadable == 0
    days = [c.day for c in store.checkins()]
    assert len(days) == len(set(days))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PATHS), value=JSON_VALUES)
def test_no_value_anywhere_makes_the_command_crash(tmp_path_factory, where: tuple, value) -> None:
    base = tmp_path_factory.mktemp("any")
    data_dir = base / "data"
    before = a_journal(data_dir)
    data = json.loads(json.dumps(EXPORT))
    put(data, where, value)
    export = base / "export.json"
    export.write_text(json.dumps(data), encoding="utf-8", errors="surrogatepass")
    code = main(["--data-dir", str(data_dir), "import", str(export)], now=NOW)
    assert code in (0, 2)
    if code == 2:
        assert database_path(data_dir).read_bytes() == before
    assert unreadable_notices(data_dir) == []

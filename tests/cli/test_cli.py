"""The rootwork command from a shell: checkin, due, export and import, and what bad input does.

Most tests call ``main(argv, now=...)`` in this process (fast); a few run the
installed ``rootwork`` script (beside the interpreter running the tests) for real.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from rootwork.content import load_library
from rootwork.state.files.locations import database_path
from rootwork.state.records.convert import checkin_to_doc, plan_item_to_doc, reframe_to_doc, review_to_doc
from rootwork.state.records.model import Checkin, PlanItem, Rating, Reframe, Review, Schedule
from rootwork.state.store import SCHEMA_VERSION, Store
from rootwork.tui.cli.main import main
from tests.scripts import console_script

REPO = Path(__file__).resolve().parents[2]
ROOTWORK = console_script("rootwork")
LOCAL = datetime.now().astimezone().tzinfo
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=LOCAL)
LIBRARY = load_library()
JOURNAL_TABLES = ("checkins", "reframes", "plan", "reviews")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data directory; the environment points nowhere else, so nothing touches the real journal."""
    monkeypatch.delenv("ROOTWORK_DATA_DIR", raising=False)
    return tmp_path / "data"


def run(data_dir: Path, *argv: str, now: datetime = NOW) -> int:
    return main(["--data-dir", str(data_dir), *argv], now=now)


def seed_journal(data_dir: Path, *, checkins: int = 3, practices: int = 3, reframes: int = 2, reviews: int = 2) -> None:
    """A journal with check-ins on past days, adopted practices, reframes and reviews (bulk, through import)."""
    stamp = "2026-01-01T10:00:00Z"
    practice_ids = [p.id for p in LIBRARY.practices]
    plan = [
        PlanItem(
            practice_ids[n % len(practice_ids)],
            TODAY - timedelta(days=30),
            Schedule(interval=1 + n % 9, due=TODAY - timedelta(days=2) + timedelta(days=n % 20)),
            id=f"a{n:031x}",
            created_at=stamp,
            updated_at=stamp,
        )
        for n in range(min(practices, len(practice_ids)))
    ]
    frames = [
        Reframe(
            critic=f"Critic words number {n}",
            reframe=f"A kinder answer {n}",
            cause_id="perfectionism",
            day=TODAY - timedelta(days=40),
            schedule=Schedule(interval=3, due=TODAY + timedelta(days=n % 30)),
            id=f"b{n:031x}",
            created_at=stamp,
            updated_at=stamp,
        )
        for n in range(reframes)
    ]
    days = [
        Checkin(
            TODAY - timedelta(days=n + 1),
            mood=1 + n % 5,
            intensity=n % 11,
            signs=("self-doubt",),
            causes=("perfectionism",),
            note=f"note {n}",
            id=f"c{n:031x}",
            created_at=stamp,
            updated_at=stamp,
        )
        for n in range(checkins)
    ]
    items = [*plan, *frames]
    rows = [
        Review(
            "practice" if isinstance(items[n % len(items)], PlanItem) else "reframe",
            items[n % len(items)].id,
            TODAY - timedelta(days=n % 300 + 1),
            Rating.DID_IT,
            1,
            3,
            TODAY,
            id=f"d{n:031x}",
            created_at=stamp,
            updated_at=stamp,
        )
        for n in range(reviews if items else 0)
    ]
    export = {
        "app": "rootwork",
        "schema_version": 1,
        "checkins": [checkin_to_doc(c) for c in days],
        "plan": [plan_item_to_doc(p) for p in plan],
        "reframes": [reframe_to_doc(r) for r in frames],
        "reviews": [review_to_doc(r) for r in rows],
        "meta": [],
    }
    Store.open(data_dir).import_data(export)


# ---------------------------------------------------------------- checkin


def test_checkin_saves_today_and_says_what_was_saved(data_dir: Path, capsys: pytest.CaptureFixture) -> None:
    code = run(
        data_dir,
        "checkin",
        "--mood",
        "4",
        "--intensity",
        "3",
        "--note",
        "calm morning",
        "--cause",
        "perfectionism",
        "--sign",
        "self-doubt",
    )
    assert code == 0
    assert capsys.readouterr().out == "Checked in for Wed 25 Nov 2026: mood 4, insecurity 3.\n"
    saved = Store.open(data_dir).checkin_for(TODAY)
    assert (saved.mood, saved.intensity, saved.note, saved.causes, saved.signs) == (
        4,
        3,
        "calm morning",
        ("perfectionism",),
        ("self-doubt",),
    )


def test_checkin_takes_what_you_are_grateful_for_and_keeps_it_when_not_given(data_dir: Path, capsys) -> None:
    assert run(data_dir, "checkin", "--mood", "4", "--intensity", "3", "--grateful", "a walk with my sister") == 0
    assert Store.open(data_dir).checkin_for(TODAY).gratitude == "a walk with my sister"
    assert run(data_dir, "checkin", "--note", "later") == 0 and capsys.readouterr()
    assert Store.open(data_dir).checkin_for(TODAY).gratitude == "a walk with my sister"
    assert run(data_dir, "checkin", "--grateful", "x" * 100_000) == 2
    assert "gratitude" in capsys.readouterr().err


def test_checkin_before_the_day_starts_belongs_to_the_day_before(data_dir: Path) -> None:
    assert (
        run(data_dir, "checkin", "--mood", "2", "--intensity", "7", now=datetime(2026, 11, 26, 1, 30, tzinfo=LOCAL))
        == 0
    )
    store = Store.open(data_dir)
    assert store.checkin_for(TODAY) is not None and store.checkin_for(TODAY + timedelta(days=1)) is None


def test_checkin_update_keeps_what_the_command_line_does_not_mention(data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    store.save_checkin(
        Checkin(
            TODAY,
            mood=2,
            intensity=8,
            signs=("jealousy",),
            causes=("comparison",),
            note="from the app",
            gratitude="my sister",
        )
    )
    assert run(data_dir, "checkin", "--mood", "4", "--intensity", "3") == 0
    assert capsys.readouterr().out.startswith("Updated your check-in for Wed 25 Nov 2026: mood 4, insecurity 3.")
    updated = Store.open(data_dir).checkin_for(TODAY)
    assert (updated.mood, updated.intensity) == (4, 3)
    assert (updated.note, updated.gratitude, updated.signs, updated.causes) == (
        "from the app",
        "my sister",
        ("jealousy",),
        ("comparison",),
    )
    assert run(data_dir, "checkin", "--mood", "4", "--intensity", "3", "--note", "", "--cause", "failure") == 0
    again = Store.open(data_dir).checkin_for(TODAY)
    assert (again.note, again.causes, again.signs, again.gratitude) == ("", ("failure",), ("jealousy",), "my sister")
    assert len(Store.open(data_dir).checkins()) == 1


def test_checkin_update_changes_only_the_fields_given(data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    store.save_checkin(Checkin(TODAY, mood=2, intensity=8, signs=("jealousy",), note="from the app"))
    assert run(data_dir, "checkin", "--note", "from the shell") == 0
    assert capsys.readouterr().out.startswith("Updated your check-in for Wed 25 Nov 2026: mood 2, insecurity 8.")
    assert run(data_dir, "checkin", "--intensity", "4") == 0
    updated = Store.open(data_dir).checkin_for(TODAY)
    assert (updated.mood, updated.intensity, updated.note, updated.signs) == (2, 4, "from the shell", ("jealousy",))
    assert updated.rev == 3


def test_checkin_for_an_earlier_date(data_dir: Path, capsys) -> None:
    assert run(data_dir, "checkin", "--mood", "3", "--intensity", "5", "--date", "2026-11-01") == 0
    assert "Sun 1 Nov 2026" in capsys.readouterr().out
    assert Store.open(data_dir).checkin_for(date(2026, 11, 1)).mood == 3


def test_data_dir_is_accepted_after_the_command_and_from_the_environment(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["checkin", "--mood", "3", "--intensity", "2", "--data-dir", str(data_dir)], now=NOW) == 0
    assert Store.open(data_dir).checkin_for(TODAY) is not None
    from_env = tmp_path / "from-env"
    monkeypatch.setenv("ROOTWORK_DATA_DIR", str(from_env))
    assert main(["checkin", "--mood", "5", "--intensity", "0"], now=NOW) == 0
    assert Store.open(from_env).checkin_for(TODAY).mood == 5
    # Given on the command line it wins over the environment, before or after the command.
    assert main(["due", "--data-dir", str(data_dir)], now=NOW) == 0
    assert Store.open(data_dir).checkin_for(TODAY).mood == 3


# ---------------------------------------------------------------- bad input

BAD_INPUT = {
    "mood of 9": (["checkin", "--mood", "9", "--intensity", "3"], "mood must be a whole number from 1 to 5, not 9"),
    "mood in words": (["checkin", "--mood", "four", "--intensity", "3"], "mood must be a whole number"),
    "intensity of -1": (
        ["checkin", "--mood", "3", "--intensity", "-1"],
        "intensity must be a whole number from 0 to 10, not -1",
    ),
    "not a date": (
        ["checkin", "--mood", "3", "--intensity", "1", "--date", "2026-02-30"],
        "'2026-02-30' is not a date",
    ),
    "a day to come": (["checkin", "--mood", "3", "--intensity", "1", "--date", "2026-12-01"], "has not come yet"),
    "unknown cause": (
        ["checkin", "--mood", "3", "--intensity", "1", "--cause", "perfection"],
        "did you mean 'perfectionism'",
    ),
    "unknown sign": (["checkin", "--mood", "3", "--intensity", "1", "--sign", "sadness"], "unknown sign 'sadness'"),
    "note too long": (["checkin", "--mood", "3", "--intensity", "1", "--note", "x" * 10_001], "limit is 10,000"),
    "a new day without intensity": (
        ["checkin", "--mood", "3", "--date", "2026-11-01"],
        "Sun 1 Nov 2026 has no check-in yet, so it needs --intensity",
    ),
    "a new day with neither": (["checkin", "--note", "hi", "--date", "2026-11-01"], "needs --mood and --intensity"),
    "unknown option": (["checkin", "--mood", "3", "--intensity", "1", "--colour", "red"], "unrecognized arguments"),
    "unknown command": (["frobnicate"], "unknown command 'frobnicate'"),
    "due on no date": (["due", "--date", "tomorrow"], "'tomorrow' is not a date"),
    "export format": (["export", "--format", "pdf"], "invalid choice: 'pdf'"),
    "export to no folder": (["export", "--format", "json", "-o", "/nonexistent/folder/x.json"], "does not exist"),
    "import missing file": (["import", "/nonexistent/export.json"], "there is no file"),
}


@pytest.mark.parametrize("argv, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture, argv: list[str], message: str
) -> None:
    Store.open(data_dir).save_checkin(Checkin(TODAY, mood=3, intensity=4, note="keep me"))
    capsys.readouterr()
    before = database_path(data_dir).read_bytes()
    assert run(data_dir, *argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("rootwork: ") and message in err
    assert database_path(data_dir).read_bytes() == before


@pytest.mark.parametrize(
    "content, message",
    [
        (b"this is not json {", "is not JSON"),
        (b"\xff\xfe\x00binary", "is not JSON"),
        (b'{"checkins": []}', "is not a rootwork export"),
        (b"[1, 2, 3]", "is not a rootwork export"),
        (b'{"app": "rootwork", "schema_version": 99, "checkins": []}', "newer version"),
        (b'{"app": "rootwork", "schema_version": 1, "checkins": [{"id": "x", "day": "soon"}]}', "cannot be imported"),
    ],
)
def test_import_of_a_foreign_file_exits_2_and_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture, content: bytes, message: str
) -> None:
    seed_journal(data_dir)
    before = database_path(data_dir).read_bytes()
    foreign = tmp_path / "foreign.json"
    foreign.write_bytes(content)
    assert run(data_dir, "import", str(foreign)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err
    assert database_path(data_dir).read_bytes() == before


def test_export_refuses_to_overwrite_the_journal_itself(data_dir: Path, capsys) -> None:
    seed_journal(data_dir)
    before = database_path(data_dir).read_bytes()
    assert run(data_dir, "export", "--format", "markdown", "-o", str(database_path(data_dir))) == 2
    assert "your journal itself" in capsys.readouterr().err
    assert database_path(data_dir).read_bytes() == before


# ---------------------------------------------------------------- due


def test_due_lists_practices_by_name_and_reframes_by_the_critics_words(data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    practice = LIBRARY.practices[0]
    store.adopt(practice.id, TODAY)
    store.save_reframe(Reframe(critic="You always\nmess up", reframe="Sometimes I do, and I learn"), TODAY)
    assert run(data_dir, "due") == 0
    lines = capsys.readouterr().out.splitlines()
    # Both are due today, so their order is by id; the lines are what matters.
    assert sorted(lines) == [f"practice  {practice.name}", "reframe   You always mess up"]


def test_due_json_has_kind_id_title_due_and_interval(data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    item = store.adopt(LIBRARY.practices[1].id, TODAY)
    assert run(data_dir, "due", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [
        {"kind": "practice", "id": item.id, "title": LIBRARY.practices[1].name, "due": "2026-11-25", "interval": 1}
    ]


def test_due_keeps_to_the_daily_cap_and_is_quiet_when_nothing_is_due(data_dir: Path, capsys) -> None:
    store = Store.open(data_dir)
    store.set_setting("daily_cap", 2)
    for practice in LIBRARY.practices[:4]:
        store.adopt(practice.id, TODAY)
    assert run(data_dir, "due") == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert run(data_dir, "due", "--date", "2026-11-24") == 0
    assert capsys.readouterr().out == ""  # not a terminal: a prompt or cron wants silence
    assert run(data_dir, "due", "--json", "--date", "2026-11-24") == 0
    assert json.loads(capsys.readouterr().out) == []


# ---------------------------------------------------------------- export and import


def journal_tables(data_dir: Path) -> dict:
    data = Store.open(data_dir).export_data()
    selfchecks = [doc for doc in data["meta"] if doc.get("kind") == "selfcheck"]
    return {**{name: data[name] for name in JOURNAL_TABLES}, "selfchecks": selfchecks}


def test_json_export_then_import_into_an_empty_data_dir_gives_the_same_journal(
    data_dir: Path, tmp_path: Path, capsys
) -> None:
    seed_journal(data_dir, checkins=20, practices=5, reframes=4, reviews=30)
    store = Store.open(data_dir)
    store.review("practice", store.plan()[0].id, Rating.CAME_EASILY, TODAY)
    store.save_selfcheck(["self-doubt"], {"perfectionism": 3}, TODAY)
    store.delete_reframe(store.reframes()[0].id)  # soft-deleted entries travel too
    export_file = tmp_path / "journal.json"
    assert run(data_dir, "export", "--format", "json", "-o", str(export_file)) == 0
    assert json.loads(export_file.read_text())["schema_version"] == SCHEMA_VERSION

    fresh = tmp_path / "fresh"
    assert run(fresh, "import", str(export_file)) == 0
    out = capsys.readouterr().out
    assert "check-ins 20 added, 0 updated" in out and "reviews 31 added" in out and "self-checks 1 added" in out
    assert journal_tables(fresh) == journal_tables(data_dir)

    # Importing the same file again adds nothing.
    assert run(fresh, "import", str(export_file)) == 0
    assert "check-ins 0 added, 0 updated" in capsys.readouterr().out
    assert journal_tables(fresh) == journal_tables(data_dir)


def test_export_files_are_private_and_replaced_whole(data_dir: Path, tmp_path: Path) -> None:
    seed_journal(data_dir)
    target = tmp_path / "out" / "journal.md"
    target.parent.mkdir()
    target.write_text("old")
    os.chmod(target, 0o644)
    assert run(data_dir, "export", "--format", "markdown", "-o", str(target)) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("# rootwork journal")
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.md"]  # no temp file left


def test_json_export_to_stdout_reads_back(data_dir: Path, capsys) -> None:
    seed_journal(data_dir)
    assert run(data_dir, "export", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["app"] == "rootwork" and len(data["checkins"]) == 3


def test_ics_export_parses_and_every_event_has_an_alarm(data_dir: Path, capsys) -> None:
    seed_journal(data_dir, practices=8, reframes=6)
    store = Store.open(data_dir)
    store.set_setting("reminder_time", "07:45")
    assert run(data_dir, "export", "--format", "ics") == 0
    events = list(Calendar.from_ical(capsys.readouterr().out).walk("VEVENT"))
    assert len(events) == 14  # every item is due within 60 days; the cap only spreads them
    for event in events:
        assert event.decoded("dtstart").strftime("%H:%M") == "07:45"
        assert TODAY <= event.decoded("dtstart").date() < TODAY + timedelta(days=60)
        assert [c.name for c in event.subcomponents] == ["VALARM"]
    per_day: dict[date, int] = {}
    for event in events:
        per_day[event.decoded("dtstart").date()] = per_day.get(event.decoded("dtstart").date(), 0) + 1
    assert max(per_day.values()) <= store.setting("daily_cap")


def test_markdown_export_is_a_journal(data_dir: Path, capsys) -> None:
    seed_journal(data_dir)
    Store.open(data_dir).save_checkin(Checkin(TODAY, mood=4, intensity=2, note="[@click=app.quit]x[/] *hi*"))
    assert run(data_dir, "export", "--format", "markdown") == 0
    text = capsys.readouterr().out
    assert "### Wed 25 Nov 2026" in text and "Mood 4 of 5, insecurity 2 of 10." in text
    assert r"\[@click=app.quit\]x\[/\] \*hi\*" in text
    assert "Critic words number 1" in text and "## Practices" in text


# ---------------------------------------------------------------- the real command


def rootwork(*argv: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ROOTWORK_DATA_DIR": str(data_dir)}
    return subprocess.run([str(ROOTWORK), *argv], capture_output=True, text=True, env=env, timeout=60)


def test_real_command_checks_in_and_lists_due(data_dir: Path) -> None:
    done = rootwork("checkin", "--mood", "4", "--intensity", "3", data_dir=data_dir)
    assert done.returncode == 0 and done.stdout.startswith("Checked in for ") and done.stderr == ""
    Store.open(data_dir).adopt(LIBRARY.practices[2].id, date.today() - timedelta(days=1))
    due = rootwork("due", data_dir=data_dir)
    assert due.returncode == 0 and LIBRARY.practices[2].name in due.stdout


def test_real_command_bad_input_is_one_line_and_exit_2(data_dir: Path) -> None:
    for argv in (
        ["checkin", "--mood", "9", "--intensity", "3"],
        ["checkin", "--mood"],
        ["import", "nothing-here.json"],
    ):
        done = rootwork(*argv, data_dir=data_dir)
        assert done.returncode == 2, argv
        assert done.stdout == "" and len(done.stderr.splitlines()) == 1 and done.stderr.startswith("rootwork: ")


def test_due_does_not_import_textual(data_dir: Path) -> None:
    seed_journal(data_dir)
    code = (
        "import sys\n"
        "from rootwork.tui.cli.main import main\n"
        f"status = main(['--data-dir', {str(data_dir)!r}, 'due'])\n"
        "assert status == 0\n"
        "assert not any(m == 'textual' or m.startswith('textual.') for m in sys.modules), 'textual imported'\n"
        "assert 'icalendar' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr


def test_an_error_naming_what_the_user_typed_stays_one_plain_line(data_dir: Path, capsys) -> None:
    assert run(data_dir, "checkin", "--mood", "3", "--intensity", "1", "--cause", "bad\nid\x1b[2J") == 2
    err = capsys.readouterr().err
    # The escape sequence goes whole, not just its ESC (state.records.text.remove_controls).
    assert err.count("\n") == 1 and "\x1b" not in err and "unknown cause 'bad id'" in err

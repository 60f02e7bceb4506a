"""Time: daylight saving, the 04:00 day start, month ends, a clock going back, a long absence, a new time zone.

The clock is always injected: the store gets a clock, the command line a
``now``, the app a ``today``.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rootwork.content import load_library
from rootwork.state.records.days import add_months, local_day, month_grid
from rootwork.state.records.model import Checkin, Rating, Reframe
from rootwork.state.records.schedule import cap_for
from rootwork.state.store import Store
from rootwork.tui.cli.main import main
from rootwork.tui.screens.today import TodayScreen
from tests.tui.conftest import SIZE, make_app

NEW_YORK, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
TOKYO, LOS_ANGELES = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/Los_Angeles")


def at(zone: ZoneInfo, *fields: int, fold: int = 0) -> datetime:
    return datetime(*fields, tzinfo=zone, fold=fold)


# -- daylight saving and the 04:00 day start ----------------------------------------------------------


@pytest.mark.parametrize(
    "zone, changes",
    [
        (NEW_YORK, (date(2026, 3, 8), date(2026, 11, 1))),  # 02:00 -> 03:00, 02:00 -> 01:00
        (LONDON, (date(2026, 3, 29), date(2026, 10, 25))),  # 01:00 -> 02:00, 02:00 -> 01:00
    ],
)
def test_the_day_turns_at_four_on_the_nights_the_clocks_change(zone, changes) -> None:
    for day in changes:
        night = [at(zone, day.year, day.month, day.day, hour, minute) for hour in range(0, 4) for minute in (0, 59)]
        night += [at(zone, day.year, day.month, day.day, 1, 30, fold=1)]  # the hour that happens twice
        assert {local_day(moment) for moment in night} == {day - timedelta(days=1)}
        assert local_day(at(zone, day.year, day.month, day.day, 4, 0)) == day
        # Counted in UTC the night is 23 or 25 hours long; the day still turns at 04:00 on the wall clock.
        before = at(zone, day.year, day.month, day.day, 3, 59).astimezone(UTC)
        assert local_day(before, tz=zone) == day - timedelta(days=1)
        assert local_day(before + timedelta(minutes=1), tz=zone) == day


def test_checkins_in_the_repeated_hour_are_one_checkin(tmp_path) -> None:
    data_dir = tmp_path / "data"
    first = at(NEW_YORK, 2026, 11, 1, 1, 30, fold=0)  # 01:30 EDT
    second = at(NEW_YORK, 2026, 11, 1, 1, 30, fold=1)  # an hour later, 01:30 EST
    assert main(["--data-dir", str(data_dir), "checkin", "--mood", "2", "--intensity", "6"], now=first) == 0
    assert main(["--data-dir", str(data_dir), "checkin", "--mood", "4", "--intensity", "1"], now=second) == 0
    [checkin] = Store.open(data_dir).checkins()
    assert (checkin.day, checkin.mood) == (date(2026, 10, 31), 4)


@pytest.mark.parametrize("minute, day", [((3, 59), date(2026, 11, 24)), ((4, 0), date(2026, 11, 25))])
def test_three_fifty_nine_is_yesterday_and_four_is_today(minute, day, tmp_path) -> None:
    now = at(LONDON, 2026, 11, 25, *minute)
    assert main(["--data-dir", str(tmp_path), "checkin", "--mood", "3", "--intensity", "3"], now=now) == 0
    assert [c.day for c in Store.open(tmp_path).checkins()] == [day]


# -- month ends ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("anchor", [date(2026, 1, 31), date(2028, 2, 29)])
def test_months_counted_from_an_anchor_never_drift(anchor) -> None:
    for n in range(-30, 31):
        moved = add_months(anchor, n)
        year, month = anchor.year + (anchor.month - 1 + n) // 12, (anchor.month - 1 + n) % 12 + 1
        assert (moved.year, moved.month) == (year, month)
        assert moved.day == min(anchor.day, calendar.monthrange(year, month)[1])
    assert date(2028, 2, 29) in [day for week in month_grid(2028, 2) for day in week]


@pytest.mark.parametrize("anchor", [date(2026, 1, 31), date(2028, 2, 29)])
def test_a_practice_adopted_on_a_month_end_keeps_a_real_due_date(anchor) -> None:
    store = Store.in_memory()
    store.save_checkin(Checkin(day=anchor, mood=3, intensity=3))
    item = store.adopt("perfectionism.good-enough", anchor)
    day = anchor
    for _ in range(12):
        store.review("practice", item.id, Rating.DID_IT, day)
        item = store.plan_item(item.id)
        assert item.schedule.due > day
        day = item.schedule.due
    assert store.checkin_for(anchor) is not None


# -- the clock going back, a long absence --------------------------------------------------------------


def journal_with_due_items(today: date) -> Store:
    store = Store.in_memory()
    store.set_setting("daily_cap", 50)
    for n, practice in enumerate(load_library().practices[:3]):
        item = store.adopt(practice.id, today - timedelta(days=5 * n))
        for k in range(n):
            store.review("practice", item.id, Rating.DID_IT, today - timedelta(days=5 * n - k))
    for n in range(3):
        store.save_reframe(Reframe(critic=f"critic {n}", reframe=f"kinder {n}"), today - timedelta(days=n))
    return store


def test_the_clock_going_back_two_days_makes_nothing_done_due_again() -> None:
    today = date(2026, 11, 25)
    store = journal_with_due_items(today)
    earlier = today - timedelta(days=2)
    due_then = {item.id for item in store.due(earlier)}
    done = store.due(today)
    assert done
    for item in done:
        kind = "reframe" if isinstance(item, Reframe) else "practice"
        store.review(kind, item.id, Rating.DID_IT, today)
    # The clock goes back two days.
    again = {item.id for item in store.due(earlier)}
    assert not (again & {item.id for item in done}) - due_then
    assert not again & {item.id for item in done}
    # Rated again on the earlier day (a second device with a wrong clock): still nothing in the past.
    for item in done:
        kind = "reframe" if isinstance(item, Reframe) else "practice"
        review = store.review(kind, item.id, Rating.DID_IT, earlier)
        assert review.due_after > earlier


async def test_four_hundred_days_away() -> None:
    today = date(2026, 11, 25)
    store = journal_with_due_items(today)
    store.set_setting("daily_cap", 5)
    back = today + timedelta(days=400)
    due = store.due(back)
    assert 0 < len(due) <= 5
    for item in due:
        kind = "reframe" if isinstance(item, Reframe) else "practice"
        review = store.review(kind, item.id, Rating.CAME_EASILY, back)
        assert back < review.due_after <= back + timedelta(days=cap_for(kind))
    app = make_app(store, today=back)
    async with app.run_test(size=SIZE) as pilot:  # the Today screen after a long absence: no crash
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


# -- a new time zone ----------------------------------------------------------------------------------------


def test_flying_from_tokyo_to_los_angeles_keeps_one_checkin_a_day(tmp_path) -> None:
    data_dir = tmp_path / "data"
    in_tokyo = at(TOKYO, 2026, 11, 25, 8, 0)  # the morning of the 25th in Tokyo
    in_los_angeles = at(LOS_ANGELES, 2026, 11, 25, 20, 0)  # the evening of the 25th in LA, 29 hours later
    assert in_los_angeles - in_tokyo == timedelta(hours=29)
    flight = at(LOS_ANGELES, 2026, 11, 24, 18, 0)  # landed: it is the 24th again in LA
    commands = [(in_tokyo, "morning in Tokyo"), (flight, "landed"), (in_los_angeles, "evening in LA")]
    for now, note in commands:
        assert (
            main(["--data-dir", str(data_dir), "checkin", "--mood", "3", "--intensity", "3", "--note", note], now=now)
            == 0
        )
    checkins = Store.open(data_dir).checkins()
    # The day key is the local date: the 24th once, the 25th once (updated across the change).
    assert [(c.day, c.note) for c in checkins] == [
        (date(2026, 11, 24), "landed"),
        (date(2026, 11, 25), "evening in LA"),
    ]

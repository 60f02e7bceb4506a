"""Day arithmetic: the 04:00 day boundary, DST, calendar grids, months, parsing."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rootwork.state.records.days import (
    add_months,
    day_window,
    local_day,
    month_grid,
    parse_day,
    short_date,
    week_of,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
UTC = UTC


def hours(start: datetime, end: datetime) -> float:
    """Real elapsed hours; aware datetimes sharing a tzinfo subtract as wall times otherwise."""
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600


# --- the rootwork day -------------------------------------------------------


def test_0359_belongs_to_the_day_before_and_0400_starts_the_new_day():
    assert local_day(datetime(2026, 11, 25, 3, 59, 59)) == date(2026, 11, 24)
    assert local_day(datetime(2026, 11, 25, 4, 0)) == date(2026, 11, 25)


def test_0130_belongs_to_the_day_before():
    assert local_day(datetime(2026, 11, 25, 1, 30)) == date(2026, 11, 24)


def test_just_before_midnight_is_still_that_day():
    assert local_day(datetime(2026, 11, 25, 23, 59)) == date(2026, 11, 25)


def test_early_hours_of_new_year_belong_to_the_old_year():
    assert local_day(datetime(2027, 1, 1, 2, 0)) == date(2026, 12, 31)


def test_early_hours_of_1_march_in_a_leap_year_belong_to_29_february():
    assert local_day(datetime(2024, 3, 1, 0, 15)) == date(2024, 2, 29)


def test_day_start_hour_is_a_setting():
    assert local_day(datetime(2026, 11, 25, 5, 30), day_start_hour=6) == date(2026, 11, 24)
    assert local_day(datetime(2026, 11, 25, 0, 0), day_start_hour=0) == date(2026, 11, 25)


@pytest.mark.parametrize("bad_hour", [-1, 24])
def test_day_start_hour_outside_a_day_is_refused(bad_hour):
    with pytest.raises(ValueError):
        local_day(datetime(2026, 11, 25, 12), day_start_hour=bad_hour)


def test_aware_datetime_is_read_as_its_own_wall_time():
    assert local_day(datetime(2026, 11, 25, 3, 59, tzinfo=NEW_YORK)) == date(2026, 11, 24)


def test_tz_converts_a_utc_instant_to_local_wall_time_first():
    # 08:00 UTC is 03:00 in New York in winter (UTC-5) and 04:00 in summer (UTC-4).
    assert local_day(datetime(2026, 1, 10, 8, 0, tzinfo=UTC), tz=NEW_YORK) == date(2026, 1, 9)
    assert local_day(datetime(2026, 7, 10, 8, 0, tzinfo=UTC), tz=NEW_YORK) == date(2026, 7, 10)


def test_tz_with_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        local_day(datetime(2026, 1, 10, 8, 0), tz=NEW_YORK)


# --- DST --------------------------------------------------------------------
# New York 2026: clocks go 02:00 -> 03:00 on 8 March, 02:00 -> 01:00 on 1 November.
# London 2026: clocks go 01:00 -> 02:00 on 29 March, 02:00 -> 01:00 on 25 October.


def test_new_york_spring_forward_0330_is_still_the_day_before():
    assert local_day(datetime(2026, 3, 8, 3, 30, tzinfo=NEW_YORK)) == date(2026, 3, 7)
    assert local_day(datetime(2026, 3, 8, 4, 0, tzinfo=NEW_YORK)) == date(2026, 3, 8)


@pytest.mark.parametrize("fold", [0, 1])
def test_new_york_fall_back_both_0130s_belong_to_the_day_before(fold):
    moment = datetime(2026, 11, 1, 1, 30, fold=fold, tzinfo=NEW_YORK)
    assert local_day(moment) == date(2026, 10, 31)


def test_new_york_day_boundary_from_utc_across_spring_forward():
    # After the change New York is UTC-4: 04:00 local is 08:00 UTC.
    assert local_day(datetime(2026, 3, 8, 7, 59, tzinfo=UTC), tz=NEW_YORK) == date(2026, 3, 7)
    assert local_day(datetime(2026, 3, 8, 8, 0, tzinfo=UTC), tz=NEW_YORK) == date(2026, 3, 8)


def test_london_day_boundary_from_utc_across_spring_forward():
    # Before the change London is UTC+0, after it UTC+1 (04:00 BST is 03:00 UTC).
    assert local_day(datetime(2026, 3, 28, 3, 59, tzinfo=UTC), tz=LONDON) == date(2026, 3, 27)
    assert local_day(datetime(2026, 3, 28, 4, 0, tzinfo=UTC), tz=LONDON) == date(2026, 3, 28)
    assert local_day(datetime(2026, 3, 29, 2, 59, tzinfo=UTC), tz=LONDON) == date(2026, 3, 28)
    assert local_day(datetime(2026, 3, 29, 3, 0, tzinfo=UTC), tz=LONDON) == date(2026, 3, 29)


@pytest.mark.parametrize(
    ("zone", "day", "expected_hours"),
    [
        (NEW_YORK, date(2026, 3, 7), 23),  # holds the 02:00 -> 03:00 jump of 8 March
        (NEW_YORK, date(2026, 3, 8), 24),
        (NEW_YORK, date(2026, 10, 31), 25),  # holds the 02:00 -> 01:00 repeat of 1 November
        (LONDON, date(2026, 3, 28), 23),
        (LONDON, date(2026, 10, 24), 25),
        (LONDON, date(2026, 6, 1), 24),
    ],
)
def test_day_window_length_on_dst_days(zone, day, expected_hours):
    start, end = day_window(day, 4, zone)
    assert start.tzinfo is zone and end.tzinfo is zone
    assert (start.hour, end.hour) == (4, 4)
    assert hours(start, end) == expected_hours


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        (NEW_YORK, date(2026, 3, 7)),
        (NEW_YORK, date(2026, 10, 31)),
        (LONDON, date(2026, 3, 28)),
        (LONDON, date(2026, 10, 24)),
    ],
)
def test_every_instant_of_a_dst_day_window_maps_back_to_that_day(zone, day):
    start, end = day_window(day, 4, zone)
    instant, stop = start.astimezone(UTC), end.astimezone(UTC)
    while instant < stop:
        assert local_day(instant, 4, tz=zone) == day
        instant += timedelta(minutes=15)
    assert local_day(stop, 4, tz=zone) == day + timedelta(days=1)


def test_day_window_without_tz_is_naive():
    start, end = day_window(date(2026, 11, 25))
    assert start == datetime(2026, 11, 25, 4) and end == datetime(2026, 11, 26, 4)


# --- month grids ---------------------------------------------------------------


def assert_well_formed_grid(grid: list[list[date]], year: int, month: int, first_weekday: int) -> None:
    flat = [day for week in grid for day in week]
    assert all(len(week) == 7 for week in grid)
    assert all(week[0].weekday() == first_weekday for week in grid)
    assert all(later - earlier == timedelta(days=1) for earlier, later in zip(flat, flat[1:], strict=False))
    in_month = [day for day in flat if (day.year, day.month) == (year, month)]
    assert in_month == [date(year, month, n) for n in range(1, calendar.monthrange(year, month)[1] + 1)]
    # No row made only of the neighbouring months.
    assert all(any(day.month == month for day in week) for week in grid)


def test_month_starting_on_sunday_with_weeks_from_monday():
    grid = month_grid(2026, 2, first_weekday=0)  # 1 Feb 2026 is a Sunday
    assert grid[0][0] == date(2026, 1, 26)
    assert grid[0][-1] == date(2026, 2, 1)
    assert grid[-1][-1] == date(2026, 3, 1)
    assert len(grid) == 5
    assert_well_formed_grid(grid, 2026, 2, 0)


def test_month_starting_on_sunday_with_weeks_from_sunday_has_no_padding():
    grid = month_grid(2026, 2, first_weekday=6)
    assert len(grid) == 4
    assert grid[0][0] == date(2026, 2, 1)
    assert grid[-1][-1] == date(2026, 2, 28)


def test_march_2026_from_monday_needs_six_rows():
    grid = month_grid(2026, 3, first_weekday=0)  # 1 March 2026 is a Sunday, 31 days
    assert len(grid) == 6
    assert grid[0][-1] == date(2026, 3, 1)
    assert grid[-1][1] == date(2026, 3, 31)


def test_december_grid_runs_into_january_of_the_next_year():
    grid = month_grid(2026, 12)
    assert grid[0][0] == date(2026, 11, 30)
    assert grid[-1][-1] == date(2027, 1, 3)
    assert_well_formed_grid(grid, 2026, 12, 0)


def test_january_grid_starts_in_december_of_the_year_before():
    grid = month_grid(2027, 1, first_weekday=6)
    assert grid[0][0] == date(2026, 12, 27)
    assert_well_formed_grid(grid, 2027, 1, 6)


def test_february_in_a_leap_year_has_29_days():
    grid = month_grid(2024, 2)
    assert date(2024, 2, 29) in grid[-1]
    assert grid[0][0] == date(2024, 1, 29)
    assert grid[-1][-1] == date(2024, 3, 3)
    assert_well_formed_grid(grid, 2024, 2, 0)


def test_february_in_a_common_year_has_28_days():
    grid = month_grid(2025, 2)
    flat = [day for week in grid for day in week]
    assert date(2025, 2, 28) in flat and date(2025, 3, 1) in flat
    assert grid[0][0] == date(2025, 1, 27)
    assert grid[-1][-1] == date(2025, 3, 2)
    assert_well_formed_grid(grid, 2025, 2, 0)


@pytest.mark.parametrize("first_weekday", range(7))
def test_grids_match_the_standard_library_calendar_for_a_decade(first_weekday):
    oracle = calendar.Calendar(firstweekday=first_weekday)
    for year in range(2020, 2031):
        for month in range(1, 13):
            grid = month_grid(year, month, first_weekday)
            assert grid == oracle.monthdatescalendar(year, month), (year, month)
            assert_well_formed_grid(grid, year, month, first_weekday)


@pytest.mark.parametrize("bad", [-1, 7])
def test_first_weekday_outside_a_week_is_refused(bad):
    with pytest.raises(ValueError):
        month_grid(2026, 1, bad)


# --- months and weeks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 1, 15), -1, date(2026, 12, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
        (date(2026, 5, 10), 25, date(2028, 6, 10)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_week_of_from_monday():
    week = week_of(date(2026, 11, 25))  # a Wednesday
    assert week[0] == date(2026, 11, 23) and week[-1] == date(2026, 11, 29)
    assert [day.weekday() for day in week] == list(range(7))


def test_week_of_from_sunday_across_a_year_end():
    week = week_of(date(2027, 1, 1), first_weekday=6)  # a Friday
    assert week[0] == date(2026, 12, 27) and week[-1] == date(2027, 1, 2)


def test_week_of_the_first_weekday_itself_starts_on_that_day():
    assert week_of(date(2026, 11, 22), first_weekday=6)[0] == date(2026, 11, 22)


# --- parsing and labels ----------------------------------------------------------


def test_parse_day_reads_iso_dates_and_ignores_surrounding_space():
    assert parse_day("2024-02-29") == date(2024, 2, 29)
    assert parse_day(" 2026-12-31\n") == date(2026, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30",
        "2025-02-29",
        "2026-13-01",
        "2026-2-3",
        "20260203",
        "2026-W09-3",
        "tomorrow",
        "",
        "2026-02-03T10:00",
    ],
)
def test_parse_day_refuses_anything_else_in_plain_words(text):
    with pytest.raises(ValueError) as raised:
        parse_day(text)
    assert str(raised.value) == f"'{text}' is not a date; use YYYY-MM-DD"


def test_short_date():
    assert short_date(date(2026, 12, 3)) == "3 Dec"
    assert short_date(date(2027, 1, 10), with_year=True) == "10 Jan 2027"


# --- properties ---------------------------------------------------------------------

FAST = settings(max_examples=200, deadline=None)
any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@FAST
@given(
    moment=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 31)), start_hour=st.integers(0, 23)
)
def test_local_day_is_the_date_of_the_wall_time_moved_back_by_the_start_hour(moment, start_hour):
    assert local_day(moment, start_hour) == (moment - timedelta(hours=start_hour)).date()


@FAST
@given(day=any_day, months=st.integers(-48, 48))
def test_add_months_lands_in_the_right_month_on_the_same_day_or_its_last(day, months):
    moved = add_months(day, months)
    month_index = day.year * 12 + day.month - 1 + months
    year, month_zero_based = divmod(month_index, 12)
    assert (moved.year, moved.month) == (year, month_zero_based + 1)
    assert moved.day == min(day.day, calendar.monthrange(moved.year, moved.month)[1])


@FAST
@given(day=any_day, first_weekday=st.integers(0, 6))
def test_week_of_holds_the_day_and_starts_on_the_first_weekday(day, first_weekday):
    week = week_of(day, first_weekday)
    assert day in week
    assert week[0].weekday() == first_weekday
    assert week[-1] - week[0] == timedelta(days=6)


@FAST
@given(day=any_day)
def test_parse_day_reads_back_what_isoformat_writes(day):
    assert parse_day(day.isoformat()) == day

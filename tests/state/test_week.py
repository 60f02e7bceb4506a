"""The week at a glance: seven days around today, check-ins placed, words for what was done."""

from __future__ import annotations

from datetime import date, timedelta

from rootwork.state.records.model import Checkin
from rootwork.state.records.week import day_label, week_summary, week_words

WEDNESDAY = date(2026, 11, 25)


def checkin(day: date, intensity: int = 3) -> Checkin:
    return Checkin(day=day, mood=3, intensity=intensity)


def test_week_starts_on_first_weekday_and_holds_today():
    for first_weekday in range(7):
        week = week_summary([], WEDNESDAY, first_weekday)
        assert len(week) == 7
        assert week[0].day.weekday() == first_weekday
        assert [d.day for d in week] == [week[0].day + timedelta(days=n) for n in range(7)]
        assert [d.is_today for d in week].count(True) == 1
        assert next(d for d in week if d.is_today).day == WEDNESDAY


def test_checkins_land_on_their_day_and_others_are_ignored():
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    last_week = date(2026, 11, 20)
    week = week_summary([checkin(monday, 7), checkin(last_week), checkin(tuesday, 0)], WEDNESDAY, 0)
    by_day = {d.day: d for d in week}
    assert by_day[monday].intensity == 7
    assert by_day[tuesday].intensity == 0 and by_day[tuesday].checked_in
    assert not by_day[WEDNESDAY].checked_in and by_day[WEDNESDAY].intensity is None
    assert last_week not in by_day


def test_future_days_are_marked():
    week = week_summary([], WEDNESDAY, 0)
    assert [d.is_future for d in week] == [False, False, False, True, True, True, True]


def test_sunday_first_week_around_a_month_and_year_end():
    new_years_eve = date(2026, 12, 31)  # a Thursday
    week = week_summary([checkin(date(2027, 1, 2))], new_years_eve, 6)
    assert week[0].day == date(2026, 12, 27) and week[-1].day == date(2027, 1, 2)
    assert week[-1].checked_in


def test_words_count_what_was_done_and_never_what_was_missed():
    days = [WEDNESDAY - timedelta(days=n) for n in range(3)]
    assert week_words(week_summary([checkin(d) for d in days], WEDNESDAY, 0)) == "3 check-ins this week"
    assert week_words(week_summary([checkin(WEDNESDAY)], WEDNESDAY, 0)) == "1 check-in this week"
    empty = week_words(week_summary([], WEDNESDAY, 0))
    assert "0" not in empty and "miss" not in empty.lower()


def test_day_label_uses_english_names():
    assert day_label(WEDNESDAY) == "Wed 25 Nov"
    assert day_label(date(2027, 1, 3)) == "Sun 3 Jan"

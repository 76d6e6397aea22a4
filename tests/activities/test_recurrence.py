"""Schedules give the right dates, and keep local times across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from activities.choices import Ends, Repeat
from activities.recurrence import Schedule

BRUSSELS = ZoneInfo("Europe/Brussels")
PARIS = ZoneInfo("Europe/Paris")


def schedule(**kwargs) -> Schedule:
    values = {
        "start_date": date(2027, 1, 4),  # a Monday
        "start_time": time(9, 30),
        "duration": timedelta(minutes=90),
        "tz": BRUSSELS,
        "repeat": Repeat.WEEKLY,
        "weekdays": (0,),
    }
    values.update(kwargs)
    return Schedule(**values)


def days(s: Schedule, start=date(2027, 1, 1), end=date(2027, 12, 31)) -> list[date]:
    return [moment.date() for moment in s.local_starts(start, end)]


def test_weekly_on_chosen_days():
    s = schedule(weekdays=(0, 2), ends=Ends.COUNT, count=5)
    assert days(s) == [
        date(2027, 1, 4),
        date(2027, 1, 6),
        date(2027, 1, 11),
        date(2027, 1, 13),
        date(2027, 1, 18),
    ]


def test_every_two_weeks_until_a_date_included():
    s = schedule(interval=2, ends=Ends.UNTIL, until=date(2027, 2, 15))
    assert days(s) == [date(2027, 1, 4), date(2027, 1, 18), date(2027, 2, 1), date(2027, 2, 15)]


def test_first_date_off_the_rule_starts_at_the_rule_first_day():
    # A first date on a Sunday with a Monday rule: the first session is the next day.
    s = schedule(start_date=date(2027, 1, 3), ends=Ends.COUNT, count=2)
    assert days(s) == [date(2027, 1, 4), date(2027, 1, 11)]
    assert s.first_rule_start() == datetime(2027, 1, 4, 9, 30)


def test_monthly_on_the_nth_weekday():
    second_tuesday = schedule(
        repeat=Repeat.MONTHLY, month_week=2, month_weekday=1, ends=Ends.COUNT, count=4
    )
    assert days(second_tuesday) == [
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]
    last_friday = schedule(
        repeat=Repeat.MONTHLY, month_week=-1, month_weekday=4, ends=Ends.COUNT, count=3
    )
    assert days(last_friday) == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]


def test_monthly_every_three_months():
    s = schedule(
        repeat=Repeat.MONTHLY,
        month_week=1,
        month_weekday=2,
        interval=3,
        ends=Ends.UNTIL,
        until=date(2027, 12, 31),
    )
    assert days(s) == [date(2027, 1, 6), date(2027, 4, 7), date(2027, 7, 7), date(2027, 10, 6)]


def test_excluded_and_added_dates():
    s = schedule(
        ends=Ends.COUNT,
        count=4,
        excluded=frozenset({date(2027, 1, 11)}),
        added=frozenset({date(2027, 1, 14), date(2027, 3, 1)}),
    )
    # The count is the rule's (4 Mondays), before exclusions, as in RFC 5545.
    assert days(s) == [
        date(2027, 1, 4),
        date(2027, 1, 14),
        date(2027, 1, 18),
        date(2027, 1, 25),
        date(2027, 3, 1),
    ]


def test_single_session():
    s = schedule(repeat=Repeat.NONE, start_date=date(2027, 5, 8))
    assert days(s) == [date(2027, 5, 8)]
    assert s.rrule_text() is None


@pytest.mark.parametrize("tz", [BRUSSELS, PARIS], ids=["Brussels", "Paris"])
def test_local_time_kept_across_march_and_october_changes(tz):
    # Clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027.
    s = schedule(tz=tz, start_date=date(2027, 3, 22), ends=Ends.UNTIL, until=date(2027, 11, 8))
    year = s.sessions(date(2027, 1, 1), date(2028, 1, 1))
    sessions = {start.date(): (start, end) for start, end in year}
    before, after_march = sessions[date(2027, 3, 22)], sessions[date(2027, 3, 29)]
    before_october, after_october = sessions[date(2027, 10, 25)], sessions[date(2027, 11, 1)]
    for start, end in (before, after_march, before_october, after_october):
        assert (start.hour, start.minute) == (9, 30)
        assert (end.hour, end.minute) == (11, 0)
        assert start.tzinfo == tz
    assert before[0].astimezone(UTC).time() == time(8, 30)
    assert after_march[0].astimezone(UTC).time() == time(7, 30)
    assert before_october[0].astimezone(UTC).time() == time(7, 30)
    assert after_october[0].astimezone(UTC).time() == time(8, 30)
    # A week apart in local time is not 168 hours apart across the change.
    assert after_march[0].astimezone(UTC) - before[0].astimezone(UTC) == timedelta(hours=167)


def test_a_time_that_does_not_exist_moves_past_the_gap():
    s = schedule(repeat=Repeat.NONE, start_date=date(2027, 3, 28), start_time=time(2, 30))
    ((start, _end),) = s.sessions(date(2027, 3, 28), date(2027, 3, 28))
    assert start.astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert (start.hour, start.minute) == (3, 30)


def test_rrule_text_for_calendars():
    s = schedule(weekdays=(0, 3), interval=2, ends=Ends.UNTIL, until=date(2027, 6, 30))
    # UNTIL is the last second of the local day, in UTC (Brussels is UTC+2 in June).
    assert s.rrule_text() == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20270630T215959Z;WKST=MO"
    monthly = schedule(
        repeat=Repeat.MONTHLY, month_week=-1, month_weekday=4, ends=Ends.COUNT, count=3
    )
    assert monthly.rrule_text() == "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3;WKST=MO"


def test_plain_language_description():
    s = schedule(weekdays=(0, 2), ends=Ends.UNTIL, until=date(2027, 6, 30))
    assert s.describe() == (
        "Chaque semaine, le lundi et le mercredi à 9 h 30 (durée : 1 h 30), "
        "à partir du 4 janvier 2027, jusqu'au 30 juin 2027."
    )
    monthly = schedule(repeat=Repeat.MONTHLY, month_week=1, month_weekday=1, interval=2)
    assert monthly.describe().startswith("Tous les 2 mois, le premier mardi du mois à 9 h 30")


def test_has_sessions():
    assert schedule().has_sessions()
    everything_excluded = schedule(ends=Ends.COUNT, count=1, excluded=frozenset({date(2027, 1, 4)}))
    assert not everything_excluded.has_sessions()
    # Until before the first Monday after a Tuesday first date.
    none_in_range = schedule(start_date=date(2027, 1, 5), ends=Ends.UNTIL, until=date(2027, 1, 6))
    assert not none_in_range.has_sessions()

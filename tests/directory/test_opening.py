"""Open today or when next, from opening hours and closures."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.utils import translation

from directory.opening import opening_status

# Thursday 26 November 2026.
THURSDAY = date(2026, 11, 26)


def slot(weekday, opens, closes):
    return SimpleNamespace(weekday=weekday, opens=time(*opens), closes=time(*closes))


def closure(start, end):
    return SimpleNamespace(start_date=start, end_date=end)


HOURS = [slot(3, (9,), (12,)), slot(3, (13, 30), (17,)), slot(0, (9,), (12,))]


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def at(hour, minute=0, day=THURSDAY):
    return datetime.combine(day, time(hour, minute))


def test_open_today_lists_the_slots_still_to_come():
    status = opening_status(HOURS, [], at(8))
    assert status.open_today
    assert status.text == "Ouvert aujourd'hui : 09:00 – 12:00, 13:30 – 17:00"
    assert opening_status(HOURS, [], at(12, 30)).text == "Ouvert aujourd'hui : 13:30 – 17:00"


def test_after_the_last_slot_says_the_next_opening():
    status = opening_status(HOURS, [], at(17, 30))
    assert not status.open_today
    assert status.text == "Ouvre le lundi 30 novembre à 09:00"


def test_tomorrow():
    status = opening_status([slot(4, (10,), (12,))], [], at(18))
    assert status.text == "Ouvre demain à 10:00"


def test_a_closure_skips_the_days_it_covers():
    closed = [closure(THURSDAY, date(2026, 12, 1))]
    status = opening_status(HOURS, closed, at(8))
    assert not status.open_today
    assert status.text == "Ouvre le jeudi 3 décembre à 09:00"


def test_nothing_to_say_without_hours_or_when_closed_for_long():
    assert opening_status([], [], at(8)) is None
    assert opening_status(HOURS, [closure(THURSDAY, date(2027, 6, 30))], at(8)) is None

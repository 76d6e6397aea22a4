"""Open today or when next, from opening hours and closures."""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.utils import translation

from directory.opening import (
    closed_today_text,
    closures_ahead,
    closures_during,
    opening_status,
)

# Thursday 26 November 2026.
THURSDAY = date(2026, 11, 26)


def slot(weekday, opens, closes):
    return SimpleNamespace(weekday=weekday, opens=time(*opens), closes=time(*closes))


def closure(start, end, reason=""):
    return SimpleNamespace(start_date=start, end_date=end, reason=reason)


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
    assert not status.open_today and status.closed
    assert status.text == "Fermé jusqu'au 1 décembre — ouvre le jeudi 3 décembre à 09:00"


def test_a_closure_ahead_is_skipped_without_being_said_today():
    # Friday 27 November: no slot today; the closure covers Monday 30 November to Wednesday.
    closed = [closure(date(2026, 11, 30), date(2026, 12, 2))]
    status = opening_status(HOURS, closed, at(8, day=date(2026, 11, 27)))
    assert not status.closed
    assert status.text == "Ouvre le jeudi 3 décembre à 09:00"


def test_nothing_to_say_without_hours():
    assert opening_status([], [], at(8)) is None


def test_closed_for_long_says_until_when_alone():
    status = opening_status(HOURS, [closure(THURSDAY, date(2027, 6, 30))], at(8))
    assert (status.open_today, status.closed) == (False, True)
    assert status.text == "Fermé jusqu'au 30 juin 2027"


def test_a_closure_today_is_said_even_without_hours():
    status = opening_status([], [closure(THURSDAY, date(2026, 11, 28))], at(8))
    assert status.text == "Fermé jusqu'au 28 novembre"


# Blegny: closed from Monday 21 December 2026 to Sunday 3 January 2027, open Mondays 14:00–16:30.
BLEGNY_HOURS = [slot(0, (14,), (16, 30))]
WINTER = [closure(date(2026, 12, 21), date(2027, 1, 3), "congés d'hiver")]


def test_on_the_closure_s_first_day_the_place_is_closed_until_its_end():
    status = opening_status(BLEGNY_HOURS, WINTER, at(9, day=date(2026, 12, 21)))
    assert (status.open_today, status.closed) == (False, True)
    assert status.text == "Fermé jusqu'au 3 janvier 2027 — ouvre le lundi 4 janvier à 14:00"


def test_the_day_before_the_closure_the_next_opening_skips_it():
    # Monday 14 December, after closing time: the Monday after is closed, the next is 4 January.
    status = opening_status(BLEGNY_HOURS, WINTER, at(17, day=date(2026, 12, 14)))
    assert (status.open_today, status.closed) == (False, False)
    assert status.text == "Ouvre le lundi 4 janvier à 14:00"


def test_on_the_closure_s_last_day_the_place_opens_tomorrow():
    status = opening_status(BLEGNY_HOURS, WINTER, at(9, day=date(2027, 1, 3)))
    assert status.closed
    assert status.text == "Fermé aujourd'hui — ouvre demain à 14:00"


def test_the_day_after_the_closure_the_place_is_open():
    status = opening_status(BLEGNY_HOURS, WINTER, at(9, day=date(2027, 1, 4)))
    assert (status.open_today, status.closed) == (True, False)
    assert status.text == "Ouvert aujourd'hui : 14:00 – 16:30"


def test_closures_that_follow_one_another_are_one_stretch():
    closures = [
        closure(THURSDAY, date(2026, 11, 29)),
        closure(date(2026, 11, 30), date(2026, 12, 4)),
    ]
    assert closed_today_text(closures, THURSDAY) == "Fermé jusqu'au 4 décembre"
    assert closed_today_text(closures, date(2026, 12, 5)) == ""


def test_a_closure_without_end_costs_no_more_than_a_short_one():
    closures = [closure(date(2026, 11, 1), date.max), closure(THURSDAY, date(2026, 11, 30))]
    assert closed_today_text(closures, THURSDAY) == "Fermé jusqu'au 31 décembre 9999"


def test_the_closures_ahead_in_progress_first_and_in_words():
    closures = [
        closure(date(2027, 6, 1), date(2027, 6, 30), "travaux"),
        closure(date(2026, 12, 21), date(2027, 1, 3), "congés d'hiver"),
        closure(date(2026, 11, 20), THURSDAY),
        closure(date(2026, 11, 11), date(2026, 11, 11)),
    ]
    notices = closures_ahead(closures, THURSDAY)
    assert [(n.text, n.in_progress) for n in notices] == [
        ("Fermé du 20 au 26 novembre", True),
        ("Fermé du 21 décembre au 3 janvier 2027 : congés d'hiver", False),
    ]
    assert [n.text for n in closures_during(closures, date(2026, 11, 9), THURSDAY, THURSDAY)] == [
        "Fermé le 11 novembre",
        "Fermé du 20 au 26 novembre",
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Gesloten tot en met 3 januari 2027 — gaat open op maandag 4 januari om 14:00"),
        ("en", "Closed until 3 January 2027 — opens on Monday 4 January at 2 p.m."),
    ],
)
def test_the_closure_in_every_language(language, text):
    with translation.override(language):
        status = opening_status(BLEGNY_HOURS, WINTER, at(9, day=date(2026, 12, 21)))
    assert status.text == text

"""The one hours reader (`core.hours.read_hours`): the usual ways of writing hours, in French,
Dutch and English, and what it says of what it cannot read."""

from datetime import time

import pytest

from core.hours import HoursRow, read_hours

MORNING = (time(9), time(12))


def rows(days, opens, closes):
    return [HoursRow(day, opens, closes) for day in days]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lun 9h30-12h", rows([0], time(9, 30), time(12))),
        ("lun 9:30–12:00", rows([0], time(9, 30), time(12))),
        ("lundi 9:00-12:00", rows([0], *MORNING)),
        ("lun. 09:00-12:00", rows([0], *MORNING)),
        ("Lundi 9H-12H", rows([0], *MORNING)),
        ("lundi et mardi 9h-12h", rows([0, 1], *MORNING)),
        ("lun, mar 9h-12h", rows([0, 1], *MORNING)),
        ("lun/mer 9h-12h", rows([0, 2], *MORNING)),
        ("lu-ve 9h-12h", rows(range(5), *MORNING)),
        ("du lundi au vendredi de 9h à 12h", rows(range(5), *MORNING)),
        ("sa-lu 9h-12h", rows([0, 5, 6], *MORNING)),
        (
            "mardi 14h-16h30, jeudi 9h-11h",
            rows([1], time(14), time(16, 30)) + rows([3], time(9), time(11)),
        ),
        ("mercredi 9 h 30 - 11 h 45", rows([2], time(9, 30), time(11, 45))),
        ("jeudi 9.30-11.45", rows([3], time(9, 30), time(11, 45))),
        ("vendredi de 9h jusqu'à midi", rows([4], *MORNING)),
        ("sam 9-12", rows([5], *MORNING)),
        (
            "lun 9h-12h et 14h-17h",
            rows([0], time(9), time(12)) + rows([0], time(14), time(17)),
        ),
        (
            "lun 09:00-12:00; mer 13h30-17h00",
            rows([0], *MORNING) + rows([2], time(13, 30), time(17)),
        ),
        ("lun 9h-12h\nmer 9h-12h", rows([0, 2], *MORNING)),
        # Dutch.
        ("ma 14:00 - 16:30", rows([0], time(14), time(16, 30))),
        ("di 9u-12u", rows([1], *MORNING)),
        ("woe 9u30-12u", rows([2], time(9, 30), time(12))),
        ("wo 9-12", rows([2], *MORNING)),
        ("maandag 9:00-12:00", rows([0], *MORNING)),
        ("dinsdag en donderdag 9u-12u", rows([1, 3], *MORNING)),
        ("ma-vr 9:00-12:00", rows(range(5), *MORNING)),
        ("ma t/m vr 9:00-12:00", rows(range(5), *MORNING)),
        ("maandag tot en met woensdag van 9 tot 12 uur", rows(range(3), *MORNING)),
        ("za, zo 10u-12u", rows([5, 6], time(10), time(12))),
        # English.
        ("Tue 08h30 - 11h45", rows([1], time(8, 30), time(11, 45))),
        ("mon-fri 9:00-12:00", rows(range(5), *MORNING)),
        ("Monday and Wednesday 9-12", rows([0, 2], *MORNING)),
        # French two-letter days: "ma" is mardi, "di" dimanche, among them.
        ("lu ma me je ve 9h-12h", rows(range(5), *MORNING)),
        ("lu 9h-12h; ma 9h-12h; di 9h-12h", rows([0, 1, 6], *MORNING)),
        # Repeats once; empty slots are nothing.
        ("lun 9h-12h; lundi 09:00-12:00; ;", rows([0], *MORNING)),
        ("", []),
    ],
)
def test_the_usual_ways_of_writing_hours_are_read(text, expected):
    assert read_hours(text) == (sorted(expected), [])


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        ("lun 9h-", ["horaire illisible « lun 9h- »"]),
        ("9h-12h", ["horaire illisible « 9h-12h »"]),
        ("lundi", ["horaire illisible « lundi »"]),
        ("lundi 9h", ["horaire illisible « lundi 9h »"]),
        ("lundi 9h-12h (sauf congés)", ["horaire illisible « lundi 9h-12h (sauf congés) »"]),
        ("jour 09:00-12:00", ["jour inconnu « jour » dans « jour 09:00-12:00 »"]),
        ("lu-xx 9h-12h", ["jour inconnu « xx » dans « lu-xx 9h-12h »"]),
        ("ven 25:00-26:00", ["heure impossible dans « ven 25:00-26:00 »"]),
        ("ven 9h75-10h", ["heure impossible dans « ven 9h75-10h »"]),
        ("mer 14:00-12:00", ["la fermeture précède l'ouverture dans « mer 14:00-12:00 »"]),
        ("mer 9h-9h", ["la fermeture précède l'ouverture dans « mer 9h-9h »"]),
    ],
)
def test_what_cannot_be_read_is_named(text, reasons):
    assert read_hours(text) == ([], reasons)


def test_the_readable_slots_are_kept_beside_the_unreadable_ones():
    found, reasons = read_hours("lun 9h-12h; mar 9h-; mer 9h-12h")
    assert found == rows([0, 2], *MORNING)
    assert reasons == ["horaire illisible « mar 9h- »"]


@pytest.mark.parametrize("text", [None, "   ", ";;", "\n"])
def test_nothing_reads_as_no_hours(text):
    assert read_hours(text) == ([], [])

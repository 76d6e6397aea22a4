"""Reading opening hours as people write them: the one reader the import (and any form that
takes hours as text) uses.

A text is slots separated by `;` or new lines; a slot is days, then one or more time ranges:

- days: French, Dutch or English names, whole or shortened (``lundi``, ``lun``, ``lu``,
  ``maandag``, ``woe``, ``wo``, ``monday``, ``mon``; a trailing dot is allowed), several
  joined by ``et``, ``en``, ``and``, ``,``, ``/``, ``&`` (``lundi et mardi``), or a span
  (``lu-ve``, ``du lundi au vendredi``, ``ma t/m vr``, ``maandag tot vrijdag``);
- times: ``9h``, ``9h30``, ``9 h 30``, ``09:00``, ``9.30``, ``12u30`` (Dutch), ``9`` alone,
  ``midi``; a range joins two with ``-``, ``–``, ``—``, ``à``, ``tot``, ``to``
  (``de 9h à 12h``, ``van 9 tot 12u``); several ranges follow one another
  (``lun 9h-12h et 14h-17h``);
- a slot may name several days with their own hours: ``mardi 14h-16h30, jeudi 9h-11h``.

« ma » and « di » are Dutch two-letter days (maandag, dinsdag) unless the text writes French
two-letter days (« lu », « me », « je », « ve », « sa »), as in « lu ma me je ve 9h-12h »,
where they are mardi and dimanche.

`read_hours` returns the rows (weekday, 0 = Monday, as `core.weekdays`; opens; closes), in
order, each once, and a message for each slot it cannot read, naming it: an unknown day, a
slot it cannot make out, an impossible time (``25:00``), a range closing before it opens (the
rule `OpeningHours.clean` also applies when a slot is saved).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from typing import NamedTuple

from django.utils.translation import gettext as _


class HoursRow(NamedTuple):
    weekday: int
    opens: time
    closes: time


def _days(*names: str) -> dict[str, int]:
    return {name: day for day, name in enumerate(names)}


# Unambiguous names, whole or shortened, in French, Dutch and English.
DAY_NAMES: dict[str, int] = {
    **_days("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    **_days("lundis", "mardis", "mercredis", "jeudis", "vendredis", "samedis", "dimanches"),
    **_days("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
    **_days("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    **_days("maa", "din", "woe", "don", "vrij", "zat", "zon"),
    **_days("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    **_days("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "tues": 1,
    "thur": 3,
    "thurs": 3,
    "vri": 4,
    "mo": 0,
    "tu": 1,
    "we": 2,
    "th": 3,
    "fr": 4,
    "su": 6,
}
# Two letters: French and Dutch agree but for "ma" and "di" (and "sa" is only French).
_FRENCH_TWO = _days("lu", "ma", "me", "je", "ve", "sa", "di")
_DUTCH_TWO = _days("ma", "di", "wo", "do", "vr", "za", "zo")
_FRENCH_ONLY_TWO = set(_FRENCH_TWO) - set(_DUTCH_TWO)

_SLOTS = re.compile(r"[;\n]+")
_TOKEN = re.compile(
    r"""
    (?P<time>\d{1,2}\s*(?:[h:.u]\s*\d{2}\b|[hu]\b)|\d{1,2}\b|midi\b|noon\b)
    | (?P<span>t\s*/\s*m\b|tot\s+en\s+met\b|[-–—]|a\b|au\b|tot\b|to\b|till\b|until\b|through\b)
    | (?P<join>[,/&+]|et\b|en\b|and\b)
    | (?P<skip>du\b|de\b|d\b|van\b|from\b|le\b|les\b|on\b|op\b|jusqu\b|uur\b|heures?\b|[.:'’])
    | (?P<word>[a-z]+)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _day_names(text: str) -> dict[str, int]:
    """The day names of this text: the two-letter ones French if it writes French ones."""
    words = set(re.findall(r"[a-z]+", _plain(text)))
    if words & _FRENCH_ONLY_TWO:
        return {**_DUTCH_TWO, **_FRENCH_TWO, **DAY_NAMES}
    return {**_FRENCH_TWO, **_DUTCH_TWO, **DAY_NAMES}


class _Unreadable(Exception):
    def __init__(self, word: str = "") -> None:
        self.word = word


class _Backwards(Exception):
    """A range that closes before it opens (``14:00-12:00``)."""


def _time(token: str) -> time:
    if token in ("midi", "noon"):
        return time(12)
    hours, minutes = re.match(r"(\d+)\s*(?:[h:.u]\s*(\d*))?", token).groups()
    return time(int(hours), int(minutes or 0))


def _tokens(slot: str) -> list[tuple[str, str]]:
    """The slot's tokens, without the words that only link them ("de", "van", "jusqu'")."""
    return [
        (match.lastgroup, match.group(match.lastgroup).strip())
        for match in _TOKEN.finditer(_plain(slot))
        if match.lastgroup != "skip"
    ]


def _read_slot(slot: str, names: dict[str, int]) -> list[HoursRow]:
    """The rows of one slot; `_Unreadable`, `_Backwards` or ValueError (an impossible time)
    when it cannot."""
    tokens = _tokens(slot)
    rows: list[HoursRow] = []
    days: list[int] = []
    ranged = False  # whether the current days have their hours yet
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        if kind == "word":
            day = names.get(value)
            if day is None:
                raise _Unreadable(value)
            if ranged:
                days, ranged = [], False
            days.append(day)
            i += 1
            # A span of days: "lu-ve", "du lundi au vendredi", "ma t/m vr".
            if i + 1 < len(tokens) and tokens[i][0] == "span" and tokens[i + 1][0] == "word":
                last = names.get(tokens[i + 1][1])
                if last is None:
                    raise _Unreadable(tokens[i + 1][1])
                # "sa-lu" goes round the week's end.
                days.extend((day + k) % 7 for k in range(1, (last - day) % 7 + 1))
                i += 2
            continue
        if kind == "time":
            if not (
                days
                and i + 2 < len(tokens)
                and tokens[i + 1][0] == "span"
                and tokens[i + 2][0] == "time"
            ):
                raise _Unreadable()
            opens, closes = _time(value), _time(tokens[i + 2][1])
            if closes <= opens:
                raise _Backwards
            rows += [HoursRow(day, opens, closes) for day in days]
            ranged = True
            i += 3
            continue
        if kind == "join":
            i += 1
            continue
        raise _Unreadable()
    if not rows or not ranged:
        # Days without hours, or nothing but joining words.
        raise _Unreadable()
    return rows


def read_hours(text: str) -> tuple[list[HoursRow], list[str]]:
    """The rows `text` gives (sorted, each once) and a message per slot it cannot read."""
    rows: set[HoursRow] = set()
    reasons: list[str] = []
    names = _day_names(text or "")
    for slot in (part.strip() for part in _SLOTS.split(text or "")):
        if not slot:
            continue
        try:
            rows.update(_read_slot(slot, names))
        except _Unreadable as unreadable:
            if unreadable.word:
                reasons.append(
                    _("jour inconnu « %(word)s » dans « %(slot)s »")
                    % {"word": unreadable.word, "slot": slot}
                )
            else:
                reasons.append(_("horaire illisible « %(slot)s »") % {"slot": slot})
        except ValueError:
            reasons.append(_("heure impossible dans « %(slot)s »") % {"slot": slot})
        except _Backwards:
            reasons.append(_("la fermeture précède l'ouverture dans « %(slot)s »") % {"slot": slot})
    return sorted(rows), reasons

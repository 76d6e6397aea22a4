"""Each child's age as parents type it on a registration form — « 8 mois, 3 ans », « 2 ans et
demi », « 18 maanden en 4 jaar », « 9 months and 2 years » — read into months, and each one
checked against the activity's ages, naming the child that is not welcome.

One field rather than a field per child: a phone's keyboard types it at once, and it reads as
parents say it. A number needs its unit (« 3 » alone could be months or years).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.ages import MAX_CHILD_AGE_MONTHS, age_range_text

MONTHS = r"mois|m|maand|maanden|mnd|months?|mths?"
YEARS = r"ans?|a|jaar|jaren|j|years?|yrs?|y"
HALF = r"et\s+demi|en\s+half|and\s+a\s+half|½"
AGE = re.compile(
    rf"^(?P<number>\d{{1,3}}(?:[.,]\d)?)\s*(?:(?P<months>{MONTHS})|(?P<years>{YEARS}))?"
    rf"\.?\s*(?P<half>{HALF})?$",
    re.IGNORECASE,
)
# Between two children: a comma not inside a number (« 2,5 ans »), a semicolon, a slash, a plus,
# or « et / en / and » unless « et demi ».
SEPARATOR = re.compile(
    r"(?<!\d),|,(?!\d)|;|/|\+|\s(?:et|en|and|&)\s(?!\s*(?:demi|half|a\s+half))",
    re.IGNORECASE,
)


class AgesError(ValueError):
    """What cannot be read, said to the family."""


@dataclass(frozen=True)
class ChildAge:
    months: int
    typed: str


def read_ages(text: str) -> list[ChildAge]:
    """Each child's age in months, in the order typed; AgesError names the part not read."""
    ages = []
    for part in SEPARATOR.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        match = AGE.match(part)
        if match is None:
            raise AgesError(
                _("« %(part)s » : écrivez l'âge avec « mois » ou « ans », par exemple 8 mois.")
                % {"part": part}
            )
        number = float(match["number"].replace(",", "."))
        if match["half"]:
            number += 0.5
        if match["months"]:
            months = round(number)
        elif match["years"]:
            months = round(number * 12)
        else:
            raise AgesError(
                _("« %(part)s » : en mois ou en ans ? Écrivez par exemple %(part)s mois.")
                % {"part": part}
            )
        if months > MAX_CHILD_AGE_MONTHS:
            raise AgesError(_("« %(part)s » : un enfant a moins de 18 ans.") % {"part": part})
        ages.append(ChildAge(months, part))
    return ages


def ordinal_child(n: int) -> str:
    """« le 1er enfant », « le 2e enfant »: how an error names the child."""
    if n == 1:
        return _("le 1er enfant")
    return _("le %(n)de enfant") % {"n": n}


def children_errors(text: str, count: int, age_min: int, age_max: int) -> list[str]:
    """What is wrong with the ages typed for `count` children at an activity for `age_min` to
    `age_max` months; empty when each child is welcome."""
    try:
        ages = read_ages(text)
    except AgesError as error:
        return [str(error)]
    if len(ages) != count:
        return [
            _("Donnez l'âge de chaque enfant : %(count)d enfant(s), %(ages)d âge(s) lu(s).")
            % {"count": count, "ages": len(ages)}
        ]
    welcome = age_range_text(age_min, age_max)
    return [
        _("%(child)s (%(age)s) : cette activité accueille les enfants %(range)s.")
        % {"child": ordinal_child(n).capitalize(), "age": age.typed, "range": welcome}
        for n, age in enumerate(ages, start=1)
        if not age_min <= age.months <= age_max
    ]


def months_of(text: str) -> list[int]:
    """The ages as read, for a text already checked."""
    return [age.months for age in read_ages(text)]

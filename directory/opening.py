"""Open today, or when next: what a result card says from a place's opening hours and closures,
in the place's own time zone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext

# How far ahead a next opening is looked for: beyond, a card says nothing rather than a date
# months away (a long closure is shown on the place's page).
LOOKAHEAD_DAYS = 62


@dataclass(frozen=True)
class OpeningStatus:
    open_today: bool
    text: str


def _closed(day: date, closures: Iterable) -> bool:
    return any(closure.start_date <= day <= closure.end_date for closure in closures)


def _slots(hours: Iterable, day: date) -> list[tuple[time, time]]:
    return sorted((h.opens, h.closes) for h in hours if h.weekday == day.weekday())


def _span(opens: time, closes: time) -> str:
    return gettext("%(opens)s – %(closes)s") % {
        "opens": time_format(opens),
        "closes": time_format(closes),
    }


def opening_status(hours: Iterable, closures: Iterable, now: datetime) -> OpeningStatus | None:
    """`now` is the place's local time. Open today when a slot of today has not closed yet and no
    closure covers today; else the next slot within `LOOKAHEAD_DAYS`; None when there is none
    (no hours given, or closed that long)."""
    hours, closures = list(hours), list(closures)
    today = now.date()
    if not _closed(today, closures):
        slots = [s for s in _slots(hours, today) if s[1] > now.time()]
        if slots:
            spans = ", ".join(_span(*slot) for slot in slots)
            return OpeningStatus(True, gettext("Ouvert aujourd'hui : %(spans)s") % {"spans": spans})
    for ahead in range(1, LOOKAHEAD_DAYS + 1):
        day = today + timedelta(days=ahead)
        slots = [] if _closed(day, closures) else _slots(hours, day)
        if slots:
            values = {"opens": time_format(slots[0][0])}
            if ahead == 1:
                return OpeningStatus(False, gettext("Ouvre demain à %(opens)s") % values)
            values["day"] = date_format(day, "l j F")
            return OpeningStatus(False, gettext("Ouvre le %(day)s à %(opens)s") % values)
    return None

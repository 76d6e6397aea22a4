"""Open today, or when next: what a result card says from a place's opening hours and closures,
in the place's own time zone; and how a closure is said (the place page, the cards, the map's
popups, the PDF programme), from the closures of the place's public record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext

# How far ahead a next opening is looked for: beyond, a card says nothing rather than a date
# months away (a long closure is shown on the place's page). The place page announces the
# closures that start within as many days.
LOOKAHEAD_DAYS = 62


@dataclass(frozen=True)
class OpeningStatus:
    open_today: bool
    text: str
    # A closure covers today: the text says until when, then the next opening.
    closed: bool = False


@dataclass(frozen=True)
class ClosureNotice:
    """A closure as the public reads it: "Fermé du 21 décembre au 3 janvier : congés d'hiver"."""

    start_date: date
    end_date: date
    text: str
    # It covers the day it was said on.
    in_progress: bool


def _closed(day: date, closures: Iterable) -> bool:
    return any(closure.start_date <= day <= closure.end_date for closure in closures)


def closed_until(day: date, closures: Iterable) -> date | None:
    """The last day of the closed days from `day` on (closures that follow one another are one
    stretch); None when no closure covers `day`."""
    closures = list(closures)
    last = None
    following = day
    # Each round reaches the end of a closure that covers the day after the stretch so far:
    # at most as many rounds as closures, however long they are.
    while ends := [c.end_date for c in closures if c.start_date <= following <= c.end_date]:
        last = max(ends)
        if last == date.max:
            break
        following = last + timedelta(days=1)
    return last


def _date(day: date, today: date) -> str:
    """A day and month, with the year when it is not this year's."""
    return date_format(day, "j F" if day.year == today.year else "j F Y")


def closed_until_text(until: date, today: date) -> str:
    """Closed today, until `until` (inclusive)."""
    if until == today:
        return gettext("Fermé aujourd'hui")
    return gettext("Fermé jusqu'au %(day)s") % {"day": _date(until, today)}


def closure_text(start: date, end: date, reason: str, today: date) -> str:
    """A closure in one sentence, with its reason when it has one."""
    if start == end:
        values = {"day": _date(start, today), "reason": reason}
        if reason:
            return gettext("Fermé le %(day)s : %(reason)s") % values
        return gettext("Fermé le %(day)s") % values
    # "du 10 au 12 mars": the month once when both days are in it.
    same_month = (start.year, start.month) == (end.year, end.month)
    values = {
        "start": str(start.day) if same_month else _date(start, today),
        "end": _date(end, today),
        "reason": reason,
    }
    if reason:
        return gettext("Fermé du %(start)s au %(end)s : %(reason)s") % values
    return gettext("Fermé du %(start)s au %(end)s") % values


def closure_notice(closure, today: date) -> ClosureNotice:
    return ClosureNotice(
        closure.start_date,
        closure.end_date,
        closure_text(closure.start_date, closure.end_date, closure.reason, today),
        closure.start_date <= today <= closure.end_date,
    )


def closures_ahead(
    closures: Iterable, today: date, days: int = LOOKAHEAD_DAYS
) -> list[ClosureNotice]:
    """The closures in progress, then those that start within `days`, in order."""
    last = today + timedelta(days=days)
    found = [c for c in closures if c.end_date >= today and c.start_date <= last]
    return [closure_notice(c, today) for c in sorted(found, key=lambda c: c.start_date)]


def closures_during(
    closures: Iterable, first: date, last: date, today: date
) -> list[ClosureNotice]:
    """The closures that cover any day from `first` to `last` (a programme's span), in order."""
    found = [c for c in closures if c.start_date <= last and c.end_date >= first]
    return [closure_notice(c, today) for c in sorted(found, key=lambda c: c.start_date)]


def _slots(hours: Iterable, day: date) -> list[tuple[time, time]]:
    return sorted((h.opens, h.closes) for h in hours if h.weekday == day.weekday())


def _span(opens: time, closes: time) -> str:
    return gettext("%(opens)s – %(closes)s") % {
        "opens": time_format(opens),
        "closes": time_format(closes),
    }


def _next_opening(hours: list, closures: list, today: date) -> tuple[int, date, time] | None:
    """The next day after today with a slot that no closure covers, within `LOOKAHEAD_DAYS`:
    how many days ahead, the day, and when it opens."""
    for ahead in range(1, LOOKAHEAD_DAYS + 1):
        day = today + timedelta(days=ahead)
        slots = [] if _closed(day, closures) else _slots(hours, day)
        if slots:
            return ahead, day, slots[0][0]
    return None


def opening_status(hours: Iterable, closures: Iterable, now: datetime) -> OpeningStatus | None:
    """`now` is the place's local time. Open today when a slot of today has not closed yet and no
    closure covers today; else the next slot within `LOOKAHEAD_DAYS`, after the closure that
    covers today if one does ("Fermé jusqu'au 3 janvier — ouvre le lundi 4 janvier à 14:00");
    None when there is nothing to say (no hours given and no closure today, or closed that long
    without a closure today)."""
    hours, closures = list(hours), list(closures)
    today = now.date()
    until = closed_until(today, closures)
    if until is None:
        slots = [s for s in _slots(hours, today) if s[1] > now.time()]
        if slots:
            spans = ", ".join(_span(*slot) for slot in slots)
            return OpeningStatus(True, gettext("Ouvert aujourd'hui : %(spans)s") % {"spans": spans})
    found = _next_opening(hours, closures, today)
    if until is not None:
        closed = closed_until_text(until, today)
        if found is None:
            return OpeningStatus(False, closed, closed=True)
        ahead, day, opens = found
        values = {"opens": time_format(opens), "day": date_format(day, "l j F")}
        if ahead == 1:
            following = gettext("ouvre demain à %(opens)s") % values
        else:
            following = gettext("ouvre le %(day)s à %(opens)s") % values
        text = gettext("%(closed)s — %(next)s") % {"closed": closed, "next": following}
        return OpeningStatus(False, text, closed=True)
    if found is None:
        return None
    ahead, day, opens = found
    values = {"opens": time_format(opens)}
    if ahead == 1:
        return OpeningStatus(False, gettext("Ouvre demain à %(opens)s") % values)
    values["day"] = date_format(day, "l j F")
    return OpeningStatus(False, gettext("Ouvre le %(day)s à %(opens)s") % values)


def closed_today_text(closures: Iterable, today: date) -> str:
    """ "Fermé jusqu'au 3 janvier" when a closure covers `today`, else "" (a map popup's
    line)."""
    until = closed_until(today, closures)
    return "" if until is None else closed_until_text(until, today)

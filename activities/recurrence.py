"""An activity's schedule: a first date and time, a duration, and an RFC 5545 recurrence.

Everything here works on the place's *local* wall-clock time, and only turns local times into
aware ones at the end. That is what keeps a 09:30 session at 09:30 across the daylight-saving
changes: the rule is expanded as "every Monday at 09:30" in Europe/Brussels, never as "every 168
hours from the first session" (which would drift to 08:30 or 10:30 after the change).

The same `Schedule` gives the site's dates (through python-dateutil's rrule) and the calendar
feeds' RRULE text, so that a calendar application expands the feed to the dates the site shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.choices import Ends, MonthWeek, Repeat
from core.weekdays import Weekday

RRULE_WEEKDAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]
ICAL_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# The last second of the "until" day: a session that day still counts.
END_OF_DAY = time(23, 59, 59)


def weekday_name(weekday: int) -> str:
    return str(Weekday(weekday).label)


def aware(local: datetime, tz: ZoneInfo) -> datetime:
    """A local wall-clock time in `tz`, made aware.

    A time that does not exist (02:30 on the night clocks go forward) takes the offset from
    before the gap, as RFC 5545 says (so it lands at 03:30); a time that happens twice (02:30 on
    the night they go back) is the first one. The round trip through UTC normalises both.
    """
    return local.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


@dataclass(frozen=True)
class Schedule:
    start_date: date
    start_time: time
    duration: timedelta
    tz: ZoneInfo
    repeat: str = Repeat.NONE
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_week: int | None = None
    month_weekday: int | None = None
    ends: str = Ends.NEVER
    until: date | None = None
    count: int | None = None
    excluded: frozenset[date] = field(default_factory=frozenset)
    added: frozenset[date] = field(default_factory=frozenset)

    # -- the rule --------------------------------------------------------------------------

    @property
    def first_local(self) -> datetime:
        return datetime.combine(self.start_date, self.start_time)

    def rule(self) -> rrule.rrule | None:
        """The dateutil rule over local naive times; None for a single session."""
        if self.repeat == Repeat.NONE:
            return None
        kwargs: dict = {
            "dtstart": self.first_local,
            "interval": max(1, self.interval),
            "wkst": rrule.MO,
        }
        if self.ends == Ends.UNTIL and self.until is not None:
            kwargs["until"] = datetime.combine(self.until, END_OF_DAY)
        elif self.ends == Ends.COUNT and self.count:
            kwargs["count"] = self.count
        if self.repeat == Repeat.WEEKLY:
            days = self.weekdays or (self.start_date.weekday(),)
            return rrule.rrule(
                rrule.WEEKLY, byweekday=[RRULE_WEEKDAYS[d] for d in sorted(days)], **kwargs
            )
        weekday = self.month_weekday if self.month_weekday is not None else 0
        week = self.month_week or 1
        return rrule.rrule(rrule.MONTHLY, byweekday=[RRULE_WEEKDAYS[weekday](week)], **kwargs)

    def rule_starts(self, start: date, end: date) -> list[datetime]:
        """The rule's own local start times on the days from `start` to `end` included, before
        exclusions and additions."""
        rule = self.rule()
        if rule is None:
            return [self.first_local] if start <= self.start_date <= end else []
        return rule.between(
            datetime.combine(start, time.min), datetime.combine(end, time.max), inc=True
        )

    def first_rule_start(self) -> datetime | None:
        """The rule's first session: the calendar feed's DTSTART. It can be after the first
        date (a "first date" on a Sunday for a Monday rule), and RFC 5545 leaves a DTSTART that
        the rule does not produce undefined, so the feed never uses one."""
        rule = self.rule()
        if rule is None:
            return self.first_local
        return rule.after(self.first_local, inc=True)

    # -- the sessions ----------------------------------------------------------------------

    def local_starts(self, start: date, end: date) -> list[datetime]:
        """Every session's local start time from `start` to `end` (days, included)."""
        dates = {moment.date() for moment in self.rule_starts(start, end)}
        dates -= self.excluded
        dates |= {day for day in self.added if start <= day <= end}
        return [datetime.combine(day, self.start_time) for day in sorted(dates)]

    def sessions(self, start: date, end: date) -> list[tuple[datetime, datetime]]:
        """(start, end) of every session from `start` to `end`, aware in the place's zone."""
        return [self.session_at(local.date()) for local in self.local_starts(start, end)]

    def session_at(self, day: date) -> tuple[datetime, datetime]:
        begins = aware(datetime.combine(day, self.start_time), self.tz)
        # The end is the start's wall-clock time plus the duration, like the start itself.
        ends = aware(datetime.combine(day, self.start_time) + self.duration, self.tz)
        return begins, ends

    def next_sessions(self, after: date, limit: int, horizon_days: int = 366 * 2) -> list:
        return self.sessions(after, after + timedelta(days=horizon_days))[:limit]

    def has_sessions(self) -> bool:
        if self.added - self.excluded:
            return True
        rule = self.rule()
        if rule is None:
            return self.start_date not in self.excluded
        # A rule with no end has sessions for ever: one not excluded is found in a few steps.
        for moment in rule:
            if moment.date() not in self.excluded:
                return True
            if moment.date() > self.start_date + timedelta(days=366 * 5):
                return False
        return False

    # -- RFC 5545 text ---------------------------------------------------------------------

    def rrule_text(self) -> str | None:
        """The RRULE value of the calendar feed (UNTIL in UTC, as RFC 5545 wants with a TZID)."""
        if self.repeat == Repeat.NONE:
            return None
        parts = [f"FREQ={'WEEKLY' if self.repeat == Repeat.WEEKLY else 'MONTHLY'}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.repeat == Repeat.WEEKLY:
            days = self.weekdays or (self.start_date.weekday(),)
            parts.append("BYDAY=" + ",".join(ICAL_WEEKDAYS[d] for d in sorted(days)))
        else:
            weekday = self.month_weekday if self.month_weekday is not None else 0
            parts.append(f"BYDAY={self.month_week or 1}{ICAL_WEEKDAYS[weekday]}")
        if self.ends == Ends.UNTIL and self.until is not None:
            until = aware(datetime.combine(self.until, END_OF_DAY), self.tz).astimezone(UTC)
            parts.append(f"UNTIL={until:%Y%m%dT%H%M%SZ}")
        elif self.ends == Ends.COUNT and self.count:
            parts.append(f"COUNT={self.count}")
        parts.append("WKST=MO")
        return ";".join(parts)

    # -- plain language --------------------------------------------------------------------

    def describe(self) -> str:
        """The schedule in a French sentence, for families and for the editor."""
        at = describe_time(self.start_time)
        first = date_format(self.start_date, "j F Y")
        if self.repeat == Repeat.NONE:
            text = _("Le %(date)s à %(time)s") % {"date": first, "time": at}
        elif self.repeat == Repeat.WEEKLY:
            days = self.weekdays or (self.start_date.weekday(),)
            names = _join([_("le %(day)s") % {"day": weekday_name(d)} for d in sorted(days)])
            if self.interval > 1:
                text = _("Toutes les %(n)d semaines, %(days)s à %(time)s") % {
                    "n": self.interval,
                    "days": names,
                    "time": at,
                }
            else:
                text = _("Chaque semaine, %(days)s à %(time)s") % {"days": names, "time": at}
        else:
            weekday = self.month_weekday if self.month_weekday is not None else 0
            which = MonthWeek(self.month_week or 1).label
            if self.interval > 1:
                text = _("Tous les %(n)d mois, %(which)s %(day)s du mois à %(time)s") % {
                    "n": self.interval,
                    "which": which,
                    "day": weekday_name(weekday),
                    "time": at,
                }
            else:
                text = _("Chaque mois, %(which)s %(day)s du mois à %(time)s") % {
                    "which": which,
                    "day": weekday_name(weekday),
                    "time": at,
                }
        text += " " + _("(durée : %(duration)s)") % {"duration": describe_duration(self.duration)}
        if self.repeat != Repeat.NONE:
            text += ", " + _("à partir du %(date)s") % {"date": first}
            if self.ends == Ends.UNTIL and self.until is not None:
                text += ", " + _("jusqu'au %(date)s") % {"date": date_format(self.until, "j F Y")}
            elif self.ends == Ends.COUNT and self.count:
                text += ", " + ngettext(
                    "pour %(count)d séance", "pour %(count)d séances", self.count
                ) % {"count": self.count}
        return text + "."


def describe_time(moment: time) -> str:
    """9 h 30, 14 h: the French way of writing a time in a sentence."""
    return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"


def describe_duration(duration: timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes:02d}"
    if hours:
        return f"{hours} h"
    return f"{minutes} min"


def _join(words: Iterable[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " " + _("et") + " " + words[-1]

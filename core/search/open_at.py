"""Open at a moment of the week: a weekday, a time of day, or both held by one and the same
opening row (or session), in SQL and in the cluster's ranges of minutes of the week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

import django_filters
from django.db.models import Q
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from elasticsearch import dsl

from core.search.criterion import Control, Criterion, Param
from core.search.fields import TimeOfDayFilter
from core.search.paths import values_at
from core.weekdays import WEEKDAY_SLUGS, django_week_day
from core.weekdays import Weekday as Day

MINUTES_A_DAY = 24 * 60


@dataclass(frozen=True)
class Moment:
    """A weekday (0 = Monday) and a time of day in minutes after midnight, either absent."""

    day: int | None
    minute: int | None


@dataclass(frozen=True, eq=False)
class OpenAt(Criterion):
    """Open on a day of the week (`day`: `mon`…`sun`), at a time of day (`time`: "14:30"), or
    both: then one and the same opening row holds both (a place open Monday 9–12 and Tuesday
    14–18 is not open Monday at 15:00). A time alone is any day.

    The rows are at `rows` ("opening_hours"), each a `weekday`, an `opens` and a `closes` (open
    from `opens` included to `closes` excluded). The cluster's documents hold the row's days
    (`field`) and each row as a range of minutes of the week (`minutes_field`, an
    integer_range: Monday 9–12 is 540 to 720, Tuesday 14–18 is 1440 + 840 to 1440 + 1080), so a
    day and a time is one point of the week the ranges must contain (a `term` query), and a time
    alone one of seven points. When `of_date`, the rows are the objects themselves: their
    weekday that of their `date`, their times those of `opens` and `closes` (moments) in the
    site's time zone (a session)."""

    rows: str
    field: str
    description: str
    weekday: str = "weekday"
    opens: str = "opens"
    closes: str = "closes"
    of_date: bool = False
    minutes_field: str = "open_minutes"
    name: str = "day"
    time: str = "time"
    label: str = ""
    time_label: str = ""
    time_description: str = "Heure (HH:MM)"
    prefix: str = ""

    def params(self) -> list[Param]:
        choices = list(zip(WEEKDAY_SLUGS, Day.labels, strict=True))
        day = Control("select", self.label, refines=True, blank=_("n'importe quel jour"))
        time = Control("time", self.time_label, refines=True)
        return [
            Param(
                self.name,
                django_filters.ChoiceFilter(choices=choices),
                self.description,
                control=day,
            ),
            Param(
                self.time,
                TimeOfDayFilter(),
                f"{self.time_description} : « 14:30 » ; avec {self.name}, ce jour-là à cette "
                "heure, sinon n'importe quel jour",
                control=time,
            ),
        ]

    def value(self, data: dict):
        day = WEEKDAY_SLUGS.index(data[self.name]) if data.get(self.name) else None
        minute = data.get(self.time)
        return None if day is None and minute is None else Moment(day, minute)

    def _path(self, column: str) -> str:
        return self._at(column if not self.rows else f"{self.rows}__{column}")

    def where(self, value: Moment) -> Q:
        # One Q, so one filter() call: a related row must hold every condition at once.
        conditions = {}
        if value.day is not None:
            if self.of_date:
                conditions[f"{self._path(self.weekday)}__week_day"] = django_week_day(value.day)
            else:
                conditions[self._path(self.weekday)] = value.day
        if value.minute is not None:
            at = time_of(value.minute)
            lookup = "__time" if self.of_date else ""
            conditions[f"{self._path(self.opens)}{lookup}__lte"] = at
            conditions[f"{self._path(self.closes)}{lookup}__gt"] = at
        return Q(**conditions)

    def clauses(self, value: Moment) -> list[dsl.Q]:
        if value.minute is None:
            return [dsl.Q("term", **{self.field: value.day})]
        days = range(7) if value.day is None else (value.day,)
        points = [
            dsl.Q("term", **{self.minutes_field: day * MINUTES_A_DAY + value.minute})
            for day in days
        ]
        return [points[0] if len(points) == 1 else dsl.Q("bool", should=points)]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.field: dsl.Integer(), self.minutes_field: dsl.IntegerRange()}

    def document(self, obj) -> dict[str, Any]:
        rows = zip(*(values_at(obj, path) for path in self.paths()), strict=True)
        days, ranges = set(), []
        for day, opens, closes in rows:
            if self.of_date:
                day = day.weekday()
                start, end = (localtime(opens), localtime(closes))
                # As SQL compares them: a session past midnight matches no time.
                first, last = minute_of(start.time()), minute_of(end.time())
            else:
                first, last = minute_of(opens), minute_of(closes)
            days.add(day)
            if first < last:
                ranges.append(
                    {"gte": day * MINUTES_A_DAY + first, "lt": day * MINUTES_A_DAY + last}
                )
        return {self.field: sorted(days), self.minutes_field: ranges}

    def paths(self) -> list[str]:
        return [self._path(column) for column in (self.weekday, self.opens, self.closes)]


def minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def time_of(minute: int) -> time:
    return time(minute // 60, minute % 60)

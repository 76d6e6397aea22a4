"""The table of criteria: each thing a family can ask for is declared once, and that declaration
gives its query-string parameters (hence the FilterSet and the OpenAPI description), its SQL
filter, its cluster filter, its fields in the cluster's mapping and their values in documents.

Criteria read their model through ORM paths; `under("place__")` reads the same criterion from a
related model, which is how the sessions' index reuses the places' criteria. Apps declare the
criteria that need their data (the taxonomy's slugs, the gazetteer's place names) with these
classes, and those of `near.py` (`near`, `radius_km`), `dates.py` (`from`, `to`) and `text.py`
(`q`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import time
from typing import Any

import django_filters
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from elasticsearch import dsl

from core.search.fields import (
    AgeFilter,
    IntegerFilter,
    IsoDateTimeFilter,
    StrictBooleanFilter,
    TimeOfDayFilter,
)
from core.search.paths import values_at
from core.weekdays import WEEKDAY_SLUGS, django_week_day
from core.weekdays import Weekday as Day


@dataclass(frozen=True)
class Control:
    """How a search form asks for a parameter: its `kind` of input (text, search, number,
    select, checkbox, checkboxes, date). Its limits and options are those of the form field the
    FilterSet validates it with (`core.search.controls`). A control that `refines` is one of
    the filters a search is narrowed by, drawn from this table under its `label`."""

    kind: str
    label: str = ""
    refines: bool = False
    # A select's first option, for "any" (the parameter not given).
    blank: str = ""
    # The values offered, when the field takes any in a range (a radius).
    choices: tuple = ()
    # Each option is a language named in itself ("Nederlands"): its value is its `lang`.
    autonyms: bool = False
    # What to write, said under the label ("Par exemple : 3 ans, 18 mois").
    hint: str = ""


@dataclass(frozen=True)
class Param:
    """One query-string parameter: its filter validates it, its description documents it, its
    control asks for it in a form (none: only links and hand-written addresses give it)."""

    name: str
    filter: django_filters.Filter
    description: str
    default: Any = None
    control: Control | None = None


@dataclass(frozen=True)
class Exact:
    """What SQL cannot say, checked in Python on the candidates' `columns`: `measure` gives a
    number (a distance orders results) or None to drop the row."""

    columns: tuple[str, ...]
    measure: Callable[[tuple], float | None]


class Criterion:
    """Base of the criteria. `name` keys the criterion's value in a `SearchQuery`."""

    name: str
    prefix: str = ""
    # Its measure orders results when the index puts the nearest first.
    ranks = False
    # When given, its measure (then the id) is the results' only order (a change feed's).
    orders = False

    def params(self) -> list[Param]:
        raise NotImplementedError

    def value(self, data: dict) -> Any:
        """The query's value from the form's cleaned data; None when the family did not ask."""
        return data.get(self.name)

    def errors(self, data: dict) -> dict[str, str]:
        """Errors between this criterion's parameters, by parameter."""
        return {}

    def where(self, value) -> Q | None:
        return None

    def exact(self, value) -> Exact | None:
        return None

    def holds(self, found: set, value) -> bool:
        """Whether an object whose values at `paths()[0]` are `found` meets `where(value)`: the
        database engine's facets check a ticked facet in Python."""
        raise NotImplementedError

    def clauses(self, value) -> list[dsl.Q]:
        raise NotImplementedError

    def sort(self, value) -> dict | None:
        return None

    def mapping(self) -> dict[str, dsl.Field]:
        raise NotImplementedError

    def document(self, obj) -> dict[str, Any]:
        raise NotImplementedError

    def paths(self) -> list[str]:
        raise NotImplementedError

    def under(self, prefix: str) -> Criterion:
        """The same criterion, read from the related model at `prefix` ("place__")."""
        return replace(self, prefix=prefix + self.prefix)

    def _at(self, path: str) -> str:
        return self.prefix + path


@dataclass(frozen=True, eq=False)
class Terms(Criterion):
    """Values of a vocabulary (slugs, codes), validated against its rows; repeatable when `many`
    (any of them matches)."""

    name: str
    path: str
    field: str
    choices: QuerySet
    description: str
    to_field: str = "slug"
    many: bool = True
    label: str = ""
    blank: str = ""
    autonyms: bool = False
    prefix: str = ""

    def params(self) -> list[Param]:
        kind = (
            django_filters.ModelMultipleChoiceFilter
            if self.many
            else django_filters.ModelChoiceFilter
        )
        control = Control(
            "checkboxes" if self.many else "select",
            self.label,
            refines=True,
            blank=self.blank,
            autonyms=self.autonyms,
        )
        return [
            Param(
                self.name,
                kind(queryset=self.choices, to_field_name=self.to_field),
                self.description,
                control=control,
            )
        ]

    def value(self, data: dict):
        chosen = data.get(self.name)
        if not chosen:
            return None
        if self.many:
            return tuple(sorted({getattr(row, self.to_field) for row in chosen}))
        return getattr(chosen, self.to_field)

    def where(self, value) -> Q:
        if self.many:
            return Q(**{f"{self._at(self.path)}__in": value})
        return Q(**{self._at(self.path): value})

    def holds(self, found: set, value) -> bool:
        return not found.isdisjoint(value) if self.many else value in found

    def clauses(self, value) -> list[dsl.Q]:
        if self.many:
            return [dsl.Q("terms", **{self.field: list(value)})]
        return [dsl.Q("term", **{self.field: value})]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.field: dsl.Keyword()}

    def document(self, obj) -> dict[str, Any]:
        return {self.field: sorted(set(values_at(obj, self._at(self.path))))}

    def paths(self) -> list[str]:
        return [self._at(self.path)]


@dataclass(frozen=True, eq=False)
class Flag(Criterion):
    """Yes or no: true keeps what has `path` equal to `equals` (any of them, for a many-valued
    path), false keeps the others."""

    name: str
    path: str
    description: str
    equals: Any = True
    label: str = ""
    prefix: str = ""

    def params(self) -> list[Param]:
        control = Control("checkbox", self.label, refines=True)
        return [Param(self.name, StrictBooleanFilter(), self.description, control=control)]

    def where(self, value) -> Q:
        condition = Q(**{self._at(self.path): self.equals})
        return condition if value else ~condition

    def clauses(self, value) -> list[dsl.Q]:
        return [dsl.Q("term", **{self.name: value})]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.name: dsl.Boolean()}

    def document(self, obj) -> dict[str, Any]:
        return {self.name: any(v == self.equals for v in values_at(obj, self._at(self.path)))}

    def paths(self) -> list[str]:
        return [self._at(self.path)]


@dataclass(frozen=True, eq=False)
class Within(Criterion):
    """A number that must lie between two of the object's fields (a child's age in months)."""

    name: str
    low: str
    high: str
    maximum: int
    description: str
    label: str = ""
    prefix: str = ""

    def params(self) -> list[Param]:
        limits = [MinValueValidator(0), MaxValueValidator(self.maximum)]
        control = Control("number", self.label, refines=True)
        return [
            Param(self.name, IntegerFilter(validators=limits), self.description, control=control)
        ]

    def where(self, value) -> Q:
        return Q(**{f"{self._at(self.low)}__lte": value, f"{self._at(self.high)}__gte": value})

    def clauses(self, value) -> list[dsl.Q]:
        return [
            dsl.Q("range", **{self.low: {"lte": value}}),
            dsl.Q("range", **{self.high: {"gte": value}}),
        ]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.low: dsl.Integer(), self.high: dsl.Integer()}

    def document(self, obj) -> dict[str, Any]:
        return {path: values_at(obj, self._at(path))[0] for path in (self.low, self.high)}

    def paths(self) -> list[str]:
        return [self._at(self.low), self._at(self.high)]


MINUTES_A_DAY = 24 * 60


@dataclass(frozen=True, eq=False)
class ChildAge(Within):
    """A child's age between two of the object's fields in months, asked in the family's words
    (`age`: "3 ans", "18 mois", "3": years), in years (`age_years`) or in months (the criterion's
    `name`, `age_months`): one of them, all read as months."""

    years: str = "age_years"
    words: str = "age"
    hint: str = ""

    def params(self) -> list[Param]:
        years = [MinValueValidator(0), MaxValueValidator(self.maximum // 12)]
        months = [MinValueValidator(0), MaxValueValidator(self.maximum)]
        control = Control("text", self.label, refines=True, hint=self.hint)
        return [
            Param(
                self.words,
                AgeFilter(maximum_months=self.maximum),
                f"{self.description} : « 3 ans », « 18 mois » ; un nombre seul est en années"
                f" (au plus {self.maximum // 12}). Un seul de {self._names()}.",
                control=control,
            ),
            Param(
                self.years,
                IntegerFilter(validators=years),
                f"{self.description} en années (12 mois l'année). Un seul de {self._names()}.",
            ),
            Param(
                self.name,
                IntegerFilter(validators=months),
                f"{self.description} en mois. Un seul de {self._names()}.",
            ),
        ]

    def _names(self) -> str:
        return ", ".join((self.words, self.years, self.name))

    def _months(self, data: dict) -> dict[str, int]:
        given = {
            self.words: data.get(self.words),
            self.years: None if data.get(self.years) is None else data[self.years] * 12,
            self.name: data.get(self.name),
        }
        return {name: months for name, months in given.items() if months is not None}

    def errors(self, data: dict) -> dict[str, str]:
        given = self._months(data)
        if len(given) < 2:
            return {}
        message = _("Donnez l'âge une seule fois : %(names)s.") % {"names": ", ".join(given)}
        return dict.fromkeys(given, message)

    def value(self, data: dict):
        given = self._months(data)
        return next(iter(given.values())) if len(given) == 1 else None


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


@dataclass(frozen=True, eq=False)
class Since(Criterion):
    """A moment strictly before the object's `path` (a date modified): what changed after it.
    An object without that moment never matches."""

    name: str
    path: str
    description: str
    prefix: str = ""

    def params(self) -> list[Param]:
        return [Param(self.name, IsoDateTimeFilter(), self.description)]

    def where(self, value) -> Q:
        return Q(**{f"{self._at(self.path)}__gt": value})

    def clauses(self, value) -> list[dsl.Q]:
        return [dsl.Q("range", **{self.name: {"gt": value.isoformat()}})]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.name: dsl.Date()}

    def document(self, obj) -> dict[str, Any]:
        moments = values_at(obj, self._at(self.path))
        return {self.name: moments[0].isoformat() if moments else None}

    def paths(self) -> list[str]:
        return [self._at(self.path)]


def replacing(criteria: tuple[Criterion, ...], *replacements: Criterion) -> tuple[Criterion, ...]:
    """`criteria` with each of `replacements` in the place of the one of the same name."""
    by_name = {criterion.name: criterion for criterion in replacements}
    return tuple(by_name.get(criterion.name, criterion) for criterion in criteria)

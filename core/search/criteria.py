"""The table of criteria: each thing a family can ask for is declared once, and that declaration
gives its query-string parameters (hence the FilterSet and the OpenAPI description), its SQL
filter, its cluster filter, its fields in the cluster's mapping and their values in documents
(the contract: `criterion.py`).

This module holds the kinds that read the object's own columns: a vocabulary's values
(`Terms`), yes or no (`Flag`), a number between two fields (`Within`), a moment after which it
changed (`Since`), and `replacing`, which swaps entries of a table.

Criteria read their model through ORM paths; `under("place__")` reads the same criterion from a
related model, which is how the sessions' index reuses the places' criteria. Apps declare the
criteria that need their data (the taxonomy's slugs, the gazetteer's place names) with these
classes, and those of `child_age.py` (`age`, `age_years`, `age_months`), `open_at.py` (`day`,
`time`), `near.py` (`near`, `radius_km`), `dates.py` (`from`, `to`) and `free_text.py` (`q`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from elasticsearch import dsl

from core.search.criterion import Control, Criterion, Param
from core.search.fields import IntegerFilter, IsoDateTimeFilter, StrictBooleanFilter
from core.search.paths import values_at


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

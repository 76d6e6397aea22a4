"""A criterion for a number the object must reach: `quality_min=70` keeps the places whose
stored score (`path`, a column, kept in the documents as `field`) is 70 or more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from elasticsearch import dsl

from core.search.criterion import Criterion, Param
from core.search.fields import IntegerFilter
from core.search.paths import values_at


@dataclass(frozen=True, eq=False)
class AtLeast(Criterion):
    """A whole number from 0 to `maximum` (the parameter `name`); the object's `path` must be
    at least it. No control: partners ask for it, families are not shown it."""

    name: str
    path: str
    field: str
    maximum: int
    description: str
    prefix: str = ""

    def params(self) -> list[Param]:
        limits = [MinValueValidator(0), MaxValueValidator(self.maximum)]
        return [Param(self.name, IntegerFilter(validators=limits), self.description)]

    def where(self, value) -> Q:
        return Q(**{f"{self._at(self.path)}__gte": value})

    def holds(self, found: set, value) -> bool:
        return any(number >= value for number in found)

    def clauses(self, value) -> list[dsl.Q]:
        return [dsl.Q("range", **{self.field: {"gte": value}})]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.field: dsl.Integer()}

    def document(self, obj) -> dict[str, Any]:
        numbers = values_at(obj, self._at(self.path))
        return {self.field: numbers[0] if numbers else None}

    def paths(self) -> list[str]:
        return [self._at(self.path)]

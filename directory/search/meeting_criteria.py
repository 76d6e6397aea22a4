"""The criteria of how meetings go at a place (directory.meeting_terms): open at the weekend, a
waiting time at most so many weeks, and `near` naming a court (« tribunal de Lille »): the places
that court refers families to, nearest it first, whatever the radius."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from elasticsearch import dsl

from core.search.criteria import Flag
from core.search.criterion import Control, Criterion, Exact, Param
from core.search.fields import IntegerFilter
from core.search.near import Circle, Near
from core.search.paths import values_at
from directory.meeting_terms import WEEKEND, fresh_since

MAX_WAITING_WEEKS = 104


@dataclass(frozen=True, eq=False)
class Weekend(Flag):
    """Open on Saturday or Sunday: a slot of the opening hours at `path` (their weekday) on one
    of them. The rule is `meeting_terms.opens_at_weekend`'s."""

    def where(self, value) -> Q:
        condition = Q(**{f"{self._at(self.path)}__in": [int(day) for day in WEEKEND]})
        return condition if value else ~condition

    def document(self, obj) -> dict[str, Any]:
        return {self.name: any(day in WEEKEND for day in values_at(obj, self._at(self.path)))}


@dataclass(frozen=True, eq=False)
class WaitingAtMost(Criterion):
    """A waiting time declared at most `value` weeks, and declared recently enough to be
    trusted (`meeting_terms.fresh_since`): an old declaration, or none, does not match."""

    description: str
    name: str = "waiting_at_most"
    weeks: str = "waiting_weeks"
    declared_on: str = "waiting_declared_on"
    label: str = ""
    prefix: str = ""

    def params(self) -> list[Param]:
        limits = [MinValueValidator(0), MaxValueValidator(MAX_WAITING_WEEKS)]
        control = Control("number", self.label, refines=True)
        return [
            Param(self.name, IntegerFilter(validators=limits), self.description, control=control)
        ]

    def where(self, value) -> Q:
        return Q(
            **{
                f"{self._at(self.weeks)}__lte": value,
                f"{self._at(self.declared_on)}__gte": fresh_since(timezone.localdate()),
            }
        )

    def clauses(self, value) -> list[dsl.Q]:
        since = fresh_since(timezone.localdate()).isoformat()
        return [
            dsl.Q("range", **{self.weeks: {"lte": value}}),
            dsl.Q("range", **{self.declared_on: {"gte": since}}),
        ]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.weeks: dsl.Integer(), self.declared_on: dsl.Date()}

    def document(self, obj) -> dict[str, Any]:
        weeks = values_at(obj, self._at(self.weeks))
        declared = values_at(obj, self._at(self.declared_on))
        return {
            self.weeks: weeks[0] if weeks else None,
            self.declared_on: declared[0].isoformat() if declared and declared[0] else None,
        }

    def paths(self) -> list[str]:
        return [self._at(self.weeks), self._at(self.declared_on)]


@dataclass(frozen=True, eq=False)
class CourtNear(Near):
    """`near`, and when it names a court (`gazetteer.courts.CourtPoint`) the places that court
    refers families to (`court_path`, the cluster's `court_field`), measured from the court and
    nearest first, at any distance: a court sends families across its whole area."""

    court_path: str = "courts__slug"
    court_field: str = "courts"

    @staticmethod
    def court_of(value: Circle) -> str:
        return getattr(value.place, "court", "")

    def where(self, value: Circle) -> Q:
        court = self.court_of(value)
        if not court:
            return super().where(value)
        return Q(**{self._at(self.court_path): court})

    def exact(self, value: Circle) -> Exact:
        if self.court_of(value):
            value = replace(value, radius_km=math.inf)
        return super().exact(value)

    def clauses(self, value: Circle) -> list[dsl.Q]:
        court = self.court_of(value)
        if not court:
            return super().clauses(value)
        return [dsl.Q("term", **{self.court_field: court})]

"""`from` and `to`: the days a session falls on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elasticsearch import dsl

from core.search.criterion import Control, Criterion, Param
from core.search.fields import IsoDateFilter
from core.search.paths import values_at


@dataclass(frozen=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True, eq=False)
class Dates(Criterion):
    """Days from `from` to `to` (inclusive), today and a window of `default_days` by default."""

    default_days: Callable[[], int]
    path: str = "date"
    name: str = "dates"
    max_days: int = 366
    # The dates a query may name at all.
    earliest: date = date(2000, 1, 1)
    latest: date = date(2099, 12, 31)
    prefix: str = ""

    def params(self) -> list[Param]:
        return [
            Param(
                "from",
                IsoDateFilter(),
                "Premier jour (AAAA-MM-JJ), aujourd'hui par défaut",
                control=Control("date"),
            ),
            Param(
                "to",
                IsoDateFilter(),
                f"Dernier jour inclus (AAAA-MM-JJ), au plus {self.max_days} jours après from",
                control=Control("date"),
            ),
        ]

    def errors(self, data: dict) -> dict[str, str]:
        start, end = data.get("from"), data.get("to")
        today = timezone.localdate()
        # Sessions are stored for a rolling window: a date a century away finds nothing, and
        # one near the end of the calendar would overflow the default period. The OpenAPI
        # description says the same (years 20xx).
        for name, day in (("from", start), ("to", end)):
            if day is not None and not (self.earliest <= day <= self.latest):
                return {
                    name: _("Date hors limites : entre %(first)s et %(last)s.")
                    % {"first": self.earliest.isoformat(), "last": self.latest.isoformat()}
                }
        if end is not None and start is None and end < today:
            return {"to": _("La date de fin précède aujourd'hui, début par défaut (from).")}
        if not (start and end):
            return {}
        if end < start:
            return {"to": _("La date de fin précède la date de début (from).")}
        if (end - start).days > self.max_days:
            return {
                "to": _("Période trop longue : %(days)d jours au plus.") % {"days": self.max_days}
            }
        return {}

    def value(self, data: dict) -> Period:
        start = data.get("from") or timezone.localdate()
        return Period(start, data.get("to") or start + timedelta(days=self.default_days()))

    def where(self, value: Period) -> Q:
        return Q(**{f"{self._at(self.path)}__range": (value.start, value.end)})

    def clauses(self, value: Period) -> list[dsl.Q]:
        dates = {"gte": value.start.isoformat(), "lte": value.end.isoformat()}
        return [dsl.Q("range", **{self.path: dates})]

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.path: dsl.Date(format="yyyy-MM-dd")}

    def document(self, obj) -> dict[str, Any]:
        return {self.path: values_at(obj, self._at(self.path))[0].isoformat()}

    def paths(self) -> list[str]:
        return [self._at(self.path)]

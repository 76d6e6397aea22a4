"""`cursor`: a list read in the order of changes, from a point of it (`core.cursors`), in both
engines. A criterion like the others, declared once in an index's table, with one difference:
when given, it alone orders the results, by (moment changed, id), so that the next page starts
exactly after the last record the client read, whatever was published or changed meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from elasticsearch import dsl

from core.cursors import MAX_LENGTH, PATTERN, Keyset, microseconds, read_token
from core.search.criterion import Criterion, Exact, Param
from core.search.paths import values_at

BAD_CURSOR = _(
    "Curseur inconnu : reprenez le « next_cursor » de la réponse précédente, ou « start »."
)


class CursorField(forms.CharField):
    # Documented by the OpenAPI description as it is checked (core.search.openapi).
    pattern = PATTERN

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(*args, **kwargs)
        # The length is read_token's to check: the value validated is the point, not the text.
        self.validators = []

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        keyset = read_token(text)
        if keyset is None:
            raise forms.ValidationError(BAD_CURSOR, code="invalid")
        return keyset


class CursorFilter(django_filters.Filter):
    field_class = CursorField


@dataclass(frozen=True, eq=False)
class Changes(Criterion):
    """Records changed after the cursor's point, in the order of their change at `path`; the
    document keeps the moment as whole microseconds in `field` (exact ties, ordered by id)."""

    name: str
    path: str
    description: str
    field: str = "changed_us"
    prefix: str = ""
    orders = True

    def params(self) -> list[Param]:
        return [Param(self.name, CursorFilter(), self.description)]

    def where(self, value: Keyset) -> Q:
        at = self._at(self.path)
        later = Q(**{f"{at}__gt": value.moment}) | Q(**{at: value.moment, "pk__gt": value.pk})
        if value.micros == 0:
            # A record never dated counts as changed in 1970: first, so never missed.
            later |= Q(**{f"{at}__isnull": True, "pk__gt": value.pk})
        return later

    def exact(self, value: Keyset) -> Exact:
        # The measure is the order, not a check: it never drops a row.
        return Exact((self._at(self.path),), lambda row: microseconds(row[0]) if row[0] else 0)

    def clauses(self, value: Keyset) -> list[dsl.Q]:
        later = dsl.Q("range", **{self.field: {"gt": value.micros}})
        tied = dsl.Q(
            "bool",
            filter=[
                dsl.Q("term", **{self.field: value.micros}),
                dsl.Q("range", pk={"gt": value.pk}),
            ],
        )
        return [dsl.Q("bool", should=[later, tied], minimum_should_match=1)]

    def sort(self, value: Keyset) -> dict:
        return {self.field: "asc"}

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.field: dsl.Long()}

    def document(self, obj) -> dict[str, Any]:
        moments = values_at(obj, self._at(self.path))
        return {self.field: microseconds(moments[0]) if moments and moments[0] else 0}

    def paths(self) -> list[str]:
        return [self._at(self.path)]

"""ORM paths ("activity__objectives__slug"), read on one object as the database would read
them in a query, so that a criterion is declared once for SQL, for the cluster's documents and
for the documents' prefetching."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model


def values_at(obj: Any, path: str) -> list:
    """Every value reached from `obj` along `path`; a many-valued step fans out, read from the
    prefetched rows, never from new queries."""
    items = [obj]
    for part in path.split("__"):
        reached = []
        for item in items:
            if item is None:
                continue
            value = getattr(item, part)
            if callable(getattr(value, "all", None)):
                reached.extend(value.all())
            else:
                reached.append(value)
        items = reached
    return [item for item in items if item is not None]


def related_lookups(model: type[Model], paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """What `select_related` and `prefetch_related` need so that reading `paths` on every object
    of a queryset costs a fixed number of queries."""
    joined: set[str] = set()
    prefetched: set[str] = set()
    for path in paths:
        current, walked, many = model, [], False
        for part in path.split("__"):
            if part == "pk":
                break
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                # An annotation of the index's documents (`SearchIndex.documents`).
                break
            if not field.is_relation:
                break
            walked.append(part)
            many = many or field.many_to_many or field.one_to_many
            (prefetched if many else joined).add("__".join(walked))
            current = field.related_model
    # A prefetch through a joined relation ("place__programmes") is enough for both.
    return sorted(joined), sorted(prefetched)


def json_value(value: Any) -> Any:
    """A document value as the cluster's JSON takes it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value

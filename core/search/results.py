"""What both engines answer: the same shape, so that the API, the pages and the parity tests
see no difference between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.db.models import QuerySet

EngineName = Literal["database", "cluster"]


@dataclass(frozen=True)
class Matches:
    """An engine's answer: how many matched, the ids of the requested page in order, and the
    facets' counts by document field and value; the cluster also gives the page's documents'
    `record`s when they were asked (`SearchIndex.records`), None otherwise."""

    count: int
    ids: list[int]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    records: list | None = None


@dataclass(frozen=True)
class SearchResult:
    count: int
    hits: list
    facets: dict[str, dict[str, int]]
    engine: EngineName


def in_order(rows: QuerySet, ids: list[int]) -> list:
    """The rows of `ids` in the engine's order, for an index's `hits`; a row deleted since the
    engine answered is left out (the page is one shorter)."""
    by_pk = {row.pk: row for row in rows.filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk]

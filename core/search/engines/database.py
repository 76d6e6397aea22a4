"""The embedded engine: the ORM on SQLite or PostgreSQL, no extra service.

Each criterion's SQL filter runs in the database (a bounding box on indexed coordinates for
`near`); what SQL cannot say (exact distances, Wagtail's text matches) is then checked in
Python on the few candidates' columns, and they are sorted there.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from core.search.results import Matches

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.search.index import SearchIndex
    from core.search.query import SearchQuery


def _given(index: SearchIndex, query: SearchQuery, skip=None) -> list:
    return [
        (c, query.get(c.name))
        for c in index.criteria
        if c is not skip and query.get(c.name) is not None
    ]


def filtered(index: SearchIndex, query: SearchQuery, skip=None) -> QuerySet:
    rows = index.public()
    if query.among is not None:
        rows = rows.filter(pk__in=query.among)
    # One filter() per criterion: two criteria on one many-valued relation may be met by
    # different related rows, as in the cluster's documents.
    for criterion, value in _given(index, query, skip):
        condition = criterion.where(value)
        if condition is not None:
            rows = rows.filter(condition)
    return rows.distinct().order_by()


def _matching(index: SearchIndex, query: SearchQuery, skip=None) -> tuple[QuerySet, list[int]]:
    """The rows SQL keeps and, in order, the ids every criterion (but `skip`) accepts."""
    given = _given(index, query, skip)
    exacts = [(c, e) for c, v in given if (e := c.exact(v)) is not None]
    sort_paths = [sort.path for sort in index.order_by]
    columns = ["pk", *sort_paths, *(column for _c, e in exacts for column in e.columns)]
    rows = filtered(index, query, skip)
    found = []
    for row in rows.values_list(*columns):
        position = 1 + len(sort_paths)
        ranks = []
        for criterion, exact in exacts:
            width = len(exact.columns)
            measure = exact.measure(row[position : position + width])
            position += width
            if measure is None:
                break
            if criterion.ranks and index.nearest_first:
                ranks.append(measure)
        else:
            found.append((*ranks, *row[1 : 1 + len(sort_paths)], row[0]))
    found.sort()
    return rows, [key[-1] for key in found]


def _facets(index: SearchIndex, query: SearchQuery, rows: QuerySet, ids: list[int]) -> dict:
    """Counts per value of each facet. Disjunctive: a facet's counts ignore that facet's own
    selection (ticking « passerelles » still shows how many places each other objective adds),
    the other criteria apply. Counted in Python over the exact matches: right for rows in the
    bounding box's corners but outside the radius; a fresh queryset, so that a filter's join
    does not narrow the counts."""
    facets = {}
    for criterion in index.facet_criteria():
        facet_rows, facet_ids = rows, ids
        if query.get(criterion.name) is not None:
            facet_rows, facet_ids = _matching(index, query, skip=criterion)
        matched = set(facet_ids)
        pairs = index.model._default_manager.filter(pk__in=facet_rows.values("pk")).values_list(
            "pk", criterion.paths()[0]
        )
        counts = Counter(value for pk, value in pairs if pk in matched and value is not None)
        facets[criterion.field] = dict(sorted(counts.items()))
    return facets


def matches(index: SearchIndex, query: SearchQuery) -> Matches:
    rows, ids = _matching(index, query)
    return Matches(
        count=len(ids),
        ids=ids[query.offset : query.offset + query.page_size],
        facets=_facets(index, query, rows, ids),
    )

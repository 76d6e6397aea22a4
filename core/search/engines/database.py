"""The embedded engine: the ORM on SQLite or PostgreSQL, no extra service.

Each criterion's SQL filter runs in the database (a bounding box on indexed coordinates for
`near`); what SQL cannot say (exact distances, Wagtail's text matches) is then checked in
Python on the few candidates' columns, and they are sorted there.

Facets are disjunctive (a facet's counts ignore that facet's own selection), so the candidates
are read once without the ticked facets: their exact pass (distance, text) is shared by the
results and every facet's counts. Each facet's values come in the same pass, joined into one
column per facet by a subquery on the candidate's row (reading them afterwards by id would bind
one parameter per candidate, thousands of them); the ticked facets are then checked in Python
on those values.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.db.models import DecimalField, F, FloatField, OuterRef, Subquery
from django.db.models.functions import Cast

from core.search.free_text import JoinedText
from core.search.paths import fields_along, keyed_rows
from core.search.results import Matches

if TYPE_CHECKING:
    from core.search.criterion import Criterion
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery


def _given(index: SearchIndex, query: SearchQuery) -> list:
    return [(c, query.get(c.name)) for c in index.criteria if query.get(c.name) is not None]


def _column(model, path: str):
    """A decimal column is read as a float: Django would build a Decimal of each value (a search
    reads thousands of coordinates), which the exact checks then turn into floats."""
    fields = fields_along(model, path)
    decimal = bool(fields) and isinstance(fields[-1], DecimalField)
    return Cast(path, FloatField()) if decimal else F(path)


def _candidates(
    index: SearchIndex,
    given: list,
    among: tuple[int, ...] | None,
    facets: list[Criterion] = (),
) -> tuple[list[tuple], dict[int, list[set]]]:
    """Sort keys ending with the id, in order, of the rows every criterion of `given` accepts
    (SQL filters, then the exact checks on the rows' columns), and each one's values of each of
    `facets`, by id."""
    rows = index.public()
    if among is not None:
        rows = rows.filter(pk__in=among)
    # One filter() per criterion: two criteria on one many-valued relation may be met by
    # different related rows, as in the cluster's documents.
    for criterion, value in given:
        condition = criterion.where(value)
        if condition is not None:
            rows = rows.filter(condition)
    exacts = [(c, e) for c, v in given if (e := c.exact(v)) is not None]
    sort_paths = [sort.path for sort in index.order_by]
    columns = ["pk", *sort_paths, *(column for _c, e in exacts for column in e.columns)]
    found = []
    values = {}
    read = [_column(index.model, column) for column in columns]
    read += [_joined(index, criterion.paths()[0]) for criterion in facets]
    for row in rows.distinct().order_by().values_list(*read):
        position = 1 + len(sort_paths)
        ranks = []
        order = None
        for criterion, exact in exacts:
            width = len(exact.columns)
            measure = exact.measure(row[position : position + width])
            position += width
            if measure is None:
                break
            if criterion.orders:
                order = measure
            elif criterion.ranks and index.nearest_first:
                ranks.append(measure)
        else:
            key = (*ranks, *row[1 : 1 + len(sort_paths)]) if order is None else (order,)
            found.append((*key, row[0]))
            values[row[0]] = [
                set(joined.split()) if joined else set() for joined in row[len(columns) :]
            ]
    found.sort()
    return found, values


def _joined(index: SearchIndex, path: str) -> Subquery:
    """The values at `path` of the row at OuterRef("pk"), joined by spaces (facets are slugs
    and codes, which hold none)."""
    rows, key, value = keyed_rows(index.model, path)
    joined = (
        rows.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(joined=JoinedText(value))
        .values("joined")
    )
    return Subquery(joined)


def matches(index: SearchIndex, query: SearchQuery) -> Matches:
    given = _given(index, query)
    facets = index.facet_criteria()
    ticked = [(c, v) for c, v in given if any(c is f for f in facets)]
    untouched = [(c, v) for c, v in given if (c, v) not in ticked]
    candidates, read = _candidates(index, untouched, query.among, facets)
    ids = [key[-1] for key in candidates]
    values = {
        criterion.field: {pk: read[pk][number] for pk in ids}
        for number, criterion in enumerate(facets)
    }
    # Per ticked facet, the candidates it keeps.
    kept = {
        criterion.field: {pk for pk in ids if criterion.holds(values[criterion.field][pk], value)}
        for criterion, value in ticked
    }
    matched = [pk for pk in ids if all(pk in k for k in kept.values())]
    counts = {}
    for criterion in facets:
        others = [k for field, k in kept.items() if field != criterion.field]
        counts[criterion.field] = dict(
            sorted(
                Counter(
                    value
                    for pk in ids
                    if all(pk in k for k in others)
                    for value in values[criterion.field][pk]
                ).items()
            )
        )
    return Matches(
        count=len(matched),
        ids=matched[query.offset : query.offset + query.page_size],
        facets=counts,
    )


def matching_ids(index: SearchIndex, query: SearchQuery) -> list[int]:
    """The ids of the query's page, without the facets."""
    candidates, _values = _candidates(index, _given(index, query), query.among)
    ids = [key[-1] for key in candidates]
    return ids[query.offset : query.offset + query.page_size]

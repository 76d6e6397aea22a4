"""The embedded engine: the ORM on SQLite or PostgreSQL, no extra service.

Each criterion's SQL filter runs in the database (a bounding box on indexed coordinates for
`near`); what SQL cannot say (exact distances, Wagtail's text matches) is then checked in
Python on the few candidates' columns, and they are sorted there.

Facets are disjunctive (a facet's counts ignore that facet's own selection), so the candidates
are read once without the ticked facets: their exact pass (distance, text) is shared by the
results and every facet's counts, and each facet's values are read once, by candidate id; the
ticked facets are then checked in Python on those values.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from django.db.models import DecimalField, F, FloatField
from django.db.models.functions import Cast

from core.search.paths import fields_along
from core.search.results import Matches

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from core.search.criteria import Criterion
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery

# Ids per `pk IN (…)` query: far below SQLite's bound-parameter limit.
IDS_PER_QUERY = 5000


def _given(index: SearchIndex, query: SearchQuery) -> list:
    return [(c, query.get(c.name)) for c in index.criteria if query.get(c.name) is not None]


def _column(model, path: str):
    """A decimal column is read as a float: Django would build a Decimal of each value (a search
    reads thousands of coordinates), which the exact checks then turn into floats."""
    fields = fields_along(model, path)
    decimal = bool(fields) and isinstance(fields[-1], DecimalField)
    return Cast(path, FloatField()) if decimal else F(path)


def _candidates(index: SearchIndex, given: list, among: tuple[int, ...] | None) -> list[tuple]:
    """Sort keys ending with the id, in order, of the rows every criterion of `given` accepts:
    SQL filters, then the exact checks on the rows' columns."""
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
    read = [_column(index.model, column) for column in columns]
    for row in rows.distinct().order_by().values_list(*read):
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
    return found


def _pairs(index: SearchIndex, path: str, ids: list[int]) -> QuerySet:
    """(id, value at `path`) of the rows `ids`. A path through a many-to-many field is read
    from its table alone: the model's own tables (a page's two) are not needed."""
    head, _, rest = path.partition("__")
    field = index.model._meta.get_field(head)
    if field.many_to_many and rest and not field.auto_created:
        rows = field.remote_field.through._default_manager.all()
        key, value = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}__{rest}"
    else:
        rows, key, value = index.model._default_manager.all(), "pk", path
    # Filtered on the key read as a plain column: Django prepares a thousand ids for a
    # foreign key's IN list (a page's primary key is one) at twice the cost of an integer's.
    return rows.alias(row_id=F(key)).filter(row_id__in=ids).values_list(key, value)


def _values(index: SearchIndex, criterion: Criterion, ids: list[int]) -> dict[int, set]:
    """Each candidate's values of a facet, read by id (a fresh queryset: no filter's join
    narrows them)."""
    values: dict[int, set] = defaultdict(set)
    for start in range(0, len(ids), IDS_PER_QUERY):
        for pk, value in _pairs(index, criterion.paths()[0], ids[start : start + IDS_PER_QUERY]):
            if value is not None:
                values[pk].add(value)
    return values


def matches(index: SearchIndex, query: SearchQuery) -> Matches:
    given = _given(index, query)
    facets = index.facet_criteria()
    ticked = [(c, v) for c, v in given if any(c is f for f in facets)]
    candidates = _candidates(index, [(c, v) for c, v in given if (c, v) not in ticked], query.among)
    ids = [key[-1] for key in candidates]
    values = {criterion.field: _values(index, criterion, ids) for criterion in facets}
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
    ids = [key[-1] for key in _candidates(index, _given(index, query), query.among)]
    return ids[query.offset : query.offset + query.page_size]

"""An index declaration, and the registry of declared indexes.

An app declares what families search in a few lines: the model and which of its rows the public
may find, the criteria, the order, the facets, the changes that update documents, and how a
page of results is read. Everything else (FilterSet, OpenAPI parameters, both engines, mapping,
documents, signal handlers, rebuilds) is derived from that declaration by this package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.dispatch import Signal
from elasticsearch import dsl

from core.search.criterion import Criterion
from core.search.paths import json_value, rows_at, values_at
from core.search.results import Matches

EVENTS = ("publish", "unpublish", "move", "delete")


@dataclass(frozen=True)
class Sort:
    """An ORM path results are ordered by, kept in documents as `sort_<path>`."""

    path: str
    kind: type[dsl.Field] = dsl.Keyword

    @property
    def field(self) -> str:
        return "sort_" + self.path.replace("__", "_")


@dataclass(frozen=True)
class Stored:
    """A document field that is no criterion (a session's `cancelled`, for instance)."""

    name: str
    path: str
    kind: type[dsl.Field] = dsl.Keyword


@dataclass(frozen=True)
class Follows:
    """Documents change when a `model` page is published, unpublished, moved or deleted (or
    only on `events`), or when `signal` is sent with the ids in its `ids` argument; `key` is the
    document field holding that page's id."""

    model: type[Model] | None = None
    key: str = "pk"
    events: tuple[str, ...] = EVENTS
    signal: Signal | None = None
    ids: str = ""


@dataclass(frozen=True, eq=False)
class SearchIndex:
    name: str
    # What the rebuild's progress counts ("lieux").
    unit: str
    model: type[Model]
    # The rows the public may find, for searches and documents alike.
    public: Callable[[], QuerySet]
    criteria: tuple[Criterion, ...]
    # The page of results read from the database, `hits(ids, query)`: the database engine's,
    # and the cluster's when its documents carry no records.
    hits: Callable[[list[int], Any], list]
    order_by: tuple[Sort, ...] = ()
    # Results nearest first when a ranking criterion (`near`) is given.
    nearest_first: bool = False
    # Terms criteria whose counts come with the results, by document field.
    facets: tuple[str, ...] = ()
    stored: tuple[Stored, ...] = ()
    follows: tuple[Follows, ...] = ()
    # What the documents read beyond the public rows' fields, annotated on them (a place's
    # translations' text): never asked by searches.
    annotate: Callable[[QuerySet], QuerySet] | None = None
    # What a page of results shows of each row, by id and content language, built per batch
    # of documents in a fixed number of queries and kept unindexed in the document's `record`
    # (JSON values only): the cluster answers the page with the visitor's language's, and
    # `hits_from_records(records, query)` makes the page of them without asking the database.
    # Public facts only: the cluster holds nothing else.
    records: Callable[[list[int]], dict[int, dict[str, Any]]] | None = None
    hits_from_records: Callable[[list[Any], Any], list] | None = None

    def criterion(self, name: str) -> Criterion:
        return next(c for c in self.criteria if c.name == name)

    def facet_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if getattr(c, "field", None) in self.facets]

    def param_names(self) -> list[str]:
        return [param.name for criterion in self.criteria for param in criterion.params()]

    def keys(self) -> list[str]:
        return sorted({f.key for f in self.follows} - {"pk"})

    def mapping(self) -> dsl.Mapping:
        mapping = dsl.Mapping()
        mapping.meta("dynamic", "strict")
        mapping.field("pk", dsl.Integer())
        for key in self.keys():
            mapping.field(key, dsl.Integer())
        for sort in self.order_by:
            mapping.field(sort.field, sort.kind())
        for stored in self.stored:
            mapping.field(stored.name, stored.kind())
        for criterion in self.criteria:
            for name, kind in criterion.mapping().items():
                mapping.field(name, kind)
        if self.records is not None:
            # Stored in `_source` and never indexed: searches cannot reach it, pages read it.
            mapping.field("record", dsl.Object(enabled=False))
        return mapping

    def index_body(self, shards: int = 1, replicas: int = 0) -> dict:
        index = dsl.Index("unused")
        index.settings(number_of_shards=shards, number_of_replicas=replicas)
        index.mapping(self.mapping())
        return index.to_dict()

    def document_paths(self) -> list[str]:
        """The paths the documents read."""
        return sorted(
            {
                *self.keys(),
                *(sort.path for sort in self.order_by),
                *(stored.path for stored in self.stored),
                *(path for criterion in self.criteria for path in criterion.paths()),
            }
        )

    def page(self, found: Matches, query: Any) -> list:
        """The page of results of an engine's matches: from the records the cluster answered
        with, else read from the database."""
        if found.records is not None and self.hits_from_records is not None:
            return self.hits_from_records(found.records, query)
        return self.hits(found.ids, query)

    def public_ids(self, **lookups) -> list:
        """The ids of the public rows (those `lookups` pick, or all), in order."""
        return list(self.public().filter(**lookups).order_by("pk").values_list("pk", flat=True))

    def documents(self, ids: list) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, document) of the rows `ids` (public ones: `public_ids`), read in a fixed number
        of queries (values, not model instances: `core.search.paths.rows_at`), with their
        `records` where the index has them."""
        records = self.records(ids) if self.records is not None else None
        yield from self.documents_of(
            rows_at(self.model, self.document_paths(), ids, self.annotate), records
        )

    def documents_of(
        self, rows: Iterable[Any], records: dict[Any, Any] | None = None
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """(id, document) of `rows` (`Row`s holding their values at `document_paths`), with
        their `records` by id: the one builder of documents, for the rows a rebuild reads and
        for values made up elsewhere (benchmarks/scale.py's million places)."""
        for row in rows:
            document = self.document(row)
            if records is not None:
                document["record"] = records[row.pk]
            yield str(row.pk), document

    def document(self, obj) -> dict[str, Any]:
        """What the criteria, the order and the stored fields need (the `records` are added
        beside them): public values, so that nothing private need ever reach the cluster."""
        document: dict[str, Any] = {"pk": obj.pk}
        for key in self.keys():
            document[key] = values_at(obj, key)[0]
        for sort in self.order_by:
            document[sort.field] = values_at(obj, sort.path)[0]
        for stored in self.stored:
            document[stored.name] = values_at(obj, stored.path)[0]
        for criterion in self.criteria:
            document.update(criterion.document(obj))
        return {name: json_value(value) for name, value in document.items()}


_registry: dict[str, SearchIndex] = {}


def register(index: SearchIndex) -> SearchIndex:
    """Declared once, at start-up (an app's `ready()`): the rebuild command covers it, and its
    documents follow the pages it names once the core app, listed after the apps, is ready
    (`core.search.signals.follow_registered`)."""
    _registry.setdefault(index.name, index)
    return index


def registered() -> Sequence[SearchIndex]:
    return list(_registry.values())

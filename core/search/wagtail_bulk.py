"""Pages added to Wagtail's search backends in bulk (its database index, and its cluster index
when a cluster is configured): what `manage.py update_index` does for a model, for given pages,
in batches read in a fixed number of queries.

A cluster backend's batch is sent by a second thread while this one fills the database backend
and reads the next batch: the cluster indexes while Python works. Its documents are made from
what the batch already holds (no query: tests/directory/test_wagtail_index.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from django.core.exceptions import FieldDoesNotExist
from modelcluster.fields import ParentalManyToManyField
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.search.backends import get_search_backends
from wagtail.search.index import RelatedFields

from core.overlap import sent_while_next_is_made

BATCH_SIZE = 1000


def parental_related_search_fields(model) -> list[str]:
    """The ParentalManyToManyFields the search index follows, which Wagtail does not prefetch."""
    names = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, RelatedFields):
            continue
        try:
            field = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, ParentalManyToManyField):
            names.append(search_field.field_name)
    return names


def index_pages(
    model,
    page_ids: Iterable[int],
    chunk_size: int = BATCH_SIZE,
    prepare: Callable[[list], None] | None = None,
) -> Iterator[int]:
    """Add the given pages (or rows of any indexed model) to every configured search backend;
    yields how many each batch did. `prepare(pages)` may fetch in bulk what the index reads of
    each."""
    backends = list(get_search_backends())
    clusters = [b for b in backends if isinstance(b, ElasticsearchBaseSearchBackend)]
    databases = [b for b in backends if b not in clusters]
    prefetch = parental_related_search_fields(model)
    ids = sorted(page_ids)

    def batches() -> Iterator[list]:
        for start in range(0, len(ids), chunk_size):
            # Wagtail's indexer leaves ParentalManyToManyFields to one query per page: prefetch.
            pages = list(
                model.get_indexed_objects()
                .prefetch_related(*prefetch)
                .filter(pk__in=ids[start : start + chunk_size])
                .order_by("pk")
            )
            if prepare is not None:
                prepare(pages)
            _add_to(databases, model, pages)
            yield pages

    def send(pages: list) -> int:
        _add_to(clusters, model, pages)
        return len(pages)

    yield from sent_while_next_is_made(batches(), send)


def _add_to(backends, model, pages) -> None:
    for backend in backends:
        backend.add_bulk(model, pages)

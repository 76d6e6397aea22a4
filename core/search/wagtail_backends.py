"""Wagtail's own search (admin, site text) on the cluster, answered by Wagtail's database backend
when the cluster does not answer: an editor's search never fails because the cluster did.

The settings name these classes instead of Wagtail's backends; they share the
family search's circuit breaker (`core.search.breaker`), so a hung cluster is not asked again
for a while by the admin either.
"""

from __future__ import annotations

import logging

from modelsearch.backends import elasticsearch8, opensearch2, opensearch3
from modelsearch.index import class_is_indexed

from core.overlap import IN_FLIGHT
from core.search import breaker
from core.search.database_backend import SearchBackend as DatabaseSearchBackend

logger = logging.getLogger(__name__)


def _cluster_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = []
    try:
        import opensearchpy
    except ImportError:
        pass
    else:
        errors.append(opensearchpy.exceptions.OpenSearchException)
    try:
        import elastic_transport
        import elasticsearch
    except ImportError:
        pass
    else:
        errors.extend([elasticsearch.ApiError, elastic_transport.TransportError])
    return tuple(errors)


CLUSTER_ERRORS = _cluster_errors()


class FallbackResults:
    """Mixed into a cluster backend's results: each evaluation asks the cluster unless the
    breaker is open, and on a cluster error answers the same search from the database."""

    def _database_results(self):
        compiler = self.query_compiler
        database = DatabaseSearchBackend({})
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        run = database.autocomplete if autocomplete else database.search
        results = run(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        results._set_limits(self.start, self.stop)
        return results

    def _either(self, on_cluster, on_database):
        if breaker.may_ask():
            try:
                answer = on_cluster()
            except CLUSTER_ERRORS as error:
                logger.warning(
                    "Search cluster unavailable, Wagtail search answers from the database: %s",
                    type(error).__name__,
                )
                breaker.failed()
            else:
                breaker.succeeded()
                return answer
        return on_database(self._database_results())

    def _do_search(self):
        # The cluster backends' results are a generator (they scroll): read them here, so that
        # a cluster error is raised here.
        return self._either(lambda: list(super(FallbackResults, self)._do_search()), list)

    def _do_count(self):
        return self._either(super()._do_count, lambda results: results.count())

    def facet(self, field_name):
        return self._either(
            lambda: super(FallbackResults, self).facet(field_name),
            lambda results: results.facet(field_name),
        )


class KeywordIndexing:
    """opensearch-py 3 takes only keyword arguments; Wagtail's OpenSearch index passes the
    index and the document positionally when one page is saved (a TypeError, logged and
    swallowed by Wagtail: the page was never updated in the cluster until a rebuild), and
    when it makes, refreshes or deletes its index."""

    def put(self):
        self.es.indices.create(index=self.name, body=self.backend.settings)

    def refresh(self):
        self.es.indices.refresh(index=self.name)

    def delete(self):
        try:
            self.es.indices.delete(index=self.name)
        except self.backend.NotFoundError:
            pass

    def add_item(self, item):
        if not class_is_indexed(item.__class__):
            return
        mapping = self.mapping_class(item.__class__)
        self.es.index(
            index=self.name, body=mapping.get_document(item), id=mapping.get_document_id(item)
        )


class MadeBeforeFirstDocument:
    """The index is made with Wagtail's analysers and each model's mapping before its first
    document. Otherwise, on a cluster where `manage.py update_index` never ran (the deployment
    runs `rebuild_search_index`, and `seed_demo` sends pages in bulk), the node makes it from
    that document, guessing the mappings without analysers: the admin's choosers, which search
    as one types, then find nothing. Asked once per index and model in each process."""

    _ready: set[tuple[str, type]] = set()

    def exists(self):
        # With keywords: Wagtail passes the name positionally, which elasticsearch-py 8 and
        # opensearch-py 3 refuse.
        return self.es.indices.exists(index=self.name)

    def _make_ready(self, model) -> None:
        if (self.name, model) in self._ready:
            return
        if not self.exists():
            try:
                self.put()
            except CLUSTER_ERRORS:
                # Another process made it in between: its mappings are added below all the same.
                if not self.exists():
                    raise
        self.add_model(model)
        self._ready.add((self.name, model))

    def add_item(self, item):
        if class_is_indexed(item.__class__):
            self._make_ready(item.__class__)
        super().add_item(item)

    def add_items(self, model, items):
        if class_is_indexed(model):
            self._make_ready(model)
        super().add_items(model, items)


def _with_fallback(backend_class):
    index_bases = (MadeBeforeFirstDocument, backend_class.index_class)
    if not backend_class.use_new_elasticsearch_api:
        index_bases = (MadeBeforeFirstDocument, KeywordIndexing, backend_class.index_class)
    attributes = {
        "index_class": type(f"Ready{backend_class.index_class.__name__}", index_bases, {})
    }
    results_class = type(
        f"Fallback{backend_class.results_class.__name__}",
        (FallbackResults, backend_class.results_class),
        {},
    )
    if backend_class.client_class.__module__.startswith("opensearchpy"):
        attributes["__init__"] = _with_connections_for_each_send(backend_class.__init__)
    return type(
        f"Fallback{backend_class.__name__}",
        (backend_class,),
        {"results_class": results_class, **attributes},
    )


def _with_connections_for_each_send(init):
    """opensearch-py keeps one connection unless told otherwise, and the demo indexer has
    several bulk requests in flight (core.overlap): one connection each."""

    def __init__(self, params):
        options = params.get("OPTIONS", {})
        init(self, {**params, "OPTIONS": {"pool_maxsize": IN_FLIGHT, **options}})

    return __init__


# Named after the flavour (`RENCONTRES_SEARCH_FLAVOUR`), capitalised: the settings read
# `core.search.wagtail_backends.<Flavour>`.
Opensearch2 = _with_fallback(opensearch2.SearchBackend)
Opensearch3 = _with_fallback(opensearch3.SearchBackend)
Elasticsearch8 = _with_fallback(elasticsearch8.SearchBackend)

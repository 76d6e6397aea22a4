"""A thin transport: the few cluster calls we make, for OpenSearch (opensearch-py) or
Elasticsearch (elasticsearch-py 8.x), chosen by settings.

Both clients take the same request bodies (built with elasticsearch-dsl); only their exception
types and a few keyword names differ, and that is all this module hides.

The configured URL may list several nodes of one cluster, comma-separated: both clients get them
all and send each request to the next; a node that refuses or drops the connection is set aside
for a while and the request goes once to each other node, so one dead node is not a cluster
failure (the breaker, core.search.breaker, opens only when no node answers). A timeout is not
retried: a hung cluster still costs one timeout, not one per node.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings

from core.overlap import IN_FLIGHT

SEARCH_TIMEOUT_SECONDS = 2.0
INDEXING_TIMEOUT_SECONDS = 60.0


class ClusterUnavailable(Exception):
    """The cluster could not answer: down, unreachable, timed out or refused the request."""


@dataclass(frozen=True)
class ClusterSettings:
    # One node's URL or several, comma-separated; credentials may be in them: never shown.
    url: str = field(repr=False)
    flavour: str
    # Every index of the site is read through the alias `<prefix>-<index name>`.
    index_prefix: str
    # A CA bundle (PEM) for a private TLS certificate authority.
    ca_file: str | None = None
    # Each index the site creates: primary shards, and the copies of each a rebuild asks for.
    shards: int = 1
    replicas: int = 0

    @property
    def urls(self) -> list[str]:
        return [url.strip() for url in self.url.split(",") if url.strip()]

    def alias(self, index_name: str) -> str:
        return f"{self.index_prefix}-{index_name}"


def cluster_settings() -> ClusterSettings | None:
    config = settings.SEARCH_CLUSTER
    if not config.get("url"):
        return None
    return ClusterSettings(
        url=config["url"],
        flavour=config["flavour"],
        index_prefix=config["index_prefix"],
        ca_file=config.get("ca_file"),
        shards=config.get("shards", 1),
        replicas=config.get("replicas", 0),
    )


class Transport:
    def __init__(self, config: ClusterSettings):
        self.config = config
        self.opensearch = config.flavour.startswith("opensearch")
        # Two clients: families' searches give up fast (the database answers instead), while
        # indexing and index management may wait for a busy node.
        self.client = self._client(SEARCH_TIMEOUT_SECONDS)
        self.admin = self._client(INDEXING_TIMEOUT_SECONDS)
        if self.opensearch:
            import opensearchpy

            self._errors: tuple[type[BaseException], ...] = (
                opensearchpy.exceptions.OpenSearchException,
            )
        else:
            import elastic_transport
            import elasticsearch

            self._errors = (elasticsearch.ApiError, elastic_transport.TransportError)

    def _client(self, timeout: float):
        urls = self.config.urls
        # A connection error is retried once on each other node; a timeout is not (see above).
        retries = {"max_retries": len(urls) - 1, "retry_on_timeout": False}
        tls = {"ca_certs": self.config.ca_file} if self.config.ca_file else {}
        if self.opensearch:
            import opensearchpy

            # Its connection pool keeps one connection unless told otherwise; a rebuild has
            # several bulk requests in flight (core.overlap), each needing its own.
            return opensearchpy.OpenSearch(
                hosts=urls, timeout=timeout, pool_maxsize=IN_FLIGHT, **retries, **tls
            )
        import elasticsearch

        return elasticsearch.Elasticsearch(urls, request_timeout=timeout, **retries, **tls)

    def _call(self, method, *args, **kwargs) -> Any:
        try:
            return method(*args, **kwargs)
        except self._errors as error:
            raise ClusterUnavailable(f"{type(error).__name__}: {error}") from error

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except self._errors:
            return False

    def search(self, index: str, body: dict) -> dict:
        if self.opensearch:
            return self._call(self.client.search, index=index, body=body)
        return self._call(self.client.search, index=index, **body)

    def create_index(self, name: str, body: dict) -> None:
        if self.opensearch:
            self._call(self.admin.indices.create, index=name, body=body)
        else:
            self._call(self.admin.indices.create, index=name, **body)

    def delete_index(self, name: str) -> None:
        self._call(self.admin.indices.delete, index=name, ignore_unavailable=True)

    def refresh(self, name: str) -> None:
        self._call(self.admin.indices.refresh, index=name)

    def indices_behind(self, alias: str) -> list[str]:
        if not self._call(self.admin.indices.exists_alias, name=alias):
            return []
        return sorted(self._call(self.admin.indices.get_alias, name=alias).keys())

    def indices_matching(self, pattern: str, quick: bool = False) -> list[str]:
        """`quick`: with a search's timeout, not an indexing one."""
        client = self.client if quick else self.admin
        return sorted(self._call(client.indices.get, index=pattern).keys())

    def point_alias(self, alias: str, new_index: str) -> None:
        """Move `alias` to `new_index` in one atomic step: searches never see no index."""
        actions = [
            {"remove": {"index": old, "alias": alias}} for old in self.indices_behind(alias)
        ] + [{"add": {"index": new_index, "alias": alias}}]
        if self.opensearch:
            self._call(self.admin.indices.update_aliases, body={"actions": actions})
        else:
            self._call(self.admin.indices.update_aliases, actions=actions)

    def delete_by_query(self, index: str, query: dict) -> None:
        """Delete the documents matching `query`, visible to searches when it returns."""
        if self.config.flavour.startswith("opensearch"):
            self._call(
                self.client.delete_by_query,
                index=index,
                body={"query": query},
                params={
                    "refresh": "true",
                    "conflicts": "proceed",
                    "request_timeout": INDEXING_TIMEOUT_SECONDS,
                },
            )
        else:
            self._call(
                self.client.options(request_timeout=INDEXING_TIMEOUT_SECONDS).delete_by_query,
                index=index,
                query=query,
                refresh=True,
                conflicts="proceed",
            )

    def put_settings(self, name: str, index_settings: dict) -> None:
        """Change index settings of `name`; a None value restores the node's default."""
        settings = {"index": index_settings}
        if self.opensearch:
            self._call(self.admin.indices.put_settings, index=name, body=settings)
        else:
            self._call(self.admin.indices.put_settings, index=name, settings=settings)

    def set_replicas(self, name: str, replicas: int) -> None:
        settings = {"index": {"number_of_replicas": replicas}}
        if self.opensearch:
            self._call(self.admin.indices.put_settings, index=name, body=settings)
        else:
            self._call(self.admin.indices.put_settings, index=name, settings=settings)

    def index_health(self, name: str) -> dict:
        """The cluster's health for one index, as it is now (no waiting: a wait that runs out
        is an error status on both engines)."""
        return dict(self._call(self.admin.cluster.health, index=name))

    def stream(self, name: str, documents: Iterable[tuple[str, dict]], chunk_size: int) -> int:
        """Index `(id, document)` pairs into `name`, in bulk requests of `chunk_size` documents
        written as one NDJSON text each; how many. The node answers each with its errors alone
        (`filter_path`): reading back a thousand "created" items was a tenth of a rebuild."""
        done = 0
        chunk: list[str] = []
        for key, document in documents:
            chunk.append(_action(name, key))
            chunk.append(_dumps(document))
            if len(chunk) == 2 * chunk_size:
                done += self._index_lines(chunk)
                chunk = []
        if chunk:
            done += self._index_lines(chunk)
        return done

    def _index_lines(self, lines: list[str]) -> int:
        body = "\n".join(lines) + "\n"
        filters = "errors,items.*.error"
        if self.opensearch:
            response = self._call(self.admin.bulk, body=body, params={"filter_path": filters})
        else:
            response = self._call(self.admin.bulk, operations=body, filter_path=filters)
        if response.get("errors"):
            failed = [
                result
                for item in response.get("items", ())
                for result in item.values()
                if "error" in result
            ]
            raise ClusterUnavailable(
                f"bulk request refused {len(failed)} documents, first: "
                f"{failed[0] if failed else response}"
            )
        return len(lines) // 2

    def bulk(self, operations: list[dict], refresh: bool = False) -> dict:
        if not operations:
            return {"errors": False, "items": []}
        kwargs = {"refresh": "true" if refresh else "false"}
        if self.opensearch:
            response = self._call(self.admin.bulk, body=operations, params=kwargs)
        else:
            response = self._call(self.admin.bulk, operations=operations, **kwargs)
        if response.get("errors"):
            failed = [
                item
                for item in response["items"]
                for result in item.values()
                if result.get("status", 200) >= 300 and result.get("status") != 404
            ]
            if failed:
                raise ClusterUnavailable(f"bulk request refused {len(failed)} operations")
        return response


def _action(name: str, key: str) -> str:
    return _dumps({"index": {"_index": name, "_id": key}})


def _dumps(value: Any) -> str:
    """JSON as the clients write it (not ASCII-escaped, no spaces)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@cache
def _transport_for(config: ClusterSettings) -> Transport:
    return Transport(config)


def get_transport() -> Transport | None:
    """The transport for the configured cluster, or None when search runs on the database."""
    config = cluster_settings()
    return None if config is None else _transport_for(config)

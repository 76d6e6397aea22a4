"""Several node URLs for one cluster: a dead node among them is not a cluster failure. The live
node is the suite's real one; the dead one is a loopback port nobody listens on."""

import socket
from dataclasses import replace

import pytest

from core.search import breaker
from core.search.indexing import rebuild
from core.search.query import SearchQuery
from core.search.service import search
from core.search.transport import ClusterSettings, ClusterUnavailable, Transport, get_transport
from directory.search.index import PLACES
from tests.search_world import (
    delete_indices,
    publish_the_owls_cabin,
    throwaway_cluster_settings,
    use_cluster,
)


def dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def live_cluster():
    config = throwaway_cluster_settings()
    yield config
    delete_indices(config)


def dead_nodes_set_aside(transport: Transport) -> int:
    """How many nodes the client set aside after a connection error (each client keeps its own
    pool: opensearch-py's `dead` queue, elastic-transport's dead nodes)."""
    count = 0
    for client in (transport.client, transport.admin):
        pool = getattr(client.transport, "connection_pool", None)
        if pool is not None:
            count += pool.dead.qsize()
        else:
            count += len(client.transport.node_pool._dead_nodes)
    return count


def test_the_urls_are_read_from_commas_and_never_shown():
    config = ClusterSettings(
        url=" https://search:s3cret@a.example.org:9200 ,https://search:s3cret@b.example.org:9200,",
        flavour="opensearch3",
        index_prefix="rencontres",
    )
    assert config.urls == [
        "https://search:s3cret@a.example.org:9200",
        "https://search:s3cret@b.example.org:9200",
    ]
    assert "s3cret" not in repr(config)


def test_a_dead_node_among_the_urls_costs_no_search_no_update_and_no_rebuild(
    world, db, live_cluster, settings, client, commune_liege, django_capture_on_commit_callbacks
):
    config = replace(live_cluster, url=f"{dead_url()},{live_cluster.url}")
    use_cluster(settings, config)
    transport = Transport(config)

    progress = list(rebuild(transport, PLACES))
    assert progress[-1].done == progress[-1].total > 0

    # Round robin over two nodes: two searches through each client reach the dead one at least
    # once; the request then goes to the other node.
    engines = [
        client.get("/api/v1/places/", {"near": "4000"}).json()["engine"] for _search in range(4)
    ]
    assert engines == ["cluster"] * 4

    # A publication reaches the index through the same nodes (core.search.signals).
    with django_capture_on_commit_callbacks(execute=True):
        publish_the_owls_cabin(commune_liege)
    body = client.get("/api/v1/places/", {"q": "hiboux"}).json()
    assert (body["engine"], [r["name"] for r in body["results"]]) == (
        "cluster",
        ["La Cabane aux Hiboux"],
    )

    assert not breaker.is_open()
    assert dead_nodes_set_aside(transport) + dead_nodes_set_aside(get_transport()) >= 1


def test_when_no_node_answers_the_breaker_opens_and_the_database_answers(world, settings, db):
    config = replace(throwaway_cluster_settings(), url=f"{dead_url()},{dead_url()}")
    use_cluster(settings, config)
    with pytest.raises(ClusterUnavailable):
        Transport(config).search("anything", {"query": {"match_all": {}}})
    result = search(PLACES, SearchQuery.of(page_size=100))
    assert result.engine == "database"
    assert breaker.is_open()

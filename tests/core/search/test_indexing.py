"""A rebuild's bulk requests (core.search.transport.stream) and the node's settings while an
index fills (core.search.indexing.FILLING): a refused document is an error that says why, and
the filling settings do not outlive the rebuild."""

import pytest

from core.search.indexing import FILLING, rebuild
from core.search.transport import ClusterUnavailable, Transport
from directory.search.index import PLACES
from tests.search_world import delete_indices, throwaway_cluster_settings


@pytest.fixture
def transport():
    config = throwaway_cluster_settings()
    yield Transport(config)
    delete_indices(config)


def test_a_document_the_node_refuses_stops_the_stream_with_its_reason(transport):
    name = f"{transport.config.index_prefix}-strict"
    transport.create_index(
        name, {"mappings": {"dynamic": "strict", "properties": {"pk": {"type": "integer"}}}}
    )
    assert transport.stream(name, [("1", {"pk": 1}), ("2", {"pk": 2})], chunk_size=1) == 2
    with pytest.raises(ClusterUnavailable, match="strict_dynamic_mapping_exception"):
        transport.stream(name, [("3", {"pk": 3, "unknown": "x"})], chunk_size=10)


def test_the_settings_of_a_fill_are_the_node_s_defaults_again_once_it_is_full(transport, db):
    for _progress in rebuild(transport, PLACES):
        pass
    [name] = transport.indices_behind(transport.config.alias(PLACES.name))
    kept = transport.admin.indices.get_settings(index=name, flat_settings=True)[name]["settings"]
    assert not {f"index.{setting}" for setting in FILLING} & set(kept)
    assert kept["index.number_of_replicas"] == "0"

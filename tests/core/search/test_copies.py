"""A rebuild fills its new index without replicas, then asks for the configured ones and waits
only for the copies the cluster's nodes can hold: on one node it never hangs (real node)."""

from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from core.search.copies import add_replicas
from core.search.index import registered
from core.search.indexing import rebuild
from core.search.transport import Transport
from directory.search.index import PLACES
from tests.search_world import delete_indices, throwaway_cluster_settings, use_cluster


@pytest.fixture
def cluster():
    config = replace(throwaway_cluster_settings(), replicas=1)
    yield config
    delete_indices(config)


def live_settings(transport: Transport, alias: str) -> dict:
    (live,) = transport.indices_behind(alias)
    return transport.admin.indices.get_settings(index=live)[live]["settings"]["index"]


def test_a_rebuild_with_one_replica_finishes_and_the_live_index_has_it(world, db, cluster):
    transport = Transport(cluster)
    data_nodes = transport.index_health("_all")["number_of_data_nodes"]

    progress = list(rebuild(transport, PLACES))

    assert progress[-1].done == progress[-1].total > 0
    index = live_settings(transport, cluster.alias(PLACES.name))
    assert (index["number_of_replicas"], index["number_of_shards"]) == ("1", "1")
    if data_nodes == 1:
        assert "0 possible on 1 data node" in progress[-1].note
    else:
        assert progress[-1].note.endswith("1 replica(s) of 1 shard(s) active.")


def test_no_replica_asked_is_no_wait_and_no_note(world, db, cluster):
    transport = Transport(cluster)
    transport.create_index(f"{cluster.index_prefix}-bare", PLACES.index_body())
    assert add_replicas(transport, f"{cluster.index_prefix}-bare", shards=1, replicas=0) == ""


def test_the_command_takes_shards_and_replicas_from_the_settings(world, db, cluster, settings):
    use_cluster(settings, replace(cluster, shards=2, replicas=1))
    call_command("rebuild_search_index", no_progress=True)
    transport = Transport(cluster)
    for index in registered():
        settings_of_live = live_settings(transport, cluster.alias(index.name))
        assert (settings_of_live["number_of_shards"], settings_of_live["number_of_replicas"]) == (
            "2",
            "1",
        )


@pytest.mark.parametrize(("option", "value"), [("--replicas", "-1"), ("--shards", "0")])
def test_the_command_refuses_impossible_counts_naming_the_option(option, value):
    with pytest.raises(CommandError, match=f"argument {option}: a whole number from"):
        call_command("rebuild_search_index", option, value)

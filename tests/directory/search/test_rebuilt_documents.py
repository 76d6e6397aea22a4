"""A rebuild (core.search.indexing.rebuild: batches from values, its own bulk requests) writes
each place's document exactly as the page-update path (`reindex`, after a publication) writes
it: a rebuild made faster must not make the cluster answer differently until the next edit."""

from core.search.indexing import rebuild, reindex
from core.search.transport import Transport
from directory.search.index import PLACES

CHOSEN = ("passage", "nid", "consultation", "arc_en_ciel")


def stored(transport: Transport, ids: list[int]) -> dict[str, tuple[int, dict]]:
    """Each document's sequence number (which write it is) and source, by id."""
    alias = transport.config.alias(PLACES.name)
    transport.refresh(alias)
    body = {
        "query": {"ids": {"values": [str(pk) for pk in ids]}},
        "size": len(ids),
        "seq_no_primary_term": True,
    }
    hits = transport.search(alias, body)["hits"]["hits"]
    return {hit["_id"]: (hit["_seq_no"], hit["_source"]) for hit in hits}


def test_a_rebuild_writes_the_documents_a_page_update_writes(world, db, cluster_config):
    transport = Transport(cluster_config)
    for _progress in rebuild(transport, PLACES):
        pass
    ids = [world[name].pk for name in CHOSEN]
    rebuilt = stored(transport, ids)
    assert sorted(rebuilt) == sorted(str(pk) for pk in ids)

    reindex(transport, PLACES, "pk", ids)
    updated = stored(transport, ids)

    for pk, (seq_no, source) in rebuilt.items():
        # Written again by the update, not left as the rebuild wrote it: the comparison below
        # compares two writes.
        assert updated[pk][0] > seq_no
        assert updated[pk][1] == source
    assert rebuilt[str(world["passage"].pk)][1]["record"]["fr"]["place"]["discreet"] is True

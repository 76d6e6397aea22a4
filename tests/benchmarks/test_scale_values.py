"""benchmarks/scale_values.py: the made-up places' documents are the index declarations' own
(a real node's strict mapping takes them all), and a discreet one's say no more of where it is
than its commune."""

import json

import pytest

from activities.search.index import SESSIONS
from benchmarks.scale_values import place, place_documents, session_documents
from core.search.transport import Transport
from directory.search.documents import languages
from directory.search.index import PLACES

STREET = "rue de la Station"


@pytest.fixture(scope="module")
def places():
    """A few places, the first discreet ones among them (one in seven espaces de rencontre)."""
    discreet = [pk for pk in range(1, 300) if place(pk).values["is_discreet"][0]][:2]
    return [place(pk) for pk in (1, 2, 3, *discreet)]


def indexed(transport: Transport, name: str, index, documents) -> int:
    """The documents written into a new index of `index`'s mapping; how many it holds."""
    transport.create_index(name, index.index_body())
    operations = []
    for key, document in documents:
        operations += [{"index": {"_index": name, "_id": key}}, document]
    # A field the mapping does not know, or a value of the wrong kind, is refused here.
    transport.bulk(operations, refresh=True)
    return transport.search(name, {"size": 0, "track_total_hits": True})["hits"]["total"]["value"]


def test_a_strict_mapping_takes_every_made_up_document(cluster_config, places):
    transport = Transport(cluster_config)
    documents = place_documents(PLACES, places)
    sessions = session_documents(SESSIONS, places)
    assert len(sessions) == 2 * len(places)
    prefix = cluster_config.index_prefix
    assert indexed(transport, f"{prefix}-places-1", PLACES, documents) == len(places)
    assert indexed(transport, f"{prefix}-occurrences-1", SESSIONS, sessions) == len(sessions)


def test_a_discreet_place_keeps_its_street_and_point_to_itself(places):
    by_id = {int(key): document for key, document in place_documents(PLACES, places)}
    discreet = [p for p in places if p.values["is_discreet"][0]]
    assert discreet, "no discreet place among the fixture's: the test would prove nothing"
    for made_up in discreet:
        document = by_id[made_up.id]
        commune = {
            "lat": float(made_up.values["commune__latitude"][0]),
            "lon": float(made_up.values["commune__longitude"][0]),
        }
        assert document["location"] == commune
        for language in languages():
            record = document["record"][language]["place"]
            assert record["street_address"] is record["postcode"] is record["email"] is None
            assert record["location"]["approximate"] is True
            assert (record["location"]["latitude"], record["location"]["longitude"]) == (
                commune["lat"],
                commune["lon"],
            )
        stored = json.dumps(document)
        assert STREET not in stored
        assert str(made_up.values["latitude"][0]) not in stored
        for _key, session in session_documents(SESSIONS, [made_up]):
            assert session["location"] == commune
    # The same builder shows an open place's street: the assertions above can fail.
    open_place = next(p for p in places if not p.values["is_discreet"][0])
    assert STREET in by_id[open_place.id]["record"]["fr"]["place"]["street_address"]

"""The cluster answers a page of places from its documents (directory.search.documents): no
database query for the page, no private fact in a document, and a place's document follows its
sessions, so that its next session is the database engine's."""

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from core.search.query import filterset_for
from core.search.service import search
from core.search.transport import Transport
from directory.freshness import mark_verified
from directory.search.index import PLACES
from objectives.models import Objective
from tests.factories import ActivityPageFactory, publish
from tests.search_world import SECRET_POINT, use_cluster, use_database

QUERIES = [
    {},
    {"near": "4000"},
    {"near": "4000", "radius_km": "200", "page_size": "3", "page": "2"},
    {"objective": ["passerelles", "integration-culturelle"]},
    {"q": "parents quartier", "near": "4000"},
]


def validated(params: dict):
    # The gazetteer's look-ups of `near` belong to validation, counted apart from the page.
    filterset = filterset_for(PLACES)(QueryDict(urlencode(params, doseq=True)))
    assert filterset.is_valid(), filterset.errors
    return filterset.to_query()


@pytest.mark.parametrize("params", QUERIES, ids=lambda params: urlencode(params, doseq=True))
def test_a_page_of_cluster_hits_asks_the_database_nothing(
    world, db, settings, cluster_config, indexed_world, django_assert_num_queries, params
):
    """Counted: the engine's search, its facets and the page's hits with their records and next
    sessions (`core.search.service.search`); not the validation of the query."""
    query = validated(params)
    use_cluster(settings, cluster_config)
    with django_assert_num_queries(0):
        result = search(PLACES, query)
    assert result.engine == "cluster"
    assert result.hits, "a page of no hit proves nothing"
    use_database(settings)
    # The same page from the database engine does ask it: the count above can fail.
    with CaptureQueriesContext(connection) as counted:
        assert search(PLACES, query).hits == result.hits
    assert counted.captured_queries


def test_documents_and_their_records_take_as_many_queries_for_one_place_as_for_all(world, db):
    ids = PLACES.public_ids()
    # The sites' root paths, kept in the cache after the first batch.
    list(PLACES.documents(ids[:1]))
    with CaptureQueriesContext(connection) as one:
        list(PLACES.documents(ids[:1]))
    with CaptureQueriesContext(connection) as every:
        list(PLACES.documents(ids))
    assert len(ids) > 5
    assert len(one.captured_queries) == len(every.captured_queries)


def document(cluster_config, place) -> dict:
    transport = Transport(cluster_config)
    body = {"query": {"ids": {"values": [str(place.pk)]}}}
    [hit] = transport.search(transport.config.alias(PLACES.name), body)["hits"]["hits"]
    return hit["_source"]


def test_a_discreet_place_s_document_holds_no_address_and_no_point_of_its_own(
    world, db, cluster_config, indexed_world
):
    stored = document(cluster_config, world["passage"])
    text = json.dumps(stored)
    assert "Cachée" not in text
    for coordinate in SECRET_POINT:
        assert str(float(coordinate)) not in text
    for language in ("fr", "nl", "en"):
        record = stored["record"][language]["place"]
        assert (record["street_address"], record["postcode"], record["email"]) == (None,) * 3
        assert record["public_transport"] is None
        assert record["location"]["approximate"]
        assert (record["location"]["latitude"], record["location"]["longitude"]) == (
            50.6326,
            5.5797,
        )


def next_activity(client, place) -> dict | None:
    body = client.get("/api/v1/places/", {"near": "4000", "page_size": "50"}).json()
    [found] = [r for r in body["results"] if r["id"] == place.pk]
    return body["engine"], found["next_activity"]


def test_a_session_change_updates_the_place_document_s_next_session(
    client,
    world,
    db,
    settings,
    cluster_config,
    indexed_world,
    django_capture_on_commit_callbacks,
):
    place = world["nid"]
    use_cluster(settings, cluster_config)
    assert next_activity(client, place) == ("cluster", None)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        activity = publish(
            ActivityPageFactory(parent=place, title="Bricolage", start_date=tomorrow)
        )
    first, second = Occurrence.objects.filter(activity=activity).order_by("start")[:2]
    _engine, shown = next_activity(client, place)
    assert (shown["id"], shown["title"]) == (first.pk, "Bricolage")
    assert shown["start"] == first.local_start.isoformat()
    use_database(settings)
    assert next_activity(client, place) == ("database", shown)

    use_cluster(settings, cluster_config)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(first, "Animatrice malade")
    _engine, shown = next_activity(client, place)
    assert shown["id"] == second.pk
    use_database(settings)
    assert next_activity(client, place) == ("database", shown)


def records(params: dict, language: str) -> tuple[str, list]:
    with translation.override(language):
        result = search(PLACES, validated(params))
    return result.engine, [hit.record for hit in result.hits]


def test_a_renamed_term_and_a_confirmed_listing_reach_the_documents(
    world, db, settings, cluster_config, indexed_world, django_capture_on_commit_callbacks
):
    """Run after the others: the cluster keeps what this test changes, the database does not."""
    use_cluster(settings, cluster_config)
    passerelles = Objective.objects.get(slug="passerelles")
    passerelles.name_nl = "Bruggen naar school"
    with django_capture_on_commit_callbacks(execute=True):
        passerelles.save()
        verified = mark_verified(world["nid"].pk)
    engine, found = records({"objective": "passerelles"}, "nl")
    assert engine == "cluster"
    names = {term.name for record in found for term in record.objectives}
    assert "Bruggen naar school" in names
    [nid] = [record for record in found if record.id == world["nid"].pk]
    assert nid.verified_on == verified
    use_database(settings)
    assert records({"objective": "passerelles"}, "nl") == ("database", found)

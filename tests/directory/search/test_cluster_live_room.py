"""The live room in the cluster: a tap rewrites the place's documents (`place_records_changed`),
so that a page of cluster hits shows it without a database query, as the database engine does;
after the session's end the same documents, unchanged, show nothing."""

from datetime import timedelta
from urllib.parse import urlencode

import time_machine
from django.http import QueryDict
from django.utils import timezone

from activities.live_room import report
from core.search.query import filterset_for
from core.search.service import search
from directory.live_room import RoomState
from directory.search.index import PLACES
from tests.factories import ActivityPageFactory, session_of
from tests.search_world import use_cluster, use_database

PARAMS = {"near": "4000", "page_size": "50"}


def validated(params: dict):
    filterset = filterset_for(PLACES)(QueryDict(urlencode(params, doseq=True)))
    assert filterset.is_valid(), filterset.errors
    return filterset.to_query()


def room_of(place_id: int, query):
    result = search(PLACES, query)
    [record] = [hit.record for hit in result.hits if hit.id == place_id]
    return result.engine, record


def test_a_tap_reaches_the_documents_and_the_session_s_end_drops_it(
    world,
    db,
    settings,
    cluster_config,
    indexed_world,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    place = world["nid"]
    activity = ActivityPageFactory(parent=place, title="Accueil libre")
    session = session_of(activity, timezone.now() - timedelta(minutes=30), minutes=60)
    use_cluster(settings, cluster_config)
    with django_capture_on_commit_callbacks(execute=True):
        report(session, RoomState.ALMOST_FULL, 4)
    query = validated(PARAMS)
    with django_assert_num_queries(0):
        result = search(PLACES, query)
    assert result.engine == "cluster"
    [record] = [hit.record for hit in result.hits if hit.id == place.pk]
    assert (record.live_room.state, record.live_room.places_left) == ("almost_full", 4)
    use_database(settings)
    assert room_of(place.pk, query) == ("database", record)

    use_cluster(settings, cluster_config)
    with time_machine.travel(session.end + timedelta(seconds=1), tick=False):
        with django_assert_num_queries(0):
            engine, after = room_of(place.pk, query)
        assert engine == "cluster"
        assert (after.live_room, after.live_rooms) == (None, ())
        use_database(settings)
        assert room_of(place.pk, query) == ("database", after)

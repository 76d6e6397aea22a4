"""What only the cluster engine does for sessions: index updates as activities, sessions and
places change; the rebuild command; answering from the database when the cluster is gone."""

import logging
from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.management import call_command

from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from core.search.transport import ClusterSettings, Transport
from directory.models import PlacePage
from tests.activities.search.conftest import NOW
from tests.factories import ActivityPageFactory, publish
from tests.search_world import use_cluster

WEEK = {"from": "2027-03-01", "to": "2027-03-07"}


@pytest.fixture
def on_cluster(activity_world, db, settings, cluster_config, indexed_world):
    use_cluster(settings, cluster_config)
    return Transport(cluster_config)


def titles(client, **params):
    body = client.get("/api/v1/activities/", {**WEEK, **params}).json()
    assert body["engine"] == "cluster"
    return [r["activity"]["title"] for r in body["results"]]


def indexed_ids(transport, activity) -> set[int]:
    response = transport.search(
        transport.config.alias("occurrences"),
        {"query": {"term": {"activity_id": activity.pk}}, "size": 100, "_source": False},
    )
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def test_publish_edit_unpublish_and_delete_update_the_index(
    client, on_cluster, django_capture_on_commit_callbacks
):
    nid = PlacePage.objects.get(title="Le Nid")
    with django_capture_on_commit_callbacks(execute=True):
        activity = publish(
            ActivityPageFactory(
                parent=nid, title="Éveil musical", start_date=date(2027, 3, 2), weekdays="1"
            )
        )
    assert "Éveil musical" in titles(client, q="musical")
    assert indexed_ids(on_cluster, activity) == set(
        activity.occurrences.values_list("pk", flat=True)
    )

    with django_capture_on_commit_callbacks(execute=True):
        activity.weekdays = "2"
        activity.start_date = date(2027, 3, 3)
        publish(activity)
    starts = [
        r["start"][:10]
        for r in client.get("/api/v1/activities/", {**WEEK, "q": "musical"}).json()["results"]
    ]
    assert starts == ["2027-03-03"]

    with django_capture_on_commit_callbacks(execute=True):
        activity.unpublish()
    assert titles(client, q="musical") == []

    with django_capture_on_commit_callbacks(execute=True):
        publish(activity)
    assert titles(client, q="musical") == ["Éveil musical"]

    with django_capture_on_commit_callbacks(execute=True):
        activity.delete()
    assert titles(client, q="musical") == []
    assert indexed_ids(on_cluster, activity) == set()


def test_a_cancellation_reaches_the_index(client, on_cluster, django_capture_on_commit_callbacks):
    occurrence = Occurrence.objects.get(activity__title="Café des parents", date=date(2027, 3, 4))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(occurrence, "Salle inondée")
    document = on_cluster.search(
        on_cluster.config.alias("occurrences"), {"query": {"ids": {"values": [str(occurrence.pk)]}}}
    )["hits"]["hits"][0]["_source"]
    assert document["cancelled"] is True
    result = next(
        r
        for r in client.get("/api/v1/activities/", WEEK).json()["results"]
        if r["id"] == occurrence.pk
    )
    assert (result["status"], result["cancellation_reason"]) == ("cancelled", "Salle inondée")


def test_an_unpublished_place_takes_its_sessions_away(
    client, on_cluster, django_capture_on_commit_callbacks
):
    bulle = PlacePage.objects.get(title="Bulle d'Air")
    assert "Yoga bébé" in titles(client)
    with django_capture_on_commit_callbacks(execute=True):
        bulle.unpublish()
    assert "Yoga bébé" not in titles(client)
    with django_capture_on_commit_callbacks(execute=True):
        publish(bulle)
    assert "Yoga bébé" in titles(client)


def test_rebuild_command_rebuilds_both_indexes(on_cluster, capsys):
    # New indexes are named after the time: a minute later than the world's.
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        call_command("rebuild_search_index", "--no-progress")
    out = capsys.readouterr().out
    assert "8 lieux indexés" in out
    count = Occurrence.objects.filter(place__live=True, activity__live=True).count()
    assert f"{count} séances indexés dans {on_cluster.config.alias('occurrences')}" in out


def test_cluster_down_answers_from_the_database(client, settings, activity_world, db, caplog):
    use_cluster(
        settings,
        ClusterSettings(url="http://127.0.0.1:9", flavour="opensearch2", index_prefix="x"),
    )
    with caplog.at_level(logging.WARNING, logger="core.search.service"):
        body = client.get("/api/v1/activities/", {**WEEK, "near": "4000"}).json()
    assert body["engine"] == "database"
    assert body["count"] == 5
    assert "Search cluster unavailable" in caplog.text
    assert "4000" not in caplog.text
    assert time(9, 30).isoformat() in body["results"][0]["start"]

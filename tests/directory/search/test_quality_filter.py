"""`quality_min` on the places' lists (directory.quality, docs/quality.md): one declaration of
the criteria table, the same answers on both engines, the score in every result, a 400 naming
the parameter, and a score that stays true in the cluster when the place changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.search.indexing import rebuild
from core.search.transport import Transport
from directory.freshness import mark_verified
from directory.models import PlacePage
from directory.quality import graded, refresh_all
from directory.search.criteria import public_places
from directory.search.index import PLACES, place_records_changed
from tests.search_world import use_cluster

LONG = "<p>" + "Un lieu où parents et petits jouent ensemble, sans rendez-vous. " * 5 + "</p>"
URLS = ("/api/v1/places/", "/api/v1/places.geojson")


@pytest.fixture(scope="module")
def scored_world(world, django_db_blocker):
    """The world's scores, as the nightly command stores them (its pages were made by
    factories: no publication refreshed them), two places given a phone and one a description
    long enough."""
    with django_db_blocker.unblock():
        PlacePage.objects.filter(pk__in=[world["nid"].pk, world["bulle"].pk]).update(
            phone="04 222 33 44"
        )
        PlacePage.objects.filter(pk=world["nid"].pk).update(description=LONG)
        for _progress in refresh_all():
            pass
    return world


@pytest.fixture(scope="module")
def indexed_world(scored_world, cluster_config, django_db_blocker):
    with django_db_blocker.unblock():
        for _progress in rebuild(Transport(cluster_config), PLACES):
            pass
    return scored_world


def true_scores() -> dict[str, int]:
    """Each public place's score as its record says it now, by name."""
    ids = public_places().values_list("pk", flat=True)
    return {record.name: quality.score for record, quality in graded(ids)}


def found(client, engine, **params) -> dict[str, int]:
    response = client.get("/api/v1/places/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine"] == engine
    return {result["name"]: result["quality_score"] for result in body["results"]}


def test_the_world_has_scores_on_both_sides_of_the_threshold(scored_world, db):
    scores = true_scores()
    assert min(scores.values()) < 60 <= max(scores.values()), scores


@pytest.mark.parametrize("minimum", [0, 36, 55, 60, 61, 80, 100])
def test_quality_min_keeps_the_places_scoring_at_least_it(scored_world, client, engine, minimum):
    scores = true_scores()
    expected = {name: score for name, score in scores.items() if score >= minimum}
    assert found(client, engine, quality_min=str(minimum)) == expected


def test_quality_min_combines_with_near(scored_world, client, engine):
    near = found(client, engine, near="4000")
    kept = found(client, engine, near="4000", quality_min="60")
    assert kept == {name: score for name, score in near.items() if score >= 60}


@pytest.mark.parametrize("value", ["101", "-1", "70.5", "haut", "1e2"])
def test_a_bad_quality_min_answers_400_naming_it(client, db, value):
    for url in URLS:
        response = client.get(url, {"quality_min": value})
        assert response.status_code == 400, (url, response.content)
        assert list(response.json()["errors"]) == ["quality_min"]


def test_quality_min_and_the_score_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/schema/").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/places/"]["get"]["parameters"]}
    assert parameters["quality_min"]["schema"]["maximum"] == 100
    assert parameters["quality_min"]["schema"]["minimum"] == 0
    assert "quality_score" in schema["components"]["schemas"]["PlaceOut"]["properties"]
    assert "quality_score" in schema["components"]["schemas"]["PlaceDetailOut"]["properties"]


def test_the_detail_gives_the_score(scored_world, client, db):
    place = PlacePage.objects.get(pk=scored_world["nid"].pk)
    body = client.get(f"/api/v1/places/{place.pk}/").json()
    assert body["quality_score"] == place.quality_score > 0


def test_the_cluster_follows_a_verification(
    scored_world,
    indexed_world,
    client,
    db,
    settings,
    cluster_config,
    django_capture_on_commit_callbacks,
):
    use_cluster(settings, cluster_config)
    nid = scored_world["nid"]
    kept = PlacePage.objects.values("verified_at", "last_published_at").get(pk=nid.pk)
    before = found(client, "cluster", q="Nid")["Le Nid"]
    old = timezone.now() - timedelta(days=3 * 365)
    PlacePage.objects.filter(pk=nid.pk).update(verified_at=old, last_published_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        for _progress in refresh_all():
            pass
    aged = found(client, "cluster", q="Nid")["Le Nid"]
    assert aged == true_scores()["Le Nid"]
    assert "Le Nid" not in found(client, "cluster", quality_min=str(aged + 1))
    with django_capture_on_commit_callbacks(execute=True):
        mark_verified(nid.pk)
    verified = found(client, "cluster", q="Nid")["Le Nid"]
    assert verified == true_scores()["Le Nid"] == aged + 15
    assert "Le Nid" in found(client, "cluster", quality_min=str(aged + 15))
    # The cluster outlives this test's transaction: its document goes back with the row.
    PlacePage.objects.filter(pk=nid.pk).update(**kept)
    with django_capture_on_commit_callbacks(execute=True):
        place_records_changed.send(sender=PlacePage, place_ids=[nid.pk])
    assert found(client, "cluster", q="Nid")["Le Nid"] == before

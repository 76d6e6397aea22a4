"""How meetings go, as filters, on both engines with the same answers: `accompaniment`, `court`,
`weekend`, `waiting_at_most` (old declarations do not count), `accessibility` (a welcome adapted
to a disabled child or parent), and `near` naming a court (its
places at any distance, nearest it first). The facts survive the cluster's documents."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from core.search.indexing import rebuild
from core.search.transport import Transport
from directory.models import AccessibilityFeature, Accompaniment, RequiredDocument
from directory.records import place_records
from directory.search.documents import record_document, record_from_document
from directory.search.index import PLACES
from gazetteer.courts import load_courts
from gazetteer.models import Commune, Court
from tests.search_world import use_cluster, use_database


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture(scope="module")
def meetings_world(world, django_db_blocker):
    """Le Passage (Liège, open Saturday): handed over and on site, 4 weeks declared 10 days ago,
    referred by Liège's court, as Les Petits Bouts (Namur, 55 km away) is. Maison Arc-en-ciel
    (Lille): 12 weeks declared 5 months ago (old), referred by Lille's. Bulle d'Air: 6 weeks,
    declared today."""
    with django_db_blocker.unblock():
        load_courts(Court, Commune)
        passage, arc, bouts, bulle = (
            world[key] for key in ("passage", "arc_en_ciel", "petits_bouts", "bulle")
        )
        passage.accompaniments.set(
            Accompaniment.objects.filter(slug__in=["rencontres-sur-place", "passages-de-bras"])
        )
        passage.accessibility.set(AccessibilityFeature.objects.filter(slug="handicap-enfant"))
        arc.accompaniments.set(Accompaniment.objects.filter(slug="rencontres-sur-place"))
        arc.required_documents.set(RequiredDocument.objects.filter(slug="decision-du-juge"))
        for place, weeks, declared, court in (
            (passage, 4, days_ago(10), "tpi-liege"),
            (arc, 12, days_ago(150), "tj-lille"),
            (bouts, None, None, "tpi-liege"),
            (bulle, 6, days_ago(0), None),
        ):
            place.waiting_weeks, place.waiting_declared_on = weeks, declared
            place.prior_interview = place is passage
            # A parental relation is written when its page is saved.
            place.courts.set(Court.objects.filter(slug=court))
            place.save()
    yield world
    with django_db_blocker.unblock():
        Court.objects.all().delete()


@pytest.fixture(scope="module")
def indexed_world(meetings_world, cluster_config, django_db_blocker):
    with django_db_blocker.unblock():
        for _progress in rebuild(Transport(cluster_config), PLACES):
            pass
    return meetings_world


@pytest.fixture(params=["database", "cluster"])
def engine(request, meetings_world, settings, db):
    if request.param == "cluster":
        request.getfixturevalue("indexed_world")
        use_cluster(settings, request.getfixturevalue("cluster_config"))
    else:
        use_database(settings)
    return request.param


def search(client, engine, **params):
    response = client.get("/api/v1/places/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine"] == engine
    return body


def names(body):
    return sorted(result["name"] for result in body["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"accompaniment": "passages-de-bras"}, ["Le Passage"]),
        (
            {"accompaniment": "rencontres-sur-place"},
            ["Le Passage", "Maison Arc-en-ciel"],
        ),
        ({"court": "tj-lille"}, ["Maison Arc-en-ciel"]),
        ({"court": "tpi-liege"}, ["Le Passage", "Les Petits Bouts"]),
        ({"weekend": "true"}, ["Le Passage"]),
        ({"waiting_at_most": "4"}, ["Le Passage"]),
        ({"waiting_at_most": "8"}, ["Bulle d'Air", "Le Passage"]),
        # Arc-en-ciel's 12 weeks were declared 5 months ago: not counted on.
        ({"waiting_at_most": "52"}, ["Bulle d'Air", "Le Passage"]),
        ({"weekend": "true", "court": "tpi-liege"}, ["Le Passage"]),
        # The features the migration added for a disabled child or parent.
        ({"accessibility": "handicap-enfant"}, ["Le Passage"]),
        ({"accessibility": ["handicap-parent", "handicap-enfant"]}, ["Le Passage"]),
    ],
)
def test_meeting_filters(client, engine, params, expected):
    assert names(search(client, engine, **params)) == expected


def test_weekend_false_keeps_the_others(client, engine):
    found = names(search(client, engine, weekend="false"))
    assert "Le Passage" not in found and "Maison Arc-en-ciel" in found


@pytest.mark.parametrize("near", ["tribunal de Liège", "Tribunal de première instance de Liège"])
def test_near_a_court_is_its_places_nearest_it_first_at_any_distance(client, engine, near):
    body = search(client, engine, near=near)
    assert [r["name"] for r in body["results"]] == ["Le Passage", "Les Petits Bouts"]
    assert body["near"]["kind"] == "court"
    assert body["near"]["key"] == "tpi-liege"
    assert body["results"][1]["distance_km"] == pytest.approx(55, abs=3)


def test_tribunal_judiciaire_de_lille(client, engine):
    body = search(client, engine, near="tribunal judiciaire de Lille")
    assert [r["name"] for r in body["results"]] == ["Maison Arc-en-ciel"]
    assert body["near"]["label"] == "Tribunal judiciaire de Lille"
    meetings = body["results"][0]["meetings"]
    assert meetings["waiting"]["old"] is True
    assert meetings["weekend"] is False


@pytest.mark.parametrize(
    "params", [{"court": "tj-nowhere"}, {"waiting_at_most": "-1"}, {"accompaniment": "x"}]
)
def test_bad_values_are_a_400_naming_the_field(client, meetings_world, db, params):
    response = client.get("/api/v1/places/", params)
    assert response.status_code == 400
    assert next(iter(params)) in response.content.decode()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_document_gives_back_the_meetings(meetings_world, db, language):
    passage = meetings_world["passage"].pk
    [record] = place_records([passage], language)
    back = record_from_document(json.loads(json.dumps(record_document(record))))
    assert back == record
    assert back.meetings.weekend and back.meetings.prior_interview
    assert back.meetings.court_slugs == ("tpi-liege",)
    assert back.meetings.courts[0].seat == "Liège"

"""One scenario suite, run on each engine, with the same expected answers.

The database engine runs on whichever database the suite runs on (SQLite or PostgreSQL); the
cluster engine on the OpenSearch node.
"""

import pytest

from tests.search_world import SECRET_POINT

NEAR_LIEGE = [
    "Le Passage",
    "Consultation ONE Liège-Centre",
    "Le Nid",
    "La Maison des Petits Pas",
    "Espace Parenthèse",
]
AGE_60_MONTHS = [
    "Bulle d'Air",
    "Consultation ONE Liège-Centre",
    "Espace Parenthèse",
    "Le Passage",
    "Maison Arc-en-ciel",
]
AGE_48_MONTHS = [
    "Bulle d'Air",
    "Consultation ONE Liège-Centre",
    "Espace Parenthèse",
    "La Maison des Petits Pas",
    "Le Passage",
    "Maison Arc-en-ciel",
]


def search(client, engine, **params):
    response = client.get("/api/v1/places/", params)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["engine"] == engine
    return body


def names(body):
    return [result["name"] for result in body["results"]]


@pytest.mark.parametrize(
    "near", ["4000", "liege", "LIÈGE", "Luik", "50.6326,5.5797", " 50.6326 , 5.5797 "]
)
def test_nearest_places_to_liege(client, engine, near):
    body = search(client, engine, near=near)
    assert names(body) == NEAR_LIEGE
    assert body["count"] == 5
    distances = [result["distance_km"] for result in body["results"]]
    assert distances == sorted(distances)
    assert distances[0] == 0.0
    assert distances[-1] == pytest.approx(6.8, abs=0.2)


def test_radius_cuts(client, engine):
    assert names(search(client, engine, near="4000", radius_km="1.5")) == NEAR_LIEGE[:3]
    # Lille is 178 km away, Brussels 90 and Namur 55: 200 km takes in every place.
    assert search(client, engine, near="4000", radius_km="200")["count"] == 8


def test_without_near_sorted_by_name(client, engine):
    body = search(client, engine)
    assert names(body) == sorted(names(body))
    assert body["count"] == 8
    assert all(result["distance_km"] is None for result in body["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"objective": "passerelles"}, ["La Maison des Petits Pas", "Le Nid", "Les Petits Bouts"]),
        (
            {"objective": ["passerelles", "integration-culturelle"]},
            ["Bulle d'Air", "La Maison des Petits Pas", "Le Nid", "Les Petits Bouts"],
        ),
        ({"programme": "espaces-de-rencontre"}, ["Le Passage", "Maison Arc-en-ciel"]),
        # Access modes (a programme's own vocabulary): any of those given.
        ({"access": "decision-du-juge"}, ["Le Passage"]),
        (
            {"access": ["decision-du-juge", "accord-des-parents"]},
            ["Le Passage", "Maison Arc-en-ciel"],
        ),
        ({"access": "sur-rendez-vous"}, ["Consultation ONE Liège-Centre"]),
        ({"access": "accord-des-parents", "near": "Lille"}, ["Maison Arc-en-ciel"]),
        ({"age_months": "60"}, AGE_60_MONTHS),
        (
            {"age_months": "6"},
            [
                "Bulle d'Air",
                "Consultation ONE Liège-Centre",
                "La Maison des Petits Pas",
                "Le Nid",
                "Le Passage",
                "Les Petits Bouts",
                "Maison Arc-en-ciel",
            ],
        ),
        ({"day": "mon"}, ["Espace Parenthèse", "Le Nid"]),
        ({"day": "tue"}, ["Espace Parenthèse", "Les Petits Bouts"]),
        # A day and a time hold for the same opening row: Espace Parenthèse opens Monday 9–12
        # and Tuesday 14–18.
        ({"day": "mon", "time": "10:00"}, ["Espace Parenthèse", "Le Nid"]),
        ({"day": "mon", "time": "15:00"}, []),
        ({"day": "tue", "time": "15:00"}, ["Espace Parenthèse"]),
        ({"day": "tue", "time": "10h"}, ["Les Petits Bouts"]),
        ({"day": "tue", "time": "18:00"}, []),
        ({"day": "tue", "time": "14:00"}, ["Espace Parenthèse"]),
        # A time alone: any day.
        ({"time": "15:00"}, ["Espace Parenthèse"]),
        ({"time": "17h59"}, ["Espace Parenthèse"]),
        ({"time": "12:00"}, []),
        ({"time": "8:59"}, []),
        ({"language": "ar"}, ["Bulle d'Air", "Le Nid"]),
        # Several languages: any of them.
        ({"language": ["ar", "nl"]}, ["Bulle d'Air", "Le Nid", "Les Petits Bouts"]),
        ({"language": ["tr", "ar"], "near": "4000"}, ["Le Nid", "Espace Parenthèse"]),
        # An age in years or months, in a family's words: all read as months.
        ({"age": "5 ans"}, AGE_60_MONTHS),
        ({"age": "5"}, AGE_60_MONTHS),
        ({"age_years": "5"}, AGE_60_MONTHS),
        ({"age": "60 mois"}, AGE_60_MONTHS),
        ({"age": "4 jaar"}, AGE_48_MONTHS),
        ({"age": "48 months"}, AGE_48_MONTHS),
        ({"age_months": "48"}, AGE_48_MONTHS),
        ({"accessible": "true"}, ["Bulle d'Air", "Espace Parenthèse", "Le Nid"]),
        ({"near": "4000", "objective": "passerelles", "day": "mon"}, ["Le Nid"]),
        (
            {"near": "Namur", "radius_km": "80", "objective": "passerelles"},
            ["Les Petits Bouts", "Le Nid", "La Maison des Petits Pas"],
        ),
        ({"q": "Parenthèse"}, ["Espace Parenthèse"]),
        ({"q": "Nid", "near": "4000"}, ["Le Nid"]),
        ({"modified_after": "2026-01-01"}, ["Bulle d'Air", "Le Nid"]),
        ({"modified_after": "2026-06-01T12:00:00+02:00"}, ["Bulle d'Air", "Le Nid"]),
        ({"modified_after": "2026-06-01T12:00:00+00:00"}, ["Bulle d'Air"]),
        ({"modified_after": "2026-06-01T12:00:00", "near": "4000"}, ["Le Nid"]),
        # Plurals and elisions read alike by both engines ("crèche", "ateliers" in the text).
        ({"q": "crèches"}, ["Espace Parenthèse"]),
        ({"q": "l'atelier"}, ["Espace Parenthèse"]),
        ({"q": "crèche d'ateliers"}, ["Espace Parenthèse"]),
        # Words of a place's Dutch translation find the place (one result: its French page).
        ({"q": "knuffels"}, ["Le Nid"]),
        ({"q": "Het Nest"}, ["Le Nid"]),
        ({"q": "nest", "near": "4000", "day": "mon"}, ["Le Nid"]),
        # And words of a translation into a family's language (Arabic, Turkish).
        ({"q": "الممر"}, ["Le Passage"]),
        ({"q": "للأطفال"}, ["Le Passage"]),
        ({"q": "oyun"}, ["Bulle d'Air"]),
        ({"q": "Kabarcığı", "near": "4000", "radius_km": "200"}, ["Bulle d'Air"]),
        # Accents folded by every engine: SQLite's FTS5, PostgreSQL's unaccent, the cluster.
        ({"q": "creche"}, ["Espace Parenthèse"]),
        ({"q": "creche d'ateliers"}, ["Espace Parenthèse"]),
        ({"q": "PARENTHESE"}, ["Espace Parenthèse"]),
    ],
)
def test_filters(client, engine, params, expected):
    assert names(search(client, engine, **params)) == expected


def test_facets_count_what_matched(client, engine):
    facets = search(client, engine, near="4000")["facets"]
    assert facets == {
        "objectives": {
            "dynamisation-de-quartier": 1,
            "integration-culturelle": 1,
            "maintien-du-lien": 1,
            "passerelles": 2,
            "sante-parentalite": 1,
            "suivi-preventif": 1,
        },
        "programmes": {
            "consultations-enfants": 1,
            "espaces-de-rencontre": 1,
            "lieux-rencontre-enfants-parents": 3,
        },
    }


def test_facets_are_disjunctive(client, engine):
    """A facet's counts ignore its own selection (each other value says how many places it
    would add), and follow every other criterion."""
    everything = search(client, engine, near="4000")["facets"]
    ticked = search(client, engine, near="4000", objective="passerelles")
    assert ticked["count"] == everything["objectives"]["passerelles"]
    assert ticked["facets"]["objectives"] == everything["objectives"]
    # The programme facet does follow the ticked objective.
    assert ticked["facets"]["programmes"] == {"lieux-rencontre-enfants-parents": 2}
    both = search(
        client, engine, near="4000", objective="passerelles", programme="espaces-de-rencontre"
    )
    assert both["count"] == 0
    assert both["facets"]["objectives"] == {"maintien-du-lien": 1}
    assert both["facets"]["programmes"] == {"lieux-rencontre-enfants-parents": 2}


def test_paging(client, engine):
    body = search(client, engine, near="4000", page="2", page_size="2")
    assert body["count"] == 5
    assert names(body) == NEAR_LIEGE[2:4]
    assert names(search(client, engine, near="4000", page="3", page_size="2")) == NEAR_LIEGE[4:]


def test_discreet_place_comes_back_at_its_commune(client, engine, world):
    body = search(client, engine, near="4000", radius_km="1")
    passage = next(r for r in body["results"] if r["name"] == "Le Passage")
    assert passage["location"] == {"lat": 50.6326, "lon": 5.5797, "approximate": True}
    assert passage["postcode"] == ""
    assert str(SECRET_POINT[0]) not in str(body) and str(SECRET_POINT[1]) not in str(body)
    assert "Cachée" not in str(body)


def test_geojson_has_the_same_places(client, engine):
    response = client.get("/api/v1/places.geojson", {"near": "4000"})
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in collection["features"]] == NEAR_LIEGE
    assert collection["features"][0]["geometry"] == {
        "type": "Point",
        "coordinates": [5.5797, 50.6326],
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"free": "true"},
            [
                "Consultation ONE Liège-Centre",
                "Espace Parenthèse",
                "Le Nid",
                "Le Passage",
                "Les Petits Bouts",
                "Maison Arc-en-ciel",
            ],
        ),
        # Paid (2 €) or on a sliding scale: not free.
        ({"free": "false"}, ["Bulle d'Air", "La Maison des Petits Pas"]),
        (
            {"near": "4000", "free": "oui"},
            [name for name in NEAR_LIEGE if name != "La Maison des Petits Pas"],
        ),
    ],
)
def test_free_only(client, engine, params, expected):
    assert names(search(client, engine, **params)) == expected


def test_free_only_counts_facets_of_free_places(client, engine):
    facets = search(client, engine, near="4000", free="true")["facets"]
    assert facets["objectives"]["passerelles"] == 1  # Le Nid, not La Maison des Petits Pas


def test_a_translated_place_is_one_result_in_the_visitors_language(client, engine):
    """Dutch words find the place once; a Dutch visitor gets its Dutch title and the Dutch
    page's address, a French one the French page."""
    from django.utils import translation

    from core.search.query import SearchQuery
    from core.search.service import search as run
    from directory.search.index import PLACES

    with translation.override("nl"):
        result = run(PLACES, SearchQuery.of(q="knuffels"))
    assert result.engine == engine
    assert [(hit.name, hit.url) for hit in result.hits] == [("Het Nest", "/nl/lieux/le-nid/")]
    body = search(client, engine, q="knuffels")
    assert [(r["name"], r["url"]) for r in body["results"]] == [("Le Nid", "/lieux/le-nid/")]

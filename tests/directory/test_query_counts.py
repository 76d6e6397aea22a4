"""Listing pages cost the same number of queries whatever the number of places shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OpeningHoursFactory, PlacePageFactory, objective, programme


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def make_places(commune, count):
    for _ in range(count):
        place = PlacePageFactory(
            commune=commune,
            programmes=[programme(), programme("consultations-enfants")],
            objectives=[objective("passerelles"), objective("sante-parentalite")],
        )
        OpeningHoursFactory(place=place)


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        # The map page: search (matches, 2 facets), the hits' records (directory.records: the
        # places, their terms, their hours and closures, their notices, their sessions' live
        # rooms), the form's choices (one query per vocabulary a filter offers: programmes,
        # objectives, access modes, languages, accessibility, accompaniments, courts; as many
        # whatever the number of places), the cards' next sessions (2), and Wagtail's look-up of the
        # visitor's locale before it routes (WAGTAIL_I18N_ENABLED). The page holds every match:
        # its records are the map's points. And the search's anonymous event, written at once
        # in the tests (core.search.events: 50 at a time, after the response, in production).
        ("/lieux/", 23),
        # More: the ticked objective's facet counts the places found without it, and the
        # commune a position lies in, for the search's event (gazetteer.areas).
        ("/lieux/?near=50.64,5.57&objective=passerelles", 25),
        ("/programmes/lieux-rencontre-enfants-parents/", 12),
        ("/objectifs/passerelles/", 12),
        ("/", 12),
    ],
)
def test_listing_queries_do_not_grow_with_places(client, commune, url, limit):
    make_places(commune, 2)
    client.get(url)  # warm caches (site root, content types)
    few = queries_for(client, url)
    make_places(commune, 12)
    many = queries_for(client, url)
    assert many == few
    assert few <= limit


def test_the_map_of_more_matches_than_a_page_costs_the_same_whatever_their_number(client, commune):
    make_places(commune, 21)
    client.get("/lieux/")
    few = queries_for(client, "/lieux/")
    map_url = "/api/v1/places/map.geojson?lang=fr"
    client.get(map_url)
    few_points = queries_for(client, map_url)
    make_places(commune, 20)
    many = queries_for(client, "/lieux/")
    assert many == few
    # The map's points are the API's answer (directory.search.map_points): the count (one hit),
    # then the matches' ids and their records (5: the places, terms, hours and closures,
    # notices, live rooms). The same whatever the number of matches.
    assert queries_for(client, map_url) == few_points
    assert few <= 23
    assert few_points <= 15


def test_place_page_query_count_is_bounded(client, place):
    OpeningHoursFactory(place=place, weekday=0)
    OpeningHoursFactory(place=place, weekday=3)
    client.get(place.url)
    # Wagtail's serving (the site, the locale, the pages along the path, their aliases, the
    # page's view restrictions: 9), the place's record (5: its notices' and live rooms'
    # included), its upcoming sessions (2: the view restrictions that keep private activities
    # out, the sessions), its santé-parentalité projects, its photos.
    assert queries_for(client, place.url) <= 18


def test_the_place_detail_api_query_count_is_bounded(client, place):
    OpeningHoursFactory(place=place, weekday=0)
    url = f"/api/v1/places/{place.pk}/"
    client.get(url)
    # Whether the public may see it (Wagtail's view restrictions, then the place), its record's
    # five, its upcoming sessions' two.
    assert queries_for(client, url) <= 9


def test_a_places_answer_reads_the_site_root_paths_once_whatever_the_places(
    client, commune, monkeypatch
):
    """Each read is a round trip to the shared cache (Redis in production)."""
    from wagtail.models import Site

    reads = []
    read = Site.get_site_root_paths

    def counted():
        reads.append(1)
        return read()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    url = "/api/v1/places/?page_size=50"
    make_places(commune, 2)
    client.get(url)
    reads.clear()
    assert len(client.get(url).json()["results"]) == 2
    few = len(reads)
    make_places(commune, 12)
    reads.clear()
    assert len(client.get(url).json()["results"]) == 14
    assert len(reads) == few
    assert few <= 2

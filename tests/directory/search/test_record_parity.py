"""Parity of records: the same search on the database engine (SQLite or PostgreSQL, whichever
the suite runs on) and on the cluster gives the same public records, in the same order, in
every language — not only the same ids."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import translation

from core.search.paging import search_page
from directory.search.index import PLACES
from tests.search_world import use_cluster, use_database

QUERIES = [
    {},
    {"near": "4000"},
    {"near": "Luik", "radius_km": "1.5"},
    {"near": "4000", "radius_km": "200", "page_size": "3", "page": "2"},
    {"objective": ["passerelles", "integration-culturelle"]},
    {"programme": "espaces-de-rencontre"},
    {"age_months": "60", "language": "ar"},
    {"accessible": "true", "free": "true"},
    {"q": "nest"},
    {"q": "parents quartier", "near": "4000"},
]


def answer(params: dict, language: str):
    with translation.override(language):
        page = search_page(PLACES, QueryDict(urlencode(params, doseq=True)))
    assert page.result is not None, page.errors
    hits = page.result.hits
    return page.result.engine, page.result.count, [(hit.record, hit.distance_km) for hit in hits]


@pytest.mark.parametrize("language", ["fr", "nl"])
@pytest.mark.parametrize("params", QUERIES, ids=lambda params: urlencode(params, doseq=True))
def test_both_engines_give_the_same_records(
    world, db, settings, cluster_config, indexed_world, params, language
):
    use_database(settings)
    engine, count, records = answer(params, language)
    assert engine == "database"
    use_cluster(settings, cluster_config)
    assert answer(params, language) == ("cluster", count, records)
    assert records, "a parity over no record proves nothing"


def test_the_records_answered_keep_a_discreet_place_at_its_commune(world, engine):
    _engine, _count, found = answer({"near": "4000"}, "fr")
    [passage] = [record for record, _distance in found if record.id == world["passage"].pk]
    assert (passage.street_address, passage.postcode, passage.email) == (None, None, None)
    assert passage.location.approximate
    assert passage.location.point == (50.6326, 5.5797)

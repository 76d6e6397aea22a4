"""`SearchQuery.among`: which of a few given places a search finds (the alerts' "new since"),
answered alike by both engines, in the search's own order."""

from dataclasses import replace

from django.http import QueryDict

from core.search.query import filterset_for
from core.search.service import search
from directory.search.index import PLACES


def query(params: str, among):
    filterset = filterset_for(PLACES)(QueryDict(params))
    assert filterset.is_valid(), filterset.errors
    return replace(filterset.to_query(), among=tuple(among))


def names(result):
    return [hit.name for hit in result.hits]


def test_only_the_given_places_that_match(engine, world):
    given = [world[key].pk for key in ("bulle", "petits_pas", "nid", "petits_bouts")]
    result = search(PLACES, query("near=4000&radius_km=10", given))
    assert result.engine == engine
    assert names(result) == ["Le Nid", "La Maison des Petits Pas"]
    assert result.count == 2


def test_the_other_criteria_still_apply(engine, world):
    given = [world[key].pk for key in ("nid", "petits_pas", "bulle")]
    result = search(PLACES, query("objective=integration-culturelle", given))
    assert names(result) == ["Bulle d'Air", "Le Nid"]


def test_no_given_place_finds_nothing(engine, world):
    assert search(PLACES, query("", [])).count == 0

"""The database engine's cost: a search with facets reads its candidates, their exact columns
and every facet's values in one query, however many candidates there are."""

from django.http import QueryDict

from core.search.engines import database
from core.search.query import filterset_for
from directory.search.index import PLACES


def query(params: str):
    filterset = filterset_for(PLACES)(QueryDict(params))
    assert filterset.is_valid(), filterset.errors
    return filterset.to_query()


def test_a_search_with_facets_reads_the_candidates_and_their_facets_in_one_query(
    world, db, django_assert_num_queries
):
    asked = query("near=4000&radius_km=20&objective=integration-culturelle")
    # Wagtail's view restrictions (`public()`), then the candidates with their facets' values.
    with django_assert_num_queries(2):
        found = database.matches(PLACES, asked)
    assert found.count > 0
    assert sum(found.facets["objectives"].values()) > found.count
    assert found.facets["programmes"]


def test_the_facets_ticked_or_not_cost_the_same(world, db, django_assert_num_queries):
    asked = query("near=4000&radius_km=20")
    with django_assert_num_queries(2):
        database.matches(PLACES, asked)

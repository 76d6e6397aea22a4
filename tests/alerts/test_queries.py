"""The search an alert keeps: what the map page's FilterSet accepts, in one canonical form."""

import pytest
from django.http import QueryDict

from activities.search.index import SESSIONS
from alerts.queries import InvalidSearch, normalized, validated
from directory.search.index import PLACES

pytestmark = pytest.mark.django_db


def test_the_same_search_written_twice_is_one_query_string(liege):
    one = normalized(PLACES, QueryDict("radius_km=5&near=4000&objective=passerelles&page=2"))
    two = normalized(PLACES, QueryDict("objective=passerelles&objective=&near=4000&radius_km=5"))
    assert one == two == "near=4000&objective=passerelles&radius_km=5"


def test_dates_paging_and_unknown_parameters_are_not_kept(liege):
    data = QueryDict("near=4000&from=2027-03-01&to=2027-03-07&page_size=50&when=week&x=1")
    assert normalized(SESSIONS, data) == "near=4000"


@pytest.mark.parametrize(
    ("query", "name"),
    [("near=nulle-part-du-tout", "near"), ("radius_km=500", "radius_km"), ("day=funday", "day")],
)
def test_a_search_the_filterset_refuses_names_its_parameter(liege, query, name):
    with pytest.raises(InvalidSearch) as refused:
        normalized(PLACES, QueryDict(query))
    assert set(refused.value.errors) == {name}


def test_a_places_search_read_by_the_sessions_index_keeps_what_both_share(liege):
    query = validated(SESSIONS, "near=4000&objective=passerelles&radius_km=5")
    assert query.get("near").radius_km == 5
    assert list(query.get("objective")) == ["passerelles"]

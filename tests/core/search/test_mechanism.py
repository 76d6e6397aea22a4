"""The mechanism itself, whatever the index: what it derives from a declaration."""

import logging
from dataclasses import replace

import pytest

from activities.models import Occurrence
from activities.search.index import SESSIONS
from core.search.index import registered
from core.search.openapi import parameters
from core.search.paths import many_valued, many_valued_steps, rows_at, values_at
from core.search.query import MAX_PAGE_SIZE, filterset_for
from directory.models import PlacePage
from directory.search.index import PLACES


def test_every_declared_index_is_registered_once():
    assert [index.name for index in registered()] == ["places", "occurrences"]


@pytest.mark.parametrize("index", [PLACES, SESSIONS], ids=lambda index: index.name)
def test_the_openapi_limits_are_the_filtersets(index):
    """The documented limits are the enforced ones: the edge passes, one step beyond is a 400."""
    described = {p["name"]: p for p in parameters(index)["parameters"]}
    assert set(described) == set(filterset_for(index).base_filters)
    limits = {
        "radius_km": (200, "200", "200.1"),
        "age_months": (216, "216", "217"),
        "age_years": (18, "18", "19"),
        "page_size": (MAX_PAGE_SIZE, "100", "101"),
    }
    for name, (maximum, edge, beyond) in limits.items():
        assert described[name]["schema"]["maximum"] == maximum
        assert filterset_for(index)({name: edge}).is_valid()
        assert not filterset_for(index)({name: beyond}).is_valid()
    assert described["radius_km"]["schema"]["default"] == 10
    assert described["day"]["schema"]["enum"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert described["objective"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert described["objective"]["explode"] is True
    assert described["accessible"]["schema"] == {"type": "boolean"}
    assert described["language"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert described["language"]["explode"] is True


def test_sessions_add_their_dates_to_the_place_parameters():
    # A listing's quality filters places only: a session's document is not rewritten when its
    # place's score changes (docs/quality.md).
    places = set(PLACES.param_names()) - {"quality_min"}
    assert set(SESSIONS.param_names()) == places | {"from", "to"}
    described = {p["name"]: p["schema"] for p in parameters(SESSIONS)["parameters"]}
    assert (
        described["from"]
        == described["to"]
        == {
            "type": "string",
            "format": "date",
            "pattern": "^20[0-9]{2}-",
        }
    )


def test_documents_read_what_they_need_in_a_fixed_number_of_queries(
    place, django_assert_num_queries
):
    assert many_valued(Occurrence, "activity__objectives__slug")
    assert not many_valued(Occurrence, "place__commune__name_fr")
    assert many_valued(PlacePage, "opening_hours__weekday")
    paths = PLACES.document_paths()
    relations = {many_valued_steps(PlacePage, p)[0] for p in paths if many_valued(PlacePage, p)}
    assert "objectives" in relations and "opening_hours" in relations
    # One query for the single-valued paths, one per many-valued relation, whatever the ids
    # (the records beside them are counted in tests/directory/search/test_cluster_documents.py).
    without_records = replace(PLACES, records=None, hits_from_records=None)
    with django_assert_num_queries(1 + len(relations)):
        documents = dict(without_records.documents([place.pk]))
    assert documents[str(place.pk)]["objectives"] == ["passerelles"]
    assert documents[str(place.pk)]["location"] == {
        "lat": place.public_location.latitude,
        "lon": place.public_location.longitude,
    }


def test_paths_sharing_a_relation_read_its_rows_together_one_value_per_row(place):
    second = place.objectives.model.objects.exclude(pk__in=place.objectives.all()).first()
    place.objectives.add(second)
    place.save()
    paths = ["objectives__slug", "objectives__name_nl", "opening_hours__weekday", "title"]
    (row,) = rows_at(PlacePage, paths, [place.pk])
    objectives = sorted(place.objectives.all(), key=lambda objective: objective.pk)
    assert sorted(row.values["objectives__slug"]) == sorted(o.slug for o in objectives)
    assert sorted(row.values["objectives__name_nl"]) == sorted(o.name_nl for o in objectives)
    assert len(objectives) == 2
    assert "opening_hours__weekday" not in row.values
    assert row.values["title"] == [place.title]


def test_values_at_fans_out_over_many_valued_steps(place):
    assert values_at(place, "objectives__slug") == ["passerelles"]
    assert values_at(place, "commune__name_nl") == ["Luik"]
    assert values_at(place, "opening_hours__weekday") == []


def test_a_cluster_outage_never_stops_an_editor(
    place, settings, caplog, django_capture_on_commit_callbacks
):
    settings.SEARCH_CLUSTER = {
        "url": "http://127.0.0.1:9",
        "flavour": "opensearch2",
        "index_prefix": "x",
    }
    with (
        caplog.at_level(logging.WARNING, logger="core.search.signals"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        place.save_revision().publish()
        place.unpublish()
    assert PlacePage.objects.get(pk=place.pk).live is False
    assert f"lieux pk [{place.pk}] not updated in the search cluster" in caplog.text

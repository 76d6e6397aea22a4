"""The map page's form is drawn from the criteria table: a criterion's limits reach its input,
and a new filter is one line in the table (its label there too)."""

from dataclasses import replace
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict

from activities.search.index import SESSIONS
from core.search.controls import form_controls
from core.search.criteria import Flag, replacing
from core.search.query import filterset_for
from directory.search import page as map_page
from directory.search.index import PLACES

pytestmark = pytest.mark.django_db


def with_criteria(monkeypatch, *criteria):
    """The map page searching the places with `criteria` in the place of the table's own."""
    index = replace(PLACES, criteria=replacing(PLACES.criteria, *criteria))
    monkeypatch.setattr(map_page, "PLACES", index)
    return index


def soup_of(client, query: str = ""):
    response = client.get(f"/lieux/?{query}", follow=True)
    return response, BeautifulSoup(response.content, "html.parser")


def test_the_age_input_takes_its_limits_from_the_criterion(client, place, monkeypatch):
    age = PLACES.criterion("age_months")
    with_criteria(monkeypatch, replace(age, maximum=48))
    response, soup = soup_of(client, "age=5+ans")
    field = soup.select_one("#field-age")
    # The same limit is the one the search enforces, told beside the input.
    assert response.status_code == 400
    assert field["aria-invalid"] == "true"
    assert "4 ans ou 48 mois au plus" in soup.select_one("#age-error").get_text()
    assert soup_of(client, "age=4+ans")[0].status_code == 200


def test_the_radii_offered_are_the_criterions(client, place, monkeypatch):
    near = PLACES.criterion("near")
    with_criteria(monkeypatch, replace(near, radius_choices_km=(3, 30), default_radius_km=30))
    _response, soup = soup_of(client)
    options = soup.select("#field-radius_km option")
    assert [(o["value"], o.has_attr("selected")) for o in options] == [("3", False), ("30", True)]


def test_a_new_filter_is_one_line_in_the_table(client, place, monkeypatch):
    """A flag the table does not have (made up here): its checkbox, label and id come with its
    line, it counts among the filters, and its error links to it."""
    assert "step_free" not in PLACES.param_names()
    step_free = Flag("step_free", "accessibility__step_free", "-", label="Sans marche")
    index = replace(PLACES, criteria=(*PLACES.criteria, step_free))
    monkeypatch.setattr(map_page, "PLACES", index)
    monkeypatch.setattr(map_page, "PLACES_VIEW", replace(map_page.PLACES_VIEW, index=index))
    response, soup = soup_of(client, "step_free=peut-etre")
    box = soup.select_one("#field-step_free")
    assert (box["type"], box["name"], box["value"]) == ("checkbox", "step_free", "true")
    assert box.parent.get_text(strip=True) == "Sans marche"
    assert box.find_parent("details", class_="filters").has_attr("open")
    assert response.status_code == 400
    assert soup.select_one('.form-errors a[href="#field-step_free"]')
    assert "1 filtre" in soup.select_one("[data-search-summary]").get_text()
    # Unticked says no criterion: "false", which the form cannot say, is taken out.
    response, soup = soup_of(client, "step_free=false")
    assert response.redirect_chain == [("/lieux/", 302)]


@pytest.mark.parametrize("index", [PLACES, SESSIONS], ids=lambda index: index.name)
def test_every_value_the_form_offers_is_one_the_search_accepts(index):
    offered = 0
    for control in form_controls(index, QueryDict(), {}, {}).values():
        for option in control.options:
            offered += 1
            found = filterset_for(index)(QueryDict(urlencode({control.name: option.value})))
            assert found.is_valid(), (control.name, option.value, found.errors)
    # The radii, the days and the languages.
    assert offered >= 7 + 7 + 1

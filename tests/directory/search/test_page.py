"""The map page's form: it shows the search it answers (a checkbox is ticked for "true" only),
sends that search back when submitted, and shows each bad parameter's error beside its input,
where the error summary links to."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from directory.models import AccessibilityFeature
from tests.factories import CommuneFactory, PlacePageFactory, PostalCodeFactory, objective
from tests.module_rows import built_once_per_module

pytestmark = pytest.mark.django_db


def build_places():
    """Two places in Liège, one step-free: every test reads them, none writes them (built once
    for the module, tests.module_rows)."""
    commune = CommuneFactory(
        name_fr="Liège", name_nl="Luik", code="62063", search_names="liege luik"
    )
    PostalCodeFactory(commune=commune)
    place = PlacePageFactory(
        title="La Maison des Petits Pas", commune=commune, objectives=[objective("passerelles")]
    )
    step_free = PlacePageFactory(title="De plain-pied", commune=commune)
    step_free.accessibility.set(AccessibilityFeature.objects.filter(step_free=True))
    step_free.save()
    return place, step_free


_places = built_once_per_module(build_places)


@pytest.fixture
def places(_places, db):
    return _places


def page(client, query: str):
    response = client.get(f"/lieux/?{query}", follow=True)
    return response, BeautifulSoup(response.content, "html.parser")


def names(soup) -> list[str]:
    return [h3.get_text(strip=True) for h3 in soup.select("[data-result-list] h3")]


def submitted(soup) -> str:
    """The query string the search form sends as it is shown, as a browser builds it."""
    form = soup.select_one("[data-search-form]")
    pairs = []
    for field in form.select("input[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            pairs.append((field["name"], chosen["value"]))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                pairs.append((field["name"], field["value"]))
        else:
            pairs.append((field["name"], field.get("value", "")))
    return urlencode(pairs)


@pytest.mark.parametrize("name", ["accessible", "free"])
@pytest.mark.parametrize(
    ("value", "ticked"), [("true", True), ("oui", True), ("maybe", False), ("false", False)]
)
def test_a_checkbox_is_ticked_only_for_a_search_for_true(client, places, name, value, ticked):
    _response, soup = page(client, f"{name}={value}")
    assert soup.select_one(f"input[name={name}]").has_attr("checked") is ticked


@pytest.mark.parametrize("query", ["accessible=false", "free=0", "accessible=non&near=4000"])
def test_a_false_checkbox_is_no_criterion_on_the_page(client, places, query):
    """The form cannot say "false" (unticked is no criterion): the page searches what it can
    show, at an address saying so, rather than answering the API's "only the others"."""
    response, soup = page(client, query)
    assert response.redirect_chain == [(f"/lieux/?{query.partition('&')[2]}".rstrip("?"), 302)]
    assert sorted(names(soup)) == ["De plain-pied", "La Maison des Petits Pas"]


@pytest.mark.parametrize("query", ["", "accessible=true", "accessible=false", "free=true"])
def test_the_form_sends_back_the_search_it_shows(client, places, query):
    _response, shown = page(client, query)
    _response, again = page(client, submitted(shown))
    assert names(again) == names(shown)
    assert submitted(again) == submitted(shown)


def test_the_api_keeps_false_as_only_the_others(client, places):
    found = client.get("/api/v1/places/?accessible=false").json()["results"]
    assert [place["name"] for place in found] == ["La Maison des Petits Pas"]


BAD_FIELDS = {
    "near": "nulle-part-du-tout",
    "radius_km": "500",
    "q": "li\x00ege",
    "objective": "zzz",
    "programme": "zzz",
    "age": "trois",
    "time": "25:00",
    "day": "funday",
    "language": "zz",
    "accessible": "maybe",
    "free": "maybe",
}


def assert_beside_its_input(soup, name: str):
    target = soup.select_one(f"#field-{name}")
    assert target is not None, name
    assert target.name in ("input", "select"), name
    assert target["aria-invalid"] == "true", name
    assert f"{name}-error" in target["aria-describedby"].split(), name
    summary = soup.select_one(f'.form-errors a[href="#field-{name}"]').get_text()
    assert soup.select_one(f"#{name}-error").get_text() == summary


@pytest.mark.parametrize("name", BAD_FIELDS)
def test_each_error_is_beside_its_input(client, places, name):
    response, soup = page(client, urlencode({name: BAD_FIELDS[name]}))
    assert response.status_code == 400
    assert_beside_its_input(soup, name)


def test_every_error_at_once_is_beside_its_input(client, places):
    response, soup = page(client, urlencode(BAD_FIELDS))
    assert response.status_code == 400
    for name in BAD_FIELDS:
        assert_beside_its_input(soup, name)


@pytest.mark.parametrize(
    ("query", "name"),
    [("when=nope", "when"), ("when=dates&from=2027-13-45", "from"), ("to=2001-01-01", "to")],
)
def test_the_activities_errors_are_beside_their_inputs(client, places, query, name):
    response, soup = page(client, f"view=activities&{query}")
    assert response.status_code == 400
    target = soup.select_one(f"#field-{name}")
    assert target["aria-invalid"] == "true"
    assert soup.select_one(f"#{name}-error").get_text()
    assert soup.select_one(f'.form-errors a[href="#field-{name}"]')


@pytest.mark.parametrize(
    "query",
    [
        "page_size=0",
        "page=abc",
        "page=99",
        "modified_after=hier",
        "view=activities&page_size=500&when=nope",
    ],
)
def test_a_parameter_without_input_is_named_without_a_broken_link(client, places, query):
    response, soup = page(client, query)
    assert response.status_code == 400
    errors = soup.select_one(".form-errors")
    for link in errors.select("a[href^='#']"):
        assert soup.select_one(link["href"]) is not None, link
    for name in ("page_size", "page", "modified_after"):
        if f"{name}=" in query:
            assert f"Paramètre « {name} » :" in errors.get_text()

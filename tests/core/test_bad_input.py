"""Bad input never gives a 500: every public endpoint and HTML page, thrown what families,
robots and attackers send. The JSON API answers 400 naming the parameter; HTML pages answer
400 (or 404 for what names nothing)."""

from urllib.parse import quote

import pytest
import time_machine
from django.core.cache import cache

from activities.models import Occurrence
from tests.activities.conftest import MONDAY_1_MARCH_2027
from tests.factories import (
    CommuneFactory,
    PlacePageFactory,
    PostalCodeFactory,
    objective,
    passerelle_morning,
)
from tests.module_rows import built_once_per_module

pytestmark = pytest.mark.django_db

SEARCH_APIS = [
    "/api/v1/places/",
    "/api/v1/places.geojson",
    "/api/v1/activities/",
    "/api/v1/activities/calendar.ics",
]
SESSION_APIS = SEARCH_APIS[2:]
PAGED_APIS = SEARCH_APIS[:3]

# (query string, the parameter the 400 names)
BAD_SEARCHES = [
    ("near=nulle-part-du-tout", "near"),
    ("near=li%00ege", "near"),
    ("near=" + "x" * 201, "near"),
    ("near=91,200", "near"),
    ("radius_km=0", "radius_km"),
    ("radius_km=500", "radius_km"),
    ("radius_km=abc", "radius_km"),
    ("radius_km=nan", "radius_km"),
    ("radius_km=inf", "radius_km"),
    ("radius_km=1e400", "radius_km"),
    ("objective=nope", "objective"),
    ("objective=passerelles&objective=%00", "objective"),
    ("programme=nope", "programme"),
    ("age_months=-1", "age_months"),
    ("age_months=2.5", "age_months"),
    ("age_months=99999999999999999999999", "age_months"),
    ("day=funday", "day"),
    ("language=zz", "language"),
    ("accessible=maybe", "accessible"),
    ("free=peut-etre", "free"),
    ("q=" + "a" * 201, "q"),
    ("q=li%00ege", "q"),
    # A parameter taking one value, given twice: even an empty second value leaves the doubt.
    ("q=atelier&q=", "q"),
    ("near=4000&near=4020", "near"),
    ("free=true&free=false", "free"),
]
BAD_PAGES = [
    ("page=0", "page"),
    ("page=-1", "page"),
    ("page=abc", "page"),
    ("page=" + "1" + "0" * 25, "page"),
    ("page=99", "page"),  # past the end
    ("page_size=0", "page_size"),
    ("page_size=101", "page_size"),
    ("page=1&page=", "page"),
]
BAD_DATES = [
    ("from=9999-12-31", "from"),
    ("from=0001-01-01", "from"),
    ("to=9999-12-31", "to"),
    ("to=2001-01-01", "to"),  # before today, from omitted
    ("from=2027-13-45", "from"),
    ("from=03/04/2027", "from"),
    ("from=2027-03-10&to=2027-03-01", "to"),
    ("from=2027-03-01&to=2028-06-01", "to"),
    ("from=2027-03-01%00", "from"),
]

API_CASES = [
    *[(path, query, name) for path in SEARCH_APIS for query, name in BAD_SEARCHES],
    *[(path, query, name) for path in PAGED_APIS for query, name in BAD_PAGES],
    *[(path, query, name) for path in SESSION_APIS for query, name in BAD_DATES],
    ("/api/v1/suggest/", "q=li%00ege", "q"),
    ("/api/v1/suggest/", "q=" + "4" * 201, "q"),
]


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False) as traveller:
        yield traveller


def build_world():
    """A place in Liège with its postcode and a weekly activity taking registrations, and the
    activity's first session; read by every test, written by none (a test's writes are rolled
    back with its transaction): built once for the module (tests.module_rows)."""
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False):
        commune = CommuneFactory(
            name_fr="Liège", name_nl="Luik", code="62063", search_names="liege luik"
        )
        place = PlacePageFactory(
            title="La Maison des Petits Pas", commune=commune, objectives=[objective("passerelles")]
        )
        PostalCodeFactory(commune=commune)
        activity = passerelle_morning(place, weekdays="0", capacity=8, registration_required=True)
        first = Occurrence.objects.filter(activity=activity).order_by("start").first()
    return place, activity, first


_world = built_once_per_module(build_world)


@pytest.fixture
def world(_world, clock, db):
    return _world


def test_there_are_at_least_a_hundred_cases():
    assert len(API_CASES) + len(HTML_CASES) >= 100


@pytest.mark.parametrize(("path", "query", "name"), API_CASES)
def test_the_api_answers_400_naming_the_parameter(client, world, path, query, name):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400, (path, query, response.content[:300])
    assert set(response.json()["errors"]) == {name}, response.json()


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        # A valid ISO date out of the years searched: said so, not "expected ISO 8601".
        ("modified_after=1970-01-01", "modified_after", "Date hors limites"),
        # A whole number too large for the search: said so, not "enter a whole number".
        ("age_months=99999999999999999999", "age_months", "Nombre trop grand."),
        ("page=99999999999999999999999", "page", "Nombre trop grand."),
    ],
)
def test_the_message_says_what_is_wrong(client, world, query, name, message):
    response = client.get(f"/api/v1/places/?{query}")
    assert response.status_code == 400
    [said] = response.json()["errors"][name]
    assert said.startswith(message), said


@pytest.mark.parametrize("path", SEARCH_APIS)
def test_good_searches_still_answer(client, world, path):
    assert client.get(path, {"near": "4000", "objective": "passerelles"}).status_code == 200


@pytest.mark.parametrize("path", SEARCH_APIS)
def test_a_parameter_taking_several_values_may_be_given_several_times(client, world, path):
    query = "near=4000&q=&objective=&objective=passerelles&objective=passerelles"
    assert client.get(f"{path}?{query}").status_code == 200


# (path or a function of the world giving it, query string, accepted statuses)
HTML_CASES = [
    ("/lieux/", "page=" + "1" + "0" * 25, {400}),
    ("/lieux/", "page=99", {400}),
    ("/lieux/", "page=abc", {400}),
    ("/lieux/", "radius_km=abc", {400}),
    ("/lieux/", "near=nulle-part", {400}),
    ("/lieux/", "near=li%00ege", {400}),
    ("/lieux/", "q=li%00ege", {400}),
    ("/lieux/", "q=atelier&q=jeux", {400}),
    ("/lieux/", "objective=&objective=passerelles", {200}),
    ("/lieux/", "objective=nope", {400}),
    ("/lieux/", "day=funday", {400}),
    ("/lieux/", "view=nope", {200}),
    ("/lieux/", "view=activities&when=dates&from=9999-12-31", {400}),
    ("/lieux/", "view=activities&when=dates&to=2001-01-01", {400}),
    ("/lieux/", "view=activities&when=nope", {400}),
    ("/lieux/", "view=activities&page=" + "9" * 30, {400}),
    ("/lieux/", "view=activities&when=dates&from=2027-03-10&to=2027-03-01", {400}),
    ("/lieux/", "view=activities&q=%00", {400}),
    ("/", "q=%00", {200}),
    ("/", "page=" + "9" * 30, {200}),
    ("/sitemap.xml", "p=abc", {404}),
    ("/sitemap.xml", "p=" + "9" * 30, {404}),
    ("/robots.txt", "", {200, 404}),
    ("/healthz", "x=%00", {200}),
    ("/admin/login/", "next=%00", {200}),
    ("/admin/login/", "next=" + "/" * 3000, {200}),
    ("/programmes/nope/", "", {404}),
    ("/programmes/%00/", "", {404}),
    ("/objectifs/nope/", "", {404}),
    ("/inscriptions/garbage/", "", {404}),
    ("/inscriptions/%00/", "", {404}),
    ("/inscriptions/" + "a" * 5000 + "/", "", {404}),
    ("/lieux/nulle-part/", "", {404}),
    ("/lieux/%00/", "", {404}),
    (lambda w: w[0].url + "calendar.ics", "from=9999-12-31", {200}),
    (lambda w: w[1].url + "calendar.ics", "x=%00", {200}),
    (lambda w: w[1].url + "seances/" + "9" * 30 + "/calendar.ics", "", {404}),
    (lambda w: w[1].url + "seances/" + "9" * 30 + "/inscription/", "", {404}),
    (lambda w: w[2].registration_url, "x=%00", {200}),
    (lambda w: w[0].url, "page=" + "9" * 30, {200}),
    (lambda w: w[1].url, "x=%00", {200}),
    ("/signaler/abc/", "", {404}),
    ("/signaler/" + "9" * 30 + "/", "", {404}),
    ("/signaler/%00/", "", {404}),
    (lambda w: f"/signaler/{w[0].pk}/", "kind=%00", {200}),
    (lambda w: f"/signaler/{w[1].pk}/merci/", "x=%00", {200}),
]


@pytest.mark.parametrize(("path", "query", "statuses"), HTML_CASES)
def test_html_pages_never_answer_500(client, world, path, query, statuses):
    url = path(world) if callable(path) else path
    response = client.get(f"{url}?{query}" if query else url)
    assert response.status_code in statuses, (url, query, response.status_code)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "\x00", "email": "a@b.c", "children_count": "1", "children_ages": "1"},
        {"name": "x", "email": "a@b.c", "children_count": "9" * 30, "children_ages": "1"},
        {"name": "x" * 5000, "email": "a" * 300 + "@b.c", "children_count": "-1"},
        {"name": "x", "email": "a@b.c\r\nBcc: x@y.z", "children_count": "1", "consent": "on"},
    ],
)
def test_the_registration_form_refuses_bad_input_with_400(client, world, data):
    response = client.post(world[2].registration_url, data)
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "kind"),
        ({"kind": "nope"}, "kind"),
        ({"kind": "%00"}, "kind"),
        ({"kind": "hours", "message": "x" * 1001}, "message"),
        ({"kind": "hours", "message": "li\x00ege"}, "message"),
        ({"kind": "hours", "email": "pas-une-adresse"}, "email"),
        ({"kind": "hours", "email": "a@b.c\r\nBcc: x@y.z"}, "email"),
        ({"kind": "hours", "email": "a" * 300 + "@b.c"}, "email"),
        ({"kind": "hours", "website": "x" * 201}, "website"),
    ],
)
@pytest.mark.parametrize("page", [0, 1], ids=["place", "activity"])
def test_the_report_form_refuses_bad_input_with_400_naming_the_field(
    client, world, data, field, page
):
    from django.core.cache import cache

    cache.clear()  # each case is one attempt of its own, not the rate limit's sixth
    response = client.post(f"/signaler/{world[page].pk}/", data)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()


def test_the_schedule_preview_refuses_a_bad_place_with_400(client, world, django_user_model):
    admin_client = client
    admin_client.force_login(
        django_user_model.objects.create_superuser("staff", "staff@example.org", "x")
    )
    for place in ("abc", "%00", "9" * 30, "-1"):
        response = admin_client.post(f"/admin/activities/schedule-preview/?place={quote(place)}")
        assert response.status_code == 400, place
    assert (
        admin_client.post(f"/admin/activities/schedule-preview/?place={world[0].pk}").status_code
        == 200
    )


# The alerts' endpoints: (form data, the field the 400 names).
GOOD_ALERT = {"email": "famille@example.org", "view": "places", "query": "near=4000"}
BAD_ALERTS = [
    ({**GOOD_ALERT, "email": ""}, "email"),
    ({**GOOD_ALERT, "email": "pas-une-adresse"}, "email"),
    ({**GOOD_ALERT, "email": "a@b.c\r\nBcc: x@y.z"}, "email"),
    ({**GOOD_ALERT, "email": "a" * 300 + "@example.org"}, "email"),
    ({**GOOD_ALERT, "email": "fa\x00mille@example.org"}, "email"),
    ({**GOOD_ALERT, "view": "nope"}, "view"),
    ({**GOOD_ALERT, "view": ""}, "view"),
    ({**GOOD_ALERT, "view": "\x00"}, "view"),
    ({**GOOD_ALERT, "query": "near=nulle-part-du-tout"}, "query"),
    ({**GOOD_ALERT, "query": "radius_km=500"}, "query"),
    ({**GOOD_ALERT, "query": "objective=nope"}, "query"),
    ({**GOOD_ALERT, "query": "near=li%00ege"}, "query"),
    ({**GOOD_ALERT, "query": "q=" + "a" * 201}, "query"),
    ({**GOOD_ALERT, "query": "near=" + "x" * 1200}, "query"),
    ({**GOOD_ALERT, "query": "\x00"}, "query"),
]


@pytest.mark.parametrize(("data", "name"), BAD_ALERTS)
def test_the_alert_form_refuses_bad_input_with_400_naming_the_field(client, world, data, name):
    cache.clear()  # the rate limit counts every attempt
    response = client.post("/alertes/", data)
    assert response.status_code == 400, response.content[:300]
    assert set(response.context["form"].errors) == {name}
    # The view and the query are hidden: the page speaks of the search, not of them.
    shown = "email" if name == "email" else "search"
    assert f'data-field="{shown}"'.encode() in response.content


@pytest.mark.parametrize(
    ("method", "path", "statuses"),
    [
        ("get", "/alertes/", {302}),
        ("get", "/alertes/confirmer/garbage/", {404}),
        ("post", "/alertes/confirmer/%00/", {404}),
        ("get", "/alertes/confirmer/" + "a" * 5000 + "/", {404}),
        ("get", "/alertes/desabonner/garbage/", {200}),
        ("post", "/alertes/desabonner/%00/", {200}),
        ("post", "/alertes/desabonner/" + "a" * 5000 + "/", {200}),
        ("put", "/alertes/desabonner/garbage/", {405}),
    ],
)
def test_the_alert_links_never_answer_500(client, world, method, path, statuses):
    assert getattr(client, method)(path).status_code in statuses


@pytest.mark.parametrize("radius", ["1e308", "1e60", "201"])
def test_a_radius_too_large_is_told_once_with_the_contracts_limit(client, world, radius):
    """django-filter's own overflow guard (1e50) is no limit of the contract's: one reason."""
    answer = client.get("/api/v1/places/", {"near": "4000", "radius_km": radius})
    assert answer.status_code == 400
    [message] = answer.json()["errors"]["radius_km"]
    assert "200" in message
    page = client.get("/lieux/", {"near": "4000", "radius_km": radius})
    assert page.context["search"].errors == {"radius_km": [message]}

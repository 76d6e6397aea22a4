"""The map page's "activities" view: this week, this month or two dates, with the places'
filters, as plain HTML (the list works without JavaScript)."""

from datetime import date, time

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from tests.factories import (
    ActivityPageFactory,
    PlacePageFactory,
    PostalCodeFactory,
    passerelle_morning,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(clock, place, commune):
    PostalCodeFactory(commune=commune)
    weekly = passerelle_morning(place, weekdays="0,3", capacity=8, registration_required=True)
    other = PlacePageFactory(title="Ailleurs", commune=commune)
    monthly = publish(
        ActivityPageFactory(
            parent=other,
            title="Atelier de fin de mois",
            start_date=date(2027, 3, 26),
            start_time=time(14, 0),
            weekdays="4",
            repeat="monthly",
            month_week=-1,
            month_weekday=4,
        )
    )
    return weekly, monthly


def results(client, **params):
    response = client.get("/lieux/", {"view": "activities", **params})
    soup = BeautifulSoup(response.content, "html.parser")
    items = [
        (li.select_one("time").get_text(), li.select_one("h3").get_text(strip=True))
        for li in soup.select("[data-result-list] > li")
    ]
    return response, soup, items


def test_this_week_is_the_default(client, sessions):
    response, soup, items = results(client, near="4000")
    assert response.status_code == 200
    assert items == [
        ("lundi 1 mars, 09:30 – 11:30", "Matinée passerelle"),
        ("jeudi 4 mars, 09:30 – 11:30", "Matinée passerelle"),
    ]
    assert soup.select_one("[data-result-count]").get_text(strip=True) == "2 séances trouvées"
    assert "8 places libres" in soup.select_one("[data-result-list]").get_text()
    current = soup.select_one(".view-switch a[aria-current=page]")
    assert current.get_text() == "Activités"


def test_this_month(client, sessions):
    _response, _soup, items = results(client, when="month")
    assert len(items) == 5 + 4 + 1  # Mondays and Thursdays of March, and the last Friday
    assert ("vendredi 26 mars, 14:00 – 16:00", "Atelier de fin de mois") in items


def test_between_two_dates_with_filters(client, sessions):
    weekly, _monthly = sessions
    cancel_occurrence(Occurrence.objects.get(activity=weekly, date=date(2027, 4, 1)), "Congé")
    _response, soup, items = results(
        client, when="dates", objective="passerelles", **{"from": "2027-03-29", "to": "2027-04-05"}
    )
    assert items == [
        ("lundi 29 mars, 09:30 – 11:30", "Matinée passerelle"),
        ("jeudi 1 avril, 09:30 – 11:30", "Matinée passerelle"),
        ("lundi 5 avril, 09:30 – 11:30", "Matinée passerelle"),
    ]
    cancelled = soup.select(".session--cancelled")
    assert len(cancelled) == 1 and "Congé" in cancelled[0].get_text()


def test_bad_dates_show_the_form_with_an_error(client, sessions):
    response, soup, _items = results(
        client, when="dates", **{"from": "2027-04-05", "to": "2027-03-01"}
    )
    assert response.status_code == 400
    assert "La date de fin précède" in soup.select_one(".form-errors").get_text()
    assert soup.select_one("#field-to")["aria-invalid"] == "true"


def test_switching_views_keeps_the_filters(client, sessions):
    soup = BeautifulSoup(
        client.get("/lieux/", {"near": "4000", "objective": "passerelles"}).content, "html.parser"
    )
    link = soup.select_one(".view-switch a:not([aria-current])")
    assert link["href"] == "?view=activities&near=4000&objective=passerelles"


def map_names(client, response) -> list[str]:
    """The names on the map: the page carries no point, its map asks the API the URL it names."""
    url = response.context["map_points_url"]
    assert url.startswith("/api/v1/activities/map.geojson?")
    assert response.context["map_features"] == []
    answer = client.get(url)
    assert answer["Content-Type"] == "application/geo+json"
    return sorted(feature["properties"]["name"] for feature in answer.json()["features"])


def test_map_markers_are_the_places_of_the_sessions(client, sessions):
    response, _soup, _items = results(client, when="month")
    assert map_names(client, response) == ["Ailleurs", "La Maison des Petits Pas"]
    # The period's days, as the page searched them.
    url = response.context["map_points_url"]
    assert "from=" in url and "to=" in url and "when=" not in url and "view=" not in url


def test_activities_view_query_count_does_not_grow(client, sessions, place):
    client.get("/lieux/", {"view": "activities", "when": "month"})
    with CaptureQueriesContext(connection) as few:
        client.get("/lieux/", {"view": "activities", "when": "month"})
    for weekday in (1, 2, 4):
        publish(
            ActivityPageFactory(parent=place, start_date=date(2027, 3, 1), weekdays=str(weekday))
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/lieux/", {"view": "activities", "when": "month"})
    assert len(many) == len(few)


def test_activities_api_query_count_does_not_grow(client, sessions, place):
    params = {"from": "2027-03-01", "to": "2027-03-31", "page_size": "100"}
    client.get("/api/v1/activities/", params)
    with CaptureQueriesContext(connection) as few:
        count = client.get("/api/v1/activities/", params).json()["count"]
    for weekday in (1, 2, 4):
        publish(
            ActivityPageFactory(parent=place, start_date=date(2027, 3, 1), weekdays=str(weekday))
        )
    with CaptureQueriesContext(connection) as many:
        more = client.get("/api/v1/activities/", params).json()["count"]
    assert more > count
    assert len(many) == len(few)


def test_the_map_shows_the_places_of_every_match_not_only_the_page(client, sessions):
    response, _soup, items = results(client, when="month", page_size="1")
    assert len(items) == 1
    assert map_names(client, response) == ["Ailleurs", "La Maison des Petits Pas"]
    _response, _soup, second = results(client, when="month", page_size="1", page="2")
    assert second != items

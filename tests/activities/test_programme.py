"""The printable programme of an area for a week or a month: the sessions day by day and the
places with how to get in, as a page with a print stylesheet and as a PDF (WeasyPrint); a
discreet place shows its commune alone; reachable from the map page's activities view."""

import io
from datetime import date, time

import pytest
from bs4 import BeautifulSoup

from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from directory.models import ClosurePeriod
from tests.discreet import secrets_in
from tests.factories import ActivityPageFactory, PostalCodeFactory, passerelle_morning, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(clock, place, discreet_place, commune):
    PostalCodeFactory(commune=commune)
    open_workshop = passerelle_morning(
        place,
        objectives=(),
        weekdays="0,3",
        capacity=8,
        registration_required=True,
        what_to_bring="Des chaussettes",
    )
    publish(
        ActivityPageFactory(
            parent=discreet_place,
            title="Goûter des familles",
            start_date=date(2027, 3, 3),
            start_time=time(15, 0),
            weekdays="2",
        )
    )
    cancel_occurrence(
        Occurrence.objects.get(activity=open_workshop, date=date(2027, 3, 4)), "Grève"
    )
    return place, discreet_place


def test_the_week_day_by_day_with_the_places(client, sessions, django_assert_max_num_queries):
    place, discreet_place = sessions
    with django_assert_max_num_queries(30):
        response = client.get("/programme/", {"near": "4000", "when": "week"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    days = [h2.get_text() for h2 in soup.select(".programme__day h2")]
    assert days == ["lundi 1 mars", "mercredi 3 mars", "jeudi 4 mars"]
    text = soup.select_one(".programme").get_text(" ", strip=True)
    assert "09:30 – 11:30 Matinée passerelle" in text
    assert "Des chaussettes" in text and "Grève" in text
    places = soup.select_one(".programme__places").get_text(" ", strip=True)
    assert place.street_address in places and "Espace de rencontre Le Passage" in places
    assert secrets_in(response.content.decode()) == []
    assert soup.select_one("link[href$='programme.css']") is not None


def test_the_pdf_says_the_same_and_keeps_discreet_places_discreet(client, sessions):
    from pypdf import PdfReader

    place, _discreet = sessions
    response = client.get("/programme/", {"near": "4000", "when": "month", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="programme-2027-03-01')
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Matinée passerelle" in text and "Goûter des familles" in text
    assert place.street_address in text
    assert secrets_in(text) == []


def test_a_place_closed_during_the_programme_says_so(client, sessions):
    from pypdf import PdfReader

    place, _discreet = sessions
    ClosurePeriod.objects.create(
        place=place, start_date=date(2027, 3, 10), end_date=date(2027, 3, 12), reason="Formation"
    )
    week = client.get("/programme/", {"near": "4000", "when": "week"})
    assert BeautifulSoup(week.content, "html.parser").select(".programme__closed") == []
    month = client.get("/programme/", {"near": "4000", "when": "month"})
    closed = BeautifulSoup(month.content, "html.parser").select(".programme__closed")
    assert [c.get_text() for c in closed] == ["Fermé du 10 au 12 mars : Formation"]
    assert closed[0].find_parent("li").strong.get_text() == place.title
    response = client.get("/programme/", {"near": "4000", "when": "month", "format": "pdf"})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Fermé du 10 au 12 mars : Formation" in text


def test_bad_input_is_a_400_naming_the_field(client, sessions):
    response = client.get("/programme/", {"from": "2027-04-05", "to": "2027-03-01"})
    assert response.status_code == 400
    assert "to" in response.content.decode()
    assert client.get("/programme/", {"radius_km": "abc"}).status_code == 400


def test_reachable_from_the_activities_view(client, sessions):
    response = client.get("/lieux/", {"view": "activities", "near": "4000", "when": "month"})
    link = BeautifulSoup(response.content, "html.parser").select_one(".programme-links a")
    assert link["href"] == "/programme/?near=4000&when=month"

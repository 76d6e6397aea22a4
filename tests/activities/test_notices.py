"""An activity's notices and its place's (activities.notices): on the activity's page, on the
sessions of the days they cover in the week's programme and its PDF, and in the sessions API."""

import io
from datetime import date

import pytest
from bs4 import BeautifulSoup

from activities.models import ActivityNotice
from directory.models import PlaceNotice
from tests.factories import PostalCodeFactory, passerelle_morning, publish

pytestmark = pytest.mark.django_db

MOVED = "Cette semaine, à la bibliothèque."


@pytest.fixture
def weekly(clock, place, commune):
    PostalCodeFactory(commune=commune)
    publish(place)
    # Mondays and Thursdays at 09:30, from Monday 1 March 2027 (the clock's day).
    return passerelle_morning(place, weekdays="0,3")


def test_the_activity_page_says_its_notices_and_its_place_s(client, weekly, place):
    ActivityNotice.objects.create(
        activity=weekly,
        kind="moved",
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 7),
        message_fr=MOVED,
    )
    PlaceNotice.objects.create(
        place=place, kind="closed", start_date=date(2027, 3, 4), end_date=date(2027, 3, 4)
    )
    # Ended: never shown.
    ActivityNotice.objects.create(
        activity=weekly, kind="other", start_date=date(2027, 2, 1), end_date=date(2027, 2, 2)
    )
    soup = BeautifulSoup(client.get(weekly.url).content, "html.parser")
    status = soup.select_one("article.activity [role=status]").get_text(" ", strip=True)
    assert "Déplacé temporairement, jusqu'au 7 mars" in status and MOVED in status
    assert "Fermé temporairement, le 4 mars" in status
    assert len(soup.select(".public-notice")) == 2


def test_the_programme_says_them_on_the_sessions_of_the_days_they_cover(client, weekly, place):
    ActivityNotice.objects.create(
        activity=weekly,
        kind="moved",
        start_date=date(2027, 3, 4),
        end_date=date(2027, 3, 4),
        message_fr=MOVED,
    )
    PlaceNotice.objects.create(
        place=place,
        kind="hours",
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 20),
        message_fr="Ouvert de 9 h à 11 h",
    )
    response = client.get("/programme/", {"near": "4000", "when": "week"})
    soup = BeautifulSoup(response.content, "html.parser")
    monday, thursday = soup.select(".programme__session")
    assert MOVED not in monday.get_text(" ") and MOVED in thursday.get_text(" ")
    assert "Horaires modifiés" in monday.get_text(" ")
    places = soup.select_one(".programme__places").get_text(" ", strip=True)
    assert "Horaires modifiés, jusqu'au 20 mars : Ouvert de 9 h à 11 h" in places

    from pypdf import PdfReader

    pdf = client.get("/programme/", {"near": "4000", "when": "week", "format": "pdf"})
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "bibliothèque" in text and "Ouvert de 9 h à 11 h" in text


def test_the_sessions_api_says_those_of_the_session_s_day(client, weekly):
    ActivityNotice.objects.create(
        activity=weekly,
        kind="moved",
        start_date=date(2027, 3, 4),
        end_date=date(2027, 3, 4),
        message_fr=MOVED,
    )
    body = client.get("/api/v1/activities/", {"from": "2027-03-01", "to": "2027-03-05"}).json()
    by_day = {s["start"][:10]: s["notices"] for s in body["results"]}
    assert by_day["2027-03-01"] == []
    assert by_day["2027-03-04"] == [
        {
            "kind": "moved",
            "label": "Déplacé temporairement",
            "start_date": "2027-03-04",
            "end_date": "2027-03-04",
            "message": MOVED,
        }
    ]

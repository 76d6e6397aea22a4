"""A place's closures, read from its public record, wherever its hours are read: beside the hours
on its page, on its card (closed today, until when, then the next opening) and in its map
popup, in each language."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.formats import date_format

from directory.models import ClosurePeriod
from directory.records import place_records
from directory.search.index import PlaceSummary
from directory.search.map_points import map_feature
from tests.factories import OpeningHoursFactory, PlacePageFactory
from tests.map_features import map_features

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


def day_month(day):
    with translation.override("fr"):
        return date_format(day, "j F" if day.year == timezone.localdate().year else "j F Y")


def from_to(start, end):
    first = (
        str(start.day) if (start.year, start.month) == (end.year, end.month) else day_month(start)
    )
    return f"Fermé du {first} au {day_month(end)}"


@pytest.fixture
def closed_place(commune):
    """Open every day, closed from yesterday to next week for winter holidays, and again later
    for works; a closure long over is not the record's."""
    place = PlacePageFactory(title="Espace Blegny", commune=commune)
    for weekday in range(7):
        OpeningHoursFactory(place=place, weekday=weekday, opens="14:00", closes="16:30")
    ClosurePeriod.objects.create(
        place=place, start_date=days(-1), end_date=days(7), reason="congés d'hiver"
    )
    ClosurePeriod.objects.create(place=place, start_date=days(20), end_date=days(21))
    ClosurePeriod.objects.create(place=place, start_date=days(-40), end_date=days(-30))
    return place


def test_the_page_says_the_closure_in_progress_first_then_those_to_come(client, closed_place):
    soup = BeautifulSoup(client.get(closed_place.url).content, "html.parser")
    notices = [li.get_text(strip=True) for li in soup.select(".place__closure")]
    assert notices == [
        f"{from_to(days(-1), days(7))} : congés d'hiver",
        from_to(days(20), days(21)),
    ]
    assert soup.select(".place__closure--now strong")[0].get_text() == notices[0]
    # Beside the hours, which still show the usual week.
    assert soup.select_one(".place__closures").find_next("table")["class"] == ["hours"]


def test_a_closure_months_ahead_waits_before_the_page_says_it(client, closed_place):
    ClosurePeriod.objects.create(place=closed_place, start_date=days(120), end_date=days(130))
    soup = BeautifulSoup(client.get(closed_place.url).content, "html.parser")
    assert len(soup.select(".place__closure")) == 2


@pytest.mark.parametrize(("prefix", "words"), [("/nl", "Gesloten van"), ("/en", "Closed from")])
def test_the_page_says_the_closure_in_every_language(client, closed_place, prefix, words):
    html = client.get(prefix + closed_place.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    first = soup.select_one(".place__closure--now").get_text(strip=True)
    assert first.startswith(words) and first.endswith("congés d'hiver")


def test_a_place_without_closure_says_none(client, place):
    soup = BeautifulSoup(client.get(place.url).content, "html.parser")
    assert soup.select(".place__closures") == []


def card_of(html, title):
    soup = BeautifulSoup(html, "html.parser")
    [card] = [li for li in soup.select(".place-card") if li.h3.get_text(strip=True) == title]
    return card


def test_the_card_says_closed_until_then_the_next_opening(client, closed_place):
    card = card_of(client.get("/lieux/").content.decode(), "Espace Blegny")
    opening = card.select_one(".place-card__opening--closed").get_text(strip=True)
    assert opening.startswith(f"Fermé jusqu'au {day_month(days(7))} — ouvre ")
    assert opening.endswith("à 14:00")
    assert card.select(".place-card__opening--today") == []


def test_the_card_of_an_open_place_says_nothing_of_closures(client, closed_place):
    ClosurePeriod.objects.filter(place=closed_place, start_date__lte=days(0)).delete()
    card = card_of(client.get("/lieux/").content.decode(), "Espace Blegny")
    assert card.select(".place-card__opening--closed") == []


def test_the_map_popup_of_a_closed_place_says_it(client, closed_place, place):
    features = {f["name"]: f for f in map_features(client.get("/lieux/"))}
    assert features["Espace Blegny"]["closed"] == f"Fermé jusqu'au {day_month(days(7))}"
    assert "closed" not in features[place.title]
    with translation.override("nl"):
        [record] = place_records([closed_place.pk])
        assert map_feature(PlaceSummary(record))["closed"].startswith("Gesloten tot en met ")


def test_the_map_page_of_sessions_draws_the_same_closed_place(closed_place):
    [record] = place_records([closed_place.pk], "fr")
    assert json.loads(json.dumps(map_feature(PlaceSummary(record))))["closed"].startswith(
        "Fermé jusqu'au"
    )

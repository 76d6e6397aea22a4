"""The fee shown on the place and activity pages and on the map page's cards, in both views,
and the map page's "free only" box."""

from datetime import date, time
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from core.fees import FeeKind
from tests.activities.test_public_pages import json_ld
from tests.factories import ActivityPageFactory, PlacePageFactory, publish

pytestmark = pytest.mark.django_db


def test_pages_and_cards_show_the_fee(client, clock, place):
    place.fee_kind, place.fee_amount = FeeKind.PAID, Decimal("2")
    publish(place)
    activity = publish(
        ActivityPageFactory(
            parent=place,
            title="Yoga bébé",
            start_date=date(2027, 3, 2),
            start_time=time(9, 30),
            weekdays="1",
            fee_kind=FeeKind.SLIDING,
        )
    )
    PlacePageFactory(title="Ailleurs", commune=place.commune)

    def text(url, selector, **params):
        soup = BeautifulSoup(client.get(url, params).content, "html.parser")
        return [element.get_text(" ", strip=True) for element in soup.select(selector)]

    assert "2,00 €" in text(place.url, "dd")
    assert "Selon les revenus" in text(activity.url, "dd")
    cards = {
        card.h3.get_text(strip=True): card.get_text(" ", strip=True)
        for card in BeautifulSoup(client.get("/lieux/").content, "html.parser").select(
            "[data-result-list] .place-card"
        )
    }
    assert "2,00 €" in cards[place.title]
    # A free walk-in place: its access sentence says so, no fee line repeats it.
    assert "gratuit" in cards["Ailleurs"] and "Gratuit" not in cards["Ailleurs"]
    assert text("/lieux/", "[data-result-list] h3", free="true") == ["Ailleurs"]
    assert text("/lieux/", ".session-card .place-card__fee", view="activities") == [
        "Selon les revenus"
    ]
    assert text("/lieux/", "[data-result-list] h3", view="activities", free="true") == []


def test_the_event_offer_follows_the_fee(client, clock, place):
    activity = publish(
        ActivityPageFactory(
            parent=place,
            title="Atelier cuisine",
            start_date=date(2027, 3, 2),
            weekdays="1",
            fee_kind=FeeKind.PAID,
            fee_amount=Decimal("2.50"),
            price="Gratuit",  # a stale note: the fee says otherwise
        )
    )
    data = json_ld(client, activity.url)
    assert data["isAccessibleForFree"] is False
    assert (data["offers"]["price"], data["offers"]["priceCurrency"]) == ("2.50", "EUR")
    assert data["offers"]["description"] == "2,50 €"

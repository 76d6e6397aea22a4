"""A family or a professional on a 360 px phone types « tribunal de Lille » where the search asks
where: the espaces de rencontre Lille's court refers families to come, the nearest the court
first, even one farther than the default radius, and not an espace another court refers to;
each card says its waiting time and whether it opens at the weekend. axe-core finds nothing."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, goto_and_settle, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lille_espaces(transactional_db):
    from django.utils import timezone

    from gazetteer.courts import load_courts
    from gazetteer.models import Commune, Court
    from tests.factories import CommuneFactory, OpeningHoursFactory, PlacePageFactory, programme

    def commune(code, name, latitude, longitude):
        return CommuneFactory(
            country="FR",
            code=code,
            name_fr=name,
            province="Nord",
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            search_names=name.lower(),
        )

    lille = commune("59350", "Lille", "50.629200", "3.057300")
    # 15 km from Lille: beyond the default radius of 10 km.
    tourcoing = commune("59599", "Tourcoing", "50.723900", "3.161200")
    douai = commune("59178", "Douai", "50.370900", "3.079400")
    load_courts(Court, Commune)
    today = timezone.localdate()

    def espace(title, where, court, weeks, saturday):
        place = PlacePageFactory(
            title=title,
            commune=where,
            country="FR",
            postcode="59000",
            latitude=where.latitude,
            longitude=where.longitude,
            access_modes=["decision-du-juge"],
            programmes=[programme("espaces-de-rencontre")],
        )
        place.courts.set(Court.objects.filter(slug=court))
        place.waiting_weeks, place.waiting_declared_on = weeks, today - timedelta(days=5)
        place.save()
        OpeningHoursFactory(place=place, weekday=2, opens=time(14), closes=time(18))
        if saturday:
            OpeningHoursFactory(place=place, weekday=5, opens=time(10), closes=time(12))
        return place

    espace("Espace de rencontre du Vieux-Lille", lille, "tj-lille", 9, saturday=True)
    espace("Espace de rencontre de Tourcoing", tourcoing, "tj-lille", 3, saturday=False)
    espace("Espace de rencontre de Lille-Sud", lille, "tj-douai", 4, saturday=True)
    assert douai


def searches_a_court(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        goto_and_settle(page, base_url + "/lieux/")
        page.get_by_label("Près de").fill("tribunal de Lille")
        page.get_by_label("Près de").press("Enter")
        page.wait_for_function("() => location.search.includes('near=tribunal')")
        page.wait_for_selector("[data-result-list] h3")
        cards = page.locator("[data-result-list] .place-card")
        found = {
            "names": page.locator("[data-result-list] h3").all_inner_texts(),
            "first": cards.nth(0).inner_text(),
            "second": cards.nth(1).inner_text(),
            "violations": Axe().run(page).response["violations"],
            "js_errors": list(page.js_errors),
            "width": page.evaluate("() => document.documentElement.scrollWidth"),
        }
        return found


def test_the_espaces_a_court_refers_to(live_server, lille_espaces, chromium):
    result = chromium.run(searches_a_court, live_server.url)
    assert result["names"] == [
        "Espace de rencontre du Vieux-Lille",
        "Espace de rencontre de Tourcoing",
    ]
    assert "Attente : environ 2 mois (au " in result["first"]
    assert "Ouvert le week-end" in result["first"]
    assert "Attente : environ 3 semaines (au " in result["second"]
    assert "Ouvert le week-end" not in result["second"]
    assert result["width"] <= PHONE["width"]
    assert result["violations"] == [], result["violations"]
    assert result["js_errors"] == []

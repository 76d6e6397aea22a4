"""Alerts in Chromium on a 360 px phone: after a search near 1000, a family sets an alert by
keyboard, confirms it from the e-mail's link; a new session is published, the weekly digest
lists it, and its unsubscribe link deletes the address. axe-core finds nothing on any page."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.conftest import PHONE, offline_page
from tests.browser.test_activity_flow import violations_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MONDAY_MORNING = datetime(2027, 3, 1, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.fixture
def brussels(transactional_db):
    from gazetteer.models import PostalCode
    from tests.factories import ActivityPageFactory, CommuneFactory, PlacePageFactory, publish

    with time_machine.travel(MONDAY_MORNING, tick=True) as traveller:
        commune = CommuneFactory(
            name_fr="Bruxelles",
            name_nl="Brussel",
            code="21004",
            search_names="bruxelles brussel",
            latitude=Decimal("50.846600"),
            longitude=Decimal("4.351700"),
        )
        PostalCode.objects.create(
            country="BE",
            code="1000",
            locality="Bruxelles",
            normalized_locality="bruxelles",
            commune=commune,
            latitude=Decimal("50.846600"),
            longitude=Decimal("4.351700"),
        )
        place = PlacePageFactory(
            title="Bulle d'Air",
            commune=commune,
            postcode="1000",
            latitude=Decimal("50.850000"),
            longitude=Decimal("4.350000"),
        )
        publish(ActivityPageFactory(parent=place, title="Jeux libres", start_date=date(2027, 3, 2)))
        yield {"place": place, "clock": traveller}


def family_sets_an_alert(browser, base_url: str) -> dict:
    found: dict = {"violations": {}}
    with offline_page(browser, base_url, PHONE) as page:
        page.goto(base_url + "/lieux/?near=1000")
        page.wait_for_load_state("networkidle")
        found["violations"]["map page"] = violations_of(page)
        found["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")
        email = page.get_by_label("Votre courriel")
        email.focus()
        page.keyboard.type("awa@example.org")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        found["next_focus"] = focused
        with page.expect_navigation():
            page.keyboard.press("Enter")
        found["pending"] = page.locator("main").inner_text()
        found["violations"]["pending"] = violations_of(page)
        found["js_errors"] = list(page.js_errors)
    return found


def family_follows_link(browser, link: str, button: str) -> dict:
    with offline_page(browser, link, PHONE) as page:
        page.goto(link)
        found = {"violations": violations_of(page), "before": page.locator("main").inner_text()}
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        found["after"] = page.locator("main").inner_text()
        found["violations_after"] = violations_of(page)
        found["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")
        return found


def test_a_family_sets_an_alert_and_gets_the_new_session(live_server, brussels, chromium):
    from django.core import mail

    from alerts.digests import send_digests
    from alerts.models import Alert
    from tests.factories import ActivityPageFactory, publish

    found = chromium.run(family_sets_an_alert, live_server.url)
    assert found["next_focus"] == "Prévenez-moi"
    assert "Vérifiez vos courriels" in found["pending"]
    assert found["scroll_width"] <= PHONE["width"]
    for name, violations in found["violations"].items():
        assert violations == [], (name, violations)
    assert found["js_errors"] == []
    alert = Alert.objects.get()
    assert (alert.email, alert.query) == ("awa@example.org", "near=1000")

    (confirmation,) = mail.outbox
    link = re.search(r"http://\S+/alertes/confirmer/\S+/", confirmation.body).group(0)
    confirmed = chromium.run(family_follows_link, link, "Activer l'alerte")
    assert "Alerte activée" in confirmed["after"]
    assert confirmed["violations"] == [] and confirmed["violations_after"] == []
    assert confirmed["scroll_width"] <= PHONE["width"]

    publish(
        ActivityPageFactory(
            parent=brussels["place"],
            title="Atelier comptines",
            start_date=date(2027, 3, 4),
            start_time=time(10, 0),
        )
    )
    brussels["clock"].move_to(datetime(2027, 3, 8, 7, 0, tzinfo=ZoneInfo("Europe/Brussels")))
    assert send_digests(base_url=live_server.url) == (1, 1)
    digest = mail.outbox[1]
    assert "Atelier comptines" in digest.body
    assert "Jeux libres" not in digest.body
    unsubscribe = re.search(r"http://\S+/alertes/desabonner/\S+/", digest.body).group(0)
    assert digest.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"

    ended = chromium.run(
        family_follows_link, unsubscribe, "Arrêter l'alerte et effacer mon adresse"
    )
    assert "Alerte arrêtée" in ended["after"]
    assert ended["violations"] == [] and ended["violations_after"] == []
    assert not Alert.objects.exists()

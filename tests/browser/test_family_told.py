"""A family on a phone, in the demo data: finds this week's sessions near 1000, registers, and
when the organiser cancels the session, the e-mail says so and carries a METHOD:CANCEL calendar
attachment. axe-core finds nothing on the pages the family visits (the printable programme
included), and nothing is wider than the phone."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THURSDAY = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))
PASSWORD = "mot-de-passe-de-test-42"
AXE = Axe()
# Brussels and its neighbours, and a commune elsewhere, as the gazetteer loads them.
COMMUNES = [
    ("21004", "Bruxelles", "50.846700", "4.352500"),
    ("21001", "Anderlecht", "50.833300", "4.307200"),
    ("21009", "Ixelles", "50.827500", "4.372200"),
    ("62063", "Liège", "50.632500", "5.579700"),
]


@pytest.fixture
def demo(transactional_db):
    from django.core.management import call_command

    from gazetteer.models import PostalCode
    from tests.factories import CommuneFactory

    with time_machine.travel(THURSDAY, tick=True):
        communes = [
            CommuneFactory(
                code=code,
                name_fr=name,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                search_names=name.lower(),
                region="Région de Bruxelles-Capitale",
            )
            for code, name, lat, lon in COMMUNES
        ]
        PostalCode.objects.create(
            country="BE",
            code="1000",
            locality="Bruxelles",
            normalized_locality="bruxelles",
            commune=communes[0],
            latitude=communes[0].latitude,
            longitude=communes[0].longitude,
        )
        call_command("seed_demo", count=40, seed=11, verbosity=0, no_index=True)
        yield


def violations_of(page) -> list[dict]:
    return [
        {"id": v["id"], "nodes": [n["html"][:160] for n in v["nodes"]]}
        for v in AXE.run(page).response["violations"]
    ]


def family_registers(browser, base_url: str) -> dict:
    found: dict = {"violations": {}, "widths": {}}
    with offline_page(browser, base_url, PHONE) as page:
        page.goto(base_url + "/lieux/?view=activities")
        page.get_by_label("Près de").fill("1000")
        page.get_by_label("Cette semaine").check()
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function("() => location.search.includes('near=1000')")
        page.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.includes('séance')"
        )
        page.wait_for_load_state("networkidle")
        found["count"] = page.locator("[data-result-count]").inner_text().strip()
        found["violations"]["activities view"] = violations_of(page)
        found["widths"]["activities view"] = page.evaluate("document.documentElement.scrollWidth")
        programme = page.locator(".programme-links a").get_attribute("href")

        # A session with places left, then its activity's page and the session's form.
        card = page.locator("[data-result-list] > li", has_text="places libres").first
        card.locator("h3 a").click()
        page.wait_for_load_state("load")
        found["violations"]["activity page"] = violations_of(page)
        page.locator(".session-list a.button", has_text="S'inscrire").first.click()
        page.wait_for_load_state("load")
        found["violations"]["registration form"] = violations_of(page)
        page.get_by_label("Votre nom").fill("Awa Diallo")
        page.get_by_label("Votre courriel").fill("awa@example.org")
        page.get_by_label("Nombre d'enfants").fill("1")
        page.get_by_label("Âge des enfants").fill("3 ans")
        page.get_by_label(re.compile("J'accepte")).check()
        page.get_by_role("button", name="Envoyer mon inscription").click()
        page.wait_for_load_state("load")
        found["confirmation"] = page.locator("main").inner_text()
        found["violations"]["confirmation"] = violations_of(page)
        found["widths"]["confirmation"] = page.evaluate("document.documentElement.scrollWidth")

        page.goto(base_url + programme)
        found["programme"] = page.locator("main").inner_text()
        found["violations"]["programme"] = violations_of(page)
        found["widths"]["programme"] = page.evaluate("document.documentElement.scrollWidth")
        found["js_errors"] = list(page.js_errors)
    return found


def organiser_cancels(browser, base_url: str, activity_id: int, occurrence_id: int) -> list:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.locator("input[name=username]").fill("organisatrice")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        page.goto(f"{base_url}/admin/activities/{activity_id}/seances/")
        page.locator(f"#reason-{occurrence_id}").fill("Animatrice malade")
        row = page.locator("tr", has=page.locator(f"#reason-{occurrence_id}"))
        row.get_by_role("button", name="Annuler la séance").click()
        page.wait_for_load_state("load")
        return page.locator(".messages").all_inner_texts()


def test_a_family_is_told_of_a_cancellation(live_server, demo, chromium, django_user_model):
    from django.contrib.auth.models import Group
    from django.core import mail
    from icalendar import Calendar

    from activities.models import Registration
    from directory.roles import organiser_group_name

    with time_machine.travel(THURSDAY, tick=True):
        found = chromium.run(family_registers, live_server.url)
        assert re.match(r"\d+ séances? trouvées?", found["count"]), found["count"]
        assert "Votre inscription est confirmée" in found["confirmation"] or (
            "liste d'attente" in found["confirmation"]
        )
        assert "Où" in found["confirmation"] and "Annuler mon inscription" in found["confirmation"]
        assert "Programme des activités" in found["programme"]
        for name, violations in found["violations"].items():
            assert violations == [], (name, violations)
        assert all(width <= PHONE["width"] for width in found["widths"].values()), found["widths"]
        assert found["js_errors"] == []

        registration = Registration.objects.select_related("occurrence__place").get(
            email="awa@example.org"
        )
        occurrence = registration.occurrence
        organiser = django_user_model.objects.create_user("organisatrice", password=PASSWORD)
        organiser.groups.add(Group.objects.get(name=organiser_group_name(occurrence.place)))
        mail.outbox.clear()
        messages = chromium.run(
            organiser_cancels, live_server.url, occurrence.activity_id, occurrence.pk
        )
        assert any("annulée" in text for text in messages), messages

    told = [m for m in mail.outbox if m.to == ["awa@example.org"]]
    assert len(told) == 1
    assert told[0].subject.startswith("Séance annulée")
    assert "Animatrice malade" in told[0].body
    (attachment,) = told[0].attachments
    calendar = Calendar.from_ical(attachment[1])
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"

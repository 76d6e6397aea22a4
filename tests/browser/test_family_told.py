"""A family in the demo data, on a 360 px phone and on a desktop: finds this week's sessions near
1000, registers, and from the same search sets an alert by keyboard ("Prévenez-moi") that it
confirms from the e-mail's link. The organiser cancels the session: the family's e-mail says so
and carries a METHOD:CANCEL calendar attachment. A new session is published near 1000: the
weekly digest lists it (and nothing older), and its one-click unsubscribe link deletes the
address. axe-core finds nothing on any page the family visits (the printable programme
included), and no page is wider than the screen."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.conftest import DESKTOP, VIEWPORTS, offline_page
from tests.browser.family import drawn_width, family_follows_link, violations_of
from tests.factories import PostalCodeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THURSDAY = datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))
# The Monday after: the weekly digest's run.
DIGEST_MONDAY = datetime(2026, 11, 30, 7, 0, tzinfo=ZoneInfo("Europe/Brussels"))
PASSWORD = "mot-de-passe-de-test-42"
EMAIL = "awa@example.org"
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
        PostalCodeFactory(code="1000", locality="Bruxelles", commune=communes[0])
        call_command("seed_demo", count=40, seed=11, verbosity=0, no_index=True)
        yield


def family_registers_and_sets_an_alert(browser, base_url: str, viewport: dict) -> dict:
    found: dict = {"violations": {}, "widths": {}}

    def looked_at(name: str) -> None:
        found["violations"][name] = violations_of(page)
        found["widths"][name] = drawn_width(page)

    with offline_page(browser, base_url, viewport) as page:
        page.goto(base_url + "/lieux/?view=activities")
        page.get_by_label("Cette semaine").check()
        # Typed, then sent with Enter: the place suggestions that open under the field while
        # the family types (static/directory/js/search_map.js) would otherwise lie over the
        # next control a click aims at, and choose a suggestion instead.
        page.get_by_label("Près de").fill("1000")
        page.get_by_label("Près de").press("Enter")
        page.wait_for_function("() => location.search.includes('near=1000')")
        page.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.includes('séance')"
        )
        page.wait_for_load_state("networkidle")
        search = page.url
        found["count"] = page.locator("[data-result-count]").inner_text().strip()
        looked_at("activities view")
        programme = page.locator(".programme-links a").get_attribute("href")

        # A session with places left, then its activity's page and the session's form.
        # (« 3 places libres », counted by registrations; not a team's « Places libres » of a
        # drop-in session's room, which has no registration.)
        card = page.locator(
            "[data-result-list] > li", has_text=re.compile(r"\d+ places libres")
        ).first
        card.locator("h3 a").click()
        page.wait_for_load_state("load")
        looked_at("activity page")
        page.locator(".session-list a.button", has_text="S'inscrire").first.click()
        page.wait_for_load_state("load")
        looked_at("registration form")
        page.get_by_label("Votre nom").fill("Awa Diallo")
        page.get_by_label("Votre courriel").fill(EMAIL)
        page.get_by_label("Nombre d'enfants").fill("1")
        page.get_by_label("Âge de chaque enfant").fill("3 ans")
        page.get_by_label(re.compile("J'accepte")).check()
        page.get_by_role("button", name="Envoyer mon inscription").click()
        page.wait_for_load_state("load")
        found["confirmation"] = page.locator("main").inner_text()
        looked_at("confirmation")

        page.goto(base_url + programme)
        found["programme"] = page.locator("main").inner_text()
        looked_at("programme")

        # Back to the same search; the alert is set by keyboard alone.
        page.goto(search)
        page.wait_for_load_state("networkidle")
        page.get_by_label("Votre courriel").focus()
        page.keyboard.type(EMAIL)
        page.keyboard.press("Tab")
        found["next_focus"] = page.evaluate("document.activeElement.textContent.trim()")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        found["pending"] = page.locator("main").inner_text()
        looked_at("alert pending")
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


def no_wider_than(viewport: dict, *widths: int) -> bool:
    return all(width <= viewport["width"] for width in widths)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_family_is_told_of_a_cancellation_and_alerted_of_a_new_session(
    live_server, demo, chromium, django_user_model, viewport
):
    from django.contrib.auth.models import Group
    from django.core import mail
    from icalendar import Calendar

    from activities.models import Registration
    from alerts.digests import send_digests
    from alerts.models import Alert
    from directory.roles import organiser_group_name
    from tests.factories import ActivityPageFactory, publish

    with time_machine.travel(THURSDAY, tick=True) as clock:
        found = chromium.run(family_registers_and_sets_an_alert, live_server.url, viewport)
        assert re.match(r"\d+ séances? trouvées?", found["count"]), found["count"]
        assert "Votre inscription est confirmée" in found["confirmation"] or (
            "liste d'attente" in found["confirmation"]
        )
        assert "Où" in found["confirmation"] and "Annuler mon inscription" in found["confirmation"]
        assert "Programme des activités" in found["programme"]
        assert found["next_focus"] == "Prévenez-moi"
        assert "Vérifiez vos courriels" in found["pending"]
        for name, violations in found["violations"].items():
            assert violations == [], (name, violations)
        assert no_wider_than(viewport, *found["widths"].values()), found["widths"]
        assert found["js_errors"] == []

        # The alert follows the search without its dates: "this week" means nothing later on.
        alert = Alert.objects.get()
        assert (alert.email, alert.view) == (EMAIL, "activities")
        assert alert.query == "near=1000&radius_km=10"
        (asked,) = [m for m in mail.outbox if "/alertes/confirmer/" in m.body]
        link = re.search(r"http://\S+/alertes/confirmer/\S+/", asked.body).group(0)
        confirmed = chromium.run(family_follows_link, link, "Activer l'alerte", viewport)
        assert "Alerte activée" in confirmed["after"]
        assert confirmed["violations"] == [] and confirmed["violations_after"] == []
        assert no_wider_than(viewport, confirmed["width_before"], confirmed["width_after"])
        assert confirmed["js_errors"] == []

        registration = Registration.objects.select_related("occurrence__place").get(email=EMAIL)
        occurrence = registration.occurrence
        organiser = django_user_model.objects.create_user("organisatrice", password=PASSWORD)
        organiser.groups.add(Group.objects.get(name=organiser_group_name(occurrence.place)))
        mail.outbox.clear()
        messages = chromium.run(
            organiser_cancels, live_server.url, occurrence.activity_id, occurrence.pk
        )
        assert any("annulée" in text for text in messages), messages

        (told,) = [m for m in mail.outbox if m.to == [EMAIL]]
        assert told.subject.startswith("Séance annulée")
        assert "Animatrice malade" in told.body
        (attachment,) = told.attachments
        calendar = Calendar.from_ical(attachment[1])
        assert calendar["METHOD"] == "CANCEL"
        (event,) = calendar.walk("VEVENT")
        assert event["STATUS"] == "CANCELLED"

        # A new activity at the same place, near 1000, published after the alert was confirmed.
        publish(
            ActivityPageFactory(
                parent=occurrence.place, title="Atelier comptines", start_date=date(2026, 12, 1)
            )
        )
        mail.outbox.clear()
        clock.move_to(DIGEST_MONDAY)
        assert send_digests(base_url=live_server.url) == (1, 1)

    (digest,) = mail.outbox
    assert digest.to == [EMAIL]
    assert "Atelier comptines" in digest.body
    assert occurrence.activity.title not in digest.body
    unsubscribe = re.search(r"http://\S+/alertes/desabonner/\S+/", digest.body).group(0)
    assert digest.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    ended = chromium.run(
        family_follows_link, unsubscribe, "Arrêter l'alerte et effacer mon adresse", viewport
    )
    assert "Alerte arrêtée" in ended["after"]
    assert ended["violations"] == [] and ended["violations_after"] == []
    assert no_wider_than(viewport, ended["width_before"], ended["width_after"])
    assert not Alert.objects.exists()

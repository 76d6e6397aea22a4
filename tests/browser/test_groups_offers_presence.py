"""Issue 31's groups, offers and presence in Chromium at 360 × 740 with touch: a family
registers two children (each one's age in one field) and one adult to a workshop counted in
children with one seat left, and waits; a family leaves, its two seats are offered to
them; their offer link asks once more and they take the places; the organiser ticks who came on
the register with the keyboard alone (Tab, Space, Enter). Each page is axe-core clean and none
scrolls sideways at 360 px."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.conftest import PHONE, animations_finished, offline_page
from tests.browser.test_pages import axe_report
from tests.browser.test_phone_notice_and_room import AXE, PHONE_CONTEXT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Tilleul-Bleu-2027"
BRUSSELS = ZoneInfo("Europe/Brussels")
DAY = date(2027, 3, 3)
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=BRUSSELS)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def scene(clock, transactional_db, django_user_model, commune):
    from activities.models import Occurrence
    from activities.registrations import Family, register
    from directory.roles import organiser_group
    from tests.factories import ActivityPageFactory, PlacePageFactory, publish

    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    activity = publish(
        ActivityPageFactory(
            parent=place,
            title="Atelier portage",
            start_date=DAY,
            start_time=time(10),
            weekdays=str(DAY.weekday()),
            registration_required=True,
            capacity=3,
            age_min_months=0,
            age_max_months=36,
        )
    )
    session = Occurrence.objects.get(activity=activity, date=DAY)
    leaving = Family("Famille Départ", "depart@example.org", "", 2, "1 an, 2 ans")
    first = register(session.pk, leaving, "http://testserver/").registration
    user = django_user_model.objects.create_user("orga", password=PASSWORD)
    user.groups.add(organiser_group(place))
    return {"session": session, "leaving": first.pk, "activity_id": activity.pk}


def audit(page) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
    }


def family_registers(browser, base_url: str, form_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(base_url + form_url)
        seen["form"] = audit(page)
        page.get_by_label("Votre nom").fill("Famille Lune")
        page.get_by_label("Votre courriel").fill("lune@example.org")
        page.get_by_label("Nombre d'enfants").fill("2")
        page.get_by_label("Âge de chaque enfant").fill("8 mois, 5 ans")
        page.get_by_label("Nombre d'adultes").fill("1")
        page.locator("#id_consent").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Envoyer mon inscription").tap()
        seen["refused"] = page.locator(".form-errors").inner_text()
        seen["refused_audit"] = audit(page)
        page.get_by_label("Âge de chaque enfant").fill("8 mois, 2 ans")
        page.locator("#id_consent").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Envoyer mon inscription").tap()
        seen["registered"] = " ".join(page.locator("main").inner_text().split())
        seen["js_errors"] = page.js_errors
    return seen


def family_accepts(browser, base_url: str, offer_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(offer_url)
        seen["offer"] = audit(page)
        seen["offer_text"] = " ".join(page.locator("main").inner_text().split())
        with page.expect_navigation():
            page.get_by_role("button", name="Oui, je prends la place").tap()
        seen["answered"] = " ".join(page.locator("main").inner_text().split())
        seen["js_errors"] = page.js_errors
    return seen


def organiser_ticks(browser, base_url: str, register_path: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "orga")
        page.fill("#id_password", PASSWORD)
        page.locator("button[type=submit]").tap()
        page.wait_for_url(base_url + "/admin/")
        page.goto(base_url + register_path)
        seen["register"] = audit(page)
        # The keyboard alone: focus the family's box, tick it, then the button.
        box = page.get_by_label("Famille Lune est là")
        box.focus()
        page.keyboard.press("Space")
        seen["ticked"] = box.is_checked()
        # Past the family's e-mail link, the button.
        for _tab in range(5):
            page.keyboard.press("Tab")
            seen["focused"] = page.evaluate("document.activeElement.textContent.trim()")
            if seen["focused"] == "Enregistrer la présence":
                break
        page.keyboard.press("Enter")
        page.wait_for_url("**/inscriptions/#seance-*")
        # Wagtail's message fades in: audited once it has (its colours are mixed meanwhile).
        page.locator(".messages li.success").wait_for()
        animations_finished(page)
        seen["messages"] = page.locator(".messages").all_inner_texts()
        seen["after"] = audit(page)
        seen["js_errors"] = page.js_errors
    return seen


def assert_clean(audits: dict) -> None:
    for name, found in audits.items():
        assert not found["violations"], f"{name}: " + axe_report(found["violations"])
        assert found["scroll_width"] <= PHONE["width"], name


def test_a_group_waits_takes_the_offered_seats_and_is_ticked_present(live_server, scene, chromium):
    from activities.models import Presence, Registration
    from activities.registration_links import offer_url
    from activities.registrations import cancel

    session = scene["session"]
    seen = chromium.run(family_registers, live_server.url, session.registration_url)
    assert (
        "Le 2e enfant (5 ans) : cette activité accueille les enfants de 0 à 3 ans."
        in (seen["refused"])
    )
    assert "liste d'attente" in seen["registered"]
    lune = Registration.objects.get(name="Famille Lune")
    assert (lune.status, lune.children_months, lune.adults_count) == ("waiting", [8, 24], 1)

    cancel(Registration.objects.get(pk=scene["leaving"]), live_server.url + "/")
    lune.refresh_from_db()
    assert lune.status == "offered"
    accepted = chromium.run(
        family_accepts, live_server.url, offer_url(lune, live_server.url + "/", "accepter")
    )
    assert "gardée pour vous jusqu'au" in accepted["offer_text"]
    assert "votre inscription est confirmée" in accepted["answered"]
    lune.refresh_from_db()
    assert lune.status == "confirmed"

    register_path = f"/admin/activities/{scene['activity_id']}/inscriptions/"
    ticked = chromium.run(organiser_ticks, live_server.url, register_path)
    assert ticked["ticked"] and ticked["focused"] == "Enregistrer la présence"
    assert any("Présence enregistrée : 1 famille" in m for m in ticked["messages"])
    assert Presence.objects.get(registration__name="Famille Lune").present
    assert_clean(
        {
            "form": seen["form"],
            "refused": seen["refused_audit"],
            "offer": accepted["offer"],
            "register": ticked["register"],
            "register_after": ticked["after"],
        }
    )
    assert not (seen["js_errors"] or accepted["js_errors"] or ticked["js_errors"])

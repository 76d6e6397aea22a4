"""Issue 31's flow at 360 px: a family registers two children to a cycle (six « massage bébé »
Wednesdays) from its page, which says it is a cycle and lists its dates; the organiser, on the
same phone, moves session 3 to the Thursday afternoon; the family's e-mail says the old and the
new, and its .ics keeps the session's UID with a raised SEQUENCE, its DESCRIPTION the old time;
the page then shows the session as moved. axe-core finds nothing on any page, none scrolls
sideways."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.conftest import PHONE, offline_page
from tests.browser.family import drawn_width, violations_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=BRUSSELS)
FIRST = date(2027, 3, 10)
THIRD = date(2027, 3, 24)
PASSWORD = "Tilleul-Bleu-2027"
EMAIL = "awa@example.org"
PHONE_CONTEXT = {"has_touch": True, "is_mobile": True}


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def scene(clock, transactional_db, django_user_model, commune):
    from activities.choices import Ends
    from activities.models import Occurrence
    from directory.roles import organiser_group
    from tests.factories import ActivityPageFactory, PlacePageFactory, publish

    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    cycle = publish(
        ActivityPageFactory(
            parent=place,
            title="Massage bébé",
            start_date=FIRST,
            start_time=time(10),
            duration_minutes=120,
            weekdays=str(FIRST.weekday()),
            registration_required=True,
            capacity=8,
            is_cycle=True,
            ends=Ends.COUNT,
            count=6,
        )
    )
    user = django_user_model.objects.create_user("orga", password=PASSWORD)
    user.groups.add(organiser_group(place))
    third = Occurrence.objects.get(activity=cycle, date=THIRD)
    return {"url": cycle.url, "activity_id": cycle.pk, "third_id": third.pk}


def look(page, seen: dict, name: str) -> None:
    seen.setdefault("audits", {})[name] = {
        "violations": violations_of(page),
        "width": drawn_width(page),
    }


def fill_registration_form(page) -> None:
    """The registration form's current fields, for a family with two children."""
    page.get_by_label("Votre nom").fill("Awa Diallo")
    page.get_by_label("Votre courriel").fill(EMAIL)
    page.get_by_label("Nombre d'enfants").fill("2")
    page.get_by_label("Âge de chaque enfant").fill("8 mois, 3 ans")
    page.get_by_label("Nombre d'adultes").fill("1")
    page.get_by_label(re.compile("J'accepte")).check()


def family_registers(browser, base_url: str, url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(base_url + url)
        seen["page"] = " ".join(page.locator("main").inner_text().split())
        look(page, seen, "activity page")
        with page.expect_navigation():
            page.get_by_role("link", name="S'inscrire au cycle").tap()
        seen["form"] = " ".join(page.locator("main").inner_text().split())
        look(page, seen, "registration form")
        fill_registration_form(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Envoyer mon inscription").tap()
        seen["confirmation"] = page.locator("main").inner_text()
        look(page, seen, "confirmation")
        seen["js_errors"] = list(page.js_errors)
    return seen


def organiser_moves_session_3(browser, base_url: str, activity_id: int, third_id: int) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "orga")
        page.fill("#id_password", PASSWORD)
        page.locator("button[type=submit]").tap()
        page.wait_for_url(base_url + "/admin/")
        page.goto(f"{base_url}/admin/activities/{activity_id}/seances/")
        look(page, seen, "sessions")
        with page.expect_navigation():
            page.locator(f"a[href$='/seances/{third_id}/deplacer/']").tap()
        look(page, seen, "move form")
        page.get_by_label("Date").fill("2027-03-25")
        page.get_by_label("Début").fill("14:00")
        page.get_by_label("Fin").fill("16:00")
        with page.expect_navigation():
            page.get_by_role("button", name="Déplacer la séance").tap()
        seen["messages"] = page.locator(".messages").all_inner_texts()
        seen["js_errors"] = list(page.js_errors)
    return seen


def family_looks_again(browser, base_url: str, url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(base_url + url)
        seen["dates"] = " ".join(page.locator(".cycle-dates").inner_text().split())
        look(page, seen, "activity page after the move")
    return seen


def test_a_family_registers_to_a_cycle_and_is_told_of_session_3_moved(live_server, scene, chromium):
    from django.core import mail
    from icalendar import Calendar

    from activities.models import Registration

    base = live_server.url
    registered = chromium.run(family_registers, base, scene["url"])
    assert "Un cycle de 6 séances" in registered["page"]
    assert "mercredi 24 mars 2027, 10:00" in registered["page"]
    assert "Une seule inscription pour les 6 séances du cycle" in registered["form"]
    assert "Votre inscription est confirmée" in registered["confirmation"]
    assert registered["js_errors"] == []
    registration = Registration.objects.get(email=EMAIL)
    assert registration.children_count == 2
    mail.outbox.clear()

    moved = chromium.run(organiser_moves_session_3, base, scene["activity_id"], scene["third_id"])
    assert any("déplacée" in text for text in moved["messages"]), moved["messages"]
    assert moved["js_errors"] == []

    (told,) = [m for m in mail.outbox if m.to == [EMAIL]]
    assert told.subject == "Séance déplacée : Massage bébé, maintenant le 25/03/2027 14:00"
    assert "fait partie du cycle" in told.body
    assert "Avant : mercredi 24 mars 2027, 10:00 – 12:00" in told.body
    assert "Maintenant : jeudi 25 mars 2027, 14:00 – 16:00" in told.body
    (attachment,) = told.attachments
    calendar = Calendar.from_ical(attachment[1])
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(f"seance-{scene['third_id']}@")
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == datetime(2027, 3, 25, 14, 0, tzinfo=BRUSSELS)
    assert "Avant : mercredi 24 mars 2027, 10:00" in str(event["DESCRIPTION"])

    again = chromium.run(family_looks_again, base, scene["url"])
    assert "jeudi 25 mars 2027, 14:00 Déplacée — prévue avant le mercredi 24 mars" in again["dates"]

    for seen in (registered, moved, again):
        for name, found in seen["audits"].items():
            assert found["violations"] == [], (name, found["violations"])
            assert found["width"] <= PHONE["width"], (name, found["width"])

"""Issue 29's texts, in Chromium at 360 px with touch and the Dutch interface: a family
registers by phone alone (no e-mail), is sent the 6-digit code by SMS — received by the local
SMPP server (tests/sms_server.py) through the site's real smpplib client, the task queue run at
once —, types it on the code page, and the confirmation text arrives at the server in Dutch, in
one GSM-7 part; then the day-before reminder, and the cancellation when the organiser cancels
the session. Each page
the family sees is axe-core clean and no wider than the phone."""

from __future__ import annotations

import io
import re
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import PHONE, offline_page
from tests.browser.family import drawn_width, violations_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOUCH = {"has_touch": True, "is_mobile": True}


def tomorrows_babymassage(commune):
    """A published activity with registration whose first session is tomorrow (the
    day-before reminder is due), four seats, at « De Kleine Stapjes »."""
    from tests.factories import ActivityPageFactory, PlacePageFactory, publish

    place = publish(PlacePageFactory(title="De Kleine Stapjes", commune=commune))
    day = timezone.localdate() + timedelta(days=1)
    return publish(
        ActivityPageFactory(
            parent=place,
            title="Babymassage",
            start_date=day,
            start_time=time(10),
            weekdays=str(day.weekday()),
            registration_required=True,
            capacity=4,
        )
    )


@pytest.fixture
def session(transactional_db, commune):
    from activities.models import Occurrence

    activity = tomorrows_babymassage(commune)
    return Occurrence.objects.filter(activity=activity).order_by("start").first()


def registers_by_phone(browser, url: str) -> dict:
    found: dict = {"violations": {}}
    with offline_page(browser, url, PHONE, locale="nl-BE", **TOUCH) as page:
        page.goto(url)
        found["lang"] = page.evaluate("document.documentElement.lang")
        found["violations"]["form"] = violations_of(page)
        found["width"] = [drawn_width(page)]
        page.locator("#id_name").fill("Awa Diallo")
        page.locator("#id_phone").fill("0470 12 34 56")
        page.locator("#id_texts").check()
        page.locator("#id_children_count").fill("1")
        page.locator("#id_children_ages").fill("8 maanden")
        page.locator("#id_consent").check()
        with page.expect_navigation():
            page.locator(".registration-form button[type=submit]").tap()
        found["code_url"] = page.url
        found["code_page"] = page.locator("main").inner_text()
        found["violations"]["code page"] = violations_of(page)
        found["width"].append(drawn_width(page))
        found["js_errors"] = list(page.js_errors)
    return found


def types_the_code(browser, url: str, code: str) -> dict:
    found: dict = {}
    with offline_page(browser, url, PHONE, locale="nl-BE", **TOUCH) as page:
        page.goto(url)
        page.locator("#id_code").fill(code)
        with page.expect_navigation():
            page.locator(".registration-form button[type=submit]").tap()
        found["page"] = page.locator("main").inner_text()
        found["violations"] = violations_of(page)
        found["width"] = drawn_width(page)
        found["js_errors"] = list(page.js_errors)
    return found


def test_a_family_registers_by_phone_types_the_code_and_receives_the_texts(
    live_server, chromium, session, sms_centre
):
    from activities.models import Registration
    from activities.occurrences import cancel_occurrence

    found = chromium.run(registers_by_phone, live_server.url + "/nl" + session.registration_url)
    assert found["lang"] == "nl"
    assert found["code_url"].endswith("/code/")
    assert "Typ de code die u per sms kreeg" in found["code_page"]
    (code_message,) = sms_centre.wait_for(1)
    assert code_message.destination == "32470123456"
    assert code_message.text.startswith("Uw Rencontres-code: ")
    code = re.search(r"\b(\d{6})\b", code_message.text).group(1)

    typed = chromium.run(types_the_code, found["code_url"], code)
    assert "Uw inschrijving is bevestigd" in typed["page"]
    confirmation = sms_centre.wait_for(2)[1]
    assert confirmation.text.startswith("Inschrijving bevestigd: Babymassage, ")
    assert (confirmation.parts, confirmation.data_coding) == (1, 0)
    assert Registration.objects.get().phone == "+32470123456"

    call_command("remind_registrations", stdout=io.StringIO())
    reminder = sms_centre.wait_for(3)[2]
    assert reminder.text.startswith("Herinnering: morgen ")
    assert "Babymassage" in reminder.text and reminder.parts == 1

    cancel_occurrence(session, "Ziek")
    cancelled = sms_centre.wait_for(4)[3]
    assert cancelled.text.startswith("Sessie geannuleerd: Babymassage, ")

    for name, violations in {**found["violations"], "confirmation": typed["violations"]}.items():
        assert violations == [], (name, violations)
    assert max(found["width"] + [typed["width"]]) <= PHONE["width"]
    assert found["js_errors"] == typed["js_errors"] == []

"""Issue 29's must-hold flow, in a family's language: in Chromium at 360 px with touch, a family
reads an activity in Arabic (right to left) inside the Dutch interface, registers by phone from
it, types the code texted to it by the local SMPP server (tests/sms_server.py), and receives the
confirmation, the reminder and the cancellation — in Dutch, the interface's language the family
chose (texts speak one of the interface's languages). Every page keeps the activity's Arabic
title marked `lang="ar" dir="rtl"` while `<html lang="nl">` and its buttons stay Dutch; each page
is axe-core clean and no wider than the phone."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import PHONE, offline_page
from tests.browser.family import drawn_width, violations_of
from tests.browser.test_texts_by_phone import TOUCH, tomorrows_babymassage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE_AR = "تدليك الرضع"
DESCRIPTION_AR = "<p>ورشة للآباء والأمهات مع أطفالهم الصغار.</p>"

# The activity's title as the page shows it: its language, its direction as drawn.
ARABIC_TITLE = """(selector) => {
  const element = document.querySelector(selector);
  return element && {
    text: element.textContent.trim(),
    lang: element.lang,
    dir: element.getAttribute("dir"),
    direction: getComputedStyle(element).direction,
  };
}"""


@pytest.fixture
def activity(transactional_db, commune):
    from wagtail.models import Locale

    from core.models import TextOrigin, TranslationMark
    from tests.factories import publish

    activity = tomorrows_babymassage(commune)
    arabic = activity.copy_for_translation(
        Locale.objects.get(language_code="ar"), copy_parents=True
    )
    arabic.title, arabic.description = TITLE_AR, DESCRIPTION_AR
    publish(arabic)
    TranslationMark.objects.create(page=arabic, origin=TextOrigin.VOLUNTEER)
    return activity


def reads_in_arabic_and_registers(browser, url: str) -> dict:
    found: dict = {"violations": {}, "width": [], "titles": {}}
    with offline_page(browser, url, PHONE, locale="nl-BE", **TOUCH) as page:
        page.goto(url)
        found["lang"] = page.evaluate("document.documentElement.lang")
        found["titles"]["activity"] = page.evaluate(ARABIC_TITLE, "h1")
        found["offered"] = page.locator(".text-languages a").evaluate_all(
            "links => links.map(a => [a.hreflang, a.lang, a.dir, a.textContent.trim()])"
        )
        found["origin"] = page.locator(".text-languages__origin").inner_text()
        found["violations"]["activity"] = violations_of(page)
        found["width"].append(drawn_width(page))
        register = page.locator(".session a.button--small").first
        found["register_label"] = register.inner_text()
        with page.expect_navigation():
            register.tap()
        found["form_url"] = page.url
        found["titles"]["form"] = page.evaluate(ARABIC_TITLE, ".breadcrumb a")
        found["violations"]["form"] = violations_of(page)
        found["width"].append(drawn_width(page))
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
        found["titles"]["code"] = page.evaluate(ARABIC_TITLE, ".session__when span")
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
        found["url"] = page.url
        found["lang"] = page.evaluate("document.documentElement.lang")
        found["page"] = page.locator("main").inner_text()
        found["title"] = page.evaluate(ARABIC_TITLE, ".facts a[lang]")
        found["violations"] = violations_of(page)
        found["width"] = drawn_width(page)
        found["js_errors"] = list(page.js_errors)
    return found


def test_a_family_reads_in_arabic_registers_by_phone_and_receives_the_texts_in_dutch(
    live_server, chromium, activity, sms_centre
):
    from activities.models import Occurrence, Registration
    from activities.occurrences import cancel_occurrence

    url = f"{live_server.url}/nl{activity.url}?content=ar"
    found = chromium.run(reads_in_arabic_and_registers, url)
    assert found["lang"] == "nl"
    arabic = {"text": TITLE_AR, "lang": "ar", "dir": "rtl", "direction": "rtl"}
    assert found["titles"]["activity"] == arabic
    assert found["offered"] == [
        ["fr", "fr", "ltr", "Français"],
        ["ar", "ar", "rtl", "العربيّة"],
    ]
    assert found["origin"] == "Vertaald door een vrijwilliger."
    # The interface stays Dutch around the Arabic text.
    assert found["register_label"].startswith("Inschrijven")
    assert found["form_url"].endswith("?content=ar")
    assert found["titles"]["form"] == arabic
    assert found["code_url"].endswith("/code/?content=ar")
    assert "Typ de code die u per sms kreeg" in found["code_page"]
    assert found["titles"]["code"] == arabic
    (code_message,) = sms_centre.wait_for(1)
    assert code_message.destination == "32470123456"
    assert code_message.text.startswith("Uw Rencontres-code: ")
    code = re.search(r"\b(\d{6})\b", code_message.text).group(1)

    typed = chromium.run(types_the_code, found["code_url"], code)
    assert typed["lang"] == "nl"
    assert typed["url"].endswith("?content=ar")
    assert "Uw inschrijving is bevestigd" in typed["page"]
    assert typed["title"] == arabic
    # The texts speak the interface's language (Dutch): one GSM-7 part each.
    confirmation = sms_centre.wait_for(2)[1]
    assert confirmation.text.startswith("Inschrijving bevestigd: Babymassage, ")
    assert (confirmation.parts, confirmation.data_coding) == (1, 0)
    assert Registration.objects.get().phone == "+32470123456"

    call_command("remind_registrations", stdout=io.StringIO())
    reminder = sms_centre.wait_for(3)[2]
    assert reminder.text.startswith("Herinnering: morgen ")
    assert "Babymassage" in reminder.text and reminder.parts == 1

    session = Occurrence.objects.filter(activity=activity).order_by("start").first()
    cancel_occurrence(session, "Ziek")
    cancelled = sms_centre.wait_for(4)[3]
    assert cancelled.text.startswith("Sessie geannuleerd: Babymassage, ")

    for name, violations in {**found["violations"], "confirmation": typed["violations"]}.items():
        assert violations == [], (name, violations)
    assert max(found["width"] + [typed["width"]]) <= PHONE["width"]
    assert found["js_errors"] == typed["js_errors"] == []

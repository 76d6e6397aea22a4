"""Issue 32's widget in a partner's page: a second local HTTP server, on another port (another
origin), serves a commune's page in Dutch with its own strict Content-Security-Policy (no
script, no style from elsewhere, frames from our origin only) and the snippet our snippet page
gives. In Chromium at 360 px, the widget shows the places near the postcode and their sessions
of the next seven days in Dutch, a discreet place without its street address, with its own
styles (our policy lets any site frame it, and its stylesheet is ours), with no policy refusal
in either page; a keyboard user tabs from the partner's page into the widget's first link, and
Enter opens our place page in a new tab, the partner's page staying. axe-core finds nothing in
the widget nor in the partner's page around it, and neither scrolls sideways."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
STREET = "Rue des Volets Clos 12"


@pytest.fixture
def places(transactional_db, commune):
    from tests.factories import (
        ActivityPageFactory,
        PlacePageFactory,
        PostalCodeFactory,
        programme,
        publish,
    )

    PostalCodeFactory(commune=commune)
    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    publish(
        ActivityPageFactory(
            parent=place,
            title="Matinée passerelle",
            start_date=date.today(),
            start_time=time(23, 0),
            duration_minutes=30,
            weekdays="0,1,2,3,4,5,6",
        )
    )
    discreet = publish(
        PlacePageFactory(
            title="Espace de rencontre Le Passage",
            commune=commune,
            street_address=STREET,
            is_discreet=True,
            programmes=[programme("espaces-de-rencontre")],
        )
    )
    return {"place": place.title, "discreet": discreet.title}


@contextmanager
def partner_site(page_html: str, policy: str):
    """A partner's web server: one page, with its own Content-Security-Policy."""

    class Partner(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page_html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", policy)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def visit(browser, partner: str, ours: str) -> dict:
    allowed = {urlsplit(partner).netloc, urlsplit(ours).netloc}
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    seen: dict = {"refusals": [], "errors": []}
    try:
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if urlsplit(route.request.url).netloc in allowed
                else route.abort()
            ),
        )
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                seen["refusals"].append(message.text)
                if "Content Security Policy" in message.text or "Refused" in message.text
                else None
            ),
        )
        page.on("pageerror", lambda error: seen["errors"].append(str(error)))
        page.goto(partner + "/", wait_until="load")
        frame_element = page.locator("iframe")
        frame_element.scroll_into_view_if_needed()
        frame = frame_element.element_handle().content_frame()
        frame.wait_for_load_state("load")
        seen["frame_url"] = frame.url
        seen["lang"] = frame.evaluate("document.documentElement.lang")
        seen["text"] = frame.locator("main").inner_text()
        seen["heading_size"] = frame.evaluate(
            "getComputedStyle(document.querySelector('h1')).fontSize"
        )
        seen["frame_scrolls"] = frame.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        seen["page_scrolls"] = page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        seen["widget_violations"] = AXE.run(frame).response["violations"]
        seen["partner_violations"] = AXE.run(
            page, options={"resultTypes": ["violations"], "iframes": False}
        ).response["violations"]

        page.keyboard.press("Tab")
        seen["focused"] = frame.evaluate("document.activeElement.textContent.trim()")
        with context.expect_page() as opened:
            page.keyboard.press("Enter")
        new_page = opened.value
        new_page.wait_for_load_state("load")
        seen["opened"] = new_page.url
        seen["partner_stays"] = page.url
    finally:
        context.close()
    return seen


def test_the_widget_in_a_partners_page(live_server, places, settings, chromium):
    from opendata.widget import snippet

    settings.WAGTAILADMIN_BASE_URL = live_server.url
    title = "Ontmoetingsplaatsen voor ouders en kinderen in de buurt van Luik"
    html = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Gemeente Luik — Gezinnen</title></head><body><main><h1>Gezinnen</h1>"
        f"<p>Ontmoetingsplaatsen in uw buurt:</p>{snippet('4000', 'nl', title)}"
        "</main></body></html>"
    )
    # The partner's own policy: nothing from anywhere but frames from our origin.
    policy = f"default-src 'none'; frame-src {live_server.url}; base-uri 'none'"
    with partner_site(html, policy) as partner:
        seen = chromium.run(visit, partner, live_server.url)

    assert seen["frame_url"].startswith(f"{live_server.url}/nl/widget/?near=4000")
    assert seen["lang"] == "nl"
    assert places["place"] in seen["text"] and places["discreet"] in seen["text"]
    assert STREET not in seen["text"]
    assert "Matinée passerelle" in seen["text"]
    assert "Alle plaatsen en hun activiteiten op Rencontres" in seen["text"]
    # Our stylesheet applied inside the frame (1.15rem), under our policy and despite theirs.
    assert seen["heading_size"] == "18.4px"
    assert seen["refusals"] == [] and seen["errors"] == []
    assert seen["widget_violations"] == [], axe_report(seen["widget_violations"])
    assert seen["partner_violations"] == [], axe_report(seen["partner_violations"])
    assert not seen["frame_scrolls"] and not seen["page_scrolls"]
    assert seen["focused"] in (places["place"], places["discreet"])
    assert seen["opened"].startswith(live_server.url) and "/nl/" in seen["opened"]
    assert seen["partner_stays"] == partner + "/"

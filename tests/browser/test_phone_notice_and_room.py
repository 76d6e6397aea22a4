"""Issue 25's phone flow, in Chromium at 360 × 740 with touch: an organiser, from their admin
home, sets a « Déplacé temporairement » notice with its message (three taps: the home's link,
the kind, « Publier l'avis ») and then says « Complet » for the drop-in session under way (two
taps: the home's « Il reste de la place ? », « Complet »). The public's next requests of the
map page (/lieux/: its card and its map's point) and of the place page show both, although
both pages were kept answers (core.kept, kept for an hour here) warmed before the organiser
acted: the notice and the tap announce their change. After the session's end, the same pages
no longer show « Complet » while the notice stays.

The end comes by the clock, not by a change: the whole test runs on time_machine's clock
(which every thread of the process reads: the live server's, its cache's expiry), from
Wednesday 3 March 2027 10:40 in Brussels, ticking; the session runs 10:00–11:00. Once the
public has seen « Complet » (answers kept again, under a generation the test then watches),
the clock moves to one second past 11:00 with nothing written to the database and nothing
announced: the room is gone because it is filtered when read and because a kept answer that
shows a room lives no longer than its session (`core.kept.shown_until`), not because of the
hour's limit (KEPT_RESPONSES_SECONDS is 3600) nor a new content generation (asserted unchanged).
The organiser's notice form and live room page and the public map and place pages are checked
by axe-core at 360 px, and none of them scrolls sideways."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, goto_and_settle, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
PASSWORD = "Tilleul-Bleu-2027"
MOVED = "Cette semaine, les séances ont lieu à la salle communale, rue Haute 3."
BRUSSELS = ZoneInfo("Europe/Brussels")
# A Wednesday: the drop-in morning runs 10:00–11:00, the organiser acts from 10:40.
DAY = date(2027, 3, 3)
NOW = datetime(2027, 3, 3, 10, 40, tzinfo=BRUSSELS)
ENDS = datetime(2027, 3, 3, 11, 0, tzinfo=BRUSSELS)
MAP = "/lieux/"
PHONE_CONTEXT = {"has_touch": True, "is_mobile": True}


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def scene(clock, transactional_db, django_user_model, commune, settings):
    from activities.models import Occurrence
    from core.kept import new_generation
    from directory.roles import organiser_group
    from tests.factories import ActivityPageFactory, PlacePageFactory, publish

    # Kept answers on, for longer than the session: only its end may expire them.
    settings.KEPT_RESPONSES_SECONDS = 3600
    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    activity = publish(
        ActivityPageFactory(
            parent=place,
            title="Matinée passerelle",
            start_date=DAY,
            start_time=time(10),
            duration_minutes=60,
            weekdays=str(DAY.weekday()),
            registration_required=False,
        )
    )
    session = Occurrence.objects.get(activity=activity, date=DAY)
    assert (session.start, session.end) == (NOW.replace(minute=0), ENDS)
    user = django_user_model.objects.create_user("orga", password=PASSWORD)
    user.groups.add(organiser_group(place))
    new_generation()
    return {"place_id": place.pk, "url": place.url, "session_id": session.pk}


def audit(page) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
    }


def organiser_acts(browser, base_url: str) -> dict:
    """From the home, the notice (counting the taps), then from the home again, « Complet »."""
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "orga")
        page.fill("#id_password", PASSWORD)
        page.locator("button[type=submit]").tap()
        page.wait_for_url(base_url + "/admin/")
        seen["home"] = audit(page)
        # The home's « Mes lieux » panel.
        places = page.locator("table[data-places]")

        taps = 0
        with page.expect_navigation():
            places.get_by_role("link", name="Signaler une fermeture ou un changement").tap()
        taps += 1
        seen["notice_form"] = audit(page)
        page.get_by_label("Déplacé temporairement").tap()
        taps += 1
        page.get_by_label("Message aux familles").fill(MOVED)
        with page.expect_navigation():
            page.get_by_role("button", name="Publier l'avis").tap()
        taps += 1
        seen["notice_taps"] = taps
        seen["notice_messages"] = page.locator(".messages").all_inner_texts()

        page.goto(base_url + "/admin/")
        taps = 0
        with page.expect_navigation():
            places.get_by_role("link", name="Il reste de la place ?").tap()
        taps += 1
        seen["room_page"] = audit(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Complet — Matinée passerelle", exact=True).tap()
        taps += 1
        seen["room_taps"] = taps
        seen["room_messages"] = page.locator(".messages").all_inner_texts()
        seen["room_now"] = page.locator("[data-live-room-now]").inner_text()
        seen["room_after"] = audit(page)
        seen["js_errors"] = page.js_errors
    return seen


def public_reads(browser, base_url: str, place_url: str, audited: bool = False) -> dict:
    """A visitor without an account: the map page (its card, its map's point) and the place
    page, as a 360 px phone shows them."""
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, **PHONE_CONTEXT) as page:
        assert goto_and_settle(page, base_url + MAP) == 200
        card = page.locator(f".place-card:has(a[href='{place_url}'])")
        seen["card"] = " ".join(card.inner_text().split())
        # The map's points: the API answer the page names, as its map asks it.
        seen["points_url"] = page.locator("#map-features").get_attribute("data-points-url")
        collection = page.evaluate("url => fetch(url).then(r => r.json())", seen["points_url"])
        (point,) = [feature["properties"] for feature in collection["features"]]
        seen["point"] = {key: point.get(key, "") for key in ("live_room", "notice")}
        if audited:
            seen["map_audit"] = audit(page)
        assert goto_and_settle(page, base_url + place_url) == 200
        seen["place"] = " ".join(page.locator("main").inner_text().split())
        if audited:
            seen["place_audit"] = audit(page)
        seen["js_errors"] = page.js_errors
    return seen


def kept_answer(base_url: str, path: str):
    """The answer kept for `path` as the visitor asked it (French), under the current
    generation; None when none is."""
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils import translation

    from core.kept import _key

    request = RequestFactory().get(path, HTTP_HOST=urlsplit(base_url).netloc)
    with translation.override("fr"):
        return cache.get(_key(request))


def assert_clean(audits: dict) -> None:
    for name, found in audits.items():
        assert not found["violations"], f"{name}: " + axe_report(found["violations"])
        assert found["scroll_width"] <= PHONE["width"], name


def test_from_the_phone_a_notice_and_complet_shown_until_the_session_s_end(
    live_server, scene, clock, chromium
):
    from activities.models import RoomReport
    from core.kept import generation
    from directory.models import PlaceNotice

    base, url = live_server.url, scene["url"]

    # The public's answers, kept before the organiser acts.
    before = chromium.run(public_reads, base, url)
    assert "Complet" not in before["card"] + before["place"]
    assert MOVED not in before["card"] + before["place"]
    assert before["point"] == {"live_room": "", "notice": ""}
    for path in (MAP, before["points_url"], url):
        assert kept_answer(base, path) is not None, path

    acted = chromium.run(organiser_acts, base)
    assert_clean({name: acted[name] for name in ("home", "notice_form", "room_page")})
    assert acted["notice_taps"] <= 3
    assert any("Avis publié" in message for message in acted["notice_messages"])
    assert acted["room_taps"] == 2
    assert any("« Complet » est affiché" in message for message in acted["room_messages"])
    assert acted["js_errors"] == []
    notice = PlaceNotice.objects.get()
    assert (notice.place_id, notice.kind, notice.message_fr) == (scene["place_id"], "moved", MOVED)
    report = RoomReport.objects.get()
    assert (report.occurrence_id, report.state) == (scene["session_id"], "full")
    full = f"Complet — signalé à {report.reported_at.astimezone(BRUSSELS):%H:%M}"
    assert full.removeprefix("Complet") in acted["room_now"]

    # The next public requests show both, kept answers included.
    during = chromium.run(public_reads, base, url, True)
    assert_clean({name: during[name] for name in ("map_audit", "place_audit")})
    for surface in ("card", "place"):
        assert full in during[surface], surface
        assert "Déplacé temporairement" in during[surface] and MOVED in during[surface], surface
    assert during["point"]["live_room"] == full
    assert "Déplacé temporairement" in during["point"]["notice"]
    assert during["js_errors"] == []
    # Kept again, showing the room.
    watched = generation()
    for path in (MAP, during["points_url"], url):
        kept = kept_answer(base, path).content.decode()
        if path.startswith("/api/"):
            kept = json.dumps(json.loads(kept), ensure_ascii=False)
        assert full in kept, path

    # The session ends by the clock alone: nothing written, nothing announced.
    clock.move_to(ENDS + timedelta(seconds=1))
    after = chromium.run(public_reads, base, url)
    for surface in ("card", "place"):
        assert "Complet" not in after[surface], surface
        assert MOVED in after[surface], surface
    assert after["point"]["live_room"] == ""
    assert "Déplacé temporairement" in after["point"]["notice"]
    assert generation() == watched
    assert after["js_errors"] == []

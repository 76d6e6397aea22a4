"""Playwright fixtures: Debian's Chromium against pytest-django's live server, offline.

Playwright's own browser downloads are never used: the browser is the system Chromium
(`CHROMIUM_PATH`, default /usr/bin/chromium). Every request that leaves the live server is
answered locally: images (the map tiles) get a blank PNG, anything else is aborted, so no test
depends on the network.

Playwright's sync API runs an asyncio loop in the thread that starts it, and Django's ORM does
not work normally in such a thread (its connection registry is context-local and it refuses
ORM calls next to a running loop). So the browser lives in a thread of its own for the whole
session: a test builds its data with the ORM in the main thread, then hands a *script* (a
function taking a Playwright `Browser`) to `chromium.run(...)`, which runs it in the browser's
thread and returns its plain result.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import time
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
VIEWPORTS = {"desktop": DESKTOP, "360px": PHONE}


def _blank_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (242, 239, 233)).save(buffer, format="PNG")
    return buffer.getvalue()


BLANK_TILE = _blank_png()


class ChromiumThread:
    """One Chromium for the session, driven from a dedicated thread."""

    def __init__(self, executable: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._executor.submit(self._start, executable).result()

    def _start(self, executable: str) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )

    def run(self, script: Callable[..., Any], *args: Any) -> Any:
        """`script(browser, *args)` in the browser's thread; return plain data, not handles."""
        return self._executor.submit(script, self.browser, *args).result()

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self._playwright.stop()

        self._executor.submit(stop).result()
        self._executor.shutdown()


@pytest.fixture(scope="session")
def chromium() -> Iterator[ChromiumThread]:
    if not (os.path.isfile(CHROMIUM_PATH) or shutil.which(CHROMIUM_PATH)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM_PATH}: install Debian's package "
            "(apt-get install chromium) or set CHROMIUM_PATH.",
            pytrace=False,
        )
    thread = ChromiumThread(CHROMIUM_PATH)
    yield thread
    thread.close()


@pytest.fixture(autouse=True)
def site_at_the_live_server(request, settings):
    """The site's address is the live server's, as RENCONTRES_BASE_URL is the public address in
    production: the absolute links, redirects and canonical addresses a page carries
    (core.absolute) lead where the browser can go."""
    if "live_server" in request.fixturenames:
        settings.WAGTAILADMIN_BASE_URL = request.getfixturevalue("live_server").url


@pytest.fixture(scope="module", autouse=True)
def migrated_data_put_back(django_db_setup, django_db_blocker):
    """Leave the database as the migrations left it once this module's tests are done.

    Each transactional test flushes every table when it ends (serialized_rollback restores the
    migrated data at the *start* of the next one). Tests that run afterwards outside a
    transactional test, such as module-scoped fixtures that build data with the database
    unblocked, would otherwise find no site, no programme, no objective.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@contextmanager
def offline_page(browser, base_url: str, viewport: dict, locale: str = "fr-BE", **options):
    """A page in a fresh context of that size that may only reach `base_url`; the browser's
    language (Accept-Language, navigator.language) is `locale`; `options` are the context's
    others (`has_touch=True, is_mobile=True` for a phone one taps).

    The page carries `js_errors` (uncaught exceptions) and `requested_images` (the URLs of
    images answered with the blank tile).
    """
    live_host = urlsplit(base_url).netloc
    js_errors: list[str] = []
    requested_images: list[str] = []

    def answer_locally(route) -> None:
        request = route.request
        if urlsplit(request.url).netloc == live_host:
            route.continue_()
        elif request.resource_type == "image":
            requested_images.append(request.url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        else:
            route.abort()

    context = browser.new_context(viewport=viewport, locale=locale, **options)
    try:
        context.route("**/*", answer_locally)
        page = context.new_page()
        page.on("pageerror", lambda error: js_errors.append(str(error)))
        page.js_errors = js_errors
        page.requested_images = requested_images
        yield page
    finally:
        context.close()


def goto_and_settle(page, url: str) -> int:
    """Open `url` and wait until it is drawn: on a page with a map, until the map's requests
    (tiles, features) have stopped and its points are drawn."""
    response = page.goto(url, wait_until="load")
    if page.locator(".map").count():
        page.wait_for_load_state("networkidle")
        # A map whose points the API answers is busy until it has drawn them.
        page.wait_for_function("() => !document.querySelector('.map[aria-busy]')")
    return response.status if response else 0


def animations_finished(page) -> None:
    """Every running animation of the page taken to its end at once: the admin's messages fade
    in (axe-core measures their colours once they are shown), and waiting for them to end also
    waited for Wagtail's sidebar badge, which pings for 25 s on every admin page at desktop
    width. An animation without end would make a wait time out: finishing it raises."""
    page.evaluate(
        "() => document.getAnimations()"
        ".filter(animation => animation.playState === 'running')"
        ".forEach(animation => animation.finish())"
    )


@pytest.fixture
def browser_places(transactional_db, _browser_places_kept) -> dict[str, dict[str, str]]:
    """An ordinary place with opening hours and an activity (three sessions a week, one of them
    cancelled), and a discreet place, built with the factories in Liège and Namur.

    Returns plain values (paths, titles, addresses) that browser scripts can use. Built once a
    module (pages take seconds to build): each test gets the same rows back, whatever the
    tests before it changed.
    """
    pages, put_back = _browser_places_kept
    put_back()
    return copy.deepcopy(pages)


@pytest.fixture(scope="module")
def _browser_places_kept(django_db_setup, django_db_blocker):
    """browser_places' rows, built on the migrated rows and kept (tests.database_template)."""
    from django.db import connection

    from tests.database_template import keep_rows
    from tests.factories import CommuneFactory

    with django_db_blocker.unblock():
        # From the migrated rows, whatever the test before left.
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        liege = CommuneFactory(
            name_fr="Liège", name_nl="Luik", code="62063", search_names="liege luik"
        )
        pages = _build_browser_places(liege)
        return pages, keep_rows(connection)


def _build_browser_places(commune) -> dict[str, dict[str, str]]:
    from activities.occurrences import cancel_occurrence
    from tests.factories import (
        ActivityPageFactory,
        CommuneFactory,
        OpeningHoursFactory,
        PlacePageFactory,
        objective,
        programme,
        publish,
    )

    namur = CommuneFactory(
        name_fr="Namur",
        code="92094",
        latitude=Decimal("50.466700"),
        longitude=Decimal("4.866700"),
        search_names="namur",
    )
    open_place = PlacePageFactory(
        title="La Maison des Petits Pas",
        commune=commune,
        phone="+32 4 123 45 67",
        email="bonjour@petits-pas.example",
        website="https://petits-pas.example/",
        objectives=[objective("passerelles"), objective("integration-culturelle")],
    )
    OpeningHoursFactory(place=open_place, weekday=0, opens=time(9), closes=time(12))
    OpeningHoursFactory(place=open_place, weekday=2, opens=time(13, 30), closes=time(17))
    discreet_place = PlacePageFactory(
        title="Espace de rencontre du Confluent",
        commune=namur,
        postcode="5000",
        is_discreet=True,
        phone="+32 81 00 00 00",
        programmes=[programme("espaces-de-rencontre")],
        objectives=[objective("maintien-du-lien")],
    )
    activity = publish(
        ActivityPageFactory(
            parent=open_place,
            title="Matinée passerelle",
            weekdays="0,2,4",
            capacity=10,
            registration_required=True,
        )
    )
    activity.objectives.set([objective("passerelles")])
    publish(activity)
    cancel_occurrence(activity.occurrences.order_by("start")[1], "Animatrice malade")
    pages = {
        name: {"path": place.url, "title": place.title, "street_address": place.street_address}
        for name, place in (("place", open_place), ("discreet place", discreet_place))
    }
    pages["activity"] = {"path": activity.url, "title": activity.title, "street_address": ""}
    return pages

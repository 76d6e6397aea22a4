"""Every absolute address starts at RENCONTRES_BASE_URL, whatever Host the request came by
(behind the proxy it is 127.0.0.1:…; a forged one must reach no output): HSDS's `url`, `uri`
and 3.1 URLs, data·inclusion's `lien_source`, a place page's JSON-LD and hreflang links, the
.ics feed, the widget's link. The Site's row still says `localhost:80` here: only the setting
can give `https://rencontres.example.org`."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opendata.ids import record_id
from tests.factories import PlacePageFactory, passerelle_morning

pytestmark = pytest.mark.django_db

BASE = "https://rencontres.example.org"
HOSTS = ("127.0.0.1:8000", "forged.example")
URL = re.compile(r"https?://[^\s\"'<>\\]+")


@pytest.fixture
def public_base(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["*"]


def urls_in(text: str) -> set[str]:
    # Outside addresses (schema.org, the licence, the specifications) are not ours to check.
    ours = ("127.0.0.1", "forged.example", "localhost", "testserver", "rencontres.example.org")
    return {url for url in URL.findall(text) if any(host in url for host in ours)}


@pytest.mark.parametrize("host", HOSTS)
def test_the_apis_addresses_come_from_the_base_url(client, world, public_base, host):
    nid = world["nid"]
    french = world["arc_en_ciel"]
    answers = [
        client.get("/api/hsds/", HTTP_HOST=host),
        client.get(f"/api/hsds/services/{record_id('service', nid.pk)}", HTTP_HOST=host),
        client.get(
            f"/api/hsds/organizations/{record_id('organization', nid.pk)}",
            {"version": "3.1"},
            HTTP_HOST=host,
        ),
        client.get("/api/hsds/services", {"version": "3.1", "full": "true"}, HTTP_HOST=host),
        client.get("/api/data-inclusion/v1/structures", HTTP_HOST=host),
        client.get("/api/data-inclusion/v1/services", HTTP_HOST=host),
    ]
    found = set()
    for answer in answers:
        assert answer.status_code == 200, answer.content
        found |= urls_in(answer.content.decode())
    assert found, "no address at all"
    assert {url for url in found if not url.startswith(f"{BASE}/")} == set()
    structures = json.loads(answers[4].content)["items"]
    (ours,) = [s for s in structures if s["nom"] == french.title]
    assert ours["lien_source"].startswith(f"{BASE}/")


@pytest.mark.parametrize("host", HOSTS)
def test_a_place_page_its_feed_and_the_widget_say_the_base_url(client, commune, public_base, host):
    # Not the `place` fixture: the world of the test above may hold its slug.
    place = PlacePageFactory(title="Lieu des adresses", commune=commune)
    with time_machine.travel(datetime(2027, 3, 1, 8, tzinfo=ZoneInfo("Europe/Brussels"))):
        passerelle_morning(place)
        page = client.get(place.url, HTTP_HOST=host).content.decode()
        feed = client.get(f"{place.url}calendar.ics", HTTP_HOST=host).content.decode()
        widget = client.get("/widget/", {"near": "Liège"}, HTTP_HOST=host).content.decode()
    feed = feed.replace("\r\n ", "")
    found = urls_in(page) | urls_in(feed) | urls_in(widget)
    assert f'href="{BASE}/lieux/?near=Li%C3%A8ge"' in widget
    assert f'"@id": "{BASE}{place.url}"' in page or f'"@id":"{BASE}{place.url}"' in page
    assert f'hreflang="nl" href="{BASE}/nl{place.url}"' in page
    assert f"URL:{BASE}/" in feed
    assert {url for url in found if not url.startswith(f"{BASE}/")} == set()

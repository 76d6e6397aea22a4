"""Public pages with a map stay light on a phone: nothing of the admin's drawing plugins, no
script and no map stylesheet holding up the first paint."""

import re

import pytest

pytestmark = pytest.mark.django_db

ADMIN_ONLY = ("leaflet.draw", "leaflet.extras", "draw/", "wagtailadmin")


def head_of(html: str) -> str:
    return html[: html.index("</head>")]


@pytest.mark.parametrize("path", ["/lieux/", "/lieux/?near=50.64,5.57", "place"])
def test_map_pages_load_no_admin_code_and_block_nothing(client, place, path):
    html = client.get(place.url if path == "place" else path).content.decode()
    assert not [name for name in ADMIN_ONLY if name in html]
    head = head_of(html)
    assert not re.search(r"<script[^>]*\ssrc=", head)
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', head) == ["/static/css/site.css"]
    scripts = re.findall(r"<script[^>]*\ssrc=[^>]*>", html)
    assert scripts and all(" defer" in script for script in scripts)
    assert "leaflet/leaflet.js" in html

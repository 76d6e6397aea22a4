"""A place page's schema.org JSON-LD."""

import json
import re

import pytest

from directory.models import PlacePage

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_description_keeps_its_paragraphs_apart(client, place):
    PlacePage.objects.filter(pk=place.pk).update(
        description="<p>Sans se croiser.</p><p>Jeux &amp; livres.</p>"
    )
    data = json_ld(client.get(place.url).content.decode())
    assert data["description"] == "Sans se croiser.\nJeux & livres."

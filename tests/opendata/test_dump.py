"""The daily open-data dump and the "Open data" page."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from tests.discreet import secrets_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def download(client, name) -> str:
    response = client.get(f"/donnees-ouvertes/{name}")
    assert response.status_code == 200, name
    return b"".join(response.streaming_content).decode()


def test_page_before_the_first_dump(client, media):
    response = client.get("/donnees-ouvertes/")
    assert response.status_code == 200
    assert "CC BY 4.0" in response.content.decode()
    assert client.get("/donnees-ouvertes/lieux.csv").status_code == 404
    assert client.get("/donnees-ouvertes/..%2Fsecret").status_code == 404


def test_dump_has_every_public_place_without_secrets(client, media, place, discreet_place):
    out = io.StringIO()
    call_command("export_open_data", "--no-progress", stdout=out)
    assert out.getvalue().startswith("2 lieux")
    body = json.loads(download(client, "lieux.json"))
    assert body["count"] == 2
    assert body["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert {p["name"] for p in body["places"]} == {place.title, discreet_place.title}
    rows = list(csv.DictReader(io.StringIO(download(client, "lieux.csv"))))
    assert {row["name"] for row in rows} == {place.title, discreet_place.title}
    ours = next(row for row in rows if row["name"] == place.title)
    assert ours["street_address"] == place.street_address
    assert "CC BY 4.0" in download(client, "LICENCE.txt")
    for name in ("lieux.json", "lieux.csv"):
        assert secrets_in(download(client, name)) == [], name
    page = client.get("/donnees-ouvertes/").content.decode()
    assert "lieux.csv" in page and "lieux.json" in page and "LICENCE.txt" in page


def test_footer_links_to_open_data(client, place):
    assert 'href="/donnees-ouvertes/"' in client.get(place.url).content.decode()

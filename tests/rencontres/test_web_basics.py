"""The web's basics: the Site follows RENCONTRES_BASE_URL, robots.txt, the favicon, a meta
description on every public page."""

import pytest
from bs4 import BeautifulSoup
from django.core.management.sql import emit_post_migrate_signal
from pydantic import ValidationError
from wagtail.models import Site

from rencontres.env import Settings
from rencontres.sites import apply_base_url, host_and_port

pytestmark = pytest.mark.django_db

BASE_URL = "https://rencontres.example.org"


@pytest.fixture
def public_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.ALLOWED_HOSTS = ["rencontres.example.org", "testserver"]
    return BASE_URL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://rencontres.example.org", ("rencontres.example.org", 443)),
        ("http://rencontres.example.org", ("rencontres.example.org", 80)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://example.org:8443/", ("example.org", 8443)),
    ],
)
def test_host_and_port(url, expected):
    assert host_and_port(url) == expected


@pytest.mark.parametrize("url", ["ftp://example.org", "example.org", "https://", "http://x:99999"])
def test_base_url_must_be_an_absolute_http_url(url):
    with pytest.raises(ValidationError):
        Settings(base_url=url)


def test_base_url_loses_its_trailing_slash():
    assert Settings(base_url="https://example.org/").base_url == "https://example.org"


def test_site_follows_the_base_url_after_migrate(public_base_url, place):
    emit_post_migrate_signal(0, False, "default")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("rencontres.example.org", 443)
    assert apply_base_url() is False
    place.refresh_from_db()
    assert place.full_url.startswith(f"{BASE_URL}/")


def test_sitemap_and_api_urls_are_absolute_and_right(client, public_base_url, place):
    apply_base_url()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{BASE_URL}/" in sitemap
    assert "localhost" not in sitemap
    assert client.get(f"/api/v1/places/{place.pk}/").json()["url"].startswith(BASE_URL)


def test_robots_txt_points_to_the_sitemap(client, public_base_url):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"<svg" in b"".join(icon.streaming_content)


def meta_description(html: str) -> str:
    tag = BeautifulSoup(html, "html.parser").find("meta", attrs={"name": "description"})
    return tag["content"] if tag else ""


def test_every_public_page_has_a_meta_description(client, place):
    directory = place.get_parent()
    paths = [
        "/",
        directory.url,
        place.url,
        "/programmes/lieux-rencontre-enfants-parents/",
        "/objectifs/passerelles/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        description = meta_description(response.content.decode())
        assert 20 <= len(description) <= 160, (path, description)
        assert "<" not in description, path
    assert "tout-petits" in meta_description(client.get(place.url).content.decode())

"""The sitemap lists every page of every language, each with its translations as alternates."""

import re

from tests.directory.test_translations import translate
from tests.factories import PlacePageFactory


def entries(client) -> dict[str, dict[str, str]]:
    """Each <loc> with its alternates (hreflang: href)."""
    xml = client.get("/sitemap.xml").content.decode()
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", xml, re.S):
        location = re.search(r"<loc>(.*?)</loc>", block).group(1)
        found[location] = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
    return found


def test_every_translation_is_listed_with_its_alternates(client, commune):
    nid = PlacePageFactory(title="Le Nid", slug="le-nid", commune=commune)
    PlacePageFactory(title="Lieu seul", slug="lieu-seul", commune=commune)
    translate(nid, "nl", title="Het Nest")
    found = entries(client)
    paths = {
        re.sub(r"^https?://[^/]+", "", location): alternates
        for location, alternates in found.items()
    }
    for home in ("/", "/nl/", "/en/"):
        assert home in paths
    assert "/lieux/le-nid/" in paths and "/nl/lieux/le-nid/" in paths
    alternates = {
        lang: re.sub(r"^https?://[^/]+", "", url)
        for lang, url in paths["/nl/lieux/le-nid/"].items()
    }
    assert alternates == {
        "fr": "/lieux/le-nid/",
        "nl": "/nl/lieux/le-nid/",
        "x-default": "/lieux/le-nid/",
    }
    directory = {
        lang: re.sub(r"^https?://[^/]+", "", url) for lang, url in paths["/lieux/"].items()
    }
    assert directory == {
        "en": "/en/lieux/",
        "fr": "/lieux/",
        "nl": "/nl/lieux/",
        "x-default": "/lieux/",
    }
    # Not yet translated: listed once, at its French address, without alternates.
    assert paths["/lieux/lieu-seul/"] == {}
    assert "/nl/lieux/lieu-seul/" not in paths and "/en/lieux/lieu-seul/" not in paths


def test_the_taxonomy_pages_are_listed_in_each_language(client, db):
    paths = {re.sub(r"^https?://[^/]+", "", location) for location in entries(client)}
    for prefix in ("", "/nl", "/en"):
        assert f"{prefix}/objectifs/passerelles/" in paths


def test_french_addresses_whatever_the_visitors_language(client, commune):
    PlacePageFactory(title="Lieu seul", slug="lieu-seul", commune=commune)
    client.cookies["django_language"] = "nl"
    paths = {re.sub(r"^https?://[^/]+", "", location) for location in entries(client)}
    assert "/lieux/lieu-seul/" in paths


def test_a_translation_into_a_familys_language_is_listed_at_its_content_address(client, commune):
    nid = PlacePageFactory(title="Le Nid", slug="le-nid", commune=commune)
    translate(nid, "ar", title="العش")
    paths = {
        re.sub(r"^https?://[^/]+", "", location): alternates
        for location, alternates in entries(client).items()
    }
    # The interface stays French, Dutch or English: /ar/… only redirects there.
    assert not any(path.startswith("/ar/") for path in paths)
    alternates = {
        lang: re.sub(r"^https?://[^/]+", "", url).replace("&amp;", "&")
        for lang, url in paths["/lieux/le-nid/?content=ar"].items()
    }
    assert alternates == {
        "fr": "/lieux/le-nid/",
        "ar": "/lieux/le-nid/?content=ar",
        "x-default": "/lieux/le-nid/",
    }

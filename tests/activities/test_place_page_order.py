"""A place's page says first what a family needs to go: how to get in, today's status, where (with
a `geo:` link for an exact point only), a call button, the next three sessions and a link to them
all; the sessions' full list follows, read from the same query."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.discreet import secrets_in
from tests.factories import access_mode, passerelle_morning

pytestmark = pytest.mark.django_db


def test_the_essentials_come_before_the_sessions(client, clock, place):
    place.phone = "04 123 45 67"
    place.access_modes = [access_mode("accueil-libre")]
    place.save_revision().publish()
    passerelle_morning(place, weekdays="0,2,4")
    html = client.get(place.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    call = soup.select_one(".place__call")
    assert call["href"] == "tel:041234567"
    assert "Appeler le 04 123 45 67" in call.get_text()
    assert soup.select_one(".place__access").get_text() == "Accueil libre et anonyme, gratuit"
    assert soup.select_one("[data-place-status] .place-status__opening")
    links = [a["href"] for a in soup.select(".place__actions a")]
    assert "#place-map" in links
    assert any(href.startswith("geo:") for href in links)
    assert len(soup.select(".next-sessions li")) == 3
    assert soup.select_one(".next-sessions__all a")["href"] == "#sessions-title"
    # Source order is the order of the phone's screen, of Tab and of a screen reader.
    order = [
        html.index(marker)
        for marker in (
            'class="place__access"',
            "data-place-status",
            'id="where-title"',
            'class="button place__call"',
            'id="next-sessions-title"',
            'class="place__description"',
            'id="sessions-title"',
        )
    ]
    assert order == sorted(order)


def test_the_next_sessions_are_read_with_the_full_list(client, clock, place):
    passerelle_morning(place, weekdays="0,2,4")
    client.get(place.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(place.url)
    sessions = [q for q in queries if 'FROM "activities_occurrence"' in q["sql"]]
    assert len(sessions) == 1


def test_a_place_without_sessions_says_nothing_of_them_at_the_top(client, place):
    soup = BeautifulSoup(client.get(place.url).content, "html.parser")
    assert soup.select_one("#next-sessions-title") is None
    assert soup.select_one("#sessions-title")


def test_a_discreet_place_has_no_geo_link(client, discreet_place):
    html = client.get(discreet_place.url).content.decode()
    assert "geo:" not in html
    assert 'href="#place-map"' in html
    assert "Voir la commune sur la carte" in html
    assert not secrets_in(html)

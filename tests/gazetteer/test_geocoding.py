"""Geocoding through geopy's real Nominatim client, against a local server that speaks Nominatim
(`tests.geocoders`)."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from directory.models import PlacePage
from gazetteer.geocoding import _get_service, geocode_place_address, reset_geocoder
from gazetteer.models import GeocodedAddress
from tests.admin_forms import place_form_data
from tests.factories import PlacePageFactory, directory_root, programme
from tests.geocoders import NominatimStandIn

WARNING = "Adresse non localisée : placez le point sur la carte."
STREET = "Rue Féronstrée 1"


@pytest.fixture
def nominatim(settings):
    stand_in = NominatimStandIn()
    settings.GEOCODER = {
        "name": "nominatim",
        "url": stand_in.url,
        "user_agent": "rencontres-tests",
        "min_delay_seconds": 0.0,
        "timeout_seconds": 2.0,
    }
    reset_geocoder()
    yield stand_in
    stand_in.stop()
    reset_geocoder()


def liege_address(street=STREET):
    return geocode_place_address(street, "4000", "Liège", "BE")


def test_geopy_nominatim_client_is_pointed_at_the_configured_url(db, nominatim):
    service = _get_service()
    assert isinstance(service.geocoder, Nominatim)
    assert service.geocoder.scheme == "http"
    assert service.geocoder.domain == nominatim.url.removeprefix("http://")
    assert isinstance(service.geocode, RateLimiter)


def test_an_address_is_geocoded(db, nominatim):
    assert liege_address() == (Decimal("50.645124"), Decimal("5.576543"))
    [request] = nominatim.searches
    assert request["params"]["q"] == "Rue Féronstrée 1, 4000 Liège, Belgique"
    assert request["params"]["format"] == "json"
    assert request["params"]["countrycodes"] == "be"
    assert request["user_agent"] == "rencontres-tests"


def test_results_are_cached_found_and_not_found(db, nominatim):
    assert liege_address() is not None
    assert liege_address("Rue Inconnue 99") is None
    assert len(nominatim.searches) == 2
    # Again, and again after the process forgot its geocoder: the answers come from the cache.
    assert liege_address() == (Decimal("50.645124"), Decimal("5.576543"))
    reset_geocoder()
    assert liege_address("  rue féronstrée 1 ") is not None
    assert liege_address("Rue Inconnue 99") is None
    assert len(nominatim.searches) == 2
    # The cache keeps no address in clear.
    assert GeocodedAddress.objects.count() == 2
    assert not GeocodedAddress.objects.filter(key__icontains="feronstree").exists()


def test_rate_limiter_spaces_requests_by_the_configured_delay(db, nominatim, settings):
    settings.GEOCODER = {**settings.GEOCODER, "min_delay_seconds": 0.4}
    assert _get_service().geocode.min_delay_seconds == 0.4
    liege_address()
    liege_address("Place Saint-Lambert")
    liege_address("Rue Inconnue 99")
    times = [request["at"] for request in nominatim.searches]
    assert len(times) == 3
    assert all(later - earlier >= 0.35 for earlier, later in zip(times, times[1:], strict=False))


def test_unknown_address_returns_none(db, nominatim):
    assert liege_address("Rue Inconnue 99") is None
    assert len(nominatim.searches) == 1


def test_empty_street_is_not_sent(db, nominatim):
    assert geocode_place_address("  ", "4000", "Liège", "BE") is None
    assert nominatim.requests == []


@pytest.mark.parametrize("outage", ["stopped", "error", "timeout"])
def test_outage_returns_none_logs_a_warning_and_is_not_cached(
    db, nominatim, settings, caplog, outage
):
    if outage == "stopped":
        nominatim.stop()
    elif outage == "error":
        nominatim.mode = "error"
    else:
        settings.GEOCODER = {**settings.GEOCODER, "timeout_seconds": 0.2}
        nominatim.mode, nominatim.delay = "slow", 0.6
    with caplog.at_level(logging.WARNING, logger="gazetteer.geocoding"):
        assert liege_address() is None
    warnings = [r for r in caplog.records if r.name == "gazetteer.geocoding"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    # Without personal data: the address is not in the log.
    assert "Féronstrée" not in caplog.text and "Feronstree" not in caplog.text
    assert not GeocodedAddress.objects.exists()


def test_after_an_outage_the_address_is_asked_again(db, nominatim):
    nominatim.mode = "error"
    assert liege_address() is None
    nominatim.mode = "ok"
    assert liege_address() == (Decimal("50.645124"), Decimal("5.576543"))
    assert len(nominatim.searches) == 2


def test_unknown_geocoder_name_returns_none(db, nominatim, settings, caplog):
    settings.GEOCODER = {**settings.GEOCODER, "name": "no-such-geocoder"}
    with caplog.at_level(logging.WARNING, logger="gazetteer.geocoding"):
        assert liege_address() is None
    assert "cannot be built" in caplog.text
    assert nominatim.requests == []


# Through the Wagtail admin ------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


def new_place_data(commune, **overrides):
    return place_form_data(
        title="Maison verte",
        slug="maison-verte",
        street_address=STREET,
        postcode="4000",
        commune=str(commune.pk),
        programmes=[str(programme().pk)],
        **{"action-publish": "1", **overrides},
    )


def add_url():
    return reverse("wagtailadmin_pages:add", args=["directory", "placepage", directory_root().pk])


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_admin_create_fills_the_point_from_the_geocoder(db, nominatim, superuser_client, commune):
    response = superuser_client.post(add_url(), new_place_data(commune))
    assert response.status_code == 302, response.context and response.context["form"].errors
    place = PlacePage.objects.get(slug="maison-verte")
    assert place.live
    assert (place.latitude, place.longitude) == (Decimal("50.645124"), Decimal("5.576543"))
    assert WARNING not in shown_messages(response)
    assert len(nominatim.searches) == 1


def test_admin_create_with_geocoder_down_still_saves_and_warns(
    db, nominatim, superuser_client, commune
):
    nominatim.stop()
    response = superuser_client.post(add_url(), new_place_data(commune), follow=True)
    assert response.status_code == 200
    place = PlacePage.objects.get(slug="maison-verte")
    assert place.live and place.latitude is None and place.longitude is None
    assert WARNING in response.content.decode()


def test_admin_edit_fills_a_missing_point(db, nominatim, superuser_client, commune):
    place = PlacePageFactory(commune=commune, street_address=STREET, latitude=None, longitude=None)
    url = reverse("wagtailadmin_pages:edit", args=[place.pk])
    response = superuser_client.post(url, place_form_data(place, **{"action-publish": "1"}))
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (Decimal("50.645124"), Decimal("5.576543"))


def test_admin_edit_with_geocoder_down_still_saves_and_warns(
    db, nominatim, superuser_client, commune
):
    place = PlacePageFactory(commune=commune, street_address=STREET, latitude=None, longitude=None)
    nominatim.mode = "error"
    url = reverse("wagtailadmin_pages:edit", args=[place.pk])
    data = place_form_data(place, title="Maison verte rénovée", **{"action-publish": "1"})
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    assert WARNING in shown_messages(response)
    place.refresh_from_db()
    assert place.title == "Maison verte rénovée"
    assert place.latitude is None and place.longitude is None


def test_admin_keeps_a_point_the_editor_set(db, nominatim, superuser_client, commune):
    data = new_place_data(commune, latitude="50.600000", longitude="5.500000")
    response = superuser_client.post(add_url(), data)
    assert response.status_code == 302
    place = PlacePage.objects.get(slug="maison-verte")
    assert (place.latitude, place.longitude) == (Decimal("50.600000"), Decimal("5.500000"))
    assert nominatim.requests == []
    assert WARNING not in shown_messages(response)

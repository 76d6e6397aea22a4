"""`GET /api/v1/places/{id}/`: everything a partner needs, nothing a discreet place hides; and
read-only CORS on the public APIs."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from directory.models import AccessibilityFeature, ClosurePeriod, Language, PlacePage
from tests.discreet import secrets_in
from tests.factories import ActivityPageFactory, OpeningHoursFactory, publish

pytestmark = pytest.mark.django_db


def detail(client, place_id):
    response = client.get(f"/api/v1/places/{place_id}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_everything_a_partner_needs(client, place):
    place.street_address = "Rue Haute 12"
    place.postcode = "4000"
    place.phone = "+32 4 222 33 44"
    place.email = "accueil@petitspas.example"
    place.website = "https://petitspas.example"
    place.fee_kind = "paid"
    place.fee_amount = Decimal("2.50")
    place.price = "par visite"
    place.access_details = "Entrée par la cour."
    place.save()
    place.languages.set(Language.objects.filter(code__in=["fr", "ar"]))
    place.accessibility.set(AccessibilityFeature.objects.filter(step_free=True)[:1])
    place.save()
    OpeningHoursFactory(place=place, weekday=0, opens="09:00", closes="12:00")
    today = date.today()
    ClosurePeriod.objects.create(
        place=place, start_date=today + timedelta(days=30), end_date=today + timedelta(days=40)
    )
    ClosurePeriod.objects.create(
        place=place, start_date=today - timedelta(days=40), end_date=today - timedelta(days=30)
    )
    modified = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    PlacePage.objects.filter(pk=place.pk).update(last_published_at=modified)

    body = detail(client, place.pk)

    assert body["name"] == "La Maison des Petits Pas"
    assert body["discreet"] is False
    assert body["address"] == {
        "street_address": "Rue Haute 12",
        "postcode": "4000",
        "commune": "Liège",
        "commune_code": "62063",
        "country": "BE",
    }
    assert body["location"] == {"lat": 50.64, "lon": 5.571, "approximate": False}
    assert body["contact"] == {
        "phone": "+32 4 222 33 44",
        "email": "accueil@petitspas.example",
        "website": "https://petitspas.example",
    }
    assert body["opening_hours"] == [{"day": "mon", "opens": "09:00", "closes": "12:00"}]
    assert [c["start_date"] for c in body["closures"]] == [(today + timedelta(days=30)).isoformat()]
    assert body["ages"] == {"min_months": place.age_min_months, "max_months": place.age_max_months}
    assert sorted(lang["code"] for lang in body["languages"]) == ["ar", "fr"]
    assert body["fee"]["kind"] == "paid"
    assert body["fee"]["amount"] == "2.50"
    assert body["fee"]["note"] == "par visite"
    assert body["access"]["modes"] == [
        {"slug": "accueil-libre", "name": "Accueil libre et anonyme"}
    ]
    assert body["access"]["details"] == "Entrée par la cour."
    assert [o["slug"] for o in body["objectives"]] == ["passerelles"]
    assert body["programmes"] and body["programmes"][0]["slug"]
    assert datetime.fromisoformat(body["date_modified"]) == modified
    assert body["url"].startswith("http")


def test_upcoming_sessions(client, place):
    activity = publish(ActivityPageFactory(parent=place, title="Atelier comptines"))
    sessions = detail(client, place.pk)["upcoming_sessions"]
    assert sessions and {s["title"] for s in sessions} == {"Atelier comptines"}
    assert [s["start"] for s in sessions] == sorted(s["start"] for s in sessions)
    assert sessions[0]["status"] == "scheduled"
    assert activity.slug in sessions[0]["url"]


def test_discreet_place_shows_its_commune_only(client, discreet_place):
    response = client.get(f"/api/v1/places/{discreet_place.pk}/")
    assert response.status_code == 200
    assert secrets_in(response.content.decode()) == []
    body = response.json()
    assert body["discreet"] is True
    assert body["address"]["street_address"] == ""
    assert body["address"]["postcode"] == ""
    assert body["contact"]["email"] == ""
    assert body["contact"]["phone"] == "+32 4 123 45 67"
    commune = discreet_place.commune
    assert body["location"] == {
        "lat": float(commune.latitude),
        "lon": float(commune.longitude),
        "approximate": True,
    }


def test_unknown_or_unpublished_place_is_404(client, place):
    assert client.get("/api/v1/places/999999/").status_code == 404
    # Beyond any database's integer: still a 404, never a 500.
    assert client.get(f"/api/v1/places/{2**63}/").status_code == 404
    place.unpublish()
    response = client.get(f"/api/v1/places/{place.pk}/")
    assert response.status_code == 404
    assert list(response.json()["errors"]) == ["place_id"]


def test_detail_is_in_the_openapi_schema(client):
    paths = client.get("/api/v1/schema/").json()["paths"]
    assert "get" in paths["/api/v1/places/{place_id}/"]


@pytest.mark.parametrize("path", ["/api/v1/places/", "/api/v1/programmes/", "/api/v1/schema/"])
def test_public_apis_are_readable_from_any_origin(client, path):
    response = client.get(path, HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_preflight_allows_reading_only(client):
    headers = {
        "HTTP_ORIGIN": "https://partner.example",
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "accept",
    }
    read = client.options("/api/v1/places/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **headers)
    assert read.status_code == 204
    assert read["Access-Control-Allow-Origin"] == "*"
    assert read["Access-Control-Allow-Headers"] == "accept"
    assert "Access-Control-Allow-Credentials" not in read
    write = client.options("/api/v1/places/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", **headers)
    assert write.status_code == 403
    assert "Access-Control-Allow-Origin" not in write


def test_no_cors_outside_the_apis(client, place):
    response = client.get(place.url, HTTP_ORIGIN="https://partner.example")
    assert "Access-Control-Allow-Origin" not in response

"""HSDS: a place's notices are its service's `alert`, and a notice closing it today its
`status` "temporarily closed"; both valid against the vendored HSDS 3.0 schemas."""

from datetime import date, timedelta

import pytest

from directory.models import PlaceNotice
from opendata.ids import record_id
from tests.factories import PlacePageFactory
from tests.opendata.schemas import validate

pytestmark = pytest.mark.django_db


def service_of(client, place) -> dict:
    response = client.get(f"/api/hsds/services/{record_id('service', place.pk)}")
    assert response.status_code == 200, response.content
    service = response.json()
    validate("service", service)
    return service


def test_alert_and_status(client, commune):
    place = PlacePageFactory(title="Le Coin", commune=commune)
    today = date.today()
    service = service_of(client, place)
    assert service["status"] == "active" and "alert" not in service
    PlaceNotice.objects.create(
        place=place,
        kind="hours",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=3),
        message_fr="Ouvert le matin seulement",
    )
    service = service_of(client, place)
    assert service["status"] == "active"
    assert "Horaires modifiés" in service["alert"]
    assert "Ouvert le matin seulement" in service["alert"]
    # Closed from tomorrow: announced, not yet closed.
    PlaceNotice.objects.create(
        place=place,
        kind="closed",
        start_date=today + timedelta(days=1),
        end_date=today + timedelta(days=2),
        message_fr="Travaux",
    )
    service = service_of(client, place)
    assert service["status"] == "active" and "Travaux" in service["alert"]
    PlaceNotice.objects.filter(kind="closed").update(start_date=today)
    service = service_of(client, place)
    assert service["status"] == "temporarily closed"
    listed = client.get("/api/hsds/services", {"full": "true"}).json()["contents"]
    for item in listed:
        validate("service", item)
    assert [item["status"] for item in listed] == ["temporarily closed"]

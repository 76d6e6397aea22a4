"""HEAD answers what GET would, without the body, wherever GET is answered (the API's CORS
headers offer it): never a 405."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/places/?page_size=5",
        "/api/v1/places.geojson",
        "/api/v1/activities/calendar.ics",
        "/api/hsds/services",
        "/programme/",
        "/lieux/",
    ],
)
def test_head_answers_as_get_without_the_body(client, place, path):
    got = client.get(path)
    assert got.status_code == 200
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)


def test_head_keeps_the_api_cors_headers(client, place):
    head = client.head("/api/v1/places/", HTTP_ORIGIN="https://partner.example")
    assert head.status_code == 200
    assert head["Access-Control-Allow-Origin"] == "*"
    assert "HEAD" in head["Access-Control-Allow-Methods"]


def test_other_methods_are_still_refused(client, place):
    assert client.put("/api/v1/places/").status_code == 405

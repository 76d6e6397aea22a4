"""The access log names each request's route, status and time: never its path (tokens), its
query string (where a family lives) or the client's address; Django's error log neither."""

import logging

import pytest
from django.test import Client
from wagtail.models import Site

pytestmark = pytest.mark.django_db

TOKEN = "a-bearer-token-7f3k"
POSITION = "50.612345,5.587654"
ADDRESS = "203.0.113.77"


def logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_request_is_logged_by_its_route(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get(
            f"/inscriptions/{TOKEN}/",
            {"near": POSITION},
            REMOTE_ADDR=ADDRESS,
            HTTP_X_FORWARDED_FOR=ADDRESS,
        )
    lines = [r.getMessage() for r in caplog.records if r.name == "rencontres.access_log"]
    assert len(lines) == 1
    method, route, status, took = lines[0].split()
    assert (method, route, status) == ("GET", "registration", "404")
    assert took.endswith("ms")
    for secret in (TOKEN, POSITION, "50.612345", ADDRESS):
        assert secret not in logged(caplog)


def test_an_unrouted_request_is_logged_without_its_path(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get(f"/{TOKEN}.txt?near={POSITION}")
    lines = [r.getMessage() for r in caplog.records if r.name == "rencontres.access_log"]
    assert lines and lines[0].startswith("GET ")
    assert TOKEN not in logged(caplog) and POSITION not in logged(caplog)


def test_an_error_names_the_route_not_the_path(monkeypatch, caplog):
    def find_for_request(request):
        raise ValueError("a bug")

    monkeypatch.setattr(Site, "find_for_request", staticmethod(find_for_request))
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get(f"/lieux/{TOKEN}/", {"near": POSITION})
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in errors] == ["Internal Server Error: wagtail_serve"]
    assert TOKEN not in logged(caplog) and POSITION not in logged(caplog)


def test_refusals_are_left_to_the_access_log(client, caplog):
    with caplog.at_level(logging.INFO):
        client.get(f"/inscriptions/{TOKEN}/")
    assert not [r for r in caplog.records if r.name == "django.request"]

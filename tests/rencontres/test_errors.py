"""Failures answer softly and in French: a 503 with Retry-After (never a 500) while the database
is unreachable, wherever the error is raised; /healthz says which part is down; 404 and 500 are
the site's own pages."""

import json
import time

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from wagtail.models import Site

from core.search import breaker
from core.search.transport import SEARCH_TIMEOUT_SECONDS

pytestmark = pytest.mark.django_db

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does while PostgreSQL is stopped."""
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise REFUSED

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


@pytest.fixture
def client_500():
    return Client(raise_request_exception=False)


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Service momentanément indisponible" in html
    assert 'lang="fr"' in html
    assert "Server Error" not in html


@pytest.mark.parametrize("path", ["/", "/lieux/", "/programmes/", "/admin/login/"])
def test_pages_answer_503_while_the_database_is_down(client_500, database_down, path):
    assert_unavailable_page(client_500.get(path))


def test_the_api_answers_a_json_503(client_500, database_down):
    response = client_500.get("/api/v1/places/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "indisponible" in json.loads(response.content)["detail"]


class RefusingMiddleware:
    """A middleware whose database call fails (the error in `raised`)."""

    raised: Exception = REFUSED

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise self.raised


@pytest.mark.parametrize("error", [REFUSED, InterfaceError("connection already closed")])
def test_a_database_error_raised_outside_a_view_answers_503_too(
    client_500, settings, monkeypatch, error
):
    """Raised by a middleware, the error never reaches the view's process_exception: Django's
    500 handler sees it and answers the same 503."""
    monkeypatch.setattr(RefusingMiddleware, "raised", error)
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.RefusingMiddleware"]
    assert_unavailable_page(client_500.get("/"))


def test_a_database_error_wrapped_in_another_is_still_a_503(client_500, monkeypatch):
    def find_for_request(request):
        try:
            raise REFUSED
        except OperationalError as error:
            raise RuntimeError("site lookup failed") from error

    monkeypatch.setattr(Site, "find_for_request", staticmethod(find_for_request))
    assert_unavailable_page(client_500.get("/"))


def test_other_errors_answer_the_french_500_page(client_500, monkeypatch):
    def find_for_request(request):
        raise ValueError("a bug")

    monkeypatch.setattr(Site, "find_for_request", staticmethod(find_for_request))
    response = client_500.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert "Server Error (500)" not in html


def test_not_found_is_the_french_404_page(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'href="/lieux/"' in html
    assert "Not Found" not in html


def test_healthz_reports_each_part(client, settings):
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": None}
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cluster": "not configured",
        "cache": "local memory",
        "worker": "not seen",
        "oldest_ready_task_seconds": None,
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_is_503_while_the_database_is_down(client, database_down, settings):
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": None}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert json.loads(response.content)["database"] == "unavailable"


def test_healthz_stays_200_while_the_cluster_is_down(client, settings):
    from core.search.transport import _transport_for

    _transport_for.cache_clear()
    # A closed local port: the cluster refuses at once.
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": "http://127.0.0.1:9"}
    try:
        response = client.get("/healthz")
    finally:
        _transport_for.cache_clear()
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cluster": "unavailable",
        "cache": "local memory",
        "worker": "not seen",
        "oldest_ready_task_seconds": None,
    }


def test_healthz_asks_a_hung_cluster_once_per_breaker_period(client, hung_cluster):
    """The first check waits for the hung cluster and opens the breaker; the next ones report it
    down at once, without a connection, and stay 200."""
    started = time.monotonic()
    first = client.get("/healthz")
    assert time.monotonic() - started >= SEARCH_TIMEOUT_SECONDS
    started = time.monotonic()
    answers = [client.get("/healthz") for _ in range(5)]
    # Each would have waited as long again (the bound leaves room for a busy machine).
    assert time.monotonic() - started < 2 * SEARCH_TIMEOUT_SECONDS
    for response in [first, *answers]:
        assert response.status_code == 200
        assert json.loads(response.content)["cluster"] == "unavailable"
    assert len(hung_cluster.connections) == 1


def test_healthz_is_503_while_the_database_is_down_and_the_breaker_open(
    client, database_down, hung_cluster
):
    breaker.failed()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "unavailable",
        "database": "unavailable",
        "cluster": "unavailable",
        "cache": "local memory",
        "worker": "unknown",
        "oldest_ready_task_seconds": None,
    }
    assert hung_cluster.connections == []

"""`GET /healthz`: what a load balancer or a monitor asks.

200 while the database answers, whatever the search cluster does (the database engine answers
the searches then); 503 when the database does not. The body says which part is down:

    {"status": "ok", "database": "ok", "cluster": "ok" | "unavailable" | "not configured"}
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from core.search.transport import get_transport
from rencontres.errors import DATABASE_ERRORS, RETRY_AFTER_SECONDS


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS:
        return "unavailable"
    return "ok"


def cluster_status() -> str:
    transport = get_transport()
    if transport is None:
        return "not configured"
    return "ok" if transport.ping() else "unavailable"


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_status()
    healthy = database == "ok"
    response = JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "cluster": cluster_status(),
        },
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response

"""`GET /healthz`: what a load balancer or a monitor asks.

200 while the database answers, whatever the search cluster does (the database engine answers
the searches then) or the shared cache (pages are served without it); 503 when the database does
not. The body says which part is down. The cluster is not pinged while the search breaker is
open (core.search.breaker): a hung cluster would cost every check its timeout; a failed ping
opens the breaker, an answer closes it, as a search's would.

    {"status": "ok", "database": "ok", "cluster": "ok" | "unavailable" | "not configured",
     "cache": "ok" | "unavailable" | "local memory"}
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from core.cache import cache_status
from core.search import breaker
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
    if breaker.is_open():
        return "unavailable"
    if not transport.ping():
        breaker.failed()
        return "unavailable"
    breaker.succeeded()
    return "ok"


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_status()
    healthy = database == "ok"
    response = JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "cluster": cluster_status(),
            "cache": cache_status(),
        },
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response

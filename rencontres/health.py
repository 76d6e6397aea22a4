"""`GET /healthz`: what a load balancer or a monitor asks.

200 while the database answers, whatever the search cluster does (the database engine answers
the searches then) or the shared cache (pages are served without it); 503 when the database does
not. The body says which part is down. The cluster is not pinged while the search breaker is
open (core.search.breaker): a hung cluster would cost every check its timeout; a failed ping
opens the breaker, an answer closes it, as a search's would.

    {"status": "ok", "database": "ok", "cluster": "ok" | "unavailable" | "not configured",
     "cache": "ok" | "unavailable" | "local memory",
     "worker": "ok" | "late" | "not seen" | "unknown", "oldest_ready_task_seconds": 0 | null}

The task worker (`manage.py run_worker`, core.worker) is "ok" while its heartbeat is younger than
settings.WORKER_HEARTBEAT_LATE (60 s), "late" past it, "not seen" when no worker ever beat, and
"unknown" while the database is away. A late worker leaves the status 200: the pages are served
without it, and a load balancer must not take web servers out for it; the monitor watches
`"worker"` and the age of the oldest task waiting for it (queued e-mails), in seconds.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import Min, Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult, get_date_max

from core.cache import cache_status
from core.search import breaker
from core.search.transport import get_transport
from core.worker import latest_heartbeat
from rencontres.errors import DATABASE_ERRORS, RETRY_AFTER_SECONDS


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DATABASE_ERRORS:
        return "unavailable"
    return "ok"


def worker_status() -> tuple[str, int | None]:
    """The worker's heartbeat and the age of the oldest ready task, in seconds (None: none)."""
    now = timezone.now()
    try:
        beat = latest_heartbeat()
        oldest = DBTaskResult.objects.ready().aggregate(
            queued=Min("enqueued_at", filter=Q(run_after=get_date_max())),
            deferred=Min("run_after", filter=Q(run_after__lt=get_date_max())),
        )
    except DATABASE_ERRORS:
        return "unknown", None
    if beat is None:
        status = "not seen"
    else:
        status = "ok" if now - beat < settings.WORKER_HEARTBEAT_LATE else "late"
    since = [when for when in oldest.values() if when is not None]
    age = int((now - min(since)).total_seconds()) if since else None
    return status, age


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
    worker, oldest_ready = worker_status() if healthy else ("unknown", None)
    response = JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "cluster": cluster_status(),
            "cache": cache_status(),
            "worker": worker,
            "oldest_ready_task_seconds": oldest_ready,
        },
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response

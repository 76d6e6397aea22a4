"""Error pages: localized 404, 500 and 429, and a 503 (never a 500) while the database is down.

A view that cannot reach the database is answered by `DatabaseUnavailableMiddleware`
(rencontres.middleware); an error raised by another middleware never reaches it, but reaches
Django's 500 handler, `server_error`, while the exception is still being handled: it looks at it
and answers the same 503.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client is asked to wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 30


def is_database_unavailable(error: BaseException | None) -> bool:
    """True when `error`, or an error it was raised from, says the database cannot be reached."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def database_unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 answer: the localized page (JSON for the API), Retry-After, never cached."""
    logger.error(
        "Database unavailable, answered 503: %s %s (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        str(error).splitlines()[0] if str(error) else "",
    )
    if request.path.startswith("/api/") or request.path == "/healthz":
        response: HttpResponse = JsonResponse(
            {"detail": _("Le service est momentanément indisponible. Réessayez dans un instant.")},
            status=503,
        )
    else:
        # Rendered without the request: no context processor may touch the database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500, called while the uncaught exception is being handled."""
    error = sys.exception()
    if is_database_unavailable(error):
        return database_unavailable(request, error)
    return HttpResponse(loader.render_to_string("500.html"), status=500)

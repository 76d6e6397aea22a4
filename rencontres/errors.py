"""Error pages: localized 404, 500, 429 and CSRF failure (403), and a 503 (never a 500) while
the database is down.

A view that cannot reach the database is answered by `DatabaseUnavailableMiddleware`
(rencontres.middleware); an error raised by another middleware never reaches it, but reaches
Django's 500 handler, `server_error`, while the exception is still being handled: it looks at it
and answers the same 503.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
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


def visitor_language(request: HttpRequest) -> str:
    """The language of a page answered outside the public pages' flow (a CSRF failure, a locked
    login): the URL's prefix, else the language the visitor chose (the cookie), else the one
    active. Addresses without a prefix, the admin's login included, are otherwise French."""
    from_path = translation.get_language_from_path(request.path_info)
    if from_path in {code for code, _name in settings.INTERFACE_LANGUAGES}:
        return from_path
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in {code for code, _name in settings.INTERFACE_LANGUAGES}:
        return cookie
    return translation.get_language() or settings.LANGUAGE_CODE


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF_FAILURE_VIEW: a form sent with a missing or stale token (a session that
    expired, a page left open for days) gets a page in the visitor's language saying to reload,
    status 403. `reason` is Django's technical wording, shown to no one."""
    with translation.override(visitor_language(request)):
        response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response

"""Public responses kept until the content they show changes.

A public response (a search API answer, a place's page) is kept in the default cache (each
worker's memory, or the shared Redis server) under a key made of the address asked (scheme,
host, path, query string), the language and the *content generation*: a token in the state
store every worker reads (the search breaker's: files under `RENCONTRES_STATE_DIR`, or Redis),
which the one index signal handler (`core.search.signals`) and a rebuild replace. A published,
unpublished, moved or deleted page thus reaches every worker's next response. Responses also
expire after `KEPT_RESPONSES_SECONDS`, for what time alone changes (the next session) and what
no signal announces (rows imported by a command); 0 keeps nothing.

Only what is the same for every visitor is kept or given: a GET from a visitor who carries no
cookie but the language's and the CSRF one (signed-in editors, a page's password, a flash
message all live in the session or their own cookie), outside previews, answered 200 without
setting a cookie and without a CSRF token (a kept token would be another visitor's).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

GENERATION_KEY = "kept:content-generation"


def _state():
    return caches["search-breaker"]


def content_changed() -> str:
    """Makes every kept response unreachable; returns the new generation."""
    token = uuid.uuid4().hex
    _state().set(GENERATION_KEY, token, timeout=None)
    return token


def generation() -> str:
    return _state().get(GENERATION_KEY) or content_changed()


def _key(request: HttpRequest) -> str:
    asked = "|".join(
        (request.scheme, request.get_host(), request.get_full_path(), get_language(), generation())
    )
    return "kept:" + hashlib.sha256(asked.encode()).hexdigest()


def _may_keep(request: HttpRequest) -> bool:
    anonymous = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return (
        settings.KEPT_RESPONSES_SECONDS > 0
        and request.method == "GET"
        and not getattr(request, "is_preview", False)
        and request.COOKIES.keys() <= anonymous
    )


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def kept_response(request: HttpRequest, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """The kept response to `request`, else `respond()`'s, kept when it may be."""
    if not _may_keep(request):
        return respond()
    key = _key(request)
    response = cache.get(key)
    if response is not None:
        return response
    response = respond()

    def keep(rendered: HttpResponse) -> None:
        if _keepable(request, rendered):
            cache.set(key, rendered, settings.KEPT_RESPONSES_SECONDS)

    if getattr(response, "is_rendered", True):
        keep(response)
    else:
        response.add_post_render_callback(keep)
    return response


def kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`kept_response` as a view decorator: Wagtail's pages (`rencontres.urls`), a ninja
    operation's `run` (`ninja.decorators.decorate_view`)."""

    @wraps(view)
    def respond(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return kept_response(request, lambda: view(request, *args, **kwargs))

    return respond

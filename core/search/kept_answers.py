"""Search answers kept until what they found changes.

A public search route's whole response is kept in the default cache (each worker's memory, or
the shared Redis server) under a key made of the address asked (host, path, query string), the
language and the *content generation*: a token in the state store every worker reads (the
breaker's: files under `RENCONTRES_STATE_DIR`, or Redis), which the one index signal handler
(`core.search.signals`) and a rebuild replace. A published, unpublished or deleted page thus
reaches every worker's next answer. Answers also expire after `SEARCH_ANSWERS_SECONDS`, for
what time alone changes (the next session) and what no signal announces (rows imported by a
command); 0 keeps nothing.
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

GENERATION_KEY = "search:content-generation"


def _state():
    return caches["search-breaker"]


def content_changed() -> str:
    """Makes every kept answer unreachable; returns the new generation."""
    token = uuid.uuid4().hex
    _state().set(GENERATION_KEY, token, timeout=None)
    return token


def generation() -> str:
    return _state().get(GENERATION_KEY) or content_changed()


def _key(request: HttpRequest) -> str:
    asked = "|".join(
        (request.scheme, request.get_host(), request.get_full_path(), get_language(), generation())
    )
    return "search:answer:" + hashlib.sha256(asked.encode()).hexdigest()


def _keepable(response: HttpResponse) -> bool:
    # A response that sets a cookie speaks to one visitor only.
    return response.status_code == 200 and not response.cookies and not response.streaming


def kept(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wraps a view (a ninja operation's `run`: `ninja.decorators.decorate_view`)."""

    @wraps(run)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = settings.SEARCH_ANSWERS_SECONDS
        if not seconds or request.method != "GET":
            return run(request, *args, **kwargs)
        key = _key(request)
        response = cache.get(key)
        if response is None:
            response = run(request, *args, **kwargs)
            if _keepable(response):
                cache.set(key, response, seconds)
        return response

    return answer

"""The access log: one line per request, for operators, naming the route, not the address.

A path can hold a bearer token (a registration's, an alert's, an invitation's), a query string
where a family lives (`near` with the phone's position), and the client's address says who
asked: none of them is written. The line gives the method, the route's name, the status and the
time taken, which is what an operator reads an access log for. gunicorn's own access log is off
and nginx's says no more (docs/deploy.md, gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger(__name__)

# Requests no URL pattern answered: static files (WhiteNoise), unknown paths, early refusals.
UNROUTED = "-"


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else UNROUTED


class AccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        logger.info(
            "%s %s %s %.0fms",
            request.method,
            route_of(request),
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response


class RouteNotPath(logging.Filter):
    """Django's own request log names the path ("Internal Server Error: /inscriptions/<token>/"):
    it names the route instead, as the access log does."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest) and record.msg == "%s: %s" and len(record.args) == 2:
            record.args = (record.args[0], route_of(request))
        return True

"""Read-only CORS for the public APIs (`/api/…`): any origin's web page may read them with GET or
HEAD, never with credentials, never to change anything.

A preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here, without reaching
the view: 204 for GET and HEAD, 403 for any other method. Other paths get no CORS header.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

PUBLIC_API_PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
PREFLIGHT_MAX_AGE = 86400


def _allow(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    return response


class ReadOnlyCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PUBLIC_API_PREFIX):
            return self.get_response(request)
        wanted = request.headers.get("Access-Control-Request-Method")
        if request.method == "OPTIONS" and wanted:
            if wanted.upper() not in READ_METHODS:
                return HttpResponse(status=403)
            response = _allow(HttpResponse(status=204))
            asked = request.headers.get("Access-Control-Request-Headers")
            if asked:
                response["Access-Control-Allow-Headers"] = asked
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
            response["Vary"] = "Access-Control-Request-Headers"
            return response
        response = self.get_response(request)
        # Whatever the request's Origin, so that a shared cache may keep one answer for all.
        if request.method in READ_METHODS:
            _allow(response)
        return response

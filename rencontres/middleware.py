"""Project-wide middleware: security headers on every response, a 503 when the database is
down, and HEAD answered wherever GET is."""

from __future__ import annotations

import re
from collections.abc import Callable

from csp.constants import HEADER, SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from rencontres import admin_scripts
from rencontres.errors import database_unavailable, is_database_unavailable

FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")


def _may_be_framed_by_the_site(response: HttpResponseBase) -> bool:
    return response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), with two changes:

    - the Wagtail admin's pages get CONTENT_SECURITY_POLICY_ADMIN's directives instead (inline
      styles; its few inline scripts carry the request's nonce, rencontres.admin_scripts);
    - a response the view lets be framed by the site itself (X-Frame-Options: SAMEORIGIN, as
      Wagtail's preview) gets frame-ancestors 'self' instead of 'none'. Wagtail renders a preview
      through the whole middleware chain first, so a policy already set on the response is
      rewritten rather than replaced (its nonce is the one the page was rendered with).
    """

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        replace = dict(parts.replace or {})
        if request.path_info.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIX):
            replace.update(settings.CONTENT_SECURITY_POLICY_ADMIN)
        if _may_be_framed_by_the_site(response):
            replace["frame-ancestors"] = [SELF]
        parts.replace = replace or None
        return parts

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        # The admin's inline scripts rendered without the request read its nonce here.
        request._admin_scripts_token = admin_scripts.remember(request)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        token = getattr(request, "_admin_scripts_token", None)
        if token is not None:
            admin_scripts.forget(token)
            del request._admin_scripts_token
        if HEADER in response and _may_be_framed_by_the_site(response):
            response[HEADER] = FRAME_ANCESTORS.sub(
                "frame-ancestors 'self'", response[HEADER], count=1
            )
        return super().process_response(request, response)


def permissions_policy_header(policy: dict[str, tuple[str, ...]]) -> str:
    """`{"camera": [], "geolocation": ["self"]}` → `camera=(), geolocation=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(allowed)})" for feature, allowed in sorted(policy.items())
    )


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response, from settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class DatabaseUnavailableMiddleware:
    """A view (or its template) that cannot reach the database answers the localized 503 page
    with Retry-After; the 500 handler does the same for errors raised outside views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_unavailable(exception):
            return database_unavailable(request, exception)
        return None


class HeadAsGetMiddleware:
    """HEAD is answered as GET without its body (RFC 9110 § 9.3.2): the API's routers and the
    function views name GET only, and answered HEAD with a 405, although the API's CORS headers
    offer it. Views see GET; the body is dropped here, its length kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

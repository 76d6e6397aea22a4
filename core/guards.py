"""A middleware that refuses some views (by their URL name) to the users they are not for: a
permission an app's views cannot say themselves, because they are another package's (Wagtail's
reports, wagtail-localize's translation)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class ViewGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def guards(self, view_name: str) -> bool:
        raise NotImplementedError

    def allows(self, request, view_kwargs: dict) -> bool:
        raise NotImplementedError

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and self.guards(match.view_name):
            if not self.allows(request, view_kwargs):
                raise PermissionDenied
        return None

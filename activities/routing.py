"""Finding a page along its URL path outside Wagtail's own view, as Wagtail's router does."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.models import Page, Site


def public_page_at(request: HttpRequest, page_path: str) -> Page:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    route = site.root_page.specific.route(request, components)
    page = route[0].specific
    if page.get_view_restrictions().exists():
        raise Http404
    return page

"""The calendar.ics URLs under page URLs (`<place>/calendar.ics`, `<activity>/calendar.ics`,
`<activity>/seances/<id>/calendar.ics`).

Wagtail's own page URLs only take paths of slugs ending in "/", so these are Django URLs that
find the page along its path the way Wagtail's router does: only a live, public page answers.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import re_path
from wagtail.models import Page, Site

from activities.calendars import activity_feed, occurrences_feed, place_feed
from activities.models import ActivityPage
from directory.models import PlacePage

PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"


def _public_page_at(request: HttpRequest, page_path: str) -> Page:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in page_path.split("/") if part]
    route = site.root_page.specific.route(request, components)
    page = route[0].specific
    if page.get_view_restrictions().exists():
        raise Http404
    return page


def page_calendar(request: HttpRequest, page_path: str) -> HttpResponse:
    page = _public_page_at(request, page_path)
    if isinstance(page, ActivityPage):
        return activity_feed(page, request)
    if isinstance(page, PlacePage):
        return place_feed(page, request)
    raise Http404


def occurrence_calendar(request: HttpRequest, page_path: str, occurrence_id: int) -> HttpResponse:
    activity = _public_page_at(request, page_path)
    if not isinstance(activity, ActivityPage):
        raise Http404
    occurrence = get_object_or_404(
        activity.occurrences.select_related("activity", "place__commune", "closure"),
        pk=occurrence_id,
    )
    return occurrences_feed(activity.title, [occurrence], request, f"seance-{occurrence.pk}.ics")


# The session's pattern first: the page's would also match its URL, with a path that leads to
# no page.
urlpatterns = [
    re_path(
        rf"^{PAGE_PATH}seances/(?P<occurrence_id>[0-9]+)/calendar\.ics$",
        occurrence_calendar,
        name="occurrence_calendar",
    ),
    re_path(rf"^{PAGE_PATH}calendar\.ics$", page_calendar, name="page_calendar"),
]

"""URLs under page URLs: the calendar.ics feeds (`<place>/calendar.ics`,
`<activity>/calendar.ics`, `<activity>/seances/<id>/calendar.ics`) and the registration form
(`<activity>/seances/<id>/inscription/`); and the registration's own page
(`/inscriptions/<signed token>/`).

Wagtail's page URLs take only paths of slugs ending in "/", and its router would read
"seances" as a child page, so these are Django URLs, matched before Wagtail's, that find the
page along its path the way Wagtail's router does: only a live, public page answers.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, re_path

from activities import offer_views, phone_views, registration_views
from activities.calendars import activity_feed, occurrences_feed, place_feed
from activities.cycles import cycle_sessions
from activities.models import ActivityPage
from activities.programme import programme
from activities.routing import public_page_at
from directory.models import PlacePage
from directory.records import place_records

PAGE_PATH = r"(?P<page_path>(?:[\w\-]+/)+)"


def page_calendar(request: HttpRequest, page_path: str) -> HttpResponse:
    page = public_page_at(request, page_path)
    if isinstance(page, ActivityPage):
        return activity_feed(page, request)
    if isinstance(page, PlacePage):
        return place_feed(page, request)
    raise Http404


def occurrence_calendar(request: HttpRequest, page_path: str, occurrence_id: int) -> HttpResponse:
    activity = public_page_at(request, page_path)
    if not isinstance(activity, ActivityPage):
        raise Http404
    occurrence = get_object_or_404(
        activity.occurrences.select_related("activity", "place", "closure"),
        pk=occurrence_id,
    )
    records = place_records([occurrence.place_id])
    filename = f"seance-{occurrence.pk}.ics"
    cycle = list(cycle_sessions(occurrence.activity_id)) if occurrence.activity.is_cycle else None
    return occurrences_feed(activity.title, [occurrence], records, request, filename, cycle)


# The session's pattern first: the page's would also match its URL, with a path that leads to
# no page.
urlpatterns = [
    re_path(
        rf"^{PAGE_PATH}seances/(?P<occurrence_id>[0-9]+)/calendar\.ics$",
        occurrence_calendar,
        name="occurrence_calendar",
    ),
    re_path(rf"^{PAGE_PATH}calendar\.ics$", page_calendar, name="page_calendar"),
    re_path(
        rf"^{PAGE_PATH}seances/(?P<occurrence_id>[0-9]+)/inscription/$",
        registration_views.registration_form,
        name="registration_form",
    ),
    path("programme/", programme, name="programme"),
    path(
        "inscriptions/<str:token>/code/",
        phone_views.registration_code,
        name="registration_code",
    ),
    path("inscriptions/p/<str:token>/", offer_views.seat_offer, name="seat_offer"),
    path("inscriptions/p/<str:token>/<str:answer>/", offer_views.seat_offer, name="seat_offer"),
    path(
        "inscriptions/<str:token>/",
        registration_views.registration_detail,
        name="registration",
    ),
]

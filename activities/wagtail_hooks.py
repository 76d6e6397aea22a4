from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from activities import admin_views, presence_views, reschedule_views
from activities.api import router as activities_router
from activities.listing import next_sessions_by_place, sessions_ahead_by_place, upcoming_for_place
from activities.live_room import places_live_rooms
from activities.models import ActivityPage, TrustedPlace
from activities.preview import schedule_preview
from activities.search.page import ACTIVITIES_VIEW
from core.pages import with_urls_at_hand
from directory.extensions import (
    MAP_PAGE_VIEWS,
    PLACE_PAGE_ESSENTIALS,
    PLACE_PAGE_SECTIONS,
    PLACES_API_NEXT_ACTIVITY,
    PLACES_API_UPCOMING_SESSIONS,
    PLACES_LIVE_ROOMS,
    PLACES_SESSIONS_AHEAD,
)


class TrustedPlaceViewSet(SnippetViewSet):
    model = TrustedPlace
    icon = "success"
    menu_label = _("Lieux de confiance")
    list_display = ["place", "note", "created_at"]


register_snippet(TrustedPlaceViewSet)


@hooks.register("register_admin_urls")
def activities_admin_urls():
    return [
        path(
            "activities/schedule-preview/",
            schedule_preview,
            name="activities_schedule_preview",
        ),
        path(
            "activities/<int:page_id>/seances/",
            admin_views.occurrences,
            name="activities_occurrences",
        ),
        path(
            "activities/<int:page_id>/seances/<int:occurrence_id>/deplacer/",
            reschedule_views.reschedule,
            name="activities_reschedule",
        ),
        path(
            "activities/<int:page_id>/seances/<int:occurrence_id>/presences/",
            presence_views.register,
            name="activities_cycle_presence",
        ),
        path(
            "activities/<int:page_id>/inscriptions/",
            admin_views.registrations,
            name="activities_registrations",
        ),
        path(
            "activities/<int:page_id>/inscriptions/ajouter/",
            admin_views.add_family,
            name="activities_add_family",
        ),
        path(
            "activities/<int:page_id>/inscriptions/presence/",
            presence_views.presence,
            name="activities_presence",
        ),
        path(
            "activities/<int:page_id>/inscriptions.csv",
            admin_views.registrations_csv,
            name="activities_registrations_csv",
        ),
    ]


def _activity_buttons(page, user, priority):
    if (
        isinstance(page.specific_deferred, ActivityPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield Button(
            _("Séances"),
            reverse("activities_occurrences", args=[page.pk]),
            icon_name="date",
            priority=priority,
        )
        if page.specific_deferred.registration_required:
            yield Button(
                _("Inscriptions"),
                reverse("activities_registrations", args=[page.pk]),
                icon_name="group",
                priority=priority + 1,
            )


@hooks.register("register_page_header_buttons")
def activity_header_buttons(page, user, view_name, next_url=None):
    yield from _activity_buttons(page, user, priority=12)


@hooks.register("register_page_listing_more_buttons")
def activity_listing_buttons(page, user, next_url=None):
    yield from _activity_buttons(page, user, priority=3)


# How many of a place's next sessions its page shows at the top, among what a family needs to go.
NEXT_ON_PLACE_PAGE = 3


def _place_sessions(place, request) -> list:
    """The place's upcoming sessions, read once per request: the top of its page shows the next
    few, its sessions section them all."""
    read = request.__dict__.setdefault("_upcoming_for_place", {})
    if place.pk not in read:
        read[place.pk] = upcoming_for_place(place)
    return read[place.pk]


@hooks.register(PLACE_PAGE_SECTIONS, order=10)
def place_upcoming_sessions(place, request) -> str:
    context = {"page": place, "upcoming_sessions": _place_sessions(place, request)}
    return render_to_string("activities/includes/place_sessions.html", context, request)


@hooks.register(PLACE_PAGE_ESSENTIALS, order=10)
def place_next_sessions(place, request) -> str:
    sessions = _place_sessions(place, request)
    if not sessions:
        return ""
    context = {"sessions": sessions[:NEXT_ON_PLACE_PAGE]}
    return render_to_string("activities/includes/place_next_sessions.html", context, request)


@hooks.register("register_api_router")
def activities_api():
    return "/activities", activities_router


@hooks.register(MAP_PAGE_VIEWS)
def activities_map_view():
    return ACTIVITIES_VIEW


@hooks.register(PLACES_API_NEXT_ACTIVITY)
def next_activities(place_ids: list[int]) -> dict[int, dict]:
    sessions = next_sessions_by_place(place_ids)
    with_urls_at_hand(occurrence.activity for occurrence in sessions.values())
    return {
        place_id: {
            "id": occurrence.pk,
            "title": occurrence.activity.title,
            "url": occurrence.activity.url,
            "start": occurrence.local_start.isoformat(),
        }
        for place_id, occurrence in sessions.items()
    }


hooks.register(PLACES_SESSIONS_AHEAD, sessions_ahead_by_place)
hooks.register(PLACES_LIVE_ROOMS, places_live_rooms)


@hooks.register(PLACES_API_UPCOMING_SESSIONS)
def place_api_sessions(place_id: int) -> list[dict]:
    return [
        {
            "id": occurrence.pk,
            "title": occurrence.activity.title,
            "url": occurrence.activity.full_url or occurrence.activity.url,
            "start": occurrence.local_start.isoformat(),
            "end": occurrence.local_end.isoformat(),
            "status": "cancelled" if occurrence.is_cancelled else "scheduled",
            "calendar_url": occurrence.calendar_url,
        }
        for occurrence in upcoming_for_place(place_id)
    ]

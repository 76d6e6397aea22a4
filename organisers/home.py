"""An organiser's home in the admin: dashboard panels with their places, this week's sessions
with their registration counts, and what needs their attention, one click to each.

What needs attention comes from a registry any app fills, as a Wagtail hook (so an app of any
layer registers without importing this one):

    @hooks.register("organiser_attention_items")
    def open_reports(user, place_ids: frozenset[int]) -> Iterable[dict]:
        return [{"label": "3 signalements à traiter", "url": "/admin/…"}]

Each function runs once per dashboard, with the ids of every place the user organises, and
must cost a fixed number of queries whatever their number. The head-counts still to record are
this app's own item.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from activities.choices import RegistrationStatus
from activities.models import Occurrence
from directory.models import PlacePage
from organisers.access import organised_place_ids
from organisers.admin_views import sessions_without_count

ATTENTION_ITEMS = "organiser_attention_items"
CACHE_ATTRIBUTE = "_organiser_home"


def this_week() -> tuple[datetime, datetime]:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.combine(monday, time.min))
    return start, start + timedelta(days=7)


def week_sessions(place_ids):
    start, end = this_week()
    return (
        Occurrence.objects.filter(place_id__in=place_ids, start__gte=start, start__lt=end)
        .select_related("activity", "place")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .order_by("start", "pk")
    )


@hooks.register(ATTENTION_ITEMS)
def sessions_to_count(user, place_ids):
    missing = sessions_without_count(place_ids).count()
    if not missing:
        return []
    label = ngettext(
        "%(count)s séance attend sa fréquentation",
        "%(count)s séances attendent leur fréquentation",
        missing,
    ) % {"count": missing}
    return [{"label": label, "url": reverse("organisers_head_counts")}]


def attention_items(user, place_ids) -> list[dict]:
    frozen = frozenset(place_ids)
    return [item for fn in hooks.get_hooks(ATTENTION_ITEMS) for item in fn(user, frozen)]


def home_for(request) -> dict | None:
    """What the organiser's panels show, read once per request; None for who organises nothing."""
    if not hasattr(request, CACHE_ATTRIBUTE):
        place_ids = organised_place_ids(request.user)
        home = None
        if place_ids:
            home = {
                "places": list(
                    PlacePage.objects.filter(pk__in=place_ids).only("pk", "title").order_by("title")
                ),
                "sessions": list(week_sessions(place_ids)),
                "attention": attention_items(request.user, place_ids),
            }
        setattr(request, CACHE_ATTRIBUTE, home)
    return getattr(request, CACHE_ATTRIBUTE)


class OrganiserPanel(Component):
    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"home": home_for(request), "request": request, "today": timezone.localdate()}


class AttentionPanel(OrganiserPanel):
    name = "organiser_attention"
    template_name = "organisers/panels/attention.html"
    order = 10


class MyPlacesPanel(OrganiserPanel):
    name = "organiser_places"
    template_name = "organisers/panels/places.html"
    order = 20


class WeekSessionsPanel(OrganiserPanel):
    name = "organiser_week"
    template_name = "organisers/panels/week.html"
    order = 30


@hooks.register("construct_homepage_panels")
def organiser_panels(request, panels):
    if home_for(request) is not None:
        panels[:0] = [AttentionPanel(), MyPlacesPanel(), WeekSessionsPanel()]

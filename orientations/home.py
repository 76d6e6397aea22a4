"""The orientations on the admin's home: a place's organisers see how many are to do, waiting
and answered (one query), a professional their latest with their status, ONE staff the totals
(numbers only)."""

from __future__ import annotations

from django.db.models import Count, Q
from wagtail.admin.ui.components import Component

from orientations.access import answerable_place_ids, is_professional, sees_counts
from orientations.models import Orientation, Status

LATEST = 5


def tab_counts(queryset) -> dict:
    return queryset.aggregate(
        todo=Count("pk", filter=Q(status=Status.SENT)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
        answered=Count(
            "pk", filter=Q(status__in=[Status.ACCEPTED, Status.REFUSED, Status.EXPIRED])
        ),
    )


class ReceivedPanel(Component):
    name = "orientations_received"
    template_name = "orientations/panels/received.html"
    order = 25

    def __init__(self, place_ids):
        self.place_ids = place_ids

    def get_context_data(self, parent_context):
        return {"counts": tab_counts(Orientation.objects.for_places(self.place_ids))}


class SentPanel(Component):
    name = "orientations_sent"
    template_name = "orientations/panels/sent.html"
    order = 5

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        latest = (
            Orientation.objects.filter(professional=self.user)
            .select_related("place")
            .order_by("-created_at", "-pk")[:LATEST]
        )
        return {"orientations": list(latest)}


class StaffPanel(Component):
    name = "orientations_staff"
    template_name = "orientations/panels/staff.html"
    order = 200

    def get_context_data(self, parent_context):
        return {"counts": tab_counts(Orientation.objects.all())}


def orientation_panels(request, panels):
    user = request.user
    if is_professional(user):
        panels.append(SentPanel(user))
    place_ids = answerable_place_ids(user)
    if place_ids:
        panels.append(ReceivedPanel(place_ids))
    if sees_counts(user):
        panels.append(StaffPanel())

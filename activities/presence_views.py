"""The register of one session of a cycle: the organiser ticks the families present, on a
phone, from the activity's sessions in the admin (activities.cycles.note_presence)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from activities.admin_views import editable_activity
from activities.choices import RegistrationStatus
from activities.cycles import anchor_of, note_presence
from activities.models import Occurrence, Presence


@require_http_methods(["GET", "POST"])
def register(request, page_id: int, occurrence_id: int):
    activity = editable_activity(request, page_id)
    if not activity.is_cycle:
        raise Http404
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("activity", "place"), pk=occurrence_id, activity=activity
    )
    families = list(
        anchor_of(occurrence)
        .registrations.filter(status=RegistrationStatus.CONFIRMED)
        .order_by("name", "pk")
    )
    if request.method == "POST":
        ticked = set(request.POST.getlist("present"))
        for registration in families:
            note_presence(registration, occurrence, str(registration.pk) in ticked)
        messages.success(request, _("Les présences sont enregistrées."))
        return redirect("activities_occurrences", page_id=activity.pk)
    present = set(
        Presence.objects.filter(occurrence=occurrence, present=True).values_list(
            "registration_id", flat=True
        )
    )
    when = occurrence.local_start
    return TemplateResponse(
        request,
        "activities/admin/presence.html",
        {
            "activity": activity,
            "occurrence": occurrence,
            "families": [(r, r.pk in present) for r in families],
            "page_title": _("Présences du %(when)s") % {"when": when.strftime("%d/%m/%Y %H:%M")},
            "header_icon": "group",
            "occurrences_url": reverse("activities_occurrences", args=[activity.pk]),
        },
    )

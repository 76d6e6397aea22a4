"""Where the organiser ticks the families present (activities.presence): the activity's register,
one form a session; and a cycle's session's register, from the activity's sessions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activities.admin_views import editable_activity
from activities.models import Occurrence, Presence
from activities.presence import expected_families, mark_presence


@require_http_methods(["GET", "POST"])
def register(request, page_id: int, occurrence_id: int):
    activity = editable_activity(request, page_id)
    if not activity.is_cycle:
        raise Http404
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("activity", "place"), pk=occurrence_id, activity=activity
    )
    families = list(expected_families(occurrence).order_by("name", "pk"))
    if request.method == "POST":
        mark_presence(occurrence, _ids(request.POST.getlist("present")))
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


def _ids(values: list[str]) -> set[int]:
    return {int(value) for value in values if value.isdigit()}


@require_POST
def presence(request, page_id: int):
    """The register's presence form for one session."""
    activity = editable_activity(request, page_id)
    occurrence = get_object_or_404(
        Occurrence, pk=request.POST.get("occurrence") or 0, activity=activity
    )
    count = mark_presence(occurrence, _ids(request.POST.getlist("present")))
    messages.success(
        request,
        _("Présence enregistrée : %(count)d famille(s).") % {"count": count},
    )
    register_url = reverse("activities_registrations", args=[activity.pk])
    return redirect(f"{register_url}#seance-{occurrence.pk}")

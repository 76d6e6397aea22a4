"""Presence, ticked by the organiser on the register (a checkbox a family, phone-friendly): who
of the confirmed families came. The session's head-count starts from it (`presence_counts`, read
by organisers' head-count form), so that nothing is typed twice."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activities.admin_views import editable_activity
from activities.choices import RegistrationStatus
from activities.models import Occurrence, Registration


def mark_presence(occurrence: Occurrence, present_ids: set[int]) -> int:
    """The session's confirmed families ticked present, the others not; how many are."""
    confirmed = Registration.objects.filter(
        occurrence=occurrence, status=RegistrationStatus.CONFIRMED
    )
    confirmed.filter(pk__in=present_ids).update(present=True)
    confirmed.exclude(pk__in=present_ids).update(present=False)
    return confirmed.filter(present=True).count()


@dataclass(frozen=True)
class PresenceCounts:
    families: int
    children: int
    adults: int


def presence_counts(occurrence_id: int) -> PresenceCounts | None:
    """The children and adults of the families ticked present; None when nobody is (the
    session's presence was not taken on the register)."""
    counts = Registration.objects.filter(
        occurrence_id=occurrence_id, status=RegistrationStatus.CONFIRMED, present=True
    ).aggregate(
        families=Count("pk"),
        children=Sum("children_count"),
        adults=Sum("adults_count"),
    )
    if not counts["families"]:
        return None
    return PresenceCounts(counts["families"], counts["children"] or 0, counts["adults"] or 0)


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

"""The organiser's « Déplacer la séance »: one form for another day, time or place of one
session (activities.rescheduling), from the activity's sessions in the admin."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from activities.admin_views import editable_activity
from activities.models import Occurrence
from activities.rescheduling import CannotReschedule, reschedule_occurrence
from directory.models import PlacePage

REFUSALS = {
    "cancelled": gettext_lazy("Une séance annulée ne se déplace pas : rétablissez-la d'abord."),
    "end": gettext_lazy("La fin doit suivre le début."),
    "past": gettext_lazy("Choisissez un moment à venir."),
}


def place_choices(user, occurrence: Occurrence) -> list[PlacePage]:
    """The session's place and the live places the organiser's groups organise."""
    organised = PlacePage.objects.live().filter(organisers__group__in=user.groups.all())
    places = {occurrence.place_id: occurrence.place}
    places.update({place.pk: place for place in organised.order_by("title")})
    return list(places.values())


class RescheduleForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Début"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=gettext_lazy("Fin"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    place = forms.TypedChoiceField(label=gettext_lazy("Lieu"), coerce=int)

    def __init__(self, *args, places: list[PlacePage], **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {place.pk: place for place in places}
        self.fields["place"].choices = [(place.pk, place.title) for place in places]


def _initial(occurrence: Occurrence) -> dict:
    start, end = occurrence.local_start, occurrence.local_end
    return {
        "date": start.date(),
        "start_time": start.time().replace(second=0, microsecond=0),
        "end_time": end.time().replace(second=0, microsecond=0),
        "place": occurrence.place_id,
    }


@require_http_methods(["GET", "POST"])
def reschedule(request, page_id: int, occurrence_id: int):
    activity = editable_activity(request, page_id)
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("place__commune", "activity"),
        pk=occurrence_id,
        activity=activity,
    )
    form = RescheduleForm(
        request.POST or None,
        initial=_initial(occurrence),
        places=place_choices(request.user, occurrence),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = form.places[data["place"]]
        tz = place.time_zone
        start = datetime.combine(data["date"], data["start_time"], tzinfo=tz)
        end = datetime.combine(data["date"], data["end_time"], tzinfo=tz)
        try:
            moved = reschedule_occurrence(occurrence, start, end, place)
        except CannotReschedule as refusal:
            form.add_error(None, REFUSALS[str(refusal)])
        else:
            if moved:
                messages.success(
                    request, _("La séance est déplacée ; les familles inscrites sont prévenues.")
                )
            else:
                messages.info(request, _("Rien n'a changé."))
            return redirect("activities_occurrences", page_id=activity.pk)
    when = timezone.localtime(occurrence.start, occurrence.place.time_zone)
    return TemplateResponse(
        request,
        "activities/admin/reschedule.html",
        {
            "activity": activity,
            "occurrence": occurrence,
            "form": form,
            "page_title": _("Déplacer la séance du %(when)s")
            % {"when": when.strftime("%d/%m/%Y %H:%M")},
            "header_icon": "date",
            "occurrences_url": reverse("activities_occurrences", args=[activity.pk]),
        },
        status=400 if form.errors else 200,
    )

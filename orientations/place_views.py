"""A place's side in the admin: the orientations its organisers received (to do, waiting,
answered) and their answer, whether the place takes orientations and its reasons, and inviting
a professional from the place. Another place's orientation is a 404, another place's screens a
403 (`orientations.access`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from directory.models import PlacePage
from orientations.access import answerable_place_ids, can_set_up
from orientations.flow import answer
from orientations.forms import AnswerForm, PlaceSettingsForm
from orientations.models import Orientation, PlaceOrientationSettings, Status

# Each tab of the received list: its statuses.
TABS = {
    "todo": (gettext_lazy("À traiter"), (Status.SENT,)),
    "waiting": (gettext_lazy("Liste d'attente"), (Status.WAITING,)),
    "answered": (
        gettext_lazy("Répondues"),
        (Status.ACCEPTED, Status.REFUSED, Status.EXPIRED),
    ),
}
# The answered tab shows the latest; older ones are counted, not listed.
LISTED = 100


def received_list(request):
    place_ids = answerable_place_ids(request.user)
    if not place_ids:
        raise PermissionDenied
    tab = request.GET.get("tab", "todo")
    if tab not in TABS:
        tab = "todo"
    orientations = (
        Orientation.objects.for_places(place_ids)
        .filter(status__in=TABS[tab][1])
        .select_related("place")
        .order_by("created_at" if tab != "answered" else "-created_at", "pk")
    )
    context = {
        "page_title": _("Orientations reçues"),
        "header_icon": "mail",
        "tabs": [(key, label) for key, (label, _statuses) in TABS.items()],
        "tab": tab,
        "orientations": list(orientations[:LISTED]),
    }
    return TemplateResponse(request, "orientations/admin/received_list.html", context)


@require_http_methods(["GET", "POST"])
def received_one(request, pk: int):
    orientation = get_object_or_404(
        Orientation.objects.select_related("place", "professional__professional_profile"),
        pk=pk,
        place_id__in=answerable_place_ids(request.user),
    )
    if request.method == "POST" and not orientation.is_open:
        # Answered meanwhile (another organiser, another tab): the page says how.
        return redirect("orientations_received_one", orientation.pk)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        if answer(
            orientation, data["status"], refusal_reason=data["refusal_reason"], note=data["note"]
        ):
            messages.success(request, _("Réponse envoyée au professionnel."))
        return redirect("orientations_received_one", orientation.pk)
    context = {
        "page_title": _("Orientation reçue"),
        "header_icon": "mail",
        "orientation": orientation,
        "form": form if orientation.is_open else None,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "orientations/admin/received_one.html", context, status=status)


@require_http_methods(["GET", "POST"])
def place_settings(request, place_id: int):
    place = get_object_or_404(PlacePage, pk=place_id)
    if not can_set_up(request.user, place.pk):
        raise PermissionDenied
    setting = PlaceOrientationSettings.objects.filter(place=place).first()
    form = PlaceSettingsForm(
        request.POST if request.method == "POST" else None,
        instance=setting or PlaceOrientationSettings(place=place),
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("Réglages des orientations enregistrés."))
        return redirect("orientations_place_settings", place.pk)
    context = {
        "page_title": _("Orientations vers « %(place)s »") % {"place": place.title},
        "header_icon": "mail",
        "place": place,
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(
        request, "orientations/admin/place_settings.html", context, status=status
    )

"""A professional's screens in the admin: orient a family to a place that takes orientations,
the orientations they sent with their status, one of them (with the place's address once it
accepted). Nobody but a professional reaches them; another's orientation is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.pagination import linked_page
from directory.models import PlacePage
from orientations.access import is_professional
from orientations.address import address_given_after_acceptance
from orientations.flow import send
from orientations.forms import OrientationForm
from orientations.models import Orientation, PlaceOrientationSettings

PER_PAGE = 50


def _professional(request):
    if not is_professional(request.user):
        raise PermissionDenied
    return request.user


def taking_settings(place_id: int) -> PlaceOrientationSettings | None:
    return (
        PlaceOrientationSettings.objects.filter(
            place_id=place_id, takes_orientations=True, place__live=True
        )
        .select_related("place")
        .first()
    )


@require_http_methods(["GET", "POST"])
def new_orientation(request, place_id: int):
    user = _professional(request)
    place = get_object_or_404(PlacePage, pk=place_id)
    setting = taking_settings(place.pk)
    if setting is None:
        raise Http404
    form = OrientationForm(
        request.POST if request.method == "POST" else None,
        reasons=setting.reason_list(translation.get_language() or "fr"),
    )
    if form.is_valid():
        orientation = form.save(commit=False)
        orientation.place = place
        orientation.professional = user
        orientation.professional_language = translation.get_language() or "fr"
        send(orientation)
        messages.success(request, _("Orientation envoyée : le lieu est prévenu."))
        return redirect("orientations_sent_one", orientation.pk)
    context = {
        "page_title": _("Orienter une famille vers « %(place)s »") % {"place": place.title},
        "header_icon": "mail",
        "place": place,
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "orientations/admin/new.html", context, status=status)


def sent_list(request):
    user = _professional(request)
    orientations = (
        Orientation.objects.filter(professional=user)
        .select_related("place")
        .order_by("-created_at", "-pk")
    )
    context = {
        "page_title": _("Mes orientations"),
        "header_icon": "mail",
        "orientations": linked_page(orientations, PER_PAGE, request),
    }
    return TemplateResponse(request, "orientations/admin/sent_list.html", context)


def sent_one(request, pk: int):
    user = _professional(request)
    orientation = get_object_or_404(
        Orientation.objects.select_related("place__commune"), pk=pk, professional=user
    )
    context = {
        "page_title": _("Orientation vers « %(place)s »") % {"place": orientation.place.title},
        "header_icon": "mail",
        "orientation": orientation,
        "address": address_given_after_acceptance(orientation),
    }
    return TemplateResponse(request, "orientations/admin/sent_one.html", context)

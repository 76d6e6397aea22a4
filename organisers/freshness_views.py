"""Confirming a listing: from the reminder's signed link (no sign-in: one click on a page that
says which place), or from the organiser's dashboard; and ONE staff's list of stale places."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.pagination import linked_page
from directory.freshness import freshness_months, mark_verified
from directory.models import PlacePage
from organisers.access import can_invite_for, is_invitation_manager
from organisers.freshness import age_in_months, place_from_token, stale_places

PLACES_PER_PAGE = 50


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_listing(request, token: str):
    place = place_from_token(token)
    if place is None:
        return TemplateResponse(request, "organisers/confirm_invalid.html", status=404)
    done = request.method == "POST"
    if done:
        mark_verified(place.pk)
    return TemplateResponse(
        request, "organisers/confirm_listing.html", {"place": place, "done": done}
    )


@require_http_methods(["GET", "POST"])
def confirm_place(request, place_id: int):
    """The same, signed in: an organiser of the place, or ONE staff."""
    place = get_object_or_404(PlacePage, pk=place_id)
    if not can_invite_for(request.user, place.pk):
        raise PermissionDenied
    if request.method == "POST":
        mark_verified(place.pk)
        messages.success(request, _("Merci : la fiche est confirmée."))
        return redirect("wagtailadmin_home")
    context = {
        "page_title": _("Confirmer la fiche de « %(place)s »") % {"place": place.title},
        "header_icon": "tick",
        "place": place,
    }
    return TemplateResponse(request, "organisers/admin/confirm_place.html", context)


def stale_list(request):
    if not is_invitation_manager(request.user):
        raise PermissionDenied
    page = linked_page(stale_places(), PLACES_PER_PAGE, request)
    rows = [(place, age_in_months(place.verified_at)) for place in page]
    context = {
        "page_title": _("Fiches à vérifier"),
        "header_icon": "time",
        "places": page,
        "rows": rows,
        "months": freshness_months(),
    }
    return TemplateResponse(request, "organisers/admin/stale_list.html", context)

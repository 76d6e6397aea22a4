"""The team's phone page for the live room (activities.live_room): today's drop-in sessions of
a place, three big buttons each (« places libres / presque complet / complet »), a number of
places left if the team wants to say it.

Two doors to the same page: in the admin, for the place's organisers (and ONE staff,
`organisers.access.can_report_room_for`: another place's page is a 403, an unknown one a
404); and through the place's signed team link (`/equipe/salle/<token>/`), for accueillant·e·s
without an account: a tampered or revoked link is a 404, never a 500. Each tap is a POST with
its CSRF token, kept as a row (who: the account, or « lien d'équipe »; when)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from activities.live_room import (
    place_of_token,
    report,
    reported_sessions,
    team_link,
    team_token,
)
from activities.models.live_room import MAX_PLACES_LEFT
from core.absolute import absolute_url
from directory.live_room import RoomState
from directory.models import PlacePage
from organisers.access import can_report_room_for


class RoomForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(choices=RoomState.choices)
    places_left = forms.IntegerField(
        label=gettext_lazy("Places libres (facultatif)"),
        required=False,
        min_value=0,
        max_value=MAX_PLACES_LEFT,
    )


def _tap(request: HttpRequest, place: PlacePage, *, user=None, by_team_link=False):
    """The POST's tap on one of the place's sessions; the form when it is not valid."""
    form = RoomForm(request.POST)
    if not form.is_valid():
        return form
    sessions = {s.pk: s for s in reported_sessions(place)}
    session = sessions.get(form.cleaned_data["session"])
    if session is None:
        form.add_error(None, _("Cette séance n'est plus en cours aujourd'hui."))
        return form
    row = report(
        session,
        form.cleaned_data["state"],
        form.cleaned_data["places_left"],
        user=user,
        by_team_link=by_team_link,
    )
    messages.success(
        request,
        _("« %(state)s » est affiché pour %(title)s.")
        % {"state": row.get_state_display(), "title": session.activity.title},
    )
    return None


def _page(request, place: PlacePage, template: str, extra: dict, form=None) -> HttpResponse:
    context = {
        "place": place,
        "sessions": reported_sessions(place),
        "states": RoomState.choices,
        "form": form,
        "max_places_left": MAX_PLACES_LEFT,
        **extra,
    }
    return TemplateResponse(request, template, context, status=400 if form else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def room_by_link(request: HttpRequest, token: str) -> HttpResponse:
    place = place_of_token(token)
    if place is None:
        raise Http404
    if request.method == "POST":
        form = _tap(request, place, by_team_link=True)
        if form is None:
            return redirect(request.path)
        return _page(request, place, "organisers/live_room.html", {}, form)
    return _page(request, place, "organisers/live_room.html", {})


def _place_for_reporting(request, place_id: int) -> PlacePage:
    place = get_object_or_404(PlacePage, pk=place_id)
    if not can_report_room_for(request.user, place.pk):
        raise PermissionDenied
    return place


def team_url(request: HttpRequest, place: PlacePage) -> str:
    return absolute_url(reverse("organisers_live_room_link", args=[team_token(team_link(place))]))


@require_http_methods(["GET", "POST"])
def room_admin(request: HttpRequest, place_id: int) -> HttpResponse:
    place = _place_for_reporting(request, place_id)
    if request.method == "POST":
        form = _tap(request, place, user=request.user)
        if form is None:
            return redirect("organisers_live_room", place.pk)
    else:
        form = None
    extra = {
        "page_title": _("État de la salle — %(place)s") % {"place": place.title},
        "header_icon": "group",
        "team_url": team_url(request, place),
    }
    return _page(request, place, "organisers/admin/live_room.html", extra, form)


@require_POST
def renew_team_link(request: HttpRequest, place_id: int) -> HttpResponse:
    place = _place_for_reporting(request, place_id)
    team_link(place).renew()
    messages.success(
        request, _("Nouveau lien d'équipe : l'ancien ne fonctionne plus. Donnez le nouveau.")
    )
    return redirect("organisers_live_room", place.pk)

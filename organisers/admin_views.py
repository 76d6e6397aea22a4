"""Admin screens: a place's organisers (invite, see who is invited, remove), a session's
head-count, and the sessions still waiting for theirs. Every view asks `organisers.access` for
the place it touches: another place's screen is a 403, an unknown one a 404."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from activities.models import Occurrence
from activities.presence import presence_counts
from core.pagination import linked_page
from directory.models import PlacePage
from directory.roles import organiser_group
from organisers.access import (
    can_count_for,
    can_invite_for,
    is_invitation_manager,
    organised_place_ids,
)
from organisers.forms import HeadCountForm, InviteForm
from organisers.invitations import REFUSED, Outcome, invite, remove_organiser
from organisers.models import HeadCount, Invitation

# The sessions an organiser is asked to count: those of the last few weeks.
COUNT_WINDOW_DAYS = 90
SESSIONS_PER_PAGE = 50

OUTCOME_MESSAGES = {
    Outcome.INVITED: gettext_lazy("Invitation envoyée à %(email)s."),
    Outcome.ASKED: gettext_lazy(
        "%(email)s a déjà un compte : une invitation lui est envoyée, le lieu lui sera ajouté "
        "quand elle sera acceptée."
    ),
    Outcome.ALREADY: gettext_lazy("%(email)s organise déjà ce lieu."),
    Outcome.LIMITED: gettext_lazy(
        "Invitation non envoyée à %(email)s : vous avez envoyé aujourd'hui autant d'invitations "
        "qu'une journée en permet. Réessayez demain."
    ),
    Outcome.HELD: gettext_lazy(
        "Invitation non envoyée : %(email)s a déjà reçu plusieurs invitations aujourd'hui. "
        "Réessayez demain."
    ),
}


def _place_for_inviting(request, place_id: int) -> PlacePage:
    place = get_object_or_404(PlacePage, pk=place_id)
    if not can_invite_for(request.user, place.pk):
        raise PermissionDenied
    return place


@require_http_methods(["GET", "POST"])
def place_organisers(request, place_id: int):
    place = _place_for_inviting(request, place_id)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        email = form.cleaned_data["email"]
        outcome = invite(place, email, by=request.user)
        tell = messages.error if outcome in REFUSED else messages.success
        tell(request, OUTCOME_MESSAGES[outcome] % {"email": email})
        return redirect("organisers_place", place.pk)
    group = organiser_group(place)
    members = (
        get_user_model().objects.filter(groups=group).order_by("email", "username")
        if group is not None
        else []
    )
    context = {
        "page_title": _("Organisateurs de « %(place)s »") % {"place": place.title},
        "header_icon": "group",
        "place": place,
        "form": form,
        "members": members,
        "invitations": Invitation.objects.pending().filter(place=place),
        "manager": is_invitation_manager(request.user),
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(
        request, "organisers/admin/place_organisers.html", context, status=status
    )


@require_POST
def remove_member(request, place_id: int, user_id: int):
    """ONE staff take a place away from one of its organisers (their account stays)."""
    place = get_object_or_404(PlacePage, pk=place_id)
    if not is_invitation_manager(request.user):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    remove_organiser(place, user)
    messages.success(request, _("%(user)s n'organise plus ce lieu.") % {"user": user.email or user})
    return redirect("organisers_place", place.pk)


@require_POST
def revoke_invitation(request, pk: int):
    invitation = get_object_or_404(Invitation, pk=pk)
    if not is_invitation_manager(request.user):
        raise PermissionDenied
    invitation.delete()
    messages.success(request, _("Invitation retirée : son lien ne fonctionne plus."))
    return redirect("organisers_place", invitation.place_id)


def countable_sessions():
    """Sessions that took place and were not cancelled."""
    return Occurrence.objects.filter(start__lte=timezone.now(), is_cancelled=False)


@require_http_methods(["GET", "POST"])
def head_count(request, occurrence_id: int):
    occurrence = get_object_or_404(
        countable_sessions().select_related("activity", "place"), pk=occurrence_id
    )
    if not can_count_for(request.user, occurrence.place_id):
        raise PermissionDenied
    existing = HeadCount.objects.filter(occurrence=occurrence).first()
    # The families ticked present on the register: their children and adults, not typed again.
    present = None if existing else presence_counts(occurrence.pk)
    initial = {"children": present.children, "adults": present.adults} if present else None
    form = HeadCountForm(
        request.POST if request.method == "POST" else None,
        instance=existing or HeadCount(occurrence=occurrence),
        initial=initial,
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("Fréquentation enregistrée. Merci !"))
        return redirect("organisers_head_counts")
    context = {
        "page_title": _("Fréquentation de la séance"),
        "header_icon": "group",
        "occurrence": occurrence,
        "form": form,
        "from_register": present,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "organisers/admin/head_count.html", context, status=status)


def sessions_without_count(place_ids):
    return sessions_held(place_ids).filter(head_count__isnull=True)


def sessions_held(place_ids):
    since = timezone.now() - timedelta(days=COUNT_WINDOW_DAYS)
    return countable_sessions().filter(place_id__in=place_ids, start__gte=since)


def head_counts(request):
    """The organiser's sessions of the last weeks still without a head-count, latest first,
    and how many were held: « Tout est noté » only when some were, and all are counted."""
    place_ids = organised_place_ids(request.user)
    sessions = (
        sessions_without_count(place_ids)
        .select_related("activity", "place")
        .order_by("-start", "-pk")
    )
    page = linked_page(sessions, SESSIONS_PER_PAGE, request)
    held = sessions_held(place_ids).count() if place_ids else 0
    context = {
        "page_title": _("Séances à compter"),
        "header_icon": "group",
        "sessions": page,
        "window_days": COUNT_WINDOW_DAYS,
        "organises": bool(place_ids),
        "held": held,
        "missing": page.paginator.count,
    }
    return TemplateResponse(request, "organisers/admin/head_counts.html", context)


def head_count_url(occurrence_id: int) -> str:
    return reverse("organisers_head_count", args=[occurrence_id])

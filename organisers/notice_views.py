"""Notices set from a phone: from the organiser's home, « Signaler une fermeture ou un
changement » beside a place (one tap), what changes with today's dates already filled in (a
second), saved (a third): public at once, on the place's or the activity's French page, without
a revision to publish (directory.models.notices says why). The same screen lists the notices
not yet ended, each removable, and leads to the place's activities' own.

Only the place's organisers and ONE staff (`organisers.access.can_post_notice_for`): another
place's screen is a 403, an unknown one a 404. A form with errors answers 400, each error
beside its field and named in a summary at the top.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from activities.models import ActivityNotice, ActivityPage
from core.pages import in_source_language
from core.translated import CONTENT_LANGUAGES
from directory.models import PlaceNotice, PlacePage
from organisers.access import can_post_notice_for
from organisers.forms import NoticeForm


def _language(request) -> str:
    language = (getattr(request, "LANGUAGE_CODE", "") or "fr").split("-")[0]
    return language if language in CONTENT_LANGUAGES else "fr"


def _allowed(request, place_id: int) -> None:
    if not can_post_notice_for(request.user, place_id):
        raise PermissionDenied


def _place(request, place_id: int) -> PlacePage:
    place = get_object_or_404(in_source_language(PlacePage.objects.all()), pk=place_id)
    _allowed(request, place.pk)
    return place


def _activity(request, activity_id: int) -> tuple[ActivityPage, PlacePage]:
    activity = get_object_or_404(in_source_language(ActivityPage.objects.all()), pk=activity_id)
    place = activity.place
    _allowed(request, place.pk)
    return activity, place


def _not_ended(notices):
    return notices.filter(end_date__gte=timezone.localdate()).order_by("start_date", "pk")


def _screen(request, *, place, activity, notices, remove_url, save):
    form = NoticeForm(
        request.POST if request.method == "POST" else None, language=_language(request)
    )
    if form.is_valid():
        save(form.notice_values())
        messages.success(request, _("Avis publié : les familles le voient dès maintenant."))
        return redirect(request.path)
    subject = activity or place
    context = {
        "page_title": _("Fermeture ou changement"),
        "header_icon": "warning",
        "place": place,
        "activity": activity,
        "subject": subject,
        "form": form,
        "notices": list(_not_ended(notices)),
        "remove_url": remove_url,
        "activities": []
        if activity
        else list(
            in_source_language(ActivityPage.objects.child_of(place))
            .only("pk", "title")
            .order_by("title")
        ),
        "today": timezone.localdate(),
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "organisers/admin/notices.html", context, status=status)


@require_http_methods(["GET", "POST"])
def place_notices(request, place_id: int):
    place = _place(request, place_id)

    def save(values):
        PlaceNotice.objects.create(place=place, created_by=request.user, **values)

    return _screen(
        request,
        place=place,
        activity=None,
        notices=place.notices.all(),
        remove_url="organisers_remove_place_notice",
        save=save,
    )


@require_http_methods(["GET", "POST"])
def activity_notices(request, activity_id: int):
    activity, place = _activity(request, activity_id)

    def save(values):
        ActivityNotice.objects.create(activity=activity, created_by=request.user, **values)

    return _screen(
        request,
        place=place,
        activity=activity,
        notices=activity.notices.all(),
        remove_url="organisers_remove_activity_notice",
        save=save,
    )


@require_POST
def remove_place_notice(request, pk: int):
    notice = get_object_or_404(PlaceNotice, pk=pk)
    _allowed(request, notice.place_id)
    notice.delete()
    messages.success(request, _("Avis retiré."))
    return redirect("organisers_place_notices", notice.place_id)


@require_POST
def remove_activity_notice(request, pk: int):
    notice = get_object_or_404(ActivityNotice.objects.select_related("activity"), pk=pk)
    place = notice.activity.place
    if place is None:
        raise Http404
    _allowed(request, place.pk)
    notice.delete()
    messages.success(request, _("Avis retiré."))
    return redirect(reverse("organisers_activity_notices", args=[notice.activity_id]))

"""Texts that did not reach a family (core.texting: refused by the SMS centre, 24 hours of
failed attempts, or a receipt saying undelivered), told to the place's organisers: an item on
their home, and the list of those families with their number, so that someone calls them. The
last 14 days; ONE staff see every place's."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import Registration
from core.models import TextDelivery, TextState
from organisers.access import is_invitation_manager, organised_place_ids

SHOWN_DAYS = 14


def failed_texts(place_ids=None):
    since = timezone.now() - timedelta(days=SHOWN_DAYS)
    failed = TextDelivery.objects.filter(state=TextState.FAILED, last_attempt_at__gte=since)
    if place_ids is not None:
        failed = failed.filter(place_id__in=place_ids)
    return failed


def attention_items(user, place_ids) -> list[dict]:
    count = failed_texts(place_ids).count()
    if not count:
        return []
    label = ngettext(
        "%(count)s SMS non remis à une famille", "%(count)s SMS non remis à des familles", count
    ) % {"count": count}
    return [{"label": label, "url": reverse("organisers_failed_texts")}]


def can_see(user) -> bool:
    return is_invitation_manager(user) or bool(organised_place_ids(user))


def failed_texts_list(request):
    if not can_see(request.user):
        raise PermissionDenied
    place_ids = None if is_invitation_manager(request.user) else organised_place_ids(request.user)
    deliveries = list(failed_texts(place_ids).order_by("-last_attempt_at", "-pk")[:200])
    registrations = Registration.objects.select_related(
        "occurrence__activity", "occurrence__place"
    ).in_bulk([d.registration_id for d in deliveries if d.registration_id])
    rows = [
        {"delivery": delivery, "registration": registrations.get(delivery.registration_id)}
        for delivery in deliveries
    ]
    context = {"page_title": _("SMS non remis"), "header_icon": "warning", "rows": rows}
    return TemplateResponse(request, "organisers/admin/failed_texts.html", context)

"""Keeping listings fresh: organisers of a stale place (directory/freshness.py) are e-mailed a
reminder, at most once per staleness period, with a signed one-click "still correct" link and a
link to edit; ONE staff see the stale places, oldest first, with the reminders sent."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import queue_email, render_email
from directory.freshness import DAYS_PER_MONTH, freshness_months, stale_before
from directory.models import PlacePage
from organisers.invitations import place_admin_url
from organisers.models import FreshnessReminder

SALT = "organisers.freshness"


def confirm_token(place_id: int) -> str:
    return signing.dumps(place_id, salt=SALT)


def place_from_token(token: str) -> PlacePage | None:
    """The place a "still correct" link names; the link works for two freshness periods."""
    max_age = timedelta(days=round(2 * freshness_months() * DAYS_PER_MONTH))
    try:
        place_id = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(place_id, int):
        return None
    return PlacePage.objects.live().filter(pk=place_id).first()


def stale_places():
    """Live places not verified since the freshness period began, the oldest first, with the
    reminders sent (one query)."""
    return (
        PlacePage.objects.live()
        .filter(Q(verified_at__lt=stale_before()) | Q(verified_at__isnull=True))
        .annotate(
            reminders=Count("freshness_reminders"),
            last_reminder=Max("freshness_reminders__sent_at"),
        )
        # Never verified first on every database (PostgreSQL puts NULLs last otherwise).
        .order_by(F("verified_at").asc(nulls_first=True), "pk")
    )


def organiser_addresses(place_ids) -> dict[int, list[tuple[str, str]]]:
    """Each place's organisers: (address, language of their admin), in one query."""
    rows = (
        get_user_model()
        .objects.filter(is_active=True, groups__organised_place__place_id__in=place_ids)
        .exclude(email="")
        .values_list(
            "groups__organised_place__place_id",
            "email",
            "wagtail_userprofile__preferred_language",
        )
    )
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for place_id, email, language in rows:
        found[place_id].append((email, language or settings.LANGUAGE_CODE))
    return found


def send_reminders() -> int:
    """E-mail the organisers of every stale place not reminded in this period; how many places."""
    since = stale_before()
    due = [
        place
        for place in stale_places()
        if place.last_reminder is None
        or place.last_reminder < max(since, place.verified_at or since)
    ]
    addresses = organiser_addresses([place.pk for place in due])
    sent = 0
    for place in due:
        if not addresses.get(place.pk):
            continue
        context = {
            "place": place.title,
            "verified": place.verified_at,
            "confirm_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("organisers_confirm_listing", args=[confirm_token(place.pk)]),
            "edit_url": place_admin_url(place.pk),
        }
        for email, language in addresses[place.pk]:
            queue_email(
                render_email(
                    "freshness_reminder",
                    to=email,
                    subject_template="organisers/emails/freshness_reminder_subject.txt",
                    body_template="organisers/emails/freshness_reminder.txt",
                    context=context,
                    language=language,
                )
            )
        FreshnessReminder.objects.create(place=place)
        sent += 1
    return sent


def stale_attention_items(user, place_ids) -> list[dict]:
    """For the organiser's dashboard: each of their places to confirm (one query)."""
    stale = (
        PlacePage.objects.filter(pk__in=place_ids)
        .filter(Q(verified_at__lt=stale_before()) | Q(verified_at__isnull=True))
        .only("pk", "title")
        .order_by("title")
    )
    return [
        {
            "label": _("Confirmer la fiche de « %(place)s »") % {"place": place.title},
            "url": reverse("organisers_confirm_place", args=[place.pk]),
        }
        for place in stale
    ]


def age_in_months(verified) -> int | None:
    if verified is None:
        return None
    return int((timezone.now() - verified).days / DAYS_PER_MONTH)

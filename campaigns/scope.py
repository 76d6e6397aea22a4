"""Which places a campaign asks, starting it (a request per place, an e-mail per organiser) and
the organisers' addresses the e-mails go to."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale

from campaigns.links import answer_url
from campaigns.models import Campaign, CampaignRequest
from core.mail import queue_email, render_email
from directory.models import PlacePage


def places_in_scope(campaign: Campaign):
    """The live French places of the campaign's programmes (any, when it names none) in its
    provinces or départements and its communes (anywhere, when it names neither)."""
    places = PlacePage.objects.live().filter(locale=Locale.get_default())
    programme_ids = list(campaign.programmes.values_list("pk", flat=True))
    if programme_ids:
        places = places.filter(programmes__in=programme_ids)
    commune_ids = list(campaign.communes.values_list("commune_id", flat=True))
    if campaign.provinces or commune_ids:
        places = places.filter(
            Q(commune__province_code__in=campaign.provinces) | Q(commune__in=commune_ids)
        )
    return places.distinct()


def organisers_of(place_ids) -> dict[int, list[tuple[int, str, str]]]:
    """Each place's organisers with an address: (account id, address, language), one query."""
    rows = (
        get_user_model()
        .objects.filter(is_active=True, groups__organised_place__place_id__in=place_ids)
        .exclude(email="")
        .values_list(
            "groups__organised_place__place_id",
            "pk",
            "email",
            "wagtail_userprofile__preferred_language",
        )
    )
    found: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for place_id, user_id, email, language in rows:
        found[place_id].append((user_id, email, language or settings.LANGUAGE_CODE))
    return found


def send_requests(campaign: Campaign, requests, kind: str) -> int:
    """E-mail each organiser of each request their own link; how many e-mails. `kind` is
    "campaign_request" (at the start) or "campaign_reminder"."""
    addresses = organisers_of([request.place_id for request in requests])
    sent = 0
    for request in requests:
        for user_id, email, language in addresses.get(request.place_id, []):
            message = render_email(
                kind,
                to=email,
                subject_template=f"campaigns/emails/{kind}_subject.txt",
                body_template=f"campaigns/emails/{kind}.txt",
                context={
                    "campaign": campaign.name,
                    "place": request.place.title,
                    "sections": campaign.section_labels,
                    "ends_on": campaign.ends_on,
                    "url": answer_url(request.pk, user_id),
                },
                language=language,
            )
            transaction.on_commit(lambda message=message: queue_email(message))
            sent += 1
    return sent


def start(campaign: Campaign) -> int:
    """Ask every place in scope (a place asked already is not asked twice) and e-mail its
    organisers; how many places were asked. A campaign already started starts no more."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.started_at is not None or locked.ended_at is not None:
            return 0
        now = timezone.now()
        today = timezone.localdate(now)
        locked.started_at = now
        # Launched by hand before its day: it runs from today.
        locked.starts_on = min(locked.starts_on, today)
        locked.save(update_fields=["started_at", "starts_on"])
        place_ids = list(places_in_scope(locked).values_list("pk", flat=True))
        CampaignRequest.objects.bulk_create(
            [CampaignRequest(campaign=locked, place_id=pk) for pk in place_ids],
            ignore_conflicts=True,
        )
        requests = list(
            CampaignRequest.objects.filter(campaign=locked).select_related("place").order_by("pk")
        )
        send_requests(locked, requests, "campaign_request")
    campaign.refresh_from_db()
    return len(requests)


def start_due(today=None) -> list[tuple[Campaign, int]]:
    """The periodic start: every campaign whose first day has come and that is not over."""
    today = today or timezone.localdate()
    due = Campaign.objects.filter(
        started_at__isnull=True, ended_at__isnull=True, starts_on__lte=today, ends_on__gte=today
    ).order_by("pk")
    return [(campaign, start(campaign)) for campaign in due]

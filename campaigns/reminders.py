"""Inside a running campaign: one reminder to the organisers of each place that has not
answered, `REMINDER_DAYS` before its end (never a second one); at its end date, the campaign
ends and its links stop working."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from campaigns.models import Campaign, CampaignRequest
from campaigns.scope import send_requests

REMINDER_DAYS = 7


def send_reminders(today: date | None = None) -> int:
    """Remind the unanswered places of every open campaign ending within `REMINDER_DAYS`;
    how many places were reminded."""
    today = today or timezone.localdate()
    reminded = 0
    campaigns = Campaign.objects.open_on(today).filter(
        ends_on__lte=today + timedelta(days=REMINDER_DAYS)
    )
    for campaign in campaigns.order_by("pk"):
        with transaction.atomic():
            due = list(
                CampaignRequest.objects.select_for_update(of=("self",))
                .filter(campaign=campaign, answer="", reminded_at__isnull=True)
                .select_related("place")
                .order_by("pk")
            )
            send_requests(campaign, due, "campaign_reminder")
            CampaignRequest.objects.filter(pk__in=[r.pk for r in due]).update(
                reminded_at=timezone.now()
            )
        reminded += len(due)
    return reminded


def end_past(today: date | None = None) -> int:
    """End every campaign whose end date has passed; how many."""
    today = today or timezone.localdate()
    return Campaign.objects.filter(ended_at__isnull=True, ends_on__lt=today).update(
        ended_at=timezone.now()
    )

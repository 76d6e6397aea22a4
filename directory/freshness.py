"""How fresh a place's information is: verified at each publication and each time an organiser
says it is still correct (`PlacePage.verified_at`). Stale after `FRESHNESS["months"]` months
(its organisers are reminded); flagged on the public page after twice as long."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from directory.models.places import PlacePage
from directory.search.index import place_records_changed

DAYS_PER_MONTH = 30.44


def freshness_months() -> int:
    return settings.FRESHNESS["months"]


def months_ago(months: int) -> datetime:
    return timezone.now() - timedelta(days=round(months * DAYS_PER_MONTH))


def stale_before() -> datetime:
    return months_ago(freshness_months())


def flagged_before() -> datetime:
    return months_ago(2 * freshness_months())


def verified_on(place: PlacePage) -> datetime | None:
    return place.verified_at or place.last_published_at


def is_flagged(verified: datetime | None) -> bool:
    """Whether a listing verified at `verified` (a record's `verified_on`) is flagged."""
    return verified is not None and verified < flagged_before()


def mark_verified(place_id: int) -> datetime:
    """Straight to the row: the page's revisions and editor are left as they are; the place's
    search document, which carries the day in its record, is rewritten."""
    now = timezone.now()
    PlacePage.objects.filter(pk=place_id).update(verified_at=now)
    place_records_changed.send(sender=PlacePage, place_ids=[place_id])
    return now

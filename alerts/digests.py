"""The weekly digest: what was published since an alert's last digest and matches its search.

New places are places first published since then; new sessions are the sessions to come of
activities (or at places) first published since then. Which of them match is asked of the
search service with the alert's parameters and those few ids (`SearchQuery.among`), so both
engines answer it as they answer the map page. Nothing new, nothing sent; one digest per ISO
week, however often the command runs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from activities.listing import public_occurrences
from activities.search.index import SESSIONS
from alerts.models import Alert
from alerts.queries import InvalidSearch, validated
from alerts.subscriptions import unsubscribe_headers, unsubscribe_url
from core.mail import queue_email, render_email
from core.pages import in_source_language, localized_url
from core.search.index import SearchIndex
from core.search.service import search
from directory.models import PlaceIndexPage
from directory.search.criteria import public_places
from directory.search.index import PLACES

logger = logging.getLogger(__name__)

# The ids asked of the search service at once (the API's largest page).
CHUNK = 100
# What one e-mail lists of each; the link to the search shows the rest.
SHOWN = 20


def iso_week(moment: datetime) -> str:
    year, week, _day = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def new_place_ids(since: datetime) -> list[int]:
    return list(public_places().filter(first_published_at__gt=since).values_list("pk", flat=True))


def new_session_ids(since: datetime) -> list[int]:
    return list(
        public_occurrences()
        .filter(
            Q(activity__first_published_at__gt=since) | Q(place__first_published_at__gt=since),
            is_cancelled=False,
            end__gte=timezone.now(),
        )
        .values_list("pk", flat=True)
    )


def matching(index: SearchIndex, query_string: str, ids: list[int]) -> list:
    """The hits among `ids` that the stored search finds, in the index's order per chunk."""
    if not ids:
        return []
    try:
        query = validated(index, query_string)
    except InvalidSearch as error:
        # A vocabulary entry removed since the alert was set; the parameter's name only.
        logger.warning("A stored search no longer validates for %s: %s", index.name, error)
        return []
    found = []
    for start in range(0, len(ids), CHUNK):
        chunk = tuple(ids[start : start + CHUNK])
        result = search(index, replace(query, page=1, page_size=len(chunk), among=chunk))
        found.extend(result.hits)
    return found


@dataclass(frozen=True)
class NewActivity:
    """An activity's new sessions, told once: the first and how many more."""

    first: object
    more: int


def by_activity(sessions: list) -> list[NewActivity]:
    grouped: dict[int, list] = {}
    for hit in sorted(sessions, key=lambda hit: hit.start):
        grouped.setdefault(hit.activity.pk, []).append(hit)
    return [NewActivity(first=hits[0], more=len(hits) - 1) for hits in grouped.values()]


@dataclass(frozen=True)
class Digest:
    places: list
    activities: list[NewActivity]

    def __bool__(self) -> bool:
        return bool(self.places or self.activities)


def digest_for(alert: Alert, places: list[int], sessions: list[int]) -> Digest:
    found_places = matching(PLACES, alert.query, places)
    found_places.sort(key=lambda hit: (hit.distance_km is None, hit.distance_km or 0, hit.name))
    return Digest(
        places=found_places, activities=by_activity(matching(SESSIONS, alert.query, sessions))
    )


def search_url(alert: Alert, base_url: str) -> str:
    """The map page with the alert's search, in the alert's language (its translation's
    address when it has one)."""
    page = in_source_language(PlaceIndexPage.objects.live()).first()
    if page is None:
        return base_url
    params = alert.query if alert.view == "places" else f"view={alert.view}&{alert.query}"
    with translation.override(alert.language or None):
        return f"{localized_url(page, base_url)}?{params.strip('&')}"


def send_digest(alert: Alert, digest: Digest, base_url: str) -> None:
    queue_email(
        render_email(
            "alert-digest",
            to=alert.email,
            subject_template="alerts/emails/digest_subject.txt",
            body_template="alerts/emails/digest.txt",
            context={
                "places": digest.places[:SHOWN],
                "activities": digest.activities[:SHOWN],
                "more_places": max(0, len(digest.places) - SHOWN),
                "more_activities": max(0, len(digest.activities) - SHOWN),
                "base_url": base_url.rstrip("/"),
                "search_url": search_url(alert, base_url),
                "unsubscribe_url": unsubscribe_url(alert, base_url),
            },
            language=alert.language,
            headers=unsubscribe_headers(alert, base_url),
        )
    )


def send_digests(now: datetime | None = None, base_url: str | None = None) -> tuple[int, int]:
    """Looks at each confirmed alert not yet looked at this week; returns (looked at, sent)."""
    now = now or timezone.now()
    base_url = base_url or settings.WAGTAILADMIN_BASE_URL
    week = iso_week(now)
    looked = sent = 0
    due = Alert.objects.exclude(confirmed_at=None).exclude(digest_week=week).order_by("pk")
    # The candidates depend only on `since`: alerts confirmed or sent together share them.
    candidates: dict[datetime, tuple[list[int], list[int]]] = {}
    for alert in due.iterator():
        since = alert.since
        if since not in candidates:
            candidates[since] = (new_place_ids(since), new_session_ids(since))
        # Names and links in the alert's language (the records and hits read the active one).
        with translation.override(alert.language or None):
            digest = digest_for(alert, *candidates[since])
        changes = {"digest_week": week}
        # The queued e-mail (a row of the task queue's database backend) and the week marked
        # commit together: a run that stops midway neither loses nor repeats a digest.
        with transaction.atomic():
            if digest:
                send_digest(alert, digest, base_url)
                changes["last_sent_at"] = now
                sent += 1
            # Only if still there: an unsubscribe meanwhile is not undone.
            Alert.objects.filter(pk=alert.pk).update(**changes)
        looked += 1
    logger.info("Alert digests: %d looked at, %d sent", looked, sent)
    return looked, sent

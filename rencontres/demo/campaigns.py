"""The demo's update campaign: one running campaign on holiday hours (opening hours and
closures) in the Belgian province with the most demo places, started ten days ago and ending in
twenty, some places answered by their organisers, a few done by staff, the rest waiting, so that
ONE staff's participation table shows all three.

Written straight to the rows (no e-mail leaves from the demo), once: a run that finds the
campaign writes nothing. An answered place is verified on its answer's day, as an answer does
(campaigns.answers)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from campaigns.models import Answer, Campaign, CampaignRequest, Section
from campaigns.scope import places_in_scope
from directory.models import PlacePage
from rencontres.demo.projects import demo_places_queryset

NAME = "Horaires des vacances de printemps"
# Of the places asked: answered by their organisers, done by staff; the rest wait.
ORGANISER_SHARE = 0.45
STAFF_SHARE = 0.15


def busiest_province(parent) -> str | None:
    row = (
        demo_places_queryset(parent)
        .filter(country="BE")
        .exclude(commune__province_code="")
        .values("commune__province_code")
        .annotate(places=Count("pk"))
        .order_by("-places", "commune__province_code")
        .first()
    )
    return row["commune__province_code"] if row else None


def seed_campaign(parent, seed: int, now: datetime) -> Campaign | None:
    """The running campaign and its answers; None when it exists already or no Belgian demo
    place has a province."""
    if Campaign.objects.filter(name=NAME).exists():
        return None
    province = busiest_province(parent)
    if province is None:
        return None
    today = timezone.localdate(now)
    rng = random.Random(f"{seed}:campaign")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=NAME,
            provinces=[province],
            sections=[Section.HOURS, Section.CLOSURES],
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=20),
            started_at=now - timedelta(days=10),
        )
        place_ids = sorted(places_in_scope(campaign).values_list("pk", flat=True))
        requests = []
        verified: dict[datetime, list[int]] = {}
        for place_id in place_ids:
            draw = rng.random()
            answer = ""
            if draw < ORGANISER_SHARE:
                answer = Answer.ORGANISER
            elif draw < ORGANISER_SHARE + STAFF_SHARE:
                answer = Answer.STAFF
            answered_at = now - timedelta(days=rng.randint(0, 9), hours=rng.randint(0, 8))
            requests.append(
                CampaignRequest(
                    campaign=campaign,
                    place_id=place_id,
                    answer=answer,
                    answered_at=answered_at if answer else None,
                    edited=[Section.CLOSURES] if answer == Answer.ORGANISER and draw < 0.2 else [],
                )
            )
            if answer:
                verified.setdefault(answered_at, []).append(place_id)
        CampaignRequest.objects.bulk_create(requests)
        for moment, ids in verified.items():
            PlacePage.objects.filter(pk__in=ids).update(verified_at=moment)
    return campaign

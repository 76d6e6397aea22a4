"""The page of sessions, read from the database for both engines, in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count, Q

from activities.choices import RegistrationStatus
from activities.models import Occurrence
from activities.search.params import ActivityQuery
from activities.search.results import ActivityHit, PlaceSummary
from core.geo import distance_km, rounded_km


def hits(ids: list[int], query: ActivityQuery) -> list[ActivityHit]:
    occurrences = (
        Occurrence.objects.filter(pk__in=ids)
        .select_related("activity", "place", "place__commune", "closure")
        .prefetch_related("activity__objectives", "activity__languages")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
    )
    by_pk = {occurrence.pk: occurrence for occurrence in occurrences}
    near = query.where.near
    found = []
    for pk in ids:
        occurrence = by_pk.get(pk)
        if occurrence is None:
            # Deleted between the engine's answer and this read: the page is one shorter.
            continue
        activity, place = occurrence.activity, occurrence.place
        latitude, longitude = place.public_location.point
        distance = None
        if near is not None:
            distance = rounded_km(
                distance_km((near.latitude, near.longitude), (latitude, longitude))
            )
        remaining = None
        if activity.capacity:
            remaining = max(0, activity.capacity - occurrence.confirmed)
        found.append(
            ActivityHit(
                id=occurrence.pk,
                start=occurrence.local_start,
                end=occurrence.local_end,
                cancelled=occurrence.is_cancelled,
                cancellation_reason=occurrence.cancellation_reason,
                activity_id=activity.pk,
                title=activity.title,
                url=activity.url,
                calendar_url=occurrence.calendar_url,
                objectives=tuple(sorted(o.slug for o in activity.objectives.all())),
                languages=tuple(sorted(language.code for language in activity.languages.all())),
                age_min_months=activity.age_min_months,
                age_max_months=activity.age_max_months,
                price=activity.price,
                registration_required=activity.registration_required,
                capacity=activity.capacity,
                remaining_places=remaining,
                place=PlaceSummary(
                    id=place.pk,
                    name=place.title,
                    url=place.url,
                    commune=place.commune.name_fr,
                    postcode=place.public_postcode,
                    latitude=latitude,
                    longitude=longitude,
                    approximate=place.public_location.approximate,
                ),
                distance_km=distance,
            )
        )
    return found

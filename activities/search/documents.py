"""The occurrence document and its index: what the cluster knows of a session.

Only what the public may see goes in: a session of a discreet place is indexed at its
commune's point, without street address or postcode.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.html import strip_tags
from elasticsearch.dsl import Boolean, Date, GeoPoint, Index, Integer, Keyword, Mapping, Text

from activities.listing import public_occurrences
from activities.models import Occurrence
from directory.search.cluster.documents import FRENCH

TEXT_FIELDS = ["title^3", "place_name^2", "commune^2", "description", "objective_names"]


def occurrence_mapping() -> Mapping:
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("pk", Integer())
    mapping.field("activity_id", Integer())
    mapping.field("place_id", Integer())
    mapping.field("start", Date())
    # The session's local day, which `from` and `to` are about.
    mapping.field("date", Date(format="yyyy-MM-dd"))
    mapping.field("weekday", Integer())
    mapping.field("title", Text(analyzer=FRENCH))
    mapping.field("description", Text(analyzer=FRENCH))
    mapping.field("place_name", Text(analyzer=FRENCH))
    mapping.field("commune", Text(analyzer=FRENCH))
    mapping.field("objective_names", Text(analyzer=FRENCH))
    mapping.field("location", GeoPoint())
    mapping.field("programmes", Keyword())
    mapping.field("objectives", Keyword())
    mapping.field("languages", Keyword())
    mapping.field("age_min_months", Integer())
    mapping.field("age_max_months", Integer())
    mapping.field("accessible", Boolean())
    mapping.field("cancelled", Boolean())
    return mapping


def index_body(shards: int = 1, replicas: int = 0) -> dict:
    index = Index("unused")
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.mapping(occurrence_mapping())
    return index.to_dict()


def occurrences_to_index() -> QuerySet[Occurrence]:
    """Every session the public can find, with what a document needs in a fixed query count."""
    return (
        public_occurrences()
        .prefetch_related(
            "activity__objectives",
            "activity__languages",
            "place__programmes",
            "place__accessibility",
        )
        .order_by("pk")
    )


def occurrence_document(occurrence: Occurrence) -> dict:
    activity, place = occurrence.activity, occurrence.place
    latitude, longitude = place.public_location.point
    objectives = list(activity.objectives.all())
    return {
        "pk": occurrence.pk,
        "activity_id": activity.pk,
        "place_id": place.pk,
        "start": occurrence.start.isoformat(),
        "date": occurrence.date.isoformat(),
        "weekday": occurrence.date.weekday(),
        "title": activity.title,
        "description": strip_tags(activity.description),
        "place_name": place.title,
        "commune": " ".join(filter(None, [place.commune.name_fr, place.commune.name_nl])),
        "objective_names": " ".join(o.name_fr for o in objectives),
        "location": {"lat": latitude, "lon": longitude},
        "programmes": sorted(p.slug for p in place.programmes.all()),
        "objectives": sorted(o.slug for o in objectives),
        "languages": sorted(language.code for language in activity.languages.all()),
        "age_min_months": activity.age_min_months,
        "age_max_months": activity.age_max_months,
        "accessible": any(feature.step_free for feature in place.accessibility.all()),
        "cancelled": occurrence.is_cancelled,
    }


def index_operations(index: str, occurrences: Iterable[Occurrence]) -> Iterator[dict]:
    for occurrence in occurrences:
        yield {"index": {"_index": index, "_id": str(occurrence.pk)}}
        yield occurrence_document(occurrence)
